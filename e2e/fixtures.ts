import AxeBuilder from '@axe-core/playwright';
import { type BrowserContextOptions, test as base, expect, type Locator, type Page, request } from '@playwright/test';
import type Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startPlatform } from '../server/platform/platform';
import { type RunningGateway, startGateway, testConfig } from '../test-support/gateway';

export const POLL_MS = 1000;
export const SPA_DIR = resolve('dist');

export interface E2eServer {
  /** The gateway, as a browser sees it. */
  url: string;
  /** The embedded platform behind it (loopback). */
  platformUrl: string;
  /** The platform's own database: tests write changes straight into it. */
  db: Database.Database;
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
export const test = base.extend<{ role: Role | null }, { server: E2eServer; sessions: Record<Role, StorageState> }>({
  role: ['manager', { option: true }],
  server: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'lockboard-e2e-'));
      const platform = await startPlatform({
        dbPath: join(dir, 'platform.sqlite'),
        simulator: false,
        seed: { historyDays: 14 },
      });
      const gateway = await extraGateway(platform.url);
      await use({ url: gateway.url, platformUrl: platform.url, db: platform.db });
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
  options: { mode?: 'embedded' | 'proxy'; env?: Record<string, string>; upstreamTimeoutMs?: number } = {},
): Promise<RunningGateway> {
  return startGateway(upstreamUrl, {
    mode: options.mode ?? 'embedded',
    spaDir: SPA_DIR,
    config: testConfig({ POLL_INTERVAL_MS: String(POLL_MS), ...options.env }),
    upstreamTimeoutMs: options.upstreamTimeoutMs,
  });
}

/** The rows of the locks table (skeleton rows excluded). */
export function lockRows(page: Page) {
  return page.getByRole('table', { name: 'Locks' }).locator('tbody tr[data-lockid]');
}

/** Waits until the table shows the answer to the current URL (not the previous page kept on screen). */
export async function tableSettled(page: Page) {
  await expect(page.getByRole('table', { name: 'Locks' })).toHaveAttribute('aria-busy', 'false');
}

/** A row's "Last seen" (online state) and "Lock state" cells, as shown on a desktop. */
export function connectionCell(row: Locator) {
  return row.locator('td:nth-child(3)');
}
export function lockStateCell(row: Locator) {
  return row.locator('td:nth-child(4)');
}

export async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}
