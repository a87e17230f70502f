import { cellOf, expect, lockRows, tableSettled, test } from './fixtures';

/** Filter chips that combine, counts that follow the search, and the field a search matched. */
test.describe('searching and filtering the locks', () => {
  test('chips combine (Offline + Low battery) and the URL keeps both', async ({ page, server }) => {
    const { n } = server.db.prepare('SELECT count(*) AS n FROM locks WHERE lock_online_status = 0 AND battery_level <= 20').get() as { n: number };
    expect(n).toBeGreaterThan(0);
    await page.goto('/locks');
    await page.getByRole('button', { name: /^Offline \d+$/ }).click();
    await page.getByRole('button', { name: /^Low battery \d+$/ }).click();
    await expect(page).toHaveURL(/status=offline%2Clowbattery$/);
    await expect(page.getByRole('button', { name: /^Offline/ })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('button', { name: /^Low battery/ })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('button', { name: /^All/ })).toHaveAttribute('aria-pressed', 'false');
    await tableSettled(page);
    await expect(page.getByText(`${n} lock${n === 1 ? '' : 's'}`, { exact: true })).toBeVisible();
    await expect(lockRows(page)).toHaveCount(Math.min(n, 25));
    for (const row of await lockRows(page).all()) {
      await expect(cellOf(row, 'connection')).toHaveText('Offline');
      await expect(cellOf(row, 'battery')).toHaveText(/\b([0-9]|1[0-9]|20) %\s*(Low|Critical)/);
    }
    // A reload keeps both; "All" clears them.
    await page.reload();
    await expect(page.getByRole('button', { name: /^Low battery/ })).toHaveAttribute('aria-pressed', 'true');
    await page.getByRole('button', { name: /^All/ }).click();
    await expect(page).toHaveURL(/\/locks$/);
    await expect(page.getByText('240 locks')).toBeVisible();
  });

  test('chip counts follow the search and the other chips', async ({ page, server }) => {
    const count = (where: string) => (server.db.prepare(`SELECT count(*) AS n FROM locks WHERE ${where}`).get() as { n: number }).n;
    const warehouse = "lower(lockname) LIKE '%warehouse%'";
    await page.goto('/locks?q=warehouse');
    await tableSettled(page);
    await expect(page.getByRole('button', { name: `All ${count(warehouse)}` })).toBeVisible();
    await expect(page.getByRole('button', { name: `Offline ${count(`${warehouse} AND lock_online_status = 0`)}` })).toBeVisible();
    await expect(page.getByRole('button', { name: `Unlocked ${count(`${warehouse} AND lock_open_status = 1`)}` })).toBeVisible();
    // With Low battery on, Offline counts the offline ones among the low batteries of the search.
    await page.getByRole('button', { name: /^Low battery/ }).click();
    await tableSettled(page);
    await expect(
      page.getByRole('button', { name: `Offline ${count(`${warehouse} AND battery_level <= 20 AND lock_online_status = 0`)}` }),
    ).toBeVisible();
    await expect(page.getByRole('button', { name: `All ${count(warehouse)}` })).toBeVisible();
  });

  test('a search that matched a MAC shows the MAC under the name, even at 1440 px where the column is off', async ({ page, server }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const { lockid, mac } = server.db
      .prepare('SELECT lockid, mac_address AS mac FROM locks WHERE mac_address IS NOT NULL ORDER BY lockid LIMIT 1 OFFSET 7')
      .get() as { lockid: string; mac: string };
    await page.goto('/locks');
    await expect(page.getByRole('columnheader', { name: 'MAC address · SSID' })).toHaveCount(0);
    // Typed without separators, as it is printed on a label.
    await page.getByRole('searchbox', { name: 'Search locks' }).fill(mac.replace(/:/g, ''));
    await tableSettled(page);
    const row = lockRows(page).filter({ hasText: lockid });
    await expect(row.getByRole('rowheader')).toContainText(`MAC ${mac}`);
    await expect(row.getByRole('rowheader').getByText(mac, { exact: true })).toBeVisible();
  });

  test('managers choose extra columns (MAC/SSID), kept for them after a reload', async ({ page, server }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const { lockid, mac } = server.db
      .prepare('SELECT lockid, mac_address AS mac FROM locks WHERE mac_address IS NOT NULL ORDER BY lockname LIMIT 1')
      .get() as { lockid: string; mac: string };
    await page.goto('/locks?sort=lockname');
    await page.getByRole('button', { name: 'Columns' }).click();
    const choice = page.getByRole('checkbox', { name: 'MAC address · SSID' });
    await expect(choice).not.toBeChecked();
    await choice.check();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('button', { name: 'Columns' })).toBeFocused();
    const header = page.getByRole('columnheader', { name: 'MAC address · SSID' });
    await expect(header).toBeVisible();
    await page.reload();
    await expect(header).toBeVisible();
    await expect(cellOf(lockRows(page).filter({ hasText: lockid }), 'network')).toContainText(mac);
    expect(await page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth)).toBeLessThanOrEqual(0);
  });
});
