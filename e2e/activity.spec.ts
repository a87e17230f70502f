import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';

const localDay = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

test.describe('Activity', () => {
  test('is in the main navigation and filters the fleet history by type, date and lock, in the URL', { tag: '@vendor' }, async ({ page, server }) => {
    await page.goto('/locks');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }).click();
    await expect(page).toHaveURL('/activity');
    // The table is named by the heading over it, which says what the filters select.
    const table = page.getByRole('table');
    await expect(page.getByRole('table', { name: 'All events' }).locator('tbody tr[data-eventid]')).toHaveCount(25);

    // The table keeps the previous rows on screen until the new ones come: read until they have.
    const column = (n: number) => table.locator(`tbody tr[data-eventid] td:nth-child(${n})`).allInnerTexts();
    await page.getByLabel('Event type').selectOption('battery_low');
    await expect(page.getByRole('heading', { level: 2, name: 'Low-battery warnings' })).toBeVisible();
    await expect(page).toHaveURL(/type=battery_low/);
    await expect.poll(async () => [...new Set((await column(3)).map((text) => text.replace(/^(Battery low).*$/s, '$1')))]).toEqual(['Battery low']);
    expect(await column(3)).toHaveLength(25);

    const yesterday = new Date(Date.now() - 86_400_000);
    const start = new Date(yesterday.getFullYear(), yesterday.getMonth(), yesterday.getDate()).getTime();
    await page.getByLabel('Event type').selectOption('unlocked');
    await page.getByLabel('From').fill(localDay(yesterday));
    await page.getByLabel('To').fill(localDay(yesterday));
    await expect(page).toHaveURL(new RegExp(`from=${localDay(yesterday)}&to=${localDay(yesterday)}`));
    const outsideYesterday = async () => {
      const times = await table.locator('tbody tr[data-eventid] time').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('datetime') ?? ''));
      if (times.length === 0) return ['(no rows)'];
      return times.filter((time) => !(Date.parse(time) >= start && Date.parse(time) < start + 86_400_000));
    };
    await expect.poll(outsideYesterday).toEqual([]);
    expect(await column(3)).toContain('Unlocked');

    // Search by the lock's ID: no other lock, name or person shares it.
    const { lockid, lockname } = server.db
      .prepare("SELECT lockid, lockname FROM events WHERE event_type = 'unlocked' ORDER BY eventid DESC LIMIT 1")
      .get() as { lockid: string; lockname: string };
    await page.getByLabel('To').fill('');
    await page.getByLabel('From').fill('');
    await page.getByRole('searchbox', { name: 'Search by lock' }).fill(lockid);
    await expect(page).toHaveURL(new RegExp(`q=${lockid}`));
    await expect.poll(async () => [...new Set(await column(2))]).toEqual([lockname]);
    await page.reload();
    await expect(page.getByRole('searchbox', { name: 'Search by lock' })).toHaveValue(lockid);
    await expect.poll(async () => [...new Set(await column(2))]).toEqual([lockname]);
    await expect(page.getByLabel('Event type')).toHaveValue('unlocked');
  });

  test('says clearly when the dates are the wrong way round', async ({ page }) => {
    await page.goto('/activity?from=2026-03-10&to=2026-03-01');
    await expect(page.getByRole('alert')).toContainText('The “From” date is after the “To” date');
  });

  test('"Export CSV" downloads exactly the filtered rows of all pages, and not one lock password', { tag: '@vendor' }, async ({ page, server, platformQuirks }) => {
    await page.goto('/activity?type=battery_low');
    const table = page.getByRole('table', { name: 'Low-battery warnings' });
    await expect(table).toHaveAttribute('aria-busy', 'false');
    const { total } = server.db.prepare("SELECT count(*) AS total FROM events WHERE event_type = 'battery_low'").get() as { total: number };
    expect(total).toBeGreaterThan(25);
    // A vendor host that sends no totalCount leaves the count unknown; the file must still hold every row.
    if (platformQuirks === null) await expect(page.getByText(`${total.toLocaleString('en')} events`)).toBeVisible();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^lockboard-activity-\d{8}-\d{4}\.csv$/);
    const file = readFileSync(await download.path(), 'utf8');
    // A byte-order mark first, so that a spreadsheet reads the names as UTF-8.
    expect(file.startsWith('\uFEFF')).toBe(true);
    const csv = file.slice(1);
    const lines = csv.trimEnd().split('\r\n');
    const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(lines[0]).toBe(`event_id,time_utc,time_local (${zone}),lock_id,lock_name,event,user_id,user,method,battery_level,reason,by,group_id,group`);
    expect(lines).toHaveLength(total + 1);
    for (const line of lines.slice(1)) expect(line).toMatch(/^\d+,\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z,\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},EM[0-9A-F]+,.*,Battery low,,,System,\d+,,,,$/);
    // The passwords of the very locks in the file (the lock ID is the fourth column).
    const exported = [...new Set(lines.slice(1).map((line) => line.split(',')[3]!))];
    expect(exported.length).toBeGreaterThan(1);
    const passwords = server.db
      .prepare(`SELECT lockid, lock_password AS p FROM locks WHERE lockid IN (${exported.map(() => '?').join(',')})`)
      .all(...exported) as { lockid: string; p: string }[];
    expect(passwords.map((r) => r.lockid).sort()).toEqual([...exported].sort());
    for (const { p } of passwords) expect(csv).not.toContain(p);
  });
});
