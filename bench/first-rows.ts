import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type BenchServer, median } from './harness';

/**
 * Marks the moment the 25th row of the first table is on screen, in ms since navigation start: the
 * first frame after it is in the document (rows that arrive with the HTML count from the parser: the
 * observer is there before it). A document whose paint waits for a stylesheet runs no frame before it
 * is in, so rows parsed but not yet painted do not count. Also the moment the rows were in the
 * document (`__rowsInDom`), and the moment the first row command (Lock/Unlock) works (React has
 * attached its handler: hydrated, or rendered).
 */
const FIRST_ROWS_PROBE = `
  const rows = () => document.querySelectorAll('table tbody tr[data-lockid], table tbody tr:not([class]):not([aria-hidden])').length;
  new MutationObserver((_, observer) => {
    if (rows() >= 25) {
      window.__rowsInDom = performance.now();
      requestAnimationFrame(() => (window.__firstRows = performance.now()));
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
  const interactive = () => {
    const button = [...document.querySelectorAll('table tbody button')].find((b) => /^(Lock|Unlock)$/.test(b.textContent.trim()));
    if (button && Object.keys(button).some((key) => key.startsWith('__reactProps'))) window.__interactive = performance.now();
    else requestAnimationFrame(interactive);
  };
  requestAnimationFrame(interactive);
`;

/** What an inspected visit of the app records (inspectedVisit). */
interface Inspected {
  /** JS and the external stylesheets fetched before the first rows (gzip). */
  js: number;
  css: number;
  /** The CSS written in the document's head (the critical CSS the gateway inlines), bytes and gzip. */
  inlineCss: number;
  inlineCssGzip: number;
  /** Where the visit's time went (ms since navigation start, or ms spent). */
  timeline: Timeline;
  /** The document's HTML, bytes (and gzip). */
  html: number;
  htmlGzip: number;
}

/** Where the time of one visit went: milestones since navigation start, and main-thread time (CDP). */
export interface Timeline {
  /** First byte of the document. */
  ttfb: number;
  /** The document fully arrived. */
  documentEnd: number;
  /** First contentful paint. */
  fcp: number;
  /** The last external stylesheet / script arrived (resource timing, responseEnd). */
  cssEnd: number;
  jsEnd: number;
  /** DOMContentLoaded fired (the module scripts have run by then). */
  domContentLoaded: number;
  /** The 25 rows were in the document (painted at the first frame after: `ms`). */
  rowsInDom: number;
  /** Main-thread time up to the first working command: script evaluation + compile, style, layout. */
  scriptMs: number;
  styleMs: number;
  layoutMs: number;
}

/** A string, not a function: tsx would wrap named inner functions in a helper the page does not have. */
const TIMELINE_PROBE = `(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const resources = performance.getEntriesByType('resource');
  const endOf = (suffix) => Math.max(0, ...resources.filter((r) => new URL(r.name).pathname.endsWith(suffix)).map((r) => r.responseEnd));
  return {
    ttfb: nav.responseStart,
    documentEnd: nav.responseEnd,
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0,
    cssEnd: endOf('.css'),
    jsEnd: endOf('.js'),
    domContentLoaded: nav.domContentLoadedEventEnd,
    rowsInDom: window.__rowsInDom,
  };
})()`;

/** The CSS inside `<style>` elements of the document's head (not the tables' own column plans in the body). */
function headCss(document: string): string {
  const head = document.split(/<body[\s>]/)[0] ?? '';
  return [...head.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1] ?? '').join('');
}

/**
 * Waits for the probe's marks: the 25th row on screen (`onRows` then), and on the app the first row
 * command that works.
 */
async function probeMarks(page: Page, app: boolean, onRows: () => void = () => {}): Promise<{ ms: number; interactiveMs: number | null }> {
  await page.waitForFunction(() => (window as unknown as { __firstRows?: number }).__firstRows !== undefined, null, { timeout: 30_000 });
  onRows();
  const ms = await page.evaluate(() => (window as unknown as { __firstRows: number }).__firstRows);
  const interactiveMs = app
    ? await page
        .waitForFunction(() => (window as unknown as { __interactive?: number }).__interactive, null, { timeout: 30_000 })
        .then((handle) => handle.jsonValue() as Promise<number>)
    : null;
  return { ms, interactiveMs };
}

/**
 * A timed visit, as a user makes it: nothing watches the page but the probe (an init script), the same
 * for the app and the bare page. Reading response bodies or CDP metrics during the load (inspectedVisit)
 * costs the app's visits alone 10–20 ms on this machine: those figures come from visits of their own.
 */
async function timedVisit(context: BrowserContext, url: string): Promise<{ ms: number; interactiveMs: number | null }> {
  const page = await context.newPage();
  await page.goto(url);
  const marks = await probeMarks(page, !url.includes('bare'));
  await page.close();
  return marks;
}

/** A visit of the app that records the bytes fetched and where the time went (CDP): for those figures, not for the timing. */
async function inspectedVisit(context: BrowserContext, url: string): Promise<Inspected> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
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
  await probeMarks(page, true, () => (shown = true));
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  const timeline: Timeline = {
    ...((await page.evaluate(TIMELINE_PROBE)) as Omit<Timeline, 'scriptMs' | 'styleMs' | 'layoutMs'>),
    scriptMs: metric('ScriptDuration'),
    styleMs: metric('RecalcStyleDuration'),
    layoutMs: metric('LayoutDuration'),
  };
  await cdp.detach();
  let js = 0;
  let css = 0;
  for (const asset of assets) {
    const gz = gzipSync(await asset.body.catch(() => Buffer.alloc(0))).length;
    if (asset.type === 'js') js += gz;
    else css += gz;
  }
  await page.close();
  const inline = headCss(document.toString('utf8'));
  return {
    js,
    css,
    inlineCss: Buffer.byteLength(inline),
    inlineCssGzip: inline ? gzipSync(inline).length : 0,
    timeline,
    html: document.length,
    htmlGzip: gzipSync(document).length,
  };
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
/** First visits made only to record bytes and the timeline (inspectedVisit). */
const INSPECTED_RUNS = 5;

export async function benchFirstRows(browser: Browser, server: BenchServer, runs = 15) {
  // `bare`: with the gateway's page headers (the fair floor, harness.ts); `bareNoHeaders`: the page as it stands.
  const cold = { app: [] as number[], bare: [] as number[], bareNoHeaders: [] as number[] };
  const warm = { app: [] as number[], bare: [] as number[], bareNoHeaders: [] as number[] };
  const interactive = { cold: [] as number[], warm: [] as number[] };
  let bytes = { js: 0, css: 0, inlineCss: 0, inlineCssGzip: 0, html: 0, htmlGzip: 0 };
  const timelines: Timeline[] = [];
  const bare = '/bare-inline.html?headers';
  const bareNoHeaders = '/bare-inline.html';

  const once = async <T>(path: string, visit: (context: BrowserContext, url: string) => Promise<T>) => {
    const context = await newContext(browser, server);
    const result = await visit(context, `${server.url}${path}`);
    await context.close();
    return result;
  };
  await once(bare, timedVisit);
  await once(bareNoHeaders, timedVisit);
  await once('/locks', timedVisit);
  for (let i = 0; i < runs; i++) {
    cold.bare.push((await once(bare, timedVisit)).ms);
    cold.bareNoHeaders.push((await once(bareNoHeaders, timedVisit)).ms);
    const result = await once('/locks', timedVisit);
    cold.app.push(result.ms);
    interactive.cold.push(result.interactiveMs ?? 0);
  }
  for (let i = 0; i < INSPECTED_RUNS; i++) {
    const result = await once('/locks', inspectedVisit);
    timelines.push(result.timeline);
    bytes = { js: result.js, css: result.css, inlineCss: result.inlineCss, inlineCssGzip: result.inlineCssGzip, html: result.html, htmlGzip: result.htmlGzip };
  }

  const appContext = await newContext(browser, server);
  const bareContext = await newContext(browser, server);
  for (let i = 0; i < 3; i++) {
    await timedVisit(appContext, `${server.url}/locks`);
    await timedVisit(bareContext, `${server.url}${bare}`);
  }
  for (let i = 0; i < runs; i++) {
    warm.bare.push((await timedVisit(bareContext, `${server.url}${bare}`)).ms);
    const result = await timedVisit(appContext, `${server.url}/locks`);
    warm.app.push(result.ms);
    interactive.warm.push(result.interactiveMs ?? 0);
  }
  await appContext.close();
  await bareContext.close();

  const summary = (runsOf: { app: number[]; bare: number[]; bareNoHeaders: number[] }) => ({
    appMs: median(runsOf.app),
    bareMs: median(runsOf.bare),
    ratio: median(runsOf.app) / median(runsOf.bare),
    bareNoHeadersMs: runsOf.bareNoHeaders.length ? median(runsOf.bareNoHeaders) : null,
  });
  return {
    cold: summary(cold),
    warm: summary(warm),
    interactiveMs: { cold: median(interactive.cold), warm: median(interactive.warm) },
    inspectedRuns: INSPECTED_RUNS,
    jsGzipBytes: bytes.js,
    cssGzipBytes: bytes.css,
    inlineCssBytes: bytes.inlineCss,
    inlineCssGzipBytes: bytes.inlineCssGzip,
    /** First visits: the median of each milestone. */
    coldTimeline: Object.fromEntries(
      (Object.keys(timelines[0] ?? {}) as (keyof Timeline)[]).map((key) => [key, median(timelines.map((t) => t[key]))]),
    ) as unknown as Timeline,
    htmlBytes: bytes.html,
    htmlGzipBytes: bytes.htmlGzip,
  };
}
