import { useCallback, useEffect, useRef, useState } from 'react';
import { fetchMatchingLocks } from '@/api/bulk-commands';
import { ApiError } from '@/api/client';
import type { LockSummaryParams } from '@/api/locks';
import { EMPTY_SELECTION, type Selection, addMatching } from './selection';

export const CLEARED_NOTICE = 'Selection cleared: the search or filters changed.';

/**
 * The list's selection, kept across pages and cleared (with a notice) when the search, the chips or
 * the group change (`key`, see matchKey). "Select all N matching" fetches every matching lock's id
 * and name, page by page, reporting how many it has found.
 */
export function useLockSelection(key: string) {
  const [state, setState] = useState<{ key: string; selection: Selection; notice: string }>({ key, selection: EMPTY_SELECTION, notice: '' });
  const [matching, setMatching] = useState<{ found: number; total: number | null } | null>(null);
  const [matchError, setMatchError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  // A new search or filter: another set of locks matches, so the selection (made for the old one) goes.
  if (state.key !== key) {
    setState({ key, selection: EMPTY_SELECTION, notice: state.selection.size > 0 ? CLEARED_NOTICE : '' });
    setMatchError(null);
  }
  useEffect(() => {
    return () => {
      abort.current?.abort();
      abort.current = null;
      setMatching(null);
    };
  }, [key]);

  const update = useCallback((change: (selection: Selection) => Selection) => {
    setState((current) => ({ ...current, selection: change(current.selection), notice: '' }));
  }, []);

  const selectAllMatching = useCallback(
    (filter: LockSummaryParams, total: number | null) => {
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      setMatchError(null);
      setMatching({ found: 0, total });
      fetchMatchingLocks(filter, { signal: controller.signal, onPage: (found, all) => setMatching({ found, total: all }) })
        .then((found) => {
          if (!controller.signal.aborted) update((selection) => addMatching(selection, found));
        })
        .catch((error: unknown) => {
          if (!controller.signal.aborted) setMatchError(error instanceof ApiError ? error.message : 'The matching locks could not be loaded.');
        })
        .finally(() => {
          if (abort.current === controller) {
            abort.current = null;
            setMatching(null);
          }
        });
    },
    [update],
  );

  const cancelMatching = useCallback(() => {
    abort.current?.abort();
    abort.current = null;
    setMatching(null);
  }, []);

  return { selection: state.selection, notice: state.notice, update, selectAllMatching, cancelMatching, matching, matchError };
}
