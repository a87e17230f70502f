import type { Page } from '@playwright/test';
import { type E2eServer, expect, lockRows, onlineLocks, tableSettled, test, writeEvent } from './fixtures';
import { coveredByToasts, pageScroll } from './overlap';

/**
 * No toast ever covers a control or the bulk bar (issue 20): with real toasts on screen (alerts from
 * the feed, a command's result), at every width and scroll position, on the lock list with its bulk
 * bar, on a lock's page and on another page, every interactive element in view is checked against
 * every toast.
 */

const WIDTHS = [390, 768, 1024, 1280, 1440] as const;
const toastRegion = (page: Page) => page.getByRole('region', { name: 'Notifications' });

/** Checked at the top, the middle and the end of the page, at each width. */
async function expectNothingCovered(page: Page, where: string, { shoot = false } = {}) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width < 640 ? 844 : 900 });
    await expect(toastRegion(page).locator(':scope > div')).toHaveCount(width < 640 ? 1 : 3);
    const { max } = await pageScroll(page);
    for (const top of [0, Math.round(max / 2), max]) {
      await pageScroll(page, top);
      const { covered } = await coveredByToasts(page);
      expect(covered, `${where} at ${width} px, scrolled to ${top} of ${max}`).toEqual([]);
    }
    if (shoot && (width === 390 || width === 1280)) {
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await pageScroll(page, max);
        await page.screenshot({ path: `test-results/screens/toasts-${where.replace(/\W+/g, '-')}-${width}-${scheme}.png` });
      }
      await page.emulateMedia({ colorScheme: 'light' });
    }
  }
}

/** Three critical batteries (sticky toasts) from the feed, and the locks to put back afterwards. */
async function raiseAlerts(page: Page, server: E2eServer) {
  await expect.poll(() => page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('lockboard:alerts:v1:') && localStorage.getItem(k)?.includes('"cursor"')))).toBe(true);
  const locks = onlineLocks(server, 3, 150);
  const saved = locks.map((l) => server.db.prepare('SELECT battery_level AS battery FROM locks WHERE lockid = ?').get(l.lockid) as { battery: number | null });
  for (const lock of locks) {
    server.db.prepare('UPDATE locks SET battery_level = 8 WHERE lockid = ?').run(lock.lockid);
    writeEvent(server, lock.lockid, 'battery_low', { battery: 8 });
  }
  for (const lock of locks) await expect(toastRegion(page).getByText(`${lock.lockname} battery critical`)).toBeVisible({ timeout: 15_000 });
  return () => locks.forEach((l, i) => server.db.prepare('UPDATE locks SET battery_level = ? WHERE lockid = ?').run(saved[i]!.battery, l.lockid));
}

test('no toast covers a control or the bulk bar: the lock list, a lock’s page and Activity, at 390–1440 px, scrolled anywhere', async ({ page, server }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/locks');
  await tableSettled(page);
  const restore = await raiseAlerts(page, server);
  try {
    // A command's own result is a toast too.
    const row = lockRows(page).filter({ has: page.getByRole('button', { name: /^Lock / }) }).first();
    await row.getByRole('button', { name: /^Lock / }).click();
    await expect(toastRegion(page).getByText(/ locked$/)).toBeVisible();
    await expect(toastRegion(page).getByRole('link', { name: '+1 more: open the alerts' })).toBeVisible();
    // The bulk bar, sticky at the bottom of the list.
    await page.getByRole('checkbox', { name: 'Select all on this page' }).check();
    const bar = page.getByRole('region', { name: 'Selected locks' });
    await expect(bar.getByText('25 selected')).toBeVisible();
    await expectNothingCovered(page, 'lock list', { shoot: true });
    // The bulk bar stands clear above the toasts.
    await page.setViewportSize({ width: 1280, height: 900 });
    const barBox = (await bar.boundingBox())!;
    const dockBox = (await toastRegion(page).boundingBox())!;
    expect(barBox.y + barBox.height).toBeLessThanOrEqual(dockBox.y);

    await lockRows(page).first().getByRole('rowheader').getByRole('link').click();
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
    await expectNothingCovered(page, 'lock page', { shoot: true });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Activity' })).toBeVisible();
    await expectNothingCovered(page, 'activity');

    // Dismissed, the page has the whole window again, scrolled where it was.
    await page.setViewportSize({ width: 1280, height: 900 });
    const { top } = await pageScroll(page, 300);
    expect(top).toBe(300);
    const dismiss = toastRegion(page).getByRole('button', { name: /^Dismiss: / });
    while ((await dismiss.count()) > 0) await dismiss.first().click();
    await expect(page.locator('html')).not.toHaveAttribute('data-toast-dock');
    expect(await page.evaluate(() => document.scrollingElement?.scrollTop)).toBe(300);
  } finally {
    restore();
  }
});
