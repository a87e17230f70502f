/**
 * The server renderer (built by `vite build --ssr`, loaded by server/gateway/ssr/): renders the
 * first screen of a route with the SPA's own components and data layer, and hands back its HTML
 * and the query cache to send along. Never imported by the browser bundle.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { dehydrate, type QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { prerender } from 'react-dom/static';
import { StaticRouter } from 'react-router';
import type { AppConfig } from '@contract/app-config';
import type { User } from '@contract/auth';
import { appConfigQuery } from '@/api/app-config';
import { withQuery } from '@/api/client';
import { type GrantParams, grantQueries, pageOf, parseGrant } from '@/api/access';
import { type EventFilter, eventQueries, parseEventPage } from '@/api/events';
import { type Lock, lockQueries, parseLock, parseLockPage, parseSummary } from '@/api/locks';
import { parseSchedule, scheduleQueries } from '@/api/schedules';
import { readRows, rowsOf } from '@/api/parse';
import { sessionQueries } from '@/api/session';
import { type FormatIntl, setFormatIntl } from '@/lib/format';
import { EVENTS_PER_PAGE, isBadRange, readEventListView, toEventFilter } from '@/features/activity/event-list-view';
import { readLockListView, toLockFilterParams, toLockListParams } from '@/features/locks/lock-list-view';
import { safeNext } from '@/features/auth/login-page';
import { createQueryClient } from '@/app/query-client';
import type { ViewerIntl } from '@/app/hooks/viewer-intl';
import { AppRoot, type SsrState } from '@/app/root';

export interface RenderInput {
  /** The request's path and query, e.g. `/locks?q=door&page=2`. */
  url: string;
  /** What `/app-config.json` answers. */
  appConfig: AppConfig;
  /** The signed-in user (what `/api/me` answers), or null. */
  user: User | null;
  /**
   * A GET of one of our `/api/...` paths as the browser would get it (the gateway's answer, stripped
   * of secrets), or null when there is no such answer (a failure, or the time budget ran out).
   */
  getJson: (path: string) => Promise<Record<string, unknown> | null>;
  /** The page's "now" in ms. */
  now?: number;
  /**
   * The viewer's locale and time zone (the browser's, from its cookie), and whether the zone is
   * known (else it is a guess: a page whose query depends on it, Activity's From/To, is not rendered).
   */
  intl?: ViewerIntl & { zoneKnown: boolean };
  /** The page's CSP nonce for `<style>` elements (the table's column plan carries it). */
  styleNonce?: string;
}

export interface RenderOutput {
  /** The markup for `<div id="root">`. */
  html: string;
  /** The inert JSON for `<script type="application/json">`, with `<`, `>`, `&`, U+2028/9 escaped. */
  state: string;
}

/**
 * The routes rendered on the server; anything else gets the shell. The sign-in page is rendered
 * for a signed-out request only (a signed-in one goes to its `next`: `signedInNext`); its form keeps
 * what is typed before the app hydrates (login-page.tsx: uncontrolled fields, submit disabled until then).
 */
export type SsrRoute = 'login' | 'locks' | 'lock' | 'activity';
export function ssrRouteOf(pathname: string): SsrRoute | null {
  if (pathname === '/login') return 'login';
  if (pathname === '/locks') return 'locks';
  if (pathname === '/activity') return 'activity';
  // The lock page's route (app-routes.tsx `locks/:lockid`): one segment.
  if (/^\/locks\/[^/]+$/.test(pathname)) return 'lock';
  return null;
}

/** `/locks/<id>` → the lock ID as the router hands it to the page (decoded), or null for a malformed address. */
function lockidOf(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname.slice('/locks/'.length));
  } catch {
    return null;
  }
}

/**
 * Each render's viewer locale and zone, for lib/format's numbers and dates: one server renders many
 * viewers' pages at once, each must be written as its own browser writes it (or hydration fails).
 */
const renderIntl = new AsyncLocalStorage<FormatIntl>();
setFormatIntl(() => renderIntl.getStore() ?? null);

/**
 * Where a signed-in request for the sign-in page goes: its `next`, as the page itself would send it
 * (login-page.tsx `safeNext`: a path of this app only, never another site, never back to sign-in).
 */
export function signedInNext(search: string): string {
  const next = safeNext(new URLSearchParams(search).get('next'));
  // As a Location header: printable ASCII only (a control character would fail the answer, a
  // backslash is a slash to a browser); anything else percent-encoded, never resolved here.
  try {
    return next.replace(/[^\x21-\x5b\x5d-\x7e]/gu, (char) => encodeURIComponent(char));
  } catch {
    return safeNext(null);
  }
}

/** JSON that can sit inside a `<script>` element: no `</script>`, no `<!--`, no line separators. */
export function inertJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function required(body: Record<string, unknown> | null): Record<string, unknown> {
  if (!body) throw new Error('no answer');
  return body;
}

/** The locks page's data, exactly as the page asks for it (lock list and chip counts). */
async function loadLocksPage(queryClient: QueryClient, input: RenderInput, search: string): Promise<boolean> {
  const features = input.appConfig.features;
  const view = readLockListView(new URLSearchParams(search));
  const params = toLockListParams(view, features);
  const list = queryClient
    .fetchQuery({
      ...lockQueries.list(params),
      queryFn: async () => parseLockPage(required(await input.getJson(withQuery('/api/locks', { ...params }))), params),
    })
    .then(
      () => true,
      () => false,
    );
  const summaries = features.lockSummary
    ? [toLockFilterParams(view, features), toLockFilterParams({ q: view.q, status: [], group: view.group }, features)].map((filter) =>
        queryClient
          .fetchQuery({
            ...lockQueries.summary(filter),
            queryFn: async () => parseSummary(required(await input.getJson(withQuery('/api/locks/summary', { ...filter })))),
          })
          .catch(() => null),
      )
    : [];
  const [listOk] = await Promise.all([list, ...summaries]);
  return listOk;
}

/** One query's data through `getJson`, into the cache; false when it did not come (the page then shows its own loading state). */
function load(queryClient: QueryClient, options: { queryKey: readonly unknown[] }, read: () => Promise<unknown>): Promise<boolean> {
  return queryClient.fetchQuery({ queryKey: options.queryKey, queryFn: read }).then(
    () => true,
    () => false,
  );
}

/** The events page a history shows for the URL (event-history.tsx): the same filter, hence the same key. */
function historyFilter(search: string, fleet: boolean, timeZone: string): EventFilter {
  const view = readEventListView(new URLSearchParams(search));
  return toEventFilter(fleet ? view : { ...view, q: '' }, EVENTS_PER_PAGE, timeZone);
}

/** The events page of one lock (`lockid`) or the fleet (null), read as eventQueries.history reads it. */
function loadHistory(queryClient: QueryClient, input: RenderInput, lockid: string | null, filter: EventFilter, limit = filter.limit) {
  const path = lockid === null ? withQuery('/api/events', { ...filter }) : withQuery(`/api/locks/${encodeURIComponent(lockid)}/events`, { ...filter, searchkey: undefined });
  return load(queryClient, eventQueries.history(lockid, filter), async () => parseEventPage(required(await input.getJson(path)), limit, filter.pagenumber));
}

/**
 * The lock page's data, as its components ask for it: the lock (required: without it, e.g. no such
 * lock, the shell goes out and the browser shows what it shows), and beside it, at once, its
 * history page for the URL, its last refused door use and who has access (current and past grants).
 */
async function loadLockPage(queryClient: QueryClient, input: RenderInput, lockid: string, search: string, timeZone: string): Promise<boolean> {
  const features = input.appConfig.features;
  const viaList = !features.lockDetail;
  const lock = load(queryClient, lockQueries.detail(lockid, viaList), async (): Promise<Lock> => {
    if (!viaList) {
      const found = parseLock(required(await input.getJson(`/api/locks/${encodeURIComponent(lockid)}`)).lock);
      if (!found) throw new Error('no usable lock');
      return found;
    }
    // As lockQueries.detail does without the detail endpoint: an exact match in a search.
    const page = parseLockPage(required(await input.getJson(withQuery('/api/locks', { pagenumber: 1, limit: 100, searchkey: lockid }))), { pagenumber: 1, limit: 100 });
    const found = page.locks.find((l) => l.lockid === lockid) ?? page.locks.find((l) => l.lockid.toLowerCase() === lockid.toLowerCase());
    if (!found) throw new Error('no such lock');
    return found;
  });
  const extra: Promise<boolean>[] = [];
  if (features.eventHistory) extra.push(loadHistory(queryClient, input, lockid, historyFilter(search, false, timeZone)));
  if (features.access) {
    // access/last-denied.tsx and access/grant-list.tsx (page 1 of current and of past grants).
    extra.push(loadHistory(queryClient, input, lockid, { pagenumber: 1, limit: 1, type: 'access_denied' }));
    for (const status of ['active,scheduled', 'expired,revoked']) {
      const params: GrantParams = { pagenumber: 1, limit: 25, status, lockid };
      extra.push(
        load(queryClient, grantQueries.list(params), async () => {
          // As grantQueries.list reads an answer (api/access.ts pageOf).
          return pageOf(required(await input.getJson(withQuery('/api/grants', { ...params }))), 'grantslist', params, parseGrant, (g) => g.grantid);
        }),
      );
    }
  }
  if (features.schedules) {
    // schedules/schedule-panel.tsx: every schedule (one page: a site has tens), as scheduleQueries.list reads them.
    const path = withQuery('/api/schedules', { pagenumber: 1, limit: 100 });
    extra.push(load(queryClient, scheduleQueries.list(), async () => readRows(rowsOf(required(await input.getJson(path)), 'scheduleslist'), parseSchedule, (s) => s.scheduleid).items));
  }
  const [lockOk] = await Promise.all([lock, ...extra]);
  return lockOk;
}

/**
 * Activity's data: the fleet's events page for the URL's filters (required). Its From/To are days
 * in the viewer's zone: with the zone only guessed, such a page goes out as the shell.
 */
async function loadActivityPage(queryClient: QueryClient, input: RenderInput, search: string, timeZone: string, zoneKnown: boolean): Promise<boolean> {
  if (!input.appConfig.features.eventHistory) return true;
  const view = readEventListView(new URLSearchParams(search));
  if (isBadRange(view)) return true;
  if ((view.from !== null || view.to !== null) && !zoneKnown) return false;
  return loadHistory(queryClient, input, null, historyFilter(search, true, timeZone));
}

/** The page, or null when it cannot be rendered with its data (the gateway then sends the shell). */
export async function render(input: RenderInput): Promise<RenderOutput | null> {
  const url = new URL(input.url, 'http://lockboard.invalid');
  const route = ssrRouteOf(url.pathname);
  if (!route) return null;
  // The sign-in page is for a signed-out request; every other page for a signed-in one.
  if ((route === 'login') !== !input.user) return null;

  const queryClient = createQueryClient();
  queryClient.setQueryData(appConfigQuery.queryKey, input.appConfig);
  // Who is signed in (nobody, on the sign-in page): the browser then asks nothing before the form works.
  queryClient.setQueryData(sessionQueries.me().queryKey, { user: input.user });
  const intl: ViewerIntl = { timeZone: input.intl?.timeZone ?? 'UTC', locale: input.intl?.locale ?? 'en-US' };
  let loaded: boolean;
  if (route === 'login') {
    // No data but the settings (the demo accounts' box) and the session, set above.
    loaded = true;
  } else if (route === 'locks') {
    loaded = await loadLocksPage(queryClient, input, url.search);
  } else if (route === 'lock') {
    const lockid = lockidOf(url.pathname);
    loaded = lockid !== null && (await loadLockPage(queryClient, input, lockid, url.search, intl.timeZone));
  } else {
    loaded = await loadActivityPage(queryClient, input, url.search, intl.timeZone, input.intl?.zoneKnown ?? false);
  }
  if (!loaded) return null;
  // A query that failed or ran out of time is left out: the page renders its loading state there,
  // as the browser does before it fetches (and it does fetch), so hydration matches.
  queryClient.removeQueries({ predicate: (query) => query.state.status !== 'success' });

  const now = input.now ?? Date.now();
  const state: SsrState = { now, queries: dehydrate(queryClient), intl };
  const router = (app: ReactNode) => <StaticRouter location={`${url.pathname}${url.search}`}>{app}</StaticRouter>;
  let html: string;
  try {
    // The whole page in place: without `progressiveChunkSize`, React moves a large Suspense
    // boundary's content (a lazy route's page) after the shell and swaps it in with an inline
    // script, which the CSP forbids and the page does not need (it is all here at once).
    const { prelude } = await renderIntl.run(intl, () =>
      prerender(<AppRoot queryClient={queryClient} pageNow={{ now }} router={router} intl={intl} styleNonce={input.styleNonce} />, {
        progressiveChunkSize: Number.POSITIVE_INFINITY,
      }),
    );
    html = await new Response(prelude).text();
  } finally {
    queryClient.clear();
  }
  return { html, state: inertJson(state) };
}
