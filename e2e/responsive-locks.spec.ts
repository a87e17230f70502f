import type { Page } from '@playwright/test';
import { cellOf, expect, lockRows, test } from './fixtures';

/**
 * The locks list and a lock's page at every width a working day meets: no sideways page scroll,
 * every command of the first page on screen and usable, phones get cards.
 */
const WIDTHS = [1024, 768, 390] as const;

async function pageScrollsSideways(page: Page) {
  return page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth);
}

test.describe('the locks page at every width, as a manager', () => {
  for (const width of WIDTHS) {
    test(`at ${width} px every command of the first page is on screen and clickable, with no sideways scroll`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 });
      await page.goto('/locks');
      await expect(lockRows(page)).toHaveCount(25);
      expect(await pageScrollsSideways(page)).toBeLessThanOrEqual(0);
      const rows = await lockRows(page).all();
      expect(rows).toHaveLength(25);
      let enabled = 0;
      for (const row of rows) {
        const command = row.getByRole('button', { name: /^(Lock|Unlock) / });
        await expect(command).toHaveCount(1);
        await command.scrollIntoViewIfNeeded();
        await expect(command).toBeInViewport({ ratio: 1 });
        const box = await command.boundingBox();
        expect(box).not.toBeNull();
        expect(box!.x).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width).toBeLessThanOrEqual(width);
        expect(box!.height).toBeGreaterThanOrEqual(24);
        if ((await command.getAttribute('aria-disabled')) === 'true') {
          // An offline lock's button cannot act, and the row says why.
          await expect(row.getByText(/^(Offline: no commands|Connection unknown)$/)).toBeVisible();
        } else {
          // Actionable: visible, enabled, stable, not covered by anything else. (A trial click does not click.)
          await command.click({ trial: true, timeout: 10_000 });
          enabled += 1;
        }
      }
      expect(enabled).toBeGreaterThan(20);
      expect(await pageScrollsSideways(page)).toBeLessThanOrEqual(0);
    });
  }
});

test.describe('the locks page at the extremes and as support', () => {
  for (const width of [320, 2560]) {
    test(`no sideways scroll at ${width} px, on the list and a lock's page`, async ({ page, server }) => {
      await page.setViewportSize({ width, height: 900 });
      await page.goto('/locks');
      await expect(lockRows(page)).toHaveCount(25);
      expect(await pageScrollsSideways(page)).toBeLessThanOrEqual(0);
      const { lockid } = server.db.prepare('SELECT lockid FROM locks ORDER BY lockid LIMIT 1').get() as { lockid: string };
      await page.goto(`/locks/${lockid}`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      expect(await pageScrollsSideways(page)).toBeLessThanOrEqual(0);
    });
  }

  test('a phone gets cards, a laptop a table: the same rows restyled', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 900 });
    await page.goto('/locks');
    await expect(lockRows(page)).toHaveCount(25);
    const display = () => lockRows(page).first().evaluate((row) => getComputedStyle(row).display);
    expect(await display()).toBe('grid');
    const first = lockRows(page).first();
    await expect(cellOf(first, 'battery')).toBeVisible();
    await expect(cellOf(first, 'lastSeen')).toBeHidden();
    await page.setViewportSize({ width: 1024, height: 900 });
    expect(await display()).toBe('table-row');
    await expect(lockRows(page)).toHaveCount(25);
  });

  test.describe('as support', () => {
    test.use({ role: 'support' });
    for (const width of WIDTHS) {
      test(`no command buttons at ${width} px, and no sideways scroll`, async ({ page }) => {
        await page.setViewportSize({ width, height: 900 });
        await page.goto('/locks');
        await expect(lockRows(page)).toHaveCount(25);
        await expect(page.getByRole('button', { name: /^(Lock |Unlock |Locking…|Unlocking…)/ })).toHaveCount(0);
        await expect(page.getByRole('columnheader', { name: 'Actions' })).toHaveCount(0);
        await expect(page.getByRole('button', { name: /^Reveal password/ })).toHaveCount(0);
        expect(await pageScrollsSideways(page)).toBeLessThanOrEqual(0);
      });
    }
  });
});

test('the column chooser opens fully on screen at every width', async ({ page }) => {
  await page.goto('/locks');
  await expect(lockRows(page)).toHaveCount(25);
  for (const width of [320, 390, 640, 768, 1024, 1440]) {
    await page.setViewportSize({ width, height: 900 });
    await page.getByRole('button', { name: 'Columns' }).click();
    const panel = page.getByRole('group', { name: 'Columns to show' });
    await expect(panel).toBeVisible();
    const box = (await panel.boundingBox())!;
    expect(box.x, `left edge at ${width} px`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `right edge at ${width} px`).toBeLessThanOrEqual(width);
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
  }
});
