import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useMemo } from 'react';
import { StyleNonceContext } from '@/lib/style-nonce';
import { useHydrated } from '@/lib/use-hydrated';
import { PageNowProvider } from '@/lib/use-now';
import { AppRoutes } from './app-routes';
import { ErrorBoundary } from './error-boundary';

/**
 * The viewer's locale and time zone, in which exact times ("14 Mar 2026, 09:30:00") and local days
 * (Activity's From/To) are read. The server renders with the browser's (from a cookie the app sets,
 * start.tsx) and sends them with the page; hydration reads the same, so the markup matches; then
 * the browser's own take over (a re-render only if they differ, e.g. a stale cookie).
 */
export interface ViewerIntl {
  timeZone: string;
  locale: string;
}

export function browserIntl(): ViewerIntl {
  const { timeZone, locale } = Intl.DateTimeFormat().resolvedOptions();
  return { timeZone, locale };
}

const ViewerIntlContext = createContext<ViewerIntl | null>(null);

/**
 * The page's locale and zone while it hydrates (and on the server); the browser's own from then on,
 * a different value only when they differ (then the times re-render; else nothing does: the same
 * value, and `children` is the same element).
 */
function ViewerIntlProvider({ rendered, children }: { rendered: ViewerIntl | null; children: ReactNode }) {
  const hydrated = useHydrated();
  const own = useMemo(() => browserIntl(), []);
  const differs = rendered !== null && (rendered.timeZone !== own.timeZone || rendered.locale !== own.locale);
  const value = rendered && !(hydrated && differs) ? rendered : own;
  return <ViewerIntlContext.Provider value={value}>{children}</ViewerIntlContext.Provider>;
}

const PageHydrated = createContext<(() => void) | null>(null);

/**
 * For a lazy route's module: once its content has hydrated (React hydrates a Suspense boundary
 * after the rest of the page, at a lower priority), later mounts read the real clock. The page's
 * own "now" must last until then, or a "Updated 0 s ago" would hydrate as "1 s ago". `ready`: a page
 * that renders once more after hydrating before it answers input (the sign-in form) says so then.
 */
export function usePageHydrated(ready = true) {
  const hydrated = useContext(PageHydrated);
  useEffect(() => {
    if (ready) hydrated?.();
  }, [hydrated, ready]);
}

/** For the route modules, which hand it to the pages (features never import app/). */
export function useViewerIntl(): ViewerIntl {
  return useContext(ViewerIntlContext) ?? browserIntl();
}

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
          <PageHydrated.Provider value={onPageHydrated}>
            <ViewerIntlProvider rendered={intl}>
              <StyleNonceContext.Provider value={styleNonce}>{router(<AppRoutes />)}</StyleNonceContext.Provider>
            </ViewerIntlProvider>
          </PageHydrated.Provider>
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
