import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext } from 'playwright-core';
import { type BenchServer, median } from './harness';

/** Marks the moment the 25th row of the first table appears, in ms since navigation start. */
const FIRST_ROWS_PROBE = `
  new MutationObserver((_, observer) => {
    if (document.querySelectorAll('table tbody tr:not([aria-hidden])').length >= 25) {
      window.__firstRows = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
`;

interface Visit {
  ms: number;
  js: number;
  css: number;
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
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __firstRows?: number }).__firstRows !== undefined, null, { timeout: 30_000 });
  shown = true;
  const ms = await page.evaluate(() => (window as unknown as { __firstRows: number }).__firstRows);
  let js = 0;
  let css = 0;
  for (const asset of assets) {
    const gz = gzipSync(await asset.body.catch(() => Buffer.alloc(0))).length;
    if (asset.type === 'js') js += gz;
    else css += gz;
  }
  await page.close();
  return { ms, js, css };
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
  let bytes = { js: 0, css: 0 };

  const once = async (path: string) => {
    const context = await newContext(browser, server);
    const result = await visit(context, `${server.url}${path}`);
    await context.close();
    return result;
  };
  await once('/bare.html');
  await once('/locks');
  for (let i = 0; i < runs; i++) {
    cold.bare.push((await once('/bare.html')).ms);
    const result = await once('/locks');
    cold.app.push(result.ms);
    bytes = { js: result.js, css: result.css };
  }

  const appContext = await newContext(browser, server);
  const bareContext = await newContext(browser, server);
  for (let i = 0; i < 3; i++) {
    await visit(appContext, `${server.url}/locks`);
    await visit(bareContext, `${server.url}/bare.html`);
  }
  for (let i = 0; i < runs; i++) {
    warm.bare.push((await visit(bareContext, `${server.url}/bare.html`)).ms);
    warm.app.push((await visit(appContext, `${server.url}/locks`)).ms);
  }
  await appContext.close();
  await bareContext.close();

  const summary = (runsOf: { app: number[]; bare: number[] }) => ({
    appMs: median(runsOf.app),
    bareMs: median(runsOf.bare),
    ratio: median(runsOf.app) / median(runsOf.bare),
  });
  return { cold: summary(cold), warm: summary(warm), jsGzipBytes: bytes.js, cssGzipBytes: bytes.css };
}
