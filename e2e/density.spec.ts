import type { Page } from '@playwright/test';
import { consoleProblems, expect, expectNoSeriousA11yViolations, lockRows, tableSettled, test } from './fixtures';

/** "Density: Compact" on the lock list: at least 15 whole rows in a 1440×900 window, kept per user. */

const MANAGER_ID = 2;
const table = (page: Page) => page.getByRole('table', { name: 'Locks' });

/** Rows wholly inside the window, read in one go (a poll cannot re-render rows in between). */
async function wholeRowsInView(page: Page): Promise<number> {
  await expect(lockRows(page)).toHaveCount(25);
  return page.evaluate(
    () =>
      [...document.querySelectorAll('table[aria-label="Locks"] tbody tr[data-lockid]')].filter((row) => {
        const box = row.getBoundingClientRect();
        return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
      }).length,
  );
}

test('Compact shows at least 15 whole rows at 1440×900 (Comfortable fewer), is kept for this user across reloads, and is no other user’s', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  // Another user of this browser chose Compact: that is theirs, not this manager's.
  await page.addInitScript(() => localStorage.setItem('lockboard:lock-density:999', 'compact'));
  const problems = consoleProblems(page);
  await page.goto('/locks');
  await tableSettled(page);
  const density = page.getByLabel('Density');
  await expect(density).toHaveValue('comfortable');
  const comfortable = await wholeRowsInView(page);
  expect(comfortable).toBeLessThan(15);

  await density.selectOption({ label: 'Compact' });
  await expect(table(page)).toHaveAttribute('data-density', 'compact');
  expect(await wholeRowsInView(page)).toBeGreaterThanOrEqual(15);
  expect(await page.evaluate((key) => localStorage.getItem(key), `lockboard:lock-density:${MANAGER_ID}`)).toBe('compact');
  await page.screenshot({ path: 'test-results/screens/density-compact-1440-light.png' });
  await expectNoSeriousA11yViolations(page);

  // Kept: a reload (server-rendered first, then this browser's choice) shows it again, without a hydration error.
  await page.reload();
  await tableSettled(page);
  await expect(page.getByLabel('Density')).toHaveValue('compact');
  await expect(table(page)).toHaveAttribute('data-density', 'compact');
  expect(await wholeRowsInView(page)).toBeGreaterThanOrEqual(15);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/screens/density-compact-1440-dark.png' });
  expect(problems).toEqual([]);

  // Back to Comfortable.
  await page.getByLabel('Density').selectOption({ label: 'Comfortable' });
  await expect(table(page)).not.toHaveAttribute('data-density', 'compact');
  expect(await wholeRowsInView(page)).toBe(comfortable);
});

test('Compact at phone and tablet widths keeps the cards and the table inside the window', async ({ page }) => {
  await page.addInitScript((key) => localStorage.setItem(key, 'compact'), `lockboard:lock-density:${MANAGER_ID}`);
  for (const width of [390, 768, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/locks');
    await tableSettled(page);
    await expect(table(page)).toHaveAttribute('data-density', 'compact');
    await expect(lockRows(page)).toHaveCount(25);
    expect(await page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth), `${width} px`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `test-results/screens/density-compact-${width}-light.png` });
  }
});
