import type { RunningGateway } from '../test-support/gateway';
import { expect, onlineLocks as locks, test, writeEvent } from './fixtures';
import { ARRIVES, alertPolls, bell, createRule, morePolls, openAlert, ownGateway, pageHasAlerts, pastAlert, teamAlerts, toast, toastCards, toasts, utcMs } from './team-alerts-kit';

/**
 * Team alerts as a manager meets them: the server's notifier raises them from the platform's feed
 * (rules of the test's own, on its own locks, in a gateway store of its own), the browser shows them
 * as toasts, on the bell and in the inbox on /alerts.
 */
const OFFLINE_AFTER_S = 2;

let gateway: RunningGateway;
test.beforeEach(async ({ server }) => {
  gateway = await ownGateway(server);
});
test.afterEach(() => gateway.close());

test.describe('alerts', () => {
  test('an offline lock alerts only once it stayed offline past the threshold, and resolves when back online; a flap raises nothing', { tag: '@vendor' }, async ({ page, server }) => {
    const [down, flap] = locks(server, 2, 1);
    await createRule(page.request, gateway.url, { name: 'Offline 2 s', kind: 'offline', scope: { lockids: [down!.lockid, flap!.lockid] }, threshold_s: OFFLINE_AFTER_S });
    const polls = alertPolls(page);
    await page.goto(`${gateway.url}/locks`);
    await pageHasAlerts(polls);
    // One moment for both (whole seconds, as the platform dates events).
    const t0 = Math.floor(Date.now() / 1000) * 1000;
    server.db.prepare('UPDATE locks SET lock_online_status = 0 WHERE lockid IN (?, ?)').run(down!.lockid, flap!.lockid);
    writeEvent(server, down!.lockid, 'offline', { at: t0 });
    writeEvent(server, flap!.lockid, 'offline', { at: t0 });
    // The flap is back at once, long before the threshold.
    server.db.prepare('UPDATE locks SET lock_online_status = 1 WHERE lockid = ?').run(flap!.lockid);
    writeEvent(server, flap!.lockid, 'online', { at: t0 });
    try {
      const offline = toast(page, `${down!.lockname} is offline`);
      await expect(offline).toBeVisible(ARRIVES);
      await expect(offline).toContainText(`${down!.lockname} has been offline since`);
      // Raised only past the threshold (the server's clock: no earlier pass raised it).
      const [raised] = await teamAlerts(page.request, gateway.url, { lockid: down!.lockid });
      expect(raised).toMatchObject({ kind: 'offline', severity: 'critical', closed_date: null });
      expect(utcMs(raised!.opened_date) - t0).toBeGreaterThanOrEqual(OFFLINE_AFTER_S * 1000);
      // The flap went offline at the same moment: had it counted, it would have been raised in the same pass.
      await morePolls(polls);
      await expect(toastCards(page).filter({ hasText: flap!.lockname })).toHaveCount(0);
      expect(await teamAlerts(page.request, gateway.url, { lockid: flap!.lockid })).toEqual([]);
      await expect(bell(page)).toHaveAccessibleName('Alerts, 1 unread');

      // Back online: the alert resolves by itself and says so; the critical toast stays until dismissed.
      server.db.prepare('UPDATE locks SET lock_online_status = 1 WHERE lockid = ?').run(down!.lockid);
      // Dated now, never later: an event dated in the future would stand first in the feed (see the report on newestEventId).
      writeEvent(server, down!.lockid, 'online');
      await expect(bell(page)).toHaveAccessibleName('Alerts', ARRIVES);
      await expect(offline).toBeVisible();
      await toasts(page).getByRole('button', { name: `Dismiss: ${down!.lockname} is offline` }).click();
      await expect(offline).toHaveCount(0);

      await page.goto(`${gateway.url}/alerts`);
      const resolved = pastAlert(page, `${down!.lockname} is offline`);
      // Resolved by whichever the notifier saw first: the "online" event, or the lock list showing it online.
      const name = down!.lockname.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      await expect(resolved).toContainText(new RegExp(`${name} (came back online at|is back online \\(the lock list showed it online at)`));
      await expect(resolved).toContainText(/Resolved at \d/);
      await expect(openAlert(page, down!.lockname)).toHaveCount(0);
      await expect(page.getByRole('main').getByText(flap!.lockname)).toHaveCount(0);
    } finally {
      server.db.prepare('UPDATE locks SET lock_online_status = 1 WHERE lockid IN (?, ?)').run(down!.lockid, flap!.lockid);
    }
  });

  test('a battery at exactly 10 % is a critical toast that stays until dismissed; at 11 % it is only low', { tag: '@vendor' }, async ({ page, server }) => {
    const [critical, low] = locks(server, 2, 3);
    const before = server.db.prepare('SELECT lockid, battery_level FROM locks WHERE lockid IN (?, ?)').all(critical!.lockid, low!.lockid) as {
      lockid: string;
      battery_level: number | null;
    }[];
    // Battery critical is a default rule (all locks); battery low is this test's, on its two locks.
    await createRule(page.request, gateway.url, { name: 'Battery low', kind: 'battery-low', scope: { lockids: [critical!.lockid, low!.lockid] } });
    const polls = alertPolls(page);
    await page.goto(`${gateway.url}/locks`);
    await pageHasAlerts(polls);
    server.db.prepare('UPDATE locks SET battery_level = 10 WHERE lockid = ?').run(critical!.lockid);
    server.db.prepare('UPDATE locks SET battery_level = 11 WHERE lockid = ?').run(low!.lockid);
    writeEvent(server, critical!.lockid, 'battery_low', { battery: 10 });
    writeEvent(server, low!.lockid, 'battery_low', { battery: 11 });
    try {
      const criticalToast = toast(page, `${critical!.lockname} battery critical`);
      await expect(criticalToast).toBeVisible(ARRIVES);
      await expect(criticalToast).toContainText('battery at 10 %');
      await expect(criticalToast).toContainText('replace the batteries now.');
      const lowToast = toast(page, `${low!.lockname} battery low`);
      await expect(lowToast).toBeVisible(ARRIVES);
      await expect(lowToast).toContainText('battery at 11 %');
      await expect(lowToast).toContainText('replace the batteries soon.');
      await expect(toast(page, `${low!.lockname} battery critical`)).toHaveCount(0);
      await expect(toast(page, `${critical!.lockname} battery low`)).toHaveCount(0);
      expect((await teamAlerts(page.request, gateway.url, { lockid: critical!.lockid })).map((a) => [a.kind, a.severity])).toEqual([['battery-critical', 'critical']]);
      expect((await teamAlerts(page.request, gateway.url, { lockid: low!.lockid })).map((a) => [a.kind, a.severity])).toEqual([['battery-low', 'warning']]);
      // The low one goes by itself; the critical one stays until dismissed.
      await expect(lowToast).toHaveCount(0, { timeout: 15_000 });
      await expect(criticalToast).toBeVisible();
      await page.getByRole('button', { name: `Dismiss: ${critical!.lockname} battery critical` }).click();
      await expect(criticalToast).toHaveCount(0);
    } finally {
      for (const lock of before) server.db.prepare('UPDATE locks SET battery_level = ? WHERE lockid = ?').run(lock.battery_level, lock.lockid);
    }
  });

  test('a reload neither repeats nor loses alerts', async ({ page, server }) => {
    const [first, second] = locks(server, 2, 6);
    const before = server.db.prepare('SELECT lockid, battery_level FROM locks WHERE lockid IN (?, ?)').all(first!.lockid, second!.lockid) as {
      lockid: string;
      battery_level: number | null;
    }[];
    const polls = alertPolls(page);
    await page.goto(`${gateway.url}/locks`);
    await pageHasAlerts(polls);
    try {
      server.db.prepare('UPDATE locks SET battery_level = 7 WHERE lockid IN (?, ?)').run(first!.lockid, second!.lockid);
      writeEvent(server, first!.lockid, 'battery_low', { battery: 7 });
      await expect(toast(page, `${first!.lockname} battery critical`)).toBeVisible(ARRIVES);

      // Away for a moment: an alert is raised while no page watches.
      await page.goto('about:blank');
      writeEvent(server, second!.lockid, 'battery_low', { battery: 7 });
      await expect.poll(async () => (await teamAlerts(page.request, gateway.url, { lockid: second!.lockid })).length, ARRIVES).toBe(1);
      await page.goto(`${gateway.url}/locks`);
      // Not lost: the bell counts it (what a page finds on its first load is not popped up).
      await expect(bell(page)).toHaveAccessibleName('Alerts, 2 unread');
      await expect(page).toHaveTitle(/^\(2\) /);
      await morePolls(polls);
      await expect(toastCards(page)).toHaveCount(0);

      await page.reload();
      await expect(bell(page)).toHaveAccessibleName('Alerts, 2 unread');
      // After the reload too, two more polls have come back, and neither alert is told again.
      await morePolls(polls);
      await expect(toastCards(page)).toHaveCount(0);
      await page.goto(`${gateway.url}/alerts`);
      await expect(openAlert(page, `${first!.lockname} battery critical`)).toHaveCount(1);
      await expect(openAlert(page, `${second!.lockname} battery critical`)).toHaveCount(1);
    } finally {
      for (const lock of before) server.db.prepare('UPDATE locks SET battery_level = ? WHERE lockid = ?').run(lock.battery_level, lock.lockid);
    }
  });

  test('15 locks going offline at once make one coalesced toast that opens the inbox', async ({ page, server }) => {
    const fifteen = locks(server, 15, 10);
    const ids = fifteen.map((l) => l.lockid);
    await createRule(page.request, gateway.url, { name: 'Offline 2 s', kind: 'offline', scope: { lockids: ids }, threshold_s: OFFLINE_AFTER_S });
    const polls = alertPolls(page);
    await page.goto(`${gateway.url}/locks`);
    await pageHasAlerts(polls);
    const placeholders = ids.map(() => '?').join(',');
    server.db.prepare(`UPDATE locks SET lock_online_status = 0 WHERE lockid IN (${placeholders})`).run(...ids);
    const at = Math.floor(Date.now() / 1000) * 1000; // one moment for all: their alerts fall due in the same pass
    for (const lockid of ids) writeEvent(server, lockid, 'offline', { at });
    try {
      const burst = toast(page, '15 new alerts');
      await expect(burst).toBeVisible(ARRIVES);
      await expect(toastCards(page)).toHaveCount(1); // the burst itself, no single ones
      await expect(toasts(page).getByText(/ is offline$/)).toHaveCount(0);
      await burst.getByRole('link', { name: 'Open the alerts' }).click();
      await expect(page).toHaveURL(/\/alerts$/);
      await expect(openAlert(page, ' is offline')).toHaveCount(15);
      // Nothing else is open in this gateway's store: the fifteen, once each (an extra one names itself here).
      const open = await teamAlerts(page.request, gateway.url, { state: 'open' });
      expect(open.map((a) => `${a.lockid} ${a.title}`).sort()).toEqual(fifteen.map((l) => `${l.lockid} ${l.lockname} is offline`).sort());
      await expect(bell(page)).toHaveAccessibleName('Alerts, 15 unread');
    } finally {
      server.db.prepare(`UPDATE locks SET lock_online_status = 1 WHERE lockid IN (${placeholders})`).run(...ids);
    }
  });
});
