import { useCallback, useRef } from 'react';
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
  // The query as last written: two changes before the next render (From, then To) build on each
  // other, where the router's own updater would hand both the query of the last render.
  const written = useRef<{ base: URLSearchParams; query: URLSearchParams } | null>(null);
  const update = useCallback(
    (patch: Partial<View>, options?: { replace?: boolean }) => {
      const base = written.current?.base === search ? written.current.query : search;
      const next = write(new URLSearchParams(base), patch);
      written.current = { base: search, query: next };
      setSearch(next, { replace: options?.replace });
    },
    [search, setSearch, write],
  );
  return [read(search), update];
}
