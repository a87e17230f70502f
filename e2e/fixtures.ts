import AxeBuilder from '@axe-core/playwright';
import { type BrowserContextOptions, test as base, expect, type Locator, type Page, type Request, type Response, request } from '@playwright/test';
import type Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type ServiceAccount, type UseDoor, startPlatform } from '../server/platform/platform';
import type { PlatformQuirks } from '../server/platform/quirks/vendor-quirks';
import { buildGateway } from '../server/gateway/app';
import { type RunningGateway, startGateway, testConfig } from '../test-support/gateway';

export const POLL_MS = 1000;
/** How often the notifier of a gateway a test starts (extraGateway) reads the platform's feed. */
export const NOTIFIER_POLL_MS = 500;
export const SPA_DIR = resolve('dist');

export interface E2eServer {
  /** The gateway, as a browser sees it. */
  url: string;
  /** The embedded platform behind it (loopback). */
  platformUrl: string;
  /** The platform's own database: tests write changes straight into it. */
  db: Database.Database;
  /**
   * Test hook: a person tries a door on the platform, in-process (never a route — a "use a door"
   * endpoint would be a way around the gate). Allowed or refused by their grants, like a real door.
   */
  useDoor: UseDoor;
  /** The platform's read-only service account: the notifier of any gateway in front of it reads with it. */
  serviceAccount: ServiceAccount;
}

export type Role = 'manager' | 'support';
export const DEMO_USERS = {
  manager: { email: 'manager@lockboard.local', password: 'lockboard-manager', name: 'Demo Manager' },
  support: { email: 'support@lockboard.local', password: 'lockboard-support', name: 'Demo Support' },
} as const;

type StorageState = Exclude<BrowserContextOptions['storageState'], string | undefined>;

/**
 * Each worker runs the real gateway in front of the real embedded platform, in-process on
 * 127.0.0.1 port 0, with a fresh database and the simulator off so that only tests change it.
 * It signs in once per role and every test reuses that state (`test.use({ role })`, manager by
 * default; `role: null` for a signed-out browser), so the suite never meets the sign-in limits.
 */
export const test = base.extend<
  { role: Role | null },
  { server: E2eServer; sessions: Record<Role, StorageState>; platformQuirks: PlatformQuirks }
>({
  role: ['manager', { option: true }],
  // The `vendor` project runs the specs that matter again with a platform that answers like a vendor host.
  platformQuirks: [null, { option: true, scope: 'worker' }],
  server: [
    async ({ platformQuirks }, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'lockboard-e2e-'));
      const platform = await startPlatform({
        dbPath: join(dir, 'platform.sqlite'),
        simulator: false,
        seed: { historyDays: 14 },
        quirks: platformQuirks,
      });
      // No notifier on the worker's shared gateway: its default rules would turn every spec's events into
      // open alerts that the next specs meet (a "(53)" in the tab title). The alert specs start gateways
      // of their own, each with its notifier and store (team-alerts-kit.ts ownGateway, extraGateway).
      const gateway = await extraGateway(platform.url, {
        serviceAccount: platform.serviceAccount,
        env: { NOTIFIER: 'off' },
        // Two browsers on two cores can keep the platform past the 300 ms a render waits in production:
        // the specs check what is server-rendered, not how fast (bench/ measures that).
        ssrBudgetMs: 1500,
      });
      await use({ url: gateway.url, platformUrl: platform.url, db: platform.db, useDoor: platform.useDoor, serviceAccount: platform.serviceAccount });
      await gateway.close();
      await platform.close();
    },
    { scope: 'worker' },
  ],
  sessions: [
    async ({ server }, use) => {
      const states = {} as Record<Role, StorageState>;
      for (const role of ['manager', 'support'] as const) {
        const context = await request.newContext({ baseURL: server.url, extraHTTPHeaders: { origin: server.url } });
        const { email, password } = DEMO_USERS[role];
        const response = await context.post('/api/login', { data: { email, password } });
        expect(response.status(), `sign in as ${role}`).toBe(200);
        states[role] = await context.storageState();
        await context.dispose();
      }
      await use(states);
    },
    { scope: 'worker' },
  ],
  // A page the server rendered shows before it answers clicks: every navigation waits until the
  // app says it is ready (start.tsx, `<html data-ready>`), as a person would wait for a page to load.
  page: async ({ page }, use) => {
    const whenReady = async (response: Response | null) => {
      if (response?.ok() && (response.headers()['content-type'] ?? '').startsWith('text/html')) {
        await page.locator('html[data-ready]').waitFor({ state: 'attached' });
      }
      return response;
    };
    const goto = page.goto.bind(page);
    const reload = page.reload.bind(page);
    page.goto = async (url, options) => whenReady(await goto(url, options));
    page.reload = async (options) => whenReady(await reload(options));
    await use(page);
  },
  baseURL: async ({ server }, use) => use(server.url),
  storageState: async ({ role, sessions }, use) => use(role ? sessions[role] : { cookies: [], origins: [] }),
});

export { expect };

/**
 * A gateway of the test's own (its own settings and limits) serving the app in front of `upstreamUrl`:
 * the worker's platform, or a stand-in the test can stop or break. The worker's sessions work on it
 * too (same host, same SESSION_SECRET). Close it when done.
 */
export function extraGateway(
  upstreamUrl: string,
  options: { mode?: 'embedded' | 'proxy'; env?: Record<string, string>; upstreamTimeoutMs?: number; serviceAccount?: ServiceAccount; ssrBudgetMs?: number } = {},
): Promise<RunningGateway> {
  return startGateway(upstreamUrl, {
    mode: options.mode ?? 'embedded',
    spaDir: SPA_DIR,
    config: testConfig({ POLL_INTERVAL_MS: String(POLL_MS), NOTIFIER_POLL_MS: String(NOTIFIER_POLL_MS), ...options.env }),
    upstreamTimeoutMs: options.upstreamTimeoutMs,
    serviceAccount: options.serviceAccount,
    ssrBudgetMs: options.ssrBudgetMs,
  });
}

/**
 * A gateway in front of `upstreamUrl` that the test can stop (the server goes away: no answer at
 * all) and start again on the same address, as a restarted server would be. Close it when done.
 */
export async function stoppableGateway(upstreamUrl: string) {
  let running: RunningGateway | null = await extraGateway(upstreamUrl);
  const url = running.url;
  const port = Number(new URL(url).port);
  const config = testConfig({ POLL_INTERVAL_MS: String(POLL_MS) });
  const stop = async () => {
    await running?.close();
    running = null;
  };
  return {
    url,
    stop,
    close: stop,
    async start() {
      const gateway = await buildGateway({ config, upstreamUrl, mode: 'embedded', spaDir: SPA_DIR, auditStream: { write: () => true }, logger: false });
      await gateway.app.listen({ port, host: '127.0.0.1' });
      running = { ...gateway, url, close: () => gateway.app.close() };
    },
  };
}

/**
 * Counts the requests the page sends from now on whose URL contains `urlPart` (and, with `finished`,
 * only those whose answer arrived in full): the positive signal that polls happened, before a test
 * asserts that something did not.
 */
export function countRequests(page: Page, urlPart: string | RegExp, { finished = false, method = 'GET' } = {}) {
  const counter = { count: 0 };
  const matches = (request: Request) =>
    request.method() === method && (typeof urlPart === 'string' ? request.url().includes(urlPart) : urlPart.test(request.url()));
  const count = (request: Request) => {
    if (matches(request)) counter.count += 1;
  };
  if (finished) page.on('requestfinished', count);
  else page.on('request', count);
  return counter;
}

/** What kind of answer an /api request gets, for counting that a test saw each kind. */
function apiKind(method: string, path: string): string {
  if (method === 'POST' && /^\/api\/locks\/[^/]+\/(lock|unlock)$/.test(path)) return 'command';
  if (path === '/api/locks') return 'list';
  if (path === '/api/locks/summary') return 'summary';
  if (/^\/api\/locks\/[^/]+$/.test(path)) return 'detail';
  if (/^\/api\/locks\/[^/]+\/events$/.test(path)) return 'lock history';
  if (path === '/api/events') return 'events';
  if (path.startsWith('/api/uploads/')) return 'picture';
  return path;
}

/** A key a secret travels under (DESIGN: removed at any depth, whatever its case). */
const SECRET_KEY = /password|passcode|secret|token|^pin$/i;

function secretKeys(value: unknown, at = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => secretKeys(item, `${at}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => [...(SECRET_KEY.test(key) ? [`${at}.${key}`] : []), ...secretKeys(inner, `${at}.${key}`)]);
}

/**
 * Reads the body of every answer the page gets under /api/ from now on (the password reveal alone
 * excepted) and, on `check()`, fails if any could not be read, holds one of `secrets` or a key a
 * secret travels under, or is a 304 for a body it never read. Returns how many answers of each kind
 * it read.
 */
export function apiResponseLeaks(page: Page, secrets: readonly string[]) {
  const reads: Promise<{ kind: string; what: string; problems: string[]; etag?: string; notModified?: string }>[] = [];
  page.on('requestfinished', (request) => {
    const url = new URL(request.url());
    if (!url.pathname.startsWith('/api/') || /^\/api\/locks\/[^/]+\/password$/.test(url.pathname)) return;
    const what = `${request.method()} ${url.pathname}${url.search}`;
    const kind = apiKind(request.method(), url.pathname);
    reads.push(
      (async () => {
        const response = await request.response();
        if (!response) return { kind, what, problems: ['no response'] };
        const etag = response.headers()['etag'];
        if (response.status() === 304) return { kind, what, problems: [], notModified: etag ?? '(no etag)' };
        const body = (await response.body()).toString('utf8');
        const problems = secrets.filter((secret) => body.includes(secret)).map((secret) => `holds the secret ${secret}`);
        if ((response.headers()['content-type'] ?? '').includes('json')) {
          problems.push(...secretKeys(JSON.parse(body)).map((key) => `has the key ${key}`));
        }
        return { kind, what, problems, etag };
      })().catch((error: unknown) => ({ kind, what, problems: [`body could not be read: ${String(error)}`] })),
    );
  });
  return {
    async check(): Promise<Record<string, number>> {
      const results = await Promise.all(reads);
      const read = new Set(results.flatMap((r) => (r.etag && r.problems.length === 0 ? [r.etag] : [])));
      const problems = results.flatMap((r) => [
        ...r.problems.map((p) => `${r.what}: ${p}`),
        ...(r.notModified !== undefined && !read.has(r.notModified) ? [`${r.what}: 304 for a body never read (${r.notModified})`] : []),
      ]);
      expect(problems).toEqual([]);
      const seen: Record<string, number> = {};
      for (const r of results) seen[r.kind] = (seen[r.kind] ?? 0) + 1;
      return seen;
    },
  };
}

/** The rows of the locks table (skeleton rows excluded). */
export function lockRows(page: Page) {
  return page.getByRole('table', { name: 'Locks' }).locator('tbody tr[data-lockid]');
}

/** Waits until the table shows the answer to the current URL (not the previous page kept on screen). */
export async function tableSettled(page: Page) {
  await expect(page.getByRole('table', { name: 'Locks' })).toHaveAttribute('aria-busy', 'false');
}

/**
 * The cell of a lock table's row(s) in the column whose header says `data-col={col}`: rows carry no
 * column names (lean HTML), a cell is known by its place, the header's. None when there is no such column.
 */
export function cellOf(rows: Locator, col: string) {
  const header = `ancestor::table[1]/thead/tr/th[@data-col="${col}"]`;
  return rows.locator(`xpath=./*[${header}][count(${header}/preceding-sibling::*) + 1]`);
}

/** A row's connection and "Lock state" cells. */
export function connectionCell(row: Locator) {
  return cellOf(row, 'connection');
}
export function lockStateCell(row: Locator) {
  return cellOf(row, 'state');
}

/** Console errors and warnings (hydration mismatches included) and page errors, from now on. */
export function consoleProblems(page: Page) {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  return problems;
}

export async function expectNoSeriousA11yViolations(page: Page) {
  // A full axe run can take half a minute on a busy 2-core machine: each run adds that to the test's time.
  base.info().setTimeout(base.info().timeout + 30_000);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).options({ resultTypes: ['violations'] }).setLegacyMode(true).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

/** A platform date ("YYYY-MM-DD HH:mm:ss", UTC). */
const platformDate = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/** Online locks, newest ids first, `count` of them after `offset`. */
export function onlineLocks(server: E2eServer, count: number, offset: number) {
  return server.db
    .prepare('SELECT lockid, lockname FROM locks WHERE lock_online_status = 1 ORDER BY lockid DESC LIMIT ? OFFSET ?')
    .all(count, offset) as { lockid: string; lockname: string }[];
}

/** Writes an event into the platform's database, as the lock's own report would. */
export function writeEvent(
  server: E2eServer,
  lockid: string,
  type: string,
  extra: { person?: boolean; method?: string; battery?: number; at?: number } = {},
) {
  const person = extra.person
    ? (server.db.prepare("SELECT userid, name FROM users WHERE role = 'person' ORDER BY userid LIMIT 1").get() as { userid: number; name: string })
    : null;
  server.db
    .prepare(
      'INSERT INTO events (lockid, lockname, event_type, userid, username, method, event_date, battery_level) SELECT lockid, lockname, ?, ?, ?, ?, ?, ? FROM locks WHERE lockid = ?',
    )
    .run(type, person?.userid ?? null, person?.name ?? null, extra.method ?? 'system', platformDate(extra.at ?? Date.now()), extra.battery ?? null, lockid);
  return person;
}
