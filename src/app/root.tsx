import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { StyleNonceContext } from '@/lib/style-nonce';
import { PageNowProvider } from '@/lib/use-now';
import { AppRoutes } from './app-routes';
import { ErrorBoundary } from './error-boundary';
import { PageHydratedProvider } from './hooks/page-hydrated';
import { type ViewerIntl, ViewerIntlProvider } from './hooks/viewer-intl';

/**
 * The app's tree below the router, the same in the browser (start.tsx) and on the server
 * (entry-server.tsx), so that a server-rendered page hydrates without a difference. `intl`: the
 * viewer's locale and zone the page was rendered in (the browser's own when rendered here).
 */
export function AppRoot({
  queryClient,
  pageNow,
  router,
  intl = null,
  onPageHydrated = null,
  styleNonce,
}: {
  queryClient: QueryClient;
  pageNow: { now: number | null };
  router: (app: ReactNode) => ReactNode;
  intl?: ViewerIntl | null;
  /** A server-rendered lazy route calls this once its content has hydrated (usePageHydrated). */
  onPageHydrated?: (() => void) | null;
  /** The page's CSP nonce for `<style>` (the server's render is given it; the browser reads it from the page: lib/style-nonce.ts). */
  styleNonce?: string;
}) {
  return (
    <ErrorBoundary>
      <QueryClientProvider client={queryClient}>
        <PageNowProvider value={pageNow}>
          <PageHydratedProvider onPageHydrated={onPageHydrated}>
            <ViewerIntlProvider rendered={intl}>
              <StyleNonceContext.Provider value={styleNonce}>{router(<AppRoutes />)}</StyleNonceContext.Provider>
            </ViewerIntlProvider>
          </PageHydratedProvider>
        </PageNowProvider>
      </QueryClientProvider>
    </ErrorBoundary>
  );
}

/** The id of the inert JSON (`<script type="application/json">`) that carries a server-rendered page's data. */
export const SSR_STATE_ID = 'lockboard-ssr';

/** What that JSON holds: the page's "now" (ms), TanStack Query's dehydrated cache, the locale and zone it was rendered in. */
export interface SsrState {
  now: number;
  queries: unknown;
  intl?: ViewerIntl;
}
