import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { type ReactNode, useEffect } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';

/** Where the router is, for assertions on URL state. */
export const location = { current: '' };

function LocationProbe() {
  const here = useLocation();
  useEffect(() => {
    location.current = `${here.pathname}${here.search}`;
  }, [here]);
  return null;
}

/** Renders `ui` at `path` with a fresh QueryClient (no retries, unless `client` is given) and a memory router. */
export function renderAt(ui: ReactNode, { url = '/', path = '*', client }: { url?: string; path?: string; client?: QueryClient } = {}) {
  const queryClient = client ?? new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const result = render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter initialEntries={[url]}>
        <LocationProbe />
        <Routes>
          <Route path={path} element={ui} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return { ...result, queryClient };
}
