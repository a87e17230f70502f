import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContextOptions, chromium } from 'playwright-core';
import { findChromium } from '../scripts/find-chromium.mjs';
import { buildSpaIfStale } from '../scripts/spa-build.mjs';
import { startPlatform } from '../server/platform/platform';
import { signIn, startGateway, testConfig } from '../test-support/gateway';

export interface BenchServer {
  url: string;
  /** The manager's session cookie ("name=value"). */
  cookie: string;
  /** Context options that carry the session, for Chromium. */
  contextOptions: BrowserContextOptions;
  close(): Promise<void>;
}

/**
 * The real gateway and embedded platform (simulator off, so nothing changes between polls),
 * serving the built SPA plus the bare baseline page from bench/bare/.
 */
export async function startBenchServer(pollIntervalMs = 1000): Promise<BenchServer> {
  buildSpaIfStale();
  const dir = mkdtempSync(join(tmpdir(), 'lockboard-bench-'));
  const spaDir = join(dir, 'www');
  cpSync(resolve('dist'), spaDir, { recursive: true });
  cpSync(resolve('bench/bare'), spaDir, { recursive: true });
  // BENCH_CRITICAL_CSS=off: the shell as built, its stylesheet blocking the first paint (the "before").
  if (process.env.BENCH_CRITICAL_CSS === 'off') rmSync(join(spaDir, 'critical.css'), { force: true });
  const platform = await startPlatform({ dbPath: join(dir, 'platform.sqlite'), simulator: false, seed: { historyDays: 0 } });
  const gateway = await startGateway(platform.url, {
    mode: 'embedded',
    spaDir,
    config: testConfig({ DATA_DIR: dir, POLL_INTERVAL_MS: String(pollIntervalMs) }),
  });
  serveInlineBarePage(gateway.app.server, readFileSync(resolve('bench/bare/bare-inline.html')), await pageHeaders(gateway.url));
  const role = process.env.BENCH_ROLE === 'support' ? 'support' : 'manager';
  const { cookie = '' } = await signIn(gateway.url, `${role}@lockboard.local`, `lockboard-${role}`);
  const [name = '', value = ''] = cookie.split(/=(.*)/s);
  const host = new URL(gateway.url).hostname;
  return {
    url: gateway.url,
    cookie,
    contextOptions: {
      storageState: {
        cookies: [{ name, value, domain: host, path: '/', expires: -1, httpOnly: true, secure: false, sameSite: 'Strict' }],
        origins: [],
      },
    },
    async close() {
      await gateway.close();
      await platform.close();
    },
  };
}

/** The security headers the gateway sends with a page (its sign-in page's): a browser handles a page by them too. */
async function pageHeaders(baseUrl: string): Promise<Record<string, string>> {
  const response = await fetch(`${baseUrl}/login`, { headers: { accept: 'text/html' } });
  await response.body?.cancel();
  const names = ['content-security-policy', 'cross-origin-opener-policy', 'cross-origin-resource-policy', 'origin-agent-cluster', 'referrer-policy', 'x-content-type-options', 'x-frame-options'];
  return Object.fromEntries(names.flatMap((name) => {
    const value = response.headers.get(name);
    return value === null ? [] : [[name, value]];
  }));
}

/**
 * The bare page has its script inline, which the gateway's CSP (`script-src 'self'`) blocks:
 * the bench answers it itself, in front of the gateway, on the same origin. `/bare-inline.html`
 * comes with no headers (the page as it stands); `/bare-inline.html?headers` with the
 * gateway's page headers, its CSP allowing that one script by its hash. That is the fair floor for a
 * page of this origin: `Cross-Origin-Opener-Policy` alone makes Chromium open the page in a new
 * process (a browsing context group of its own), measured here at 30–55 ms of a first visit.
 */
function serveInlineBarePage(server: Server, html: Buffer, headers: Record<string, string>) {
  const script = /<script>([\s\S]*?)<\/script>/.exec(html.toString('utf8'))?.[1] ?? '';
  const hash = `'sha256-${createHash('sha256').update(script).digest('base64')}'`;
  const csp = headers['content-security-policy']?.replace("script-src 'self'", `script-src 'self' ${hash}`);
  const withHeaders = { ...headers, ...(csp ? { 'content-security-policy': csp } : {}) };
  const gateway = server.listeners('request');
  server.removeAllListeners('request');
  server.on('request', (request, response) => {
    if (request.url === '/bare-inline.html' || request.url === '/bare-inline.html?headers') {
      const extra = request.url.endsWith('?headers') ? withHeaders : {};
      response.writeHead(200, { ...extra, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache', 'content-length': html.length });
      response.end(html);
      return;
    }
    for (const listener of gateway) (listener as (...args: unknown[]) => void).call(server, request, response);
  });
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found: set CHROMIUM_PATH or run `npm run test:e2e` once to install one.');
  return chromium.launch({
    executablePath,
    args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-gpu'],
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}
