import { expect, expectNoSeriousA11yViolations, lockRows, tableSettled, test } from './fixtures';

/** axe finds nothing serious on the locks list (table and cards, details open, empty result) and a lock's page, light and dark. */
for (const scheme of ['light', 'dark'] as const) {
  test.describe(`accessibility, ${scheme}`, () => {
    test.use({ colorScheme: scheme });

    for (const width of [1024, 390]) {
      test(`the locks page at ${width} px, with a row's details open`, async ({ page }) => {
        await page.setViewportSize({ width, height: 900 });
        await page.goto('/locks');
        await expect(lockRows(page)).toHaveCount(25);
        await lockRows(page).first().getByRole('button', { name: /^Details of / }).click();
        await expect(page.getByRole('group', { name: /^Details of / }).first()).toBeVisible();
        await expectNoSeriousA11yViolations(page);
      });
    }

    test('an empty search result', async ({ page }) => {
      await page.goto('/locks?q=no-such-door-anywhere');
      await tableSettled(page);
      await expect(page.getByText('No locks match your search and filters.')).toBeVisible();
      await expectNoSeriousA11yViolations(page);
    });

    test("a lock's page, and its unlock dialog", async ({ page, server }) => {
      const { lockid, lockname } = server.db
        .prepare('SELECT lockid, lockname FROM locks WHERE lock_online_status = 1 AND lock_open_status = 0 ORDER BY lockid LIMIT 1 OFFSET 30')
        .get() as { lockid: string; lockname: string };
      await page.goto(`/locks/${lockid}`);
      await expect(page.getByRole('heading', { level: 1, name: lockname })).toBeVisible();
      await expect(page.getByRole('table', { name: 'History' }).locator('tbody tr').first()).toBeVisible();
      await expectNoSeriousA11yViolations(page);
      await page.getByRole('button', { name: `Unlock ${lockname}` }).click();
      await expect(page.getByRole('dialog', { name: `Unlock ${lockname}?` })).toBeVisible();
      await expectNoSeriousA11yViolations(page);
    });
  });
}
