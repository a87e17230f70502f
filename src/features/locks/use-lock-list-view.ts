import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { type LockListView, readLockListView, writeLockListView } from './lock-list-view';

export function useLockListView(): [LockListView, (patch: Partial<LockListView>, options?: { replace?: boolean }) => void] {
  const [search, setSearch] = useSearchParams();
  const update = useCallback(
    (patch: Partial<LockListView>, options?: { replace?: boolean }) =>
      setSearch((current) => writeLockListView(current, patch), { replace: options?.replace }),
    [setSearch],
  );
  return [readLockListView(search), update];
}
