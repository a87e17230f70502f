import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
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

async function timeFirstRows(browser: Browser, server: BenchServer, path: string): Promise<{ ms: number; js: number; css: number }> {
  const url = `${server.url}${path}`;
  const context = await browser.newContext(server.contextOptions);
  const page = await context.newPage();
  await page.addInitScript(FIRST_ROWS_PROBE);
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
    const gz = gzipSync(await asset.body).length;
    if (asset.type === 'js') js += gz;
    else css += gz;
  }
  await context.close();
  return { ms, js, css };
}

export async function benchFirstRows(browser: Browser, server: BenchServer, runs = 15) {
  const app: number[] = [];
  const bare: number[] = [];
  let bytes = { js: 0, css: 0 };
  // Warm both paths once, then alternate so that neither gets the quieter machine.
  await timeFirstRows(browser, server, '/bare.html');
  await timeFirstRows(browser, server, '/locks');
  for (let i = 0; i < runs; i++) {
    bare.push((await timeFirstRows(browser, server, '/bare.html')).ms);
    const result = await timeFirstRows(browser, server, '/locks');
    app.push(result.ms);
    bytes = { js: result.js, css: result.css };
  }
  return { appMs: median(app), bareMs: median(bare), ratio: median(app) / median(bare), jsGzipBytes: bytes.js, cssGzipBytes: bytes.css };
}
