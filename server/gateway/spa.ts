import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { constants as zlibConstants, createBrotliCompress, createGzip } from 'node:zlib';
import { errorBody } from '../../contract/envelope';
import { isPagePath } from '../../contract/page-paths';
import { BROTLI_OPTIONS, acceptedEncoding } from './proxy';
import { withStyleNonce } from './security-headers';
import { type SsrContext, loadServerRenderer, planRender, streamedPage } from './ssr/render';

/**
 * The built SPA: hashed assets cached for a year, everything else revalidated; a GET of any page
 * of the app (contract/page-paths) gets the page, rendered or as the shell (history fallback), so
 * deep links and reloads work, whatever it accepts; any other address outside /api gets the shell
 * with a 404, where the app says the page does not exist.
 */
export async function spaPlugin(app: FastifyInstance, options: { root: string | null; ssr?: Omit<SsrContext, 'renderer'> }) {
  const root = options.root && existsSync(join(options.root, 'index.html')) ? options.root : null;
  // The server renderer built beside the SPA (dist/server/), when there is one: the locks page, a
  // lock's page and Activity then arrive rendered, with their data, and so does the sign-in page (ssr/render.ts).
  const renderer = root && options.ssr ? await loadServerRenderer(root) : null;
  const ssr: SsrContext | null = renderer && options.ssr ? { ...options.ssr, renderer } : null;
  // The shell, read once, in two forms. A first visit gets the build's critical CSS in its head and the
  // full sheet loading without blocking the first paint. A browser that has fetched this build's sheet
  // (the cookie below says so) has it cached: it gets the shell as built, whose link costs it nothing,
  // rather than 9 KB of inline CSS to parse and a second style pass when the full sheet is switched on.
  const built = root ? await readFile(join(root, 'index.html'), 'utf8') : '';
  const firstVisitShell = root ? withCriticalCss(built, await readCriticalCss(root)) : '';
  const sheetKey = firstVisitShell !== built ? stylesheetKey(built) : null;
  const shells = { built, firstVisit: firstVisitShell };
  const renderedShells = { built: withAppFetchedNotCompiled(built), firstVisit: withAppFetchedNotCompiled(firstVisitShell) };
  const shellFor = (request: FastifyRequest, rendered = false) => {
    const set = rendered ? renderedShells : shells;
    return sheetKey && hasSheetCookie(request, sheetKey) ? set.built : set.firstVisit;
  };
  if (root) {
    await app.register(fastifyStatic, {
      root,
      wildcard: true,
      // Every page goes through the handler below (its render or redirect, its CSS, its style nonce):
      // never index.html as a file, for `/` or by name. The server renderer is the gateway's code, not the browser's.
      allowedPath: (pathName) => pathName !== '/' && !pathName.startsWith('/index.html') && !pathName.startsWith('/server/') && pathName !== '/server',
      // The build writes .br and .gz beside each asset (vite.config.ts): nothing is compressed per request.
      preCompressed: true,
      setHeaders: (reply, path) => {
        reply.header(
          'cache-control',
          path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
        // This browser now has the build's stylesheet (cached for a year): its next pages need no inline CSS.
        if (sheetKey && path.includes('/assets/') && basename(path).startsWith(`${sheetKey}.`)) {
          reply.header('set-cookie', `${SHEET_COOKIE}=${sheetKey}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax`);
        }
      },
    });
  }

  app.setNotFoundHandler(async (request, reply) => {
    const pathname = request.url.split('?')[0] ?? '/';
    // A refused, non-canonical address (access.ts) gets the app's not-found page with a 400.
    const refused = request.raw.refusedTarget !== undefined;
    // Only a GET (or HEAD) asks for a page; nothing under /api is one.
    if (pathname === '/api' || pathname.startsWith('/api/') || (request.method !== 'GET' && request.method !== 'HEAD')) {
      return reply.code(404).send(errorBody(`Not found: ${request.method} ${pathname}`));
    }
    // Whatever the client accepts (a browser, curl's */*, a load balancer's probe, a link preview):
    // a page of the app is the page or a redirect to sign-in; any other address the not-found page.
    const isPage = !refused && (isPagePath(pathname) || pathname === '/index.html');
    if (!root) {
      return reply.code(isPage ? 503 : 404).type('text/plain; charset=utf-8').send(isPage ? 'The Lockboard web app is not built yet: run `npm run build`.' : 'Not found');
    }
    reply.header('cache-control', 'no-cache');
    const page = pageNonce(reply);
    if (ssr && isPage) {
      const plan = planRender(ssr, request);
      // A HEAD is answered as its GET would be (the same redirect), without rendering.
      if (plan.kind === 'redirect') return reply.redirect(plan.location, 302);
      if (plan.kind === 'render' && request.method === 'GET') {
        // The head goes out at once, the rendered page when it is (ssr/render.ts streamedPage).
        // Rendered for this session: never kept by a shared cache.
        reply.header('cache-control', 'private, no-store').code(200).type('text/html; charset=utf-8');
        const parts = streamedPage(page.apply(shellFor(request, true)), () => plan.render({ styleNonce: page.nonce }));
        const encoding = acceptedEncoding(request);
        if (!encoding) return reply.send(Readable.from(parts));
        return reply.header('content-encoding', encoding).header('vary', 'accept-encoding').send(compressedParts(parts, encoding));
      }
    }
    // Sent from memory rather than with reply.sendFile: a refused target reaches this handler from
    // the access check's context, where @fastify/static's decorator does not exist (it was a 500).
    return reply.code(refused ? 400 : isPage ? 200 : 404).type('text/html; charset=utf-8').send(page.apply(shellFor(request)));
  });
}

/**
 * The parts of a page compressed as one body, each flushed as it comes (@fastify/compress would hold
 * the head back until the page is done, and it does not see the not-found handler's answers anyway).
 */
function compressedParts(parts: AsyncIterable<string>, encoding: 'br' | 'gzip'): Readable {
  const zip = encoding === 'br' ? createBrotliCompress(BROTLI_OPTIONS) : createGzip();
  const flushKind = encoding === 'br' ? zlibConstants.BROTLI_OPERATION_FLUSH : zlibConstants.Z_SYNC_FLUSH;
  void (async () => {
    try {
      for await (const part of parts) {
        zip.write(part);
        // Compressed and handed on before the next part is asked for (the next part is the render).
        await new Promise<void>((resolve) => zip.flush(flushKind, () => resolve()));
      }
      zip.end();
    } catch (error) {
      zip.destroy(error as Error);
    }
  })();
  return zip;
}

/**
 * The shell of a server-rendered page, whose first screen comes in the HTML: the app's modules are
 * fetched at once but compiled only after the first frame with the rows is painted (src/main.tsx).
 * `modulepreload` fetches and compiles; `preload as="script"`, in the same CORS mode, only fetches,
 * and the import then takes the file from the cache. Compiling the app (400 KB) beside the first
 * layout held the rows back by 15–30 ms on 2 cores (`npm run bench -- first-rows`).
 */
export function withAppFetchedNotCompiled(shell: string): string {
  return shell.replace(/<link\b([^>]*)\brel="modulepreload"([^>]*)>/g, '<link$1rel="preload" as="script"$2>');
}

/**
 * A page's own CSP nonce for its `<style>` elements, drawn when the reply carries a policy
 * (security-headers.ts): the policy allows it, the page's critical CSS carries it, and so does its
 * `<meta property="csp-nonce">`, where the app reads it for the `<style>` it renders (src/lib/style-nonce.ts).
 */
function pageNonce(reply: FastifyReply): { nonce: string | undefined; apply: (shell: string) => string } {
  const policy = reply.getHeader('content-security-policy');
  if (typeof policy !== 'string') return { nonce: undefined, apply: (shell) => shell };
  const nonce = randomBytes(16).toString('base64');
  reply.header('content-security-policy', withStyleNonce(policy, nonce));
  return { nonce, apply: (shell) => withPageNonce(shell, nonce) };
}

/** The shell with the page's nonce: on a `<meta>` the app reads, and on the critical CSS. */
export function withPageNonce(shell: string, nonce: string): string {
  return shell
    .replace('<head>', `<head>\n    <meta property="csp-nonce" nonce="${nonce}">`)
    .replace(`<style id="${CRITICAL_CSS_ID}">`, `<style id="${CRITICAL_CSS_ID}" nonce="${nonce}">`);
}

/** What the build wrote to dist/critical.css (scripts/critical-css.mjs), or null when there is none. */
async function readCriticalCss(root: string): Promise<string | null> {
  const file = join(root, 'critical.css');
  return existsSync(file) ? await readFile(file, 'utf8') : null;
}

/** Names the build's stylesheet a browser has fetched (its hashed file name): a new build's sheet is a first visit again. */
export const SHEET_COOKIE = 'lockboard-css';

/** The hashed name (without .css) of the stylesheet the shell links, e.g. `boot-BR1lciSn`. */
function stylesheetKey(shell: string): string | null {
  return /<link\b[^>]*\brel="stylesheet"[^>]*\bhref="\/assets\/([\w.-]+)\.css"/.exec(shell)?.[1] ?? null;
}

function hasSheetCookie(request: FastifyRequest, key: string): boolean {
  return (request.headers.cookie ?? '').split(';').some((pair) => pair.trim() === `${SHEET_COOKIE}=${key}`);
}

/** The id of the inline critical CSS (tests and the bench find it by it). */
export const CRITICAL_CSS_ID = 'lockboard-critical-css';

/**
 * The shell with the first screen's CSS inline in its head and the full stylesheet loaded without
 * blocking the first paint: `media="print"` until the entry (src/main.tsx) switches it to all, which it
 * does as it starts; a browser without JavaScript gets the plain link in a <noscript>. Without critical
 * CSS, the shell as built (the sheet blocks the first paint, as it must then). The SSR fill
 * (ssr/render.ts `streamedPage`) only touches `<div id="root">`, so the two compose.
 */
export function withCriticalCss(shell: string, css: string | null): string {
  const sheets = /<link\b[^>]*\brel="stylesheet"[^>]*>/g;
  if (!css?.trim() || !shell.match(sheets)) return shell;
  // Nothing in a stylesheet can end the element early.
  const style = `<style id="${CRITICAL_CSS_ID}">${css.replace(/<\/(style)/gi, '<\\/$1')}</style>`;
  let first = true;
  return shell.replace(sheets, (link) => {
    const deferred = link.replace(/\s*\bmedia="[^"]*"/, '').replace(/\s*\/?>$/, ' media="print" data-lockboard-css>');
    const plain = `<noscript>${link}</noscript>`;
    const out = `${first ? style : ''}${deferred}${plain}`;
    first = false;
    return out;
  });
}
