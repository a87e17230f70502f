import { type IncomingMessage, type Server, type ServerResponse, createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { buildSpaIfStale } from '../scripts/spa-build.mjs';
import { startPlatform } from '../server/platform/platform';
import { signIn, startGateway, testConfig } from '../test-support/gateway';
import { median } from './harness';

/**
 * "The lock page with its charts: first chart drawn within 1.5× the lock page without charts."
 * Two gateways in front of one embedded platform (simulator off, 90 days of history and readings),
 * each through a pass-through proxy on loopback so that both pay the same hop; the second proxy
 * answers the readings route 404, so that gateway discovers no `readings` and its lock page has no
 * charts. A visit's time is navigation start to:
 * - without charts: the page is usable, its Lock/Unlock command working (React has attached its handler);
 * - with charts: the first chart drawn (`performance.mark('lockboard:first-chart')`, uPlot's first draw).
 * Alternated runs, medians.
 */
export interface FirstChartFigures {
  runs: number;
  withoutChartsMs: number;
  withChartsMs: number;
  /** On the chart page: when its command worked (charts must not delay the page itself). */
  withChartsCommandMs: number;
  ratio: number;
}

const COMMAND_PROBE = `
  const working = () => {
    const button = [...document.querySelectorAll('main button')].find((b) => ['Lock', 'Unlock'].includes(b.textContent.trim().split(' ')[0]));
    if (button && Object.keys(button).some((key) => key.startsWith('__reactProps'))) window.__command = performance.now();
    else requestAnimationFrame(working);
  };
  requestAnimationFrame(working);
`;

/** Passes every request on to `target`; with `refuseReadings`, answers a lock's readings 404 as a host without them. */
function startProxy(target: string, refuseReadings: boolean): Promise<Server> {
  const upstream = new URL(target);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (refuseReadings && /^\/api\/locks\/[^/]+\/readings/.test(req.url ?? '')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"status":0,"msg":"Not found"}');
      return;
    }
    const out = httpRequest({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    out.on('error', () => res.destroy());
    req.pipe(out);
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

async function contextFor(gatewayUrl: string): Promise<BrowserContextOptions> {
  const { cookie = '' } = await signIn(gatewayUrl, 'manager@lockboard.local', 'lockboard-manager');
  const [name = '', value = ''] = cookie.split(/=(.*)/s);
  const domain = new URL(gatewayUrl).hostname;
  return { storageState: { cookies: [{ name, value, domain, path: '/', expires: -1, httpOnly: true, secure: false, sameSite: 'Strict' }], origins: [] } };
}

async function visit(page: Page, url: string, charts: boolean): Promise<{ command: number; chart: number | null }> {
  await page.goto(url);
  const command = await page.waitForFunction(() => (window as unknown as { __command?: number }).__command, null, { timeout: 30_000 }).catch(async (error: unknown) => {
    const buttons = await page.evaluate(() => [...document.querySelectorAll('main button')].map((b) => b.textContent?.trim()).join(' | '));
    throw new Error(`${page.url()}: no working Lock/Unlock command (buttons: ${buttons})`, { cause: error });
  });
  const chart = charts
    ? await page.waitForFunction(() => performance.getEntriesByName('lockboard:first-chart')[0]?.startTime, null, { timeout: 30_000 })
    : null;
  return { command: (await command.jsonValue()) as number, chart: chart ? ((await chart.jsonValue()) as number) : null };
}

export async function benchFirstChart(browser: Browser, runs: number): Promise<FirstChartFigures> {
  buildSpaIfStale();
  const dir = mkdtempSync(join(tmpdir(), 'lockboard-bench-chart-'));
  cpSync(resolve('dist'), join(dir, 'www'), { recursive: true });
  const platform = await startPlatform({ dbPath: join(dir, 'platform.sqlite'), simulator: false });
  const proxies = [await startProxy(platform.url, false), await startProxy(platform.url, true)];
  const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const gateways = await Promise.all(
    proxies.map((proxy, i) =>
      startGateway(urlOf(proxy), { mode: 'embedded', spaDir: join(dir, 'www'), config: testConfig({ DATA_DIR: join(dir, `gw${i}`) }) }),
    ),
  );
  try {
    const [withCharts, withoutCharts] = gateways;
    if (!withCharts || !withoutCharts) throw new Error('gateways did not start');
    const lockid = await firstLockId(platform.url);
    const contexts = await Promise.all([contextFor(withCharts.url), contextFor(withoutCharts.url)].map(async (o) => browser.newContext({ ...(await o), viewport: { width: 1280, height: 900 } })));
    for (const context of contexts) await context.addInitScript(COMMAND_PROBE);
    const [chartContext, plainContext] = contexts;
    if (!chartContext || !plainContext) throw new Error('no browser context');
    const features = await (await fetch(`${withoutCharts.url}/app-config.json`)).json() as { features: { readings: boolean } };
    if (features.features.readings) throw new Error('the gateway without readings discovered them');
    const figures = { chart: [] as number[], chartCommand: [] as number[], plain: [] as number[] };
    for (let i = 0; i < runs + 1; i++) {
      const chartPage = await chartContext.newPage();
      const charted = await visit(chartPage, `${withCharts.url}/locks/${encodeURIComponent(lockid)}`, true);
      await chartPage.close();
      const plainPage = await plainContext.newPage();
      const plain = await visit(plainPage, `${withoutCharts.url}/locks/${encodeURIComponent(lockid)}`, false);
      await plainPage.close();
      if (i === 0) continue; // the first visit of each warms the caches
      figures.chart.push(charted.chart ?? 0);
      figures.chartCommand.push(charted.command);
      figures.plain.push(plain.command);
    }
    await Promise.all(contexts.map((c) => c.close()));
    const withChartsMs = median(figures.chart);
    const withoutChartsMs = median(figures.plain);
    return { runs, withChartsMs, withoutChartsMs, withChartsCommandMs: median(figures.chartCommand), ratio: withChartsMs / withoutChartsMs };
  } finally {
    await Promise.all(gateways.map((g) => g.close()));
    for (const proxy of proxies) proxy.close();
    await platform.close();
  }
}

async function firstLockId(platformUrl: string): Promise<string> {
  const login = await fetch(`${platformUrl}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'manager@lockboard.local', password: 'lockboard-manager' }),
  });
  const { token } = (await login.json()) as { token: string };
  const list = (await (await fetch(`${platformUrl}/api/locks?pagenumber=1&limit=1&online=1`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
    lockslist: { lockid: string }[];
  };
  const lockid = list.lockslist[0]?.lockid;
  if (!lockid) throw new Error('no online lock in the demo fleet');
  return lockid;
}
