import Fastify from 'fastify';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyRequest } from 'fastify';
import { type RenderPlan, type ServerRenderer, type SsrContext, planRender, streamedPage } from './ssr/render';
import { mkdirSync } from 'node:fs';
import { securityHeaders } from './security-headers';
import { CRITICAL_CSS_ID, SHEET_COOKIE, spaPlugin, withAppFetchedNotCompiled, withCriticalCss, withPageNonce } from './spa';

/** The shape of dist/index.html as Vite writes it (trimmed). */
const SHELL = `<!doctype html>
<html lang="en">
  <head>
    <title>Lockboard</title>
    <script type="module" crossorigin src="/assets/index-abc.js"></script>
    <link rel="stylesheet" crossorigin href="/assets/boot-abc.css">
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>`;
const CRITICAL = '@layer theme{:root{--x:1}}.badge{color:red}';

/** The head of a document, up to <body>. */
const headOf = (html: string) => html.split('<body>')[0] ?? '';

/** A shell as a rendered page fills it: the markup in #root, the data after it as inert JSON. */
const withRoot = (shell: string, html: string, state: string) =>
  shell.replace('<div id="root"></div>', `<div id="root">${html}</div><script type="application/json" id="lockboard-ssr">${state}</script>`);

async function collect(chunks: AsyncIterable<string>): Promise<string[]> {
  const all: string[] = [];
  for await (const chunk of chunks) all.push(chunk);
  return all;
}

/** A built SPA folder with `shell` and a stand-in for its server renderer (sign-in only), whose `render` is `render`. */
function builtWithRenderer(shell: string, render: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'lockboard-spa-'));
  mkdirSync(join(dir, 'server'));
  writeFileSync(join(dir, 'index.html'), shell);
  writeFileSync(
    join(dir, 'server', 'entry-server.js'),
    `export const ssrRouteOf = (p) => (p === '/login' ? 'login' : null);
     export const signedInNext = () => '/locks';
     export const render = ${render};`,
  );
  return dir;
}

/** A plan carried out as spa.ts does (the whole document of a render), or the plan itself. */
async function documentOf(plan: RenderPlan, shell: string): Promise<string | RenderPlan> {
  return plan.kind === 'render' ? (await collect(streamedPage(shell, plan.render))).join('') : plan;
}

describe('the shell with critical CSS', () => {
  it('puts the critical CSS inline in the head and the full sheet after it, not render-blocking', () => {
    const html = withCriticalCss(SHELL, CRITICAL);
    const head = headOf(html);
    expect(head).toContain(`<style id="${CRITICAL_CSS_ID}">${CRITICAL}</style>`);
    expect(head).toContain('<link rel="stylesheet" crossorigin href="/assets/boot-abc.css" media="print" data-lockboard-css>');
    // The inline rules come first: the full sheet (the same rules and more) keeps the cascade it had.
    expect(head.indexOf('<style')).toBeLessThan(head.indexOf('media="print"'));
    // The only stylesheet link outside <noscript> waits for the entry to switch it on.
    const blocking = head.replace(/<noscript>[\s\S]*?<\/noscript>/g, '').match(/<link\b[^>]*rel="stylesheet"[^>]*>/g) ?? [];
    expect(blocking).toHaveLength(1);
    expect(blocking[0]).toContain('media="print"');
    // Without JavaScript, the sheet still applies.
    expect(head).toContain('<noscript><link rel="stylesheet" crossorigin href="/assets/boot-abc.css"></noscript>');
  });

  it('leaves the shell as built (the sheet blocking) when the build wrote no critical CSS', () => {
    expect(withCriticalCss(SHELL, null)).toBe(SHELL);
    expect(withCriticalCss(SHELL, '  \n')).toBe(SHELL);
  });

  it('cannot be closed early by the CSS it carries', () => {
    const html = withCriticalCss(SHELL, '.a{content:"</style><script>alert(1)</script>"}');
    // One end tag, after all of the CSS: the text inside stays raw text of the <style> element.
    expect(html.match(/<\/style/gi)).toHaveLength(1);
    expect(html.indexOf('</style>')).toBeGreaterThan(html.indexOf('alert(1)'));
  });

  it('composes with the server render: the rendered page keeps the inline CSS', async () => {
    const html = (await collect(streamedPage(withCriticalCss(SHELL, CRITICAL), async () => ({ html: '<main>rows</main>', state: '{}' })))).join('');
    expect(html).toContain(`<style id="${CRITICAL_CSS_ID}">`);
    expect(html).toContain('<div id="root"><main>rows</main></div><script type="application/json" id="lockboard-ssr">{}</script>');
  });
});

describe('the gateway’s HTML answers', () => {
  let dir: string | null = null;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  async function serve(files: Record<string, string>, assets: Record<string, string> = {}) {
    dir = mkdtempSync(join(tmpdir(), 'lockboard-spa-'));
    mkdirSync(join(dir, 'assets'));
    for (const [name, content] of Object.entries({ ...files, ...assets, 'assets/other.js': 'export {}' })) writeFileSync(join(dir, name), content);
    const app = Fastify();
    await app.register(spaPlugin, { root: dir });
    return app;
  }

  it('send the shell with dist/critical.css inline, read once at start-up', async () => {
    const app = await serve({ 'index.html': SHELL, 'critical.css': CRITICAL });
    // Changed after start-up: not read again per request.
    writeFileSync(join(dir ?? '', 'critical.css'), '.changed{}');
    for (const url of ['/activity', '/login?next=%2Flocks']) {
      const response = await app.inject({ url, headers: { accept: 'text/html' } });
      expect(response.statusCode).toBe(200);
      expect(headOf(response.body)).toContain(`<style id="${CRITICAL_CSS_ID}">${CRITICAL}</style>`);
      expect(response.body).not.toContain('.changed');
    }
    await app.close();
  });

  it('send a browser that has fetched this build’s stylesheet the shell as built (its cached sheet blocks nothing)', async () => {
    const app = await serve({ 'index.html': SHELL, 'critical.css': CRITICAL }, { 'assets/boot-abc.css': '.badge{color:red}' });
    const sheet = await app.inject({ url: '/assets/boot-abc.css' });
    expect(sheet.statusCode).toBe(200);
    const cookie = String(sheet.headers['set-cookie'] ?? '');
    expect(cookie).toMatch(new RegExp(`^${SHEET_COOKIE}=boot-abc;`));
    expect(cookie).toContain('HttpOnly');
    const pair = cookie.split(';')[0] ?? '';

    const returning = await app.inject({ url: '/activity', headers: { accept: 'text/html', cookie: `a=b; ${pair}` } });
    expect(returning.body).toBe(SHELL);
    // Another build's sheet (a new deploy): a first visit again.
    const stale = await app.inject({ url: '/activity', headers: { accept: 'text/html', cookie: `${SHEET_COOKIE}=boot-old` } });
    expect(stale.body).toContain(`<style id="${CRITICAL_CSS_ID}">`);
    // Other assets set no cookie.
    const other = await app.inject({ url: '/assets/other.js' });
    expect(other.headers['set-cookie']).toBeUndefined();
    await app.close();
  });

  it('send the shell as built when there is no critical CSS', async () => {
    const app = await serve({ 'index.html': SHELL });
    const response = await app.inject({ url: '/activity', headers: { accept: 'text/html' } });
    expect(response.body).toBe(SHELL);
    await app.close();
  });
});

describe('the server render of the sign-in page (ssr/render.ts planRender)', () => {
  const user = { userid: 1, name: 'Demo Manager', email: 'manager@lockboard.local', role: 'manager' as const };

  /** A renderer that records what it is asked to render, and an upstream that records every read. */
  function setup() {
    const renders: Parameters<ServerRenderer['render']>[0][] = [];
    const upstreamReads: string[] = [];
    const renderer: ServerRenderer = {
      ssrRouteOf: (pathname) => (pathname === '/login' ? 'login' : pathname === '/locks' ? 'locks' : null),
      signedInNext: (search) => `/next-of${search}`,
      render: async (input) => {
        renders.push(input);
        // What the real renderer does with the reader on the sign-in page: nothing; tried here to see it yields nothing.
        return { html: `<main>${JSON.stringify(await input.getJson('/api/locks?pagenumber=1&limit=25'))}</main>`, state: '{}' };
      },
    };
    const context = (session: { token: string; user: typeof user } | null): SsrContext => ({
      renderer,
      upstream: {
        request: async (path: string) => {
          upstreamReads.push(path);
          return { status: 200, body: { status: 1, msg: '', lockslist: [] } };
        },
      } as unknown as SsrContext['upstream'],
      appConfig: async () => ({ mode: 'embedded', pollIntervalMs: 10_000, offlineAlertAfterS: 300, timezone: 'UTC', upstreamOrigin: null, features: {} }) as never,
      session: () => session,
    });
    const request = (url: string) => ({ url, ip: '127.0.0.1', headers: {}, log: { warn: () => undefined } }) as unknown as FastifyRequest;
    return { renders, upstreamReads, context, request };
  }

  it('renders the sign-in page for a signed-out request, with nobody signed in and nothing read upstream', async () => {
    const { renders, upstreamReads, context, request } = setup();
    const page = await documentOf(planRender(context(null), request('/login?next=%2Factivity&reason=expired')), SHELL);
    expect(page).toBe(withRoot(SHELL, '<main>null</main>', '{}'));
    expect(renders.map((r) => [r.url, r.user])).toEqual([['/login?next=%2Factivity&reason=expired', null]]);
    expect(upstreamReads).toEqual([]);
  });

  it('sends a signed-in request for the sign-in page on to its next, and a signed-out one for a page to sign-in', async () => {
    const { renders, context, request } = setup();
    expect(planRender(context({ token: 't', user }), request('/login?next=%2Factivity'))).toEqual({
      kind: 'redirect',
      location: '/next-of?next=%2Factivity',
    });
    expect(planRender(context(null), request('/locks?page=2'))).toEqual({ kind: 'redirect', location: '/login?next=%2Flocks%3Fpage%3D2' });
    expect(renders).toEqual([]);
  });
});

describe('the shell of a server-rendered page', () => {
  const BUILT = SHELL.replace(
    '</head>',
    '<link rel="modulepreload" crossorigin href="/assets/boot-abc.js">\n<link rel="modulepreload" crossorigin="" href="/assets/app-abc.js">\n</head>',
  );

  it('fetches the app’s modules without compiling them (preload, same CORS mode), and keeps the entry script', () => {
    const shell = withAppFetchedNotCompiled(BUILT);
    expect(shell).not.toContain('modulepreload');
    expect(shell).toContain('<link rel="preload" as="script" crossorigin href="/assets/boot-abc.js">');
    expect(shell).toContain('<link rel="preload" as="script" crossorigin="" href="/assets/app-abc.js">');
    expect(shell).toContain('<script type="module" crossorigin src="/assets/index-abc.js"></script>');
  });

  it('is what a rendered page gets; a page the browser renders keeps modulepreload', async () => {
    const dir = builtWithRenderer(BUILT, `async () => ({ html: '<main>rendered</main>', state: '{}' })`);
    const app = Fastify();
    await app.register(spaPlugin, { root: dir, ssr: { upstream: {} as SsrContext['upstream'], appConfig: async () => ({}) as never, session: () => null } });
    const rendered = await app.inject({ url: '/login', headers: { accept: 'text/html' } });
    expect(rendered.body).toBe(withRoot(withAppFetchedNotCompiled(BUILT), '<main>rendered</main>', '{}'));
    const shell = await app.inject({ url: '/people', headers: { accept: 'text/html' } });
    expect(shell.body).toBe(BUILT);
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('a page’s style nonce', () => {
  it('is drawn for each page: its CSP allows <style> by it alone, and the page carries it on its meta and its critical CSS', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lockboard-spa-'));
    writeFileSync(join(dir, 'index.html'), SHELL);
    writeFileSync(join(dir, 'critical.css'), CRITICAL);
    const app = Fastify();
    await securityHeaders(app, { imageOrigins: [] });
    await app.register(spaPlugin, { root: dir });
    const page = async (url: string) => {
      const response = await app.inject({ url, headers: { accept: 'text/html' } });
      const csp = String(response.headers['content-security-policy']);
      const nonce = /style-src 'self' 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1] ?? '';
      return { response, csp, nonce };
    };
    const first = await page('/activity');
    expect(first.nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(first.csp).toContain("style-src-attr 'unsafe-inline'");
    expect(first.csp).not.toMatch(/style-src [^;]*'unsafe-inline'/);
    expect(first.response.body).toBe(withPageNonce(withCriticalCss(SHELL, CRITICAL), first.nonce));
    expect(first.response.body).toContain(`<meta property="csp-nonce" nonce="${first.nonce}">`);
    expect(first.response.body).toContain(`<style id="${CRITICAL_CSS_ID}" nonce="${first.nonce}">`);
    // Each page its own; an answer that is not a page has none.
    expect((await page('/activity')).nonce).not.toBe(first.nonce);
    // The index too, at `/` or by name: never the built file as it is, without a nonce.
    for (const url of ['/', '/index.html']) {
      const index = await page(url);
      expect(index.response.statusCode, url).toBe(200);
      expect(index.response.body, url).toBe(withPageNonce(withCriticalCss(SHELL, CRITICAL), index.nonce));
    }
    const api = await app.inject({ url: '/api/nothing' });
    expect(api.statusCode).toBe(404);
    expect(String(api.headers['content-security-policy'])).toContain("style-src 'self';");
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('a server-rendered page as it is written (ssr/render.ts streamedPage)', () => {
  it('sends the head before the render is done, then the rendered root with its data, then the rest', async () => {
    let finish: (page: { html: string; state: string }) => void = () => undefined;
    const render = () => new Promise<{ html: string; state: string }>((resolve) => (finish = resolve));
    const page = streamedPage(SHELL, render);
    const head = await page.next();
    expect(head.value).toBe(SHELL.slice(0, SHELL.indexOf('<div id="root">')));
    expect(String(head.value)).toContain('<script type="module" crossorigin src="/assets/index-abc.js"></script>');
    // The root waits for the render.
    let rootCame = false;
    const root = page.next().then((chunk) => {
      rootCame = true;
      return chunk;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(rootCame).toBe(false);
    finish({ html: '<main>rows</main>', state: '{"now":1}' });
    const rest = [(await root).value, ...(await collect(page))];
    expect(String(head.value) + rest.join('')).toBe(withRoot(SHELL, '<main>rows</main>', '{"now":1}'));
  });

  it('writes the shell’s empty root when there is no render (the browser then fetches and renders)', async () => {
    const chunks = await collect(streamedPage(SHELL, async () => null));
    expect(chunks.join('')).toBe(SHELL);
  });
});

describe('a server-rendered page over HTTP', () => {
  let dir: string | null = null;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  it('reaches the browser head first, compressed, while the render is still going; the rendered root follows', async () => {
    // Its render waits until the test lets it go.
    dir = builtWithRenderer(SHELL, `() => new Promise((resolve) => { globalThis.finishRender = () => resolve({ html: '<main>rendered</main>', state: '{}' }); })`);
    const app = Fastify();
    await app.register(spaPlugin, {
      root: dir,
      ssr: {
        upstream: {} as SsrContext['upstream'],
        appConfig: async () => ({}) as never,
        session: () => null,
      },
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };
    const response = await fetch(`http://127.0.0.1:${port}/login`, { headers: { accept: 'text/html', 'accept-encoding': 'gzip' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('gzip');
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let received = '';
    while (!received.includes('<div id="root">')) {
      const { value, done } = await reader.read();
      if (done) break;
      received += value;
      if (received.includes('index-abc.js')) break;
    }
    // The head (its scripts) is here; the render has not finished, so the root has not come.
    expect(received).toContain('<script type="module" crossorigin src="/assets/index-abc.js"></script>');
    expect(received).not.toContain('<div id="root">');
    (globalThis as unknown as { finishRender: () => void }).finishRender();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      received += value;
    }
    expect(received).toBe(withRoot(SHELL, '<main>rendered</main>', '{}'));
    await app.close();
  });
});
