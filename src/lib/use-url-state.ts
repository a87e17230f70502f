import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * A view kept in the URL's query string: `read` turns the query into the view (leniently), `write`
 * applies a change to the query. Returns the view and a function that changes it.
 */
export function useUrlState<View>(
  read: (search: URLSearchParams) => View,
  write: (current: URLSearchParams, patch: Partial<View>) => URLSearchParams,
): [View, (patch: Partial<View>, options?: { replace?: boolean }) => void] {
  const [search, setSearch] = useSearchParams();
  const update = useCallback(
    (patch: Partial<View>, options?: { replace?: boolean }) => setSearch((current) => write(current, patch), { replace: options?.replace }),
    [setSearch, write],
  );
  return [read(search), update];
}
