/**
 * The server renderer (built by `vite build --ssr`, loaded by server/gateway/ssr/): renders the
 * first screen of a route with the SPA's own components and data layer, and hands back its HTML
 * and the query cache to send along. Never imported by the browser bundle.
 */
import { dehydrate, type QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { prerender } from 'react-dom/static';
import { StaticRouter } from 'react-router';
import type { AppConfig } from '@contract/app-config';
import type { User } from '@contract/auth';
import { appConfigQuery } from '@/api/app-config';
import { withQuery } from '@/api/client';
import { lockQueries, parseLockPage, parseSummary } from '@/api/locks';
import { sessionQueries } from '@/api/session';
import { readLockListView, toLockFilterParams, toLockListParams } from '@/features/locks/lock-list-view';
import { createQueryClient } from '@/app/query-client';
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
}

export interface RenderOutput {
  /** The markup for `<div id="root">`. */
  html: string;
  /** The inert JSON for `<script type="application/json">`, with `<`, `>`, `&`, U+2028/9 escaped. */
  state: string;
}

/**
 * The routes rendered on the server; anything else gets the shell. Not the sign-in page: a form
 * that shows before the app has hydrated takes typing that hydration then drops (the e2e sign-in
 * spec caught it), and it has no data to wait for anyway.
 */
export function ssrRouteOf(pathname: string): 'locks' | null {
  if (pathname === '/locks') return 'locks';
  return null;
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

/** The page, or null when it cannot be rendered with its data (the gateway then sends the shell). */
export async function render(input: RenderInput): Promise<RenderOutput | null> {
  const url = new URL(input.url, 'http://lockboard.invalid');
  const route = ssrRouteOf(url.pathname);
  if (!route) return null;
  if (!input.user) return null;

  const queryClient = createQueryClient();
  queryClient.setQueryData(appConfigQuery.queryKey, input.appConfig);
  queryClient.setQueryData(sessionQueries.me().queryKey, { user: input.user });
  if (!(await loadLocksPage(queryClient, input, url.search))) return null;

  const now = input.now ?? Date.now();
  const state: SsrState = { now, queries: dehydrate(queryClient) };
  const router = (app: ReactNode) => <StaticRouter location={`${url.pathname}${url.search}`}>{app}</StaticRouter>;
  let html: string;
  try {
    const { prelude } = await prerender(<AppRoot queryClient={queryClient} pageNow={{ now }} router={router} />);
    html = await new Response(prelude).text();
  } finally {
    queryClient.clear();
  }
  return { html, state: inertJson(state) };
}
