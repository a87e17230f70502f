import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { PageNowProvider } from '@/lib/use-now';
import { AppRoutes } from './app-routes';
import { ErrorBoundary } from './error-boundary';

/**
 * The app's tree below the router, the same in the browser (start.tsx) and on the server
 * (entry-server.tsx), so that a server-rendered page hydrates without a difference.
 */
export function AppRoot({ queryClient, pageNow, router }: { queryClient: QueryClient; pageNow: { now: number | null }; router: (app: ReactNode) => ReactNode }) {
  return (
    <ErrorBoundary>
      <QueryClientProvider client={queryClient}>
        <PageNowProvider value={pageNow}>{router(<AppRoutes />)}</PageNowProvider>
      </QueryClientProvider>
    </ErrorBoundary>
  );
}

/** The id of the inert JSON (`<script type="application/json">`) that carries a server-rendered page's data. */
export const SSR_STATE_ID = 'lockboard-ssr';

/** What that JSON holds: the page's "now" (ms) and TanStack Query's dehydrated cache. */
export interface SsrState {
  now: number;
  queries: unknown;
}
