import type { Page } from '@playwright/test';
import { FAKE_ACCOUNTS, FakeTokens, type HostQuirks, documentedHost, realHostRows } from '../test-support/fake-fleet';
import { StandInUpstream } from '../test-support/stand-in-upstream';
import { cellOf, consoleProblems, expect, extraGateway, lockRows, tableSettled, test } from './fixtures';
import { bell } from './team-alerts-kit';

/**
 * The SPA against a stand-in for a real host: sign-in and the documented `GET /api/locks` only,
 * answering in its own ways (ISO dates, units on numbers, a cap on `limit`, a row sent twice, long
 * names), through a real gateway in proxy mode.
 */
test.use({ role: null });

const FIVE_MINUTES_AGO = () => Math.floor((Date.now() - 5 * 60_000) / 1000) * 1000 + 123;

async function onHost(
  page: Page,
  rows: Record<string, unknown>[],
  quirks: HostQuirks,
  run: (url: string) => Promise<void>,
  serviceAccount?: { email: string; password: string },
) {
  const standIn = await new StandInUpstream(documentedHost(rows, new FakeTokens(), quirks)).start();
  const gateway = await extraGateway(standIn.url, { mode: 'proxy', serviceAccount });
  try {
    const { email, password } = FAKE_ACCOUNTS.manager;
    const signedIn = await page.request.post(`${gateway.url}/api/login`, { data: { email, password }, headers: { origin: gateway.url } });
    expect(signedIn.status()).toBe(200);
    await run(gateway.url);
  } finally {
    await gateway.close();
    await standIn.stop();
  }
}

const lockIds = (page: Page) => lockRows(page).locator('.lock-id').allInnerTexts();

test.describe('a real host, as it answers', () => {
  test('ISO 8601 dates (T, zones, fractions) and the vendor form with fractions show as "Last seen"', async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const at = FIVE_MINUTES_AGO();
    await onHost(page, realHostRows(5, at), {}, async (url) => {
      await page.goto(`${url}/locks`);
      await expect(lockRows(page)).toHaveCount(5);
      const lastSeen = cellOf(lockRows(page), 'lastSeen');
      await expect(lastSeen).toHaveCount(5);
      // Every form names the same instant (to the second: fractions are cut).
      await expect(lastSeen.locator('time')).toHaveCount(5);
      const second = new Date(Math.floor(at / 1000) * 1000).toISOString().replace('.000Z', 'Z');
      for (const time of await lastSeen.locator('time').all()) await expect(time).toHaveAttribute('datetime', second);
      await expect(lastSeen.filter({ hasText: 'Updated 5 minutes ago' })).toHaveCount(5);
    });
  });

  test('numbers with a unit or a percent sign read as numbers', async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await onHost(page, realHostRows(3, FIVE_MINUTES_AGO()), {}, async (url) => {
      await page.goto(`${url}/locks`);
      await expect(lockRows(page)).toHaveCount(3);
      // Sent as "85%", "84%", "83%" and "21.5 °C", "22.5 °C", "23.5 °C".
      await expect(cellOf(lockRows(page), 'battery')).toHaveText([/^85 %/, /^84 %/, /^83 %/]);
      await expect(cellOf(lockRows(page), 'temperature')).toHaveText(['21.5 °C', '22.5 °C', '23.5 °C']);
    });
  });

  test('a host that caps the page size at 50: 100 a page reaches every one of 187 locks', async ({ page }) => {
    const rows = realHostRows(187, FIVE_MINUTES_AGO());
    await onHost(page, rows, { cap: 50 }, async (url) => {
      await page.goto(`${url}/locks?limit=100`);
      await expect(page.getByText('Page 1 of 4')).toBeVisible();
      await expect(page.getByText('Showing 1–50 of 187 locks')).toBeVisible();
      const seen: string[] = [];
      for (let pageNumber = 1; ; pageNumber += 1) {
        await expect(page.getByText(`Page ${pageNumber} of 4`)).toBeVisible();
        await tableSettled(page);
        seen.push(...(await lockIds(page)));
        const next = page.getByRole('button', { name: 'Next page' });
        if (pageNumber === 4) {
          await expect(page.getByText('Showing 151–187 of 187 locks')).toBeVisible();
          await expect(next).toBeDisabled();
          break;
        }
        await next.click();
      }
      expect(seen).toEqual(rows.map((row) => row.lockid));
      // A link straight to the last page stays there.
      await page.goto(`${url}/locks?limit=100&page=4`);
      await expect(page.getByText('Showing 151–187 of 187 locks')).toBeVisible();
      await expect(lockRows(page)).toHaveCount(37);
      await expect(page.getByText('Page 4 of 4')).toBeVisible();
    });
  });

  test('a row sent twice is shown once, and the note under the table says so', async ({ page }) => {
    const problems = consoleProblems(page);
    await onHost(page, realHostRows(30, FIVE_MINUTES_AGO()), { duplicates: ['RH0003'] }, async (url) => {
      await page.goto(`${url}/locks`);
      await expect(lockRows(page)).toHaveCount(25);
      expect(await lockIds(page)).toEqual(realHostRows(25, 0).map((row) => row.lockid));
      const note = page.getByRole('note');
      await expect(note).toHaveText('The platform sent 1 row twice on this page; it is shown once.');
      await expect(page.getByText('Showing 1–25 of 30 locks')).toBeVisible();
      await page.getByRole('button', { name: 'Next page' }).click();
      await expect(page.getByText('Showing 26–30 of 30 locks')).toBeVisible();
      await expect(note).toHaveCount(0);
    });
    expect(problems.filter((p) => /same key|hydrat/i.test(p))).toEqual([]);
  });

  for (const width of [1280, 390]) {
    test(`a 120-character name without spaces wraps in its column at ${width} px, every column in reach`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 });
      const rows = realHostRows(3, FIVE_MINUTES_AGO());
      const longName = Array.from({ length: 13 }, (_, i) => `INST${String(i).padStart(4, '0')}X`).join('_').slice(0, 120);
      expect(longName).toHaveLength(120);
      rows[1] = { ...rows[1], lockname: longName };
      await onHost(page, rows, {}, async (url) => {
        await page.goto(`${url}/locks`);
        await expect(lockRows(page)).toHaveCount(3);
        await expect(page.getByRole('link', { name: longName })).toBeVisible();
        const section = await page.getByRole('region', { name: 'Lock list' }).boundingBox();
        const table = await page.getByRole('table', { name: 'Locks' }).boundingBox();
        expect(section && table).toBeTruthy();
        if (!section || !table) return;
        expect(table.x + table.width).toBeLessThanOrEqual(section.x + section.width + 1);
        // The row's last cell (the details toggle, or the last column) ends inside the window.
        const lastCell = await lockRows(page).nth(1).locator(':scope > :is(td, th):visible').last().boundingBox();
        expect(lastCell).toBeTruthy();
        if (lastCell) expect(lastCell.x + lastCell.width).toBeLessThanOrEqual(width);
        const name = await page.getByRole('link', { name: longName }).boundingBox();
        expect(name && name.height > 30, 'the name wraps onto several lines').toBe(true);
      });
    });
  }

  test('the inbox says alerts are not being watched when the host has no event feed; the rest works as usual', async ({ page }) => {
    const problems = consoleProblems(page);
    // The notifier signs in with an account of the host's own, and finds no feed to read.
    const { email, password } = FAKE_ACCOUNTS.support;
    await onHost(
      page,
      realHostRows(3, FIVE_MINUTES_AGO()),
      {},
      async (url) => {
        await page.goto(`${url}/alerts`);
        await expect(page.getByRole('heading', { name: 'Alerts', level: 1 })).toBeVisible();
        const notice = page.getByRole('region', { name: 'Alert watching' });
        await expect(notice).toContainText('Alerts are not being watched: The platform has no event feed', { timeout: 15_000 });
        await expect(notice).toContainText('The alerts already raised are below, and the rest of Lockboard works as usual.');
        await expect(page.getByText('Nothing is open. New alerts appear here as they happen.')).toBeVisible();
        // The health check says the same.
        const health = (await (await page.request.get(`${url}/healthz`)).json()) as { notifier?: { state: string; msg: string } };
        expect(health.notifier).toMatchObject({ state: 'unavailable', msg: 'The platform has no event feed' });
        // The rest of Lockboard works: the bell leads back to the inbox, the locks list shows the host's locks.
        await expect(bell(page)).toHaveAccessibleName('Alerts');
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Locks' }).click();
        await expect(lockRows(page)).toHaveCount(3);
      },
      { email, password },
    );
    expect(problems.filter((p) => /hydrat|#41[89]|#42[35]/i.test(p))).toEqual([]);
  });
});
