import { expect, lockRows, test } from './fixtures';

/**
 * Pictures of the pages as people see them: the README's screenshot, and desktop/phone,
 * light/dark views under test-results/ for review.
 */
const VIEWS = [
  { name: 'desktop-light', viewport: { width: 1440, height: 900 }, colorScheme: 'light' as const },
  { name: 'desktop-dark', viewport: { width: 1440, height: 900 }, colorScheme: 'dark' as const },
  { name: 'phone-light', viewport: { width: 390, height: 844 }, colorScheme: 'light' as const },
  { name: 'phone-dark', viewport: { width: 390, height: 844 }, colorScheme: 'dark' as const },
];

for (const view of VIEWS) {
  test(`locks page, ${view.name}`, async ({ page }) => {
    await page.setViewportSize(view.viewport);
    await page.emulateMedia({ colorScheme: view.colorScheme });
    await page.goto('/locks');
    await expect(lockRows(page)).toHaveCount(25);
    await expect.poll(() => lockRows(page).locator('img').first().evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    // Nothing sticks out sideways but the table's own scroller.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `test-results/screens/locks-${view.name}.png`, fullPage: view.name.startsWith('phone') });
    if (view.name === 'desktop-light') await page.screenshot({ path: 'docs/screenshot-locks.png' });
  });
}
