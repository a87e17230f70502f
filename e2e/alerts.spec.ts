import type { Page } from '@playwright/test';
import type { RunningGateway } from '../test-support/gateway';
import { type E2eServer, countRequests, expect, extraGateway, onlineLocks as locks, test, writeEvent } from './fixtures';

const OFFLINE_AFTER_S = 3;

/** A gateway of the test's own with a short offline threshold, in front of the worker's platform (simulator off). */
let gateway: RunningGateway;
test.beforeEach(async ({ server }) => {
  gateway = await extraGateway(server.platformUrl, { env: { OFFLINE_ALERT_AFTER_S: String(OFFLINE_AFTER_S) } });
});
test.afterEach(() => gateway.close());

async function openWatching(page: Page, path = '/locks') {
  await page.goto(`${gateway.url}${path}`);
  // The watcher has read where the feed stands ("now") once its state is kept for the user.
  await expect.poll(() => page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('lockboard:alerts:v1:') && localStorage.getItem(k)?.includes('"cursor"')))).toBe(true);
}

const toasts = (page: Page) => page.getByRole('region', { name: 'Notifications' });
/** One toast (its card), by its title. */
const toast = (page: Page, title: string) => toasts(page).locator(':scope > div').filter({ hasText: title });

/** What the alert watcher keeps for the user in the browser: where it has read the feed to, and the alerts. */
interface Kept {
  watcher: { cursor: number; pendingOffline: Record<string, unknown> } | null;
  alerts: { lockid: string | null; kind: string }[];
}
function kept(page: Page): Promise<Kept> {
  return page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('lockboard:alerts:v1:'));
    return key ? (JSON.parse(localStorage.getItem(key) ?? '{}') as Kept) : { watcher: null, alerts: [] };
  });
}

/** The newest event id in the platform's database. */
const newestEventId = (server: E2eServer) => (server.db.prepare('SELECT max(eventid) AS id FROM events').get() as { id: number }).id;

/** Counts the polls of the alert feed whose answer came back in full. */
const feedPolls = (page: Page) => countRequests(page, /\/api\/events\?(.*&)?afterid=/, { finished: true });

test.describe('alerts', () => {
  test('a routine unlock is no alert by default; opted in on /alerts, it becomes a toast and an alert within one poll', async ({ page, server }) => {
    const [lock] = locks(server, 1, 0);
    await openWatching(page, '/alerts');
    const quiet = feedPolls(page);
    writeEvent(server, lock!.lockid, 'unlocked', { person: true, method: 'card' });
    const seen = quiet.count;
    await expect.poll(() => quiet.count).toBeGreaterThanOrEqual(seen + 2);
    await expect(toasts(page).getByText(`${lock!.lockname} unlocked`)).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Alerts', exact: true })).toBeVisible();

    await page.getByLabel('Unlocked', { exact: true }).selectOption('popup');
    const polls = feedPolls(page);
    const person = writeEvent(server, lock!.lockid, 'unlocked', { person: true, method: 'card' });
    // Watched from inside the page, frame by frame, so that the moment it shows is exact.
    await page.waitForFunction(
      (title) => [...document.querySelectorAll('[aria-label="Notifications"] > div')].some((card) => card.textContent?.includes(title)),
      `${lock!.lockname} unlocked`,
      { polling: 'raf', timeout: 10_000 },
    );
    // Within one poll: the poll under way when the event was written, at most, and the next.
    expect(polls.count).toBeLessThanOrEqual(2);
    await expect(toasts(page).getByText(`${lock!.lockname} unlocked`)).toBeVisible();
    await expect(toasts(page)).toContainText(`by ${person!.name} · Card`);
    await expect(page.getByRole('button', { name: 'Alerts, 1 unread' })).toBeVisible();
    await expect(page).toHaveTitle(/^\(1\) \S.* · Lockboard$/);

    await page.getByRole('button', { name: 'Alerts, 1 unread' }).click();
    const panel = page.getByRole('region', { name: 'Latest alerts' });
    await expect(panel.getByRole('link', { name: `${lock!.lockname} unlocked` })).toBeVisible();
    await panel.getByRole('button', { name: 'Mark all read' }).click();
    await expect(page.getByRole('button', { name: 'Alerts', exact: true })).toBeVisible();
    await expect(page).toHaveTitle(/^[^(].* · Lockboard$/);
  });

  test('an offline lock raises its alert only once it stayed offline past the threshold, then "back online"; a flap raises nothing', async ({ page, server }) => {
    const [down, flap] = locks(server, 2, 1);
    // The page's clock stands still (its timers run, so it keeps polling) and moves only when the
    // test moves it: whether the threshold has passed never depends on how fast this machine is.
    // Ten minutes ago: no event of this test is dated after now, which would put it first in the
    // history ("newest") for the tests that follow.
    const t0 = Math.floor(Date.now() / 1000) * 1000 - 10 * 60_000;
    await page.clock.setFixedTime(t0);
    await openWatching(page);
    const polls = feedPolls(page);
    server.db.prepare('UPDATE locks SET lock_online_status = 0 WHERE lockid IN (?, ?)').run(down!.lockid, flap!.lockid);
    writeEvent(server, down!.lockid, 'offline', { at: t0 });
    writeEvent(server, flap!.lockid, 'offline', { at: t0 });
    try {
      // The watcher has read both offline events and holds them back…
      await expect.poll(async () => Object.keys((await kept(page)).watcher?.pendingOffline ?? {}).sort()).toEqual([down!.lockid, flap!.lockid].sort());
      server.db.prepare('UPDATE locks SET lock_online_status = 1 WHERE lockid = ?').run(flap!.lockid);
      writeEvent(server, flap!.lockid, 'online', { at: t0 + 1000 });
      const flapBack = newestEventId(server);
      // …and has read the flap's "online": the flap is no longer waiting to become an alert.
      await expect
        .poll(async () => {
          const { watcher } = await kept(page);
          return (watcher?.cursor ?? 0) >= flapBack && Object.keys(watcher?.pendingOffline ?? {}).join();
        })
        .toBe(down!.lockid);

      // A second short of the threshold, two more polls later: still nobody told.
      await page.clock.setFixedTime(t0 + OFFLINE_AFTER_S * 1000 - 1000);
      const seen = polls.count;
      await expect.poll(() => polls.count).toBeGreaterThanOrEqual(seen + 2);
      await expect(toasts(page).getByText(/ went offline$/)).toHaveCount(0);

      // At the threshold, the lock that stayed offline is told; the flap, offline at the same moment, is not.
      await page.clock.setFixedTime(t0 + OFFLINE_AFTER_S * 1000);
      const offline = toasts(page).getByText(`${down!.lockname} went offline`);
      await expect(offline).toBeVisible();
      await expect(toasts(page).getByText(`${flap!.lockname} went offline`)).toHaveCount(0);
      expect((await kept(page)).alerts.filter((a) => a.lockid === flap!.lockid)).toEqual([]);

      server.db.prepare('UPDATE locks SET lock_online_status = 1 WHERE lockid = ?').run(down!.lockid);
      writeEvent(server, down!.lockid, 'online', { at: t0 + 5 * 60_000 });
      await page.clock.setFixedTime(t0 + 5 * 60_000);
      // "Back online" is listed (no pop-up by default); the offline toast stays until dismissed.
      await expect
        .poll(async () => (await kept(page)).alerts.filter((a) => a.lockid === down!.lockid).map((a) => a.kind))
        .toEqual(['online', 'offline']);
      await expect(toasts(page).getByText(`${down!.lockname} is back online`)).toHaveCount(0);
      await expect(offline).toBeVisible();
      await toasts(page).getByRole('button', { name: `Dismiss: ${down!.lockname} went offline` }).click();
      await expect(offline).toHaveCount(0);

      await page.goto(`${gateway.url}/alerts`);
      const list = page.getByRole('region', { name: 'All alerts' });
      await expect(list.getByRole('link', { name: `${down!.lockname} went offline` })).toBeVisible();
      await expect(list.getByRole('link', { name: `${down!.lockname} is back online` })).toBeVisible();
      await expect(list.locator('li[data-alert-kind="online"]')).toContainText('It was offline for 5 min.');
      await expect(list.getByText(`${flap!.lockname}`)).toHaveCount(0);
    } finally {
      server.db.prepare('UPDATE locks SET lock_online_status = 1 WHERE lockid IN (?, ?)').run(down!.lockid, flap!.lockid);
    }
  });

  test('a battery at exactly 10 % is a critical toast that stays until dismissed; at 11 % it is only low', async ({ page, server }) => {
    const [critical, low] = locks(server, 2, 3);
    const before = server.db.prepare('SELECT lockid, battery_level FROM locks WHERE lockid IN (?, ?)').all(critical!.lockid, low!.lockid) as {
      lockid: string;
      battery_level: number | null;
    }[];
    await openWatching(page);
    server.db.prepare('UPDATE locks SET battery_level = 10 WHERE lockid = ?').run(critical!.lockid);
    server.db.prepare('UPDATE locks SET battery_level = 11 WHERE lockid = ?').run(low!.lockid);
    writeEvent(server, critical!.lockid, 'battery_low', { battery: 10 });
    writeEvent(server, low!.lockid, 'battery_low', { battery: 11 });
    try {
      const criticalToast = toast(page, `${critical!.lockname} battery critical`);
      await expect(criticalToast).toBeVisible();
      await expect(criticalToast).toContainText('10 % — replace the batteries now.');
      const lowToast = toast(page, `${low!.lockname} battery low`);
      await expect(lowToast).toBeVisible();
      await expect(lowToast).toContainText('11 % — replace the batteries soon.');
      await expect(toasts(page).getByText(`${low!.lockname} battery critical`)).toHaveCount(0);
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
    const [first, second] = locks(server, 2, 4);
    await openWatching(page, '/alerts');
    await page.getByLabel('Unlocked', { exact: true }).selectOption('popup'); // routine use is opt-in
    writeEvent(server, first!.lockid, 'unlocked', { person: true, method: 'keypad' });
    await expect(toasts(page).getByText(`${first!.lockname} unlocked`)).toBeVisible();

    // Away for a moment: an event happens while no page watches.
    await page.goto('about:blank');
    writeEvent(server, second!.lockid, 'unlocked', { person: true, method: 'fingerprint' });
    const polls = feedPolls(page);
    await page.goto(`${gateway.url}/locks`);
    await expect(toasts(page).getByText(`${second!.lockname} unlocked`)).toBeVisible();
    // Two more polls of the feed have come back since: the first unlock is not told again.
    const seen = polls.count;
    await expect.poll(() => polls.count, { timeout: 15_000 }).toBeGreaterThanOrEqual(seen + 2);
    await expect(toasts(page).getByText(`${first!.lockname} unlocked`)).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Alerts, 2 unread' })).toBeVisible();

    await page.reload();
    await expect(page.getByRole('button', { name: 'Alerts, 2 unread' })).toBeVisible();
    // After the reload too, the feed has been read twice, and neither unlock is told again.
    const reloaded = polls.count;
    await expect.poll(() => polls.count, { timeout: 15_000 }).toBeGreaterThanOrEqual(reloaded + 2);
    await expect(toasts(page).getByText(/unlocked$/)).toHaveCount(0);
    await page.goto(`${gateway.url}/alerts`);
    const list = page.getByRole('region', { name: 'All alerts' });
    await expect(list.getByRole('link', { name: `${first!.lockname} unlocked` })).toHaveCount(1);
    await expect(list.getByRole('link', { name: `${second!.lockname} unlocked` })).toHaveCount(1);
  });

  test('15 locks going offline at once make one coalesced toast that opens the alert list', async ({ page, server }) => {
    const fifteen = locks(server, 15, 10);
    await openWatching(page);
    const ids = fifteen.map((l) => l.lockid);
    const placeholders = ids.map(() => '?').join(',');
    server.db.prepare(`UPDATE locks SET lock_online_status = 0 WHERE lockid IN (${placeholders})`).run(...ids);
    const at = Date.now(); // one moment for all: their alerts fall due in the same poll
    for (const lockid of ids) writeEvent(server, lockid, 'offline', { at });
    try {
      const burst = toasts(page).getByText('15 locks went offline');
      await expect(burst).toBeVisible({ timeout: (OFFLINE_AFTER_S + 4) * 1000 });
      await expect(toasts(page).getByText(/ went offline$/)).toHaveCount(1); // the burst itself, no single ones
      await toasts(page).getByRole('link', { name: 'Open the alerts' }).click();
      await expect(page).toHaveURL(/\/alerts$/);
      const list = page.getByRole('region', { name: 'All alerts' });
      await expect(list.locator('li[data-alert-kind="offline"]')).toHaveCount(15);
    } finally {
      server.db.prepare(`UPDATE locks SET lock_online_status = 1 WHERE lockid IN (${placeholders})`).run(...ids);
    }
  });
});
