import type { FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AppConfig } from '../../../contract/app-config';
import type { User } from '../../../contract/auth';
import { type RenderedPage, renderedPageRead, upstreamPath, upstreamQuery } from '../route-table';
import { stripSecrets } from '../strip-secrets';
import type { RequestCount } from '../access';
import { type Upstream, isSuccess } from '../upstream';

/**
 * The server renderer built from the SPA (`vite build --ssr src/entry-server.tsx`, into
 * dist/server/): its shape, as src/entry-server.tsx exports it. Typed here so that the gateway
 * (run by tsx) never imports the SPA's sources.
 */
export interface ServerRenderer {
  /** The page it renders at `pathname` (route-table.ts RENDERED_PAGES), or null. */
  ssrRouteOf(pathname: string): RenderedPage | null;
  /** Where a signed-in request for the sign-in page goes (its `next`, made safe as the page makes it). */
  signedInNext(search: string): string;
  render(input: {
    url: string;
    appConfig: AppConfig;
    user: User | null;
    getJson: (path: string) => Promise<Record<string, unknown> | null>;
    now?: number;
    intl?: ViewerIntl;
    styleNonce?: string;
  }): Promise<{ html: string; state: string } | null>;
}

/** The renderer of a built SPA folder, or null when it was built without one. */
export async function loadServerRenderer(spaRoot: string): Promise<ServerRenderer | null> {
  const file = join(spaRoot, 'server', 'entry-server.js');
  if (!existsSync(file)) return null;
  return (await import(pathToFileURL(file).href)) as ServerRenderer;
}

/** The id of the inert JSON element (src/app/root.tsx SSR_STATE_ID). */
const STATE_ID = 'lockboard-ssr';

/** How long the first screen's data may take upstream before the shell goes out instead. */
export const SSR_BUDGET_MS = 300;

/**
 * A GET through the gateway's own upstream client with the session's token, answered as the
 * browser would get it through the proxy: only a success, stripped of every secret, and only a read
 * the route table lists for the page (RENDERED_PAGES), rebuilt as the proxy rebuilds it. Each read is
 * one request of the session's limit, as if the browser had made it, and an answer saying the
 * token is no longer good ends the session, as the proxy does (`access`: the proxy's own
 * functions). Anything else (over the limit, a refusal, a failure, the time budget spent) is null:
 * the browser then asks for itself.
 */
export function upstreamReader(
  page: RenderedPage,
  upstream: Upstream,
  request: FastifyRequest,
  token: string,
  deadline: number,
  access: Pick<SsrContext, 'countRead' | 'onSignedOut'> = {},
) {
  let signedOut = false;
  return async (path: string): Promise<Record<string, unknown> | null> => {
    if (signedOut) return null;
    const url = new URL(path, 'http://gateway.invalid');
    const readable = renderedPageRead(page, url.pathname);
    if (!readable) return null;
    const rebuilt = upstreamPath(readable.route, readable.params);
    const query = upstreamQuery(readable.route, Object.fromEntries(url.searchParams));
    if (!rebuilt.ok || !query.ok) return null;
    if (deadline - Date.now() <= 0) return null;
    if (access.countRead && !(await access.countRead(request)).allowed) return null;
    const timeoutMs = deadline - Date.now();
    if (timeoutMs <= 0) return null;
    try {
      const answer = await upstream.request(`${rebuilt.path}${query.query}`, { token, timeoutMs, clientIp: request.ip });
      if (answer.signedOut) {
        signedOut = true;
        access.onSignedOut?.(request);
        return null;
      }
      if (answer.status !== 200 || !isSuccess(answer.body)) return null;
      return stripSecrets(answer.body) as Record<string, unknown>;
    } catch {
      return null;
    }
  };
}

/** The viewer's locale and time zone, as the SPA reports them (src/app/root.tsx ViewerIntl). */
export interface ViewerIntl {
  timeZone: string;
  locale: string;
  /** The zone came from the browser (its cookie); else it is a guess (UTC). */
  zoneKnown: boolean;
}

/** The cookie the SPA writes (src/app/boot-ssr.ts rememberIntl): "<locale> <zone>", URI-encoded. */
const INTL_COOKIE = 'lockboard_intl';

function validZone(zone: string): boolean {
  if (zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A supported locale for a BCP 47 tag, canonical as the browser resolves it, or null. */
function validLocale(tag: string): string | null {
  if (tag.length > 64) return null;
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([tag]).length > 0 ? new Intl.DateTimeFormat(tag).resolvedOptions().locale : null;
  } catch {
    return null;
  }
}

/**
 * The locale and zone to render times in: the browser's own from its cookie; without it, the
 * first language the browser accepts and UTC (the page then re-renders those times after hydration).
 */
export function viewerIntl(headers: { cookie?: string; 'accept-language'?: string }): ViewerIntl {
  const cookie = (headers.cookie ?? '')
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${INTL_COOKIE}=`));
  if (cookie) {
    let value = '';
    try {
      value = decodeURIComponent(cookie.slice(INTL_COOKIE.length + 1));
    } catch {
      // ignored: as if there were none
    }
    const [tag = '', zone = '', ...rest] = value.split(' ');
    const locale = validLocale(tag);
    if (locale && rest.length === 0 && validZone(zone)) return { locale, timeZone: zone, zoneKnown: true };
  }
  const first = (headers['accept-language'] ?? '').split(',')[0]?.split(';')[0]?.trim() ?? '';
  return { locale: (first && first !== '*' && validLocale(first)) || 'en-US', timeZone: 'UTC', zoneKnown: false };
}

export interface SsrContext {
  renderer: ServerRenderer;
  upstream: Upstream;
  /** What `/app-config.json` answers this request. */
  appConfig: (request: FastifyRequest) => Promise<AppConfig>;
  session: (request: FastifyRequest) => { token: string; user: User } | null;
  /** Counts one platform read against the session's request limit (access.ts, the same limit as /api). */
  countRead?: (request: FastifyRequest) => Promise<RequestCount>;
  /** Ends the session whose token the platform refused (proxy/end-rejected-session.ts, as for a proxied request). */
  onSignedOut?: (request: FastifyRequest) => void;
  /** How long a render may wait for its data (SSR_BUDGET_MS unless a test on a busy machine wants more). */
  budgetMs?: number;
}

const ROOT_ELEMENT = '<div id="root"></div>';

/** The root with the rendered markup in it and the data after it, as inert JSON. */
function filledRoot(html: string, state: string): string {
  return `<div id="root">${html}</div><script type="application/json" id="${STATE_ID}">${state}</script>`;
}

/** What a GET for a page gets, decided at once from its address and session (before any data is read). */
export type RenderPlan =
  | { kind: 'redirect'; location: string }
  | { kind: 'shell' }
  /** A server-rendered page: `render` reads its data (within SSR_BUDGET_MS) and renders it, or gives null (the shell then). */
  | { kind: 'render'; render: (page?: { styleNonce?: string }) => Promise<RenderOutput | null> };

type RenderOutput = { html: string; state: string };

/**
 * The first screen of a GET for HTML (the locks page, a lock's page, Activity; the sign-in page).
 * Without a session a page redirects to the sign-in page (as the SPA does), which is rendered for a
 * signed-out request and sends a signed-in one on to its `next` (as the page does).
 */
export function planRender(context: SsrContext, request: FastifyRequest): RenderPlan {
  const url = new URL(request.url, 'http://gateway.invalid');
  const session = context.session(request);
  if (url.pathname === '/') {
    // As the SPA does: the index is the locks page, behind sign-in.
    return { kind: 'redirect', location: session ? '/locks' : `/login?${new URLSearchParams({ next: `/${url.search}` })}` };
  }
  const route = context.renderer.ssrRouteOf(url.pathname);
  if (!route) return { kind: 'shell' };
  if (route === 'login' && session) return { kind: 'redirect', location: context.renderer.signedInNext(url.search) };
  if (!session && route !== 'login') return { kind: 'redirect', location: `/login?${new URLSearchParams({ next: `${url.pathname}${url.search}` })}` };
  return {
    kind: 'render',
    render: async ({ styleNonce }: { styleNonce?: string } = {}) => {
      const deadline = Date.now() + (context.budgetMs ?? SSR_BUDGET_MS);
      // The data has SSR_BUDGET_MS in all (each upstream read stops at the deadline); rendering follows.
      const appConfig = await withinDeadline(context.appConfig(request), deadline);
      if (!appConfig) return null;
      // The sign-in page reads nothing upstream (it has no token to read with).
      const getJson = session ? upstreamReader(route, context.upstream, request, session.token, deadline, context) : async () => null;
      return context.renderer
        .render({ url: `${url.pathname}${url.search}`, appConfig, user: session?.user ?? null, getJson, intl: viewerIntl(request.headers), styleNonce })
        .catch((error: unknown) => {
          request.log.warn({ err: error }, 'server render failed; the shell goes out');
          return null;
        });
    },
  };
}

/**
 * The page as it is written: the shell's head at once, so that the browser opens the page (for a
 * first visit, in a process of its own: Cross-Origin-Opener-Policy), parses its CSS and fetches its
 * scripts while the server reads and renders; then the rendered root with its data, or, without a
 * render, the shell's empty root (the browser then fetches and renders); then the rest.
 */
export async function* streamedPage(shell: string, render: () => Promise<RenderOutput | null>): AsyncGenerator<string> {
  const at = shell.indexOf(ROOT_ELEMENT);
  if (at < 0) {
    yield shell;
    return;
  }
  yield shell.slice(0, at);
  // The head on its way to the socket before the render starts: rendering holds the event loop (and
  // with the embedded platform, so does reading the data).
  await new Promise((resolve) => setImmediate(resolve));
  const rendered = await render();
  yield rendered ? filledRoot(rendered.html, rendered.state) : ROOT_ELEMENT;
  yield shell.slice(at + ROOT_ELEMENT.length);
}

/** The value, or null once `deadline` (epoch ms) has passed without it. */
async function withinDeadline<T>(promise: Promise<T>, deadline: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([promise.catch(() => null), late]);
  } finally {
    clearTimeout(timer);
  }
}
