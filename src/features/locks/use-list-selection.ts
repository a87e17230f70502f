import { useCallback, useState } from 'react';
import type { Features } from '@contract/app-config';
import type { Lock, LockPage } from '@/api/locks';
import { type LockListView, toLockFilterParams } from './lock-list-view';
import type { LocksTableProps } from './locks-table';
import { matchKey, pageState, toggleLock, togglePage } from './selection';
import { useLockSelection } from './use-lock-selection';

/**
 * The list's selection (managers with commands): kept across pages, cleared when another set of
 * locks matches; what the selection banner above the table and the table's checkboxes need.
 */
export function useListSelection(view: LockListView, features: Features | undefined, page: LockPage | undefined, settled: boolean) {
  const filterParams = toLockFilterParams(view, features);
  const { selection, notice, update, selectAllMatching, cancelMatching, matching, matchError } = useLockSelection(matchKey(view));
  // The bulk bar is mounted from the first selection on, and kept (its results and live region outlive the selection).
  const [bulkLoaded, setBulkLoaded] = useState(false);
  if (selection.size > 0 && !bulkLoaded) setBulkLoaded(true);
  const onSelect = useCallback((lock: Lock, on: boolean) => update((current) => toggleLock(current, lock, on)), [update]);
  const pageLocks = settled && page ? page.locks : [];
  const onPage = pageState(selection, pageLocks);
  const totalCount = settled && page ? page.totalCount : null;
  const clear = () => update(() => new Map());

  const banner = {
    pageCount: pageLocks.length,
    page: onPage,
    selected: selection.size,
    total: totalCount,
    matching,
    error: matchError,
    notice,
    onSelectMatching: () => selectAllMatching(filterParams, totalCount),
    onCancel: cancelMatching,
    onClear: clear,
  };
  const table: NonNullable<LocksTableProps['selection']> = {
    has: (lockid) => selection.has(lockid),
    onSelect,
    page: onPage,
    onSelectPage: (on) => update((current) => togglePage(current, pageLocks, on)),
  };
  return { selection, update, clear, bulkLoaded, banner, table };
}
