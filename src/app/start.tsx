import { hydrate } from '@tanstack/react-query';
import { StrictMode, type ReactNode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { setFormatIntl } from '@/lib/format';
import { startClockAt } from '@/lib/use-now';
import { FIRST_RENDER_WAIT_MS, startBootRequests } from './boot';
import { readSsrState, rememberIntl } from './boot-ssr';
import { createQueryClient, refetchWhenReconnected } from './query-client';
import { isLazyRoute, preloadRoute } from './app-routes';
import { browserIntl } from './hooks/viewer-intl';
import { AppRoot } from './root';

/** The app itself, loaded by main.tsx once the first screen's requests are on their way. */

const queryClient = createQueryClient();
refetchWhenReconnected(queryClient);
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
const router = (app: ReactNode) => <BrowserRouter>{app}</BrowserRouter>;

/**
 * Says on `<html data-ready>` that what is on screen answers input: a server-rendered page once it
 * has hydrated (a click before that is lost), a client-rendered one once it has rendered. The e2e
 * tests wait for it after every navigation (e2e/fixtures.ts).
 */
function markReady() {
  document.documentElement.dataset.ready = '';
}

rememberIntl(browserIntl());
const ssr = readSsrState();
if (ssr) {
  // The server rendered this page with its data: take the data over and hydrate the markup
  // (no request, no second render of the rows). Hydration reads the server's "now", so that every
  // "… ago" reads as the server wrote it.
  hydrate(queryClient, ssr.queries);
  // Numbers and dates as the server wrote them (its viewer's locale and zone: this browser's, from its cookie).
  const renderedIntl = ssr.intl;
  if (renderedIntl) setFormatIntl(() => renderedIntl);
  const pageNow = { now: ssr.now as number | null };
  startClockAt(ssr.now);
  const hasLazyContent = isLazyRoute(window.location.pathname);
  const hydratePage = () => {
    hydrateRoot(
      root,
      <StrictMode>
        <AppRoot queryClient={queryClient} pageNow={pageNow} router={router} intl={ssr.intl} onPageHydrated={() => {
          pageNow.now = null;
          markReady();
        }} />
      </StrictMode>,
    );
    // Hydration is done once the browser paints; later mounts read the real clock. A lazy route
    // hydrates later than that (its Suspense boundary): it ends the page's "now" itself (hooks/page-hydrated.tsx usePageHydrated).
    if (!hasLazyContent) {
      requestAnimationFrame(() =>
        setTimeout(() => {
          pageNow.now = null;
          markReady();
        }),
      );
    }
  };
  // Hydrate at once, and load a lazy route's chunk (lock detail, Activity) beside it: until it
  // arrives the route's Suspense boundary stays as the server wrote it (on screen, no flash), and a
  // click on it is not lost: React holds it and replays it once the boundary has hydrated. (Waiting
  // for the chunk before hydrateRoot lost those clicks: e2e lock-detail and activity-live caught it.)
  void preloadRoute(window.location.pathname).catch(() => undefined);
  hydratePage();
} else {
  // The boot requests usually answered while this bundle loaded: render once, with the data.
  await Promise.race([
    startBootRequests(queryClient, window.location),
    new Promise((resolve) => setTimeout(resolve, FIRST_RENDER_WAIT_MS)),
  ]);
  createRoot(root).render(
    <StrictMode>
      <AppRoot queryClient={queryClient} pageNow={{ now: null }} router={router} />
    </StrictMode>,
  );
  requestAnimationFrame(markReady);
}
