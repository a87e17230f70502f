import type { Page } from '@playwright/test';
import { expect, expectNoSeriousA11yViolations, test } from './fixtures';

/**
 * The header on one row from 1280 px (ten destinations with Reports), People · Roles · Visitors as
 * one entry with its sub-navigation, and pictures under test-results/screens/ for review.
 */
const VIEWS = [
  { name: '1280', viewport: { width: 1280, height: 800 } },
  { name: '1440', viewport: { width: 1440, height: 900 } },
  { name: '390', viewport: { width: 390, height: 844 } },
];

const main = (page: Page) => page.getByRole('navigation', { name: 'Main' });

for (const role of ['manager', 'support'] as const) {
  test.describe(`the header, ${role}`, () => {
    test.use({ role });
    for (const view of VIEWS) {
      for (const colorScheme of ['light', 'dark'] as const) {
        test(`at ${view.name} px, ${colorScheme}`, async ({ page }) => {
          await page.setViewportSize(view.viewport);
          await page.emulateMedia({ colorScheme });
          await page.goto('/roles');
          await expect(page.getByRole('heading', { level: 1, name: 'Roles' })).toBeVisible();
          await expect(main(page).getByRole('link', { name: 'Reports' })).toBeVisible();
          await expect(main(page).getByRole('link', { name: 'Audit' })).toHaveCount(role === 'manager' ? 1 : 0);
          await expect(main(page).getByRole('link', { name: 'People' })).toHaveAttribute('aria-current', 'page');
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(overflow).toBeLessThanOrEqual(0);
          if (view.viewport.width >= 1280) {
            // One row: the navigation is one line of links, and Sign out stands beside it.
            const nav = (await main(page).boundingBox())!;
            const signOut = (await page.getByRole('button', { name: 'Sign out' }).boundingBox())!;
            expect(nav.height).toBeLessThan(44);
            expect(signOut.y + signOut.height / 2).toBeGreaterThan(nav.y);
            expect(signOut.y + signOut.height / 2).toBeLessThan(nav.y + nav.height);
            await expectNoSeriousA11yViolations(page);
          }
          await page.screenshot({ path: `test-results/screens/header-${role}-${view.name}-${colorScheme}.png` });
        });
      }
    }
  });
}

test('People, Roles and Visitors: one entry, its pages a click apart, the entry current on each', async ({ page }) => {
  await page.goto('/locks');
  await main(page).getByRole('link', { name: 'People' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
  const pages = page.getByRole('navigation', { name: 'People pages' });
  await expect(pages.getByRole('link')).toHaveText(['People', 'Roles', 'Visitors']);
  await expect(pages.getByRole('link', { name: 'People' })).toHaveAttribute('aria-current', 'page');
  // By keyboard, as by mouse.
  await pages.getByRole('link', { name: 'Visitors' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Visitor passes' })).toBeVisible();
  await expect(pages.getByRole('link', { name: 'Visitors' })).toHaveAttribute('aria-current', 'page');
  await expect(main(page).getByRole('link', { name: 'People' })).toHaveAttribute('aria-current', 'page');
  await pages.getByRole('link', { name: 'Roles' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Roles' })).toBeVisible();
  await expect(main(page).locator('[aria-current="page"]')).toHaveText(['People']);
  await main(page).getByRole('link', { name: 'Locks' }).click();
  await expect(pages).toHaveCount(0);
});
