import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import type Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startPlatform } from '../server/platform/platform';
import { startGateway, testConfig } from '../test-support/gateway';

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

/**
 * Each worker runs the real gateway in front of the real embedded platform, in-process on
 * 127.0.0.1 port 0, with a fresh database and the simulator off so that only tests change it.
 */
export const test = base.extend<object, { server: E2eServer }>({
  server: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'lockboard-e2e-'));
      const platform = await startPlatform({
        dbPath: join(dir, 'platform.sqlite'),
        simulator: false,
        requireAuth: false,
        seed: { historyDays: 14 },
      });
      const gateway = await startGateway(platform.url, {
        mode: 'embedded',
        spaDir: SPA_DIR,
        config: testConfig({ POLL_INTERVAL_MS: String(POLL_MS), DATA_DIR: dir }),
      });
      await use({ url: gateway.url, platformUrl: platform.url, db: platform.db });
      await gateway.close();
      await platform.close();
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ server }, use) => use(server.url),
});

export { expect };

/** The rows of the locks table (skeleton rows excluded). */
export function lockRows(page: Page) {
  return page.getByRole('table', { name: 'Locks' }).locator('tbody tr[data-lockid]');
}

export async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}
