import { expect, expectNoSeriousA11yViolations, lockRows, tableSettled, test } from './fixtures';

/** A lock's address: the way back to the list as it was, addresses that name no lock, case. */
test.describe("a lock's address", () => {
  test('the "Locks" breadcrumb goes back to the list with its search, filters, sort and page', async ({ page }) => {
    await page.goto('/locks?q=Cedar&status=unlocked&sort=lockname&order=desc&limit=10&page=1');
    await tableSettled(page);
    await page.goto('/locks?q=Court&sort=battery_level&order=desc&limit=10&page=2');
    await tableSettled(page);
    const row = lockRows(page).first();
    const name = await row.getByRole('rowheader').getByRole('link').innerText();
    await row.getByRole('rowheader').getByRole('link').click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Locks' }).click();
    await expect(page).toHaveURL(/\/locks\?q=Court&sort=battery_level&order=desc&limit=10&page=2$/);
    await expect(page.getByRole('searchbox', { name: 'Search locks' })).toHaveValue('Court');
    await expect(page.getByText(/^Page 2 of \d+$/)).toBeVisible();
    await expect(page.getByRole('columnheader', { name: 'Battery' })).toHaveAttribute('aria-sort', 'descending');
  });

  test('an address with a slash or dot segments gets the friendly "No lock" page, not the platform\'s raw text', async ({ page }) => {
    await page.goto('/locks/..%2F..');
    await expect(page.getByRole('heading', { level: 1, name: 'No lock ../.. on this platform' })).toBeVisible();
    await expect(page.getByText(/invalid characters/i)).toHaveCount(0);
    await page.getByRole('link', { name: 'Back to the locks' }).click();
    await expect(lockRows(page)).toHaveCount(25);
  });

  for (const width of [1440, 390]) {
    test(`a 300-character address gets "No lock", shortened, nothing off screen at ${width} px`, async ({ page }) => {
      await page.setViewportSize({ width, height: 800 });
      const id = 'X'.repeat(300);
      await page.goto(`/locks/${id}`);
      const heading = page.getByRole('heading', { level: 1 });
      await expect(heading).toHaveText(`No lock ${'X'.repeat(39)}… on this platform`);
      await expect(heading).toHaveAttribute('title', id);
      await expect(page.getByText(/HTTP 414/)).toHaveCount(0);
      expect(await page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth)).toBeLessThanOrEqual(0);
      const crumb = page.getByRole('navigation', { name: 'Breadcrumb' });
      const box = await crumb.boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(width);
      await expectNoSeriousA11yViolations(page);
    });
  }

  test('an address that differs from a lock id only in case shows that lock, under its own address', async ({ page, server }) => {
    const { lockid, lockname } = server.db.prepare('SELECT lockid, lockname FROM locks ORDER BY lockid LIMIT 1 OFFSET 11').get() as {
      lockid: string;
      lockname: string;
    };
    expect(lockid.toLowerCase()).not.toBe(lockid);
    await page.goto(`/locks/${lockid.toLowerCase()}`);
    await expect(page.getByRole('heading', { level: 1, name: lockname })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/locks/${lockid}$`));
    await expect(page.getByRole('table', { name: 'History' }).locator('tbody tr').first()).toBeVisible();
  });
});
