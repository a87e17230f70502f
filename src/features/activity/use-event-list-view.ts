import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { type EventListView, readEventListView, writeEventListView } from './event-list-view';

export function useEventListView(): [EventListView, (patch: Partial<EventListView>, options?: { replace?: boolean }) => void] {
  const [search, setSearch] = useSearchParams();
  const update = useCallback(
    (patch: Partial<EventListView>, options?: { replace?: boolean }) =>
      setSearch((current) => writeEventListView(current, patch), { replace: options?.replace }),
    [setSearch],
  );
  return [readEventListView(search), update];
}
