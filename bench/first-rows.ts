import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext } from 'playwright-core';
import { type BenchServer, median } from './harness';

/**
 * Marks the moment the 25th row of the first table is in the document, in ms since navigation start
 * (rows that arrive with the HTML count from the parser: the observer is there before it), and the
 * moment the first row command works (React has attached its handler: hydrated, or rendered).
 */
const FIRST_ROWS_PROBE = `
  const rows = () => document.querySelectorAll('table tbody tr[data-lockid], table tbody tr:not([class]):not([aria-hidden])').length;
  new MutationObserver((_, observer) => {
    if (rows() >= 25) {
      window.__firstRows = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
  const interactive = () => {
    const button = document.querySelector('table tbody button[data-command]');
    if (button && Object.keys(button).some((key) => key.startsWith('__reactProps'))) window.__interactive = performance.now();
    else requestAnimationFrame(interactive);
  };
  requestAnimationFrame(interactive);
`;

interface Visit {
  ms: number;
  js: number;
  css: number;
  /** The first row command that works, ms (the app only). */
  interactiveMs: number | null;
  /** The document's HTML, bytes (and gzip). */
  html: number;
  htmlGzip: number;
}

async function visit(context: BrowserContext, url: string): Promise<Visit> {
  const page = await context.newPage();
  const assets: { type: 'js' | 'css'; body: Promise<Buffer> }[] = [];
  let shown = false;
  page.on('response', (response) => {
    if (shown) return;
    const type = response.request().resourceType();
    if (type === 'script' || type === 'stylesheet') {
      assets.push({ type: type === 'script' ? 'js' : 'css', body: response.body() });
    }
  });
  const response = await page.goto(url);
  const document = (await response?.body()) ?? Buffer.alloc(0);
  await page.waitForFunction(() => (window as unknown as { __firstRows?: number }).__firstRows !== undefined, null, { timeout: 30_000 });
  shown = true;
  const ms = await page.evaluate(() => (window as unknown as { __firstRows: number }).__firstRows);
  const app = !url.includes('bare');
  const interactiveMs = app
    ? await page
        .waitForFunction(() => (window as unknown as { __interactive?: number }).__interactive, null, { timeout: 30_000 })
        .then((handle) => handle.jsonValue() as Promise<number>)
    : null;
  let js = 0;
  let css = 0;
  for (const asset of assets) {
    const gz = gzipSync(await asset.body.catch(() => Buffer.alloc(0))).length;
    if (asset.type === 'js') js += gz;
    else css += gz;
  }
  await page.close();
  return { ms, js, css, interactiveMs, html: document.length, htmlGzip: gzipSync(document).length };
}

async function newContext(browser: Browser, server: BenchServer) {
  const context = await browser.newContext(server.contextOptions);
  await context.addInitScript(FIRST_ROWS_PROBE);
  return context;
}

/**
 * Navigation → the 25th row on screen, for the app and the bare baseline page, alternated.
 * Cold: a new browser profile every visit (nothing cached). Warm: a returning visitor, whose
 * browser has the immutable assets (and V8's code cache for them) from earlier visits.
 */
export async function benchFirstRows(browser: Browser, server: BenchServer, runs = 15) {
  const cold = { app: [] as number[], bare: [] as number[] };
  const warm = { app: [] as number[], bare: [] as number[] };
  const interactive = { cold: [] as number[], warm: [] as number[] };
  let bytes = { js: 0, css: 0, html: 0, htmlGzip: 0 };
  const bare = '/bare-inline.html';

  const once = async (path: string) => {
    const context = await newContext(browser, server);
    const result = await visit(context, `${server.url}${path}`);
    await context.close();
    return result;
  };
  await once(bare);
  await once('/locks');
  for (let i = 0; i < runs; i++) {
    cold.bare.push((await once(bare)).ms);
    const result = await once('/locks');
    cold.app.push(result.ms);
    interactive.cold.push(result.interactiveMs ?? 0);
    bytes = { js: result.js, css: result.css, html: result.html, htmlGzip: result.htmlGzip };
  }

  const appContext = await newContext(browser, server);
  const bareContext = await newContext(browser, server);
  for (let i = 0; i < 3; i++) {
    await visit(appContext, `${server.url}/locks`);
    await visit(bareContext, `${server.url}${bare}`);
  }
  for (let i = 0; i < runs; i++) {
    warm.bare.push((await visit(bareContext, `${server.url}${bare}`)).ms);
    const result = await visit(appContext, `${server.url}/locks`);
    warm.app.push(result.ms);
    interactive.warm.push(result.interactiveMs ?? 0);
  }
  await appContext.close();
  await bareContext.close();

  const summary = (runsOf: { app: number[]; bare: number[] }) => ({
    appMs: median(runsOf.app),
    bareMs: median(runsOf.bare),
    ratio: median(runsOf.app) / median(runsOf.bare),
  });
  return {
    cold: summary(cold),
    warm: summary(warm),
    interactiveMs: { cold: median(interactive.cold), warm: median(interactive.warm) },
    jsGzipBytes: bytes.js,
    cssGzipBytes: bytes.css,
    htmlBytes: bytes.html,
    htmlGzipBytes: bytes.htmlGzip,
  };
}
