import type { RunningGateway } from '../test-support/gateway';
import { DEMO_USERS, expect, extraGateway, lockRows, test } from './fixtures';
import { type AlertRow, browserAs, insertAlert, open } from './team-alerts-rows';

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

/**
 * The team inbox (/alerts) filled for the picture: open alerts of each severity (one acknowledged),
 * and a history of resolved ones, written straight into a gateway's own store.
 */
test.describe('team alerts inbox', () => {
  let gateway: RunningGateway;
  /** The open alerts' titles, worst first, then newest. */
  let openTitles: string[] = [];
  test.beforeAll(async ({ server }) => {
    gateway = await extraGateway(server.platformUrl, { serviceAccount: server.serviceAccount });
    // Open alerts on locks whose state says so (the notifier keeps running and would resolve the others).
    const pick = (where: string) =>
      server.db.prepare(`SELECT lockid, lockname FROM locks WHERE ${where} ORDER BY lockname LIMIT 1`).get() as { lockid: string; lockname: string };
    const unlocked = pick('lock_online_status = 1 AND lock_open_status = 1');
    const offline = pick('lock_online_status = 0');
    const lowBattery = pick('lock_online_status = 1 AND battery_level BETWEEN 6 AND 20');
    const named = (name: string) => pick(`lockname = '${name}'`);
    const { userid } = server.db.prepare('SELECT userid FROM users WHERE email = ?').get(DEMO_USERS.manager.email) as { userid: number };
    const manager = { userid, name: DEMO_USERS.manager.name };
    const entrance = named('HQ · Main Entrance');
    const hall = named('Westfield Data Center · Server Hall 6');
    const serverRoom = named('HQ · Server Room');
    const rows: AlertRow[] = [
      { kind: 'access-denied', severity: 'info', title: `${entrance.lockname} refused a card`, detail: 'Jamal Carter, Card: Access expired.', ...entrance, openedMinAgo: 26 * 60, closedMinAgo: 26 * 60 },
      { kind: 'offline', severity: 'critical', title: `${hall.lockname} offline`, detail: 'Offline for 9 min, since 02:10.', ...hall, openedMinAgo: 20 * 60, closedMinAgo: 20 * 60 - 9 },
      { kind: 'access-denied-burst', severity: 'critical', title: `Possible break-in at ${serverRoom.lockname}`, detail: '6 refused attempts in 4 min (Keypad: Wrong code).', ...serverRoom, openedMinAgo: 5 * 60, closedMinAgo: 4 * 60, acked: { ...manager, minAgo: 5 * 60 - 3, note: 'Contractor with an old code; escorted out' } },
      { kind: 'battery-low', severity: 'warning', title: `${lowBattery.lockname} battery low`, detail: 'Battery low: change it within a week.', ...lowBattery, openedMinAgo: 3 * 60 },
      { kind: 'offline', severity: 'critical', title: `${offline.lockname} offline`, detail: 'Offline for 12 min.', ...offline, openedMinAgo: 12, acked: { ...manager, minAgo: 6, note: 'Facilities is checking the power' } },
      { kind: 'left-unlocked', severity: 'critical', title: `${unlocked.lockname} left unlocked`, detail: `${unlocked.lockname} has been unlocked for 14 min, by Ana Lopez · Card.`, ...unlocked, openedMinAgo: 4 },
    ];
    openTitles = [rows[5]!.title, rows[4]!.title, rows[3]!.title];
    for (const row of rows) await insertAlert(gateway.store, row);
  });
  test.afterAll(() => gateway.close());

  for (const view of VIEWS) {
    test(`alerts inbox, ${view.name}`, async ({ browser }) => {
      const { context, page } = await browserAs(browser, gateway.url, DEMO_USERS.manager, { viewport: view.viewport, colorScheme: view.colorScheme });
      await open(page, '/alerts');
      const openList = page.getByRole('region', { name: /^Open alerts/ }).getByRole('listitem');
      await expect(openList.getByRole('heading')).toHaveText(openTitles);
      await expect(page.getByRole('region', { name: 'History' }).getByRole('listitem')).toHaveCount(3);
      await expect(openList.getByText('Acknowledged by Demo Manager')).toHaveCount(1);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `test-results/screens/alerts-${view.name}.png`, fullPage: view.name.startsWith('phone') });
      if (view.name === 'desktop-light') await page.screenshot({ path: 'docs/screenshot-alerts.png' });
      await context.close();
    });
  }
});
