import type { Page } from '@playwright/test';
import type { RunningGateway } from '../test-support/gateway';
import { type E2eServer, expect, lockRows, onlineLocks, tableSettled, test, writeEvent } from './fixtures';
import { coveredByToasts, pageScroll } from './overlap';
import { ARRIVES, alertPolls, createRule, ownGateway, pageHasAlerts, pastAlert, teamAlerts } from './team-alerts-kit';

/**
 * No toast ever covers a control or the bulk bar (issue 20): with real toasts on screen (team alerts
 * the server's notifier raised, a command's result), at every width and scroll position, on the lock list with its bulk
 * bar, on a lock's page and on another page, every interactive element in view is checked against
 * every toast.
 */

const WIDTHS = [390, 768, 1024, 1280, 1440] as const;
const toastRegion = (page: Page) => page.getByRole('region', { name: 'Notifications' });

/** Checked at the top, the middle and the end of the page, at each width. */
async function expectNothingCovered(page: Page, where: string, { shoot = false } = {}) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width < 640 ? 844 : 900 });
    await expect(toastRegion(page).locator(':scope > div')).toHaveCount(width < 640 ? 1 : 3);
    const { max } = await pageScroll(page);
    for (const top of [0, Math.round(max / 2), max]) {
      await pageScroll(page, top);
      const { covered } = await coveredByToasts(page);
      expect(covered, `${where} at ${width} px, scrolled to ${top} of ${max}`).toEqual([]);
    }
    if (shoot && (width === 390 || width === 1280)) {
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await pageScroll(page, max);
        await page.screenshot({ path: `test-results/screens/toasts-${where.replace(/\W+/g, '-')}-${width}-${scheme}.png` });
      }
      await page.emulateMedia({ colorScheme: 'light' });
    }
  }
}

/** A gateway of the test's own (its own alert store: the default rules, and the test's). */
let gateway: RunningGateway | null = null;
test.afterEach(async () => {
  await gateway?.close();
  gateway = null;
});

/** Three critical batteries (sticky toasts: the default rule), and the locks to put back afterwards. */
async function raiseAlerts(page: Page, server: E2eServer, polls: { count: number }) {
  await pageHasAlerts(polls);
  const locks = onlineLocks(server, 3, 150);
  const saved = locks.map((l) => server.db.prepare('SELECT battery_level AS battery FROM locks WHERE lockid = ?').get(l.lockid) as { battery: number | null });
  for (const lock of locks) {
    server.db.prepare('UPDATE locks SET battery_level = 8 WHERE lockid = ?').run(lock.lockid);
    writeEvent(server, lock.lockid, 'battery_low', { battery: 8 });
  }
  for (const lock of locks) await expect(toastRegion(page).getByText(`${lock.lockname} battery critical`)).toBeVisible(ARRIVES);
  return () => locks.forEach((l, i) => server.db.prepare('UPDATE locks SET battery_level = ? WHERE lockid = ?').run(saved[i]!.battery, l.lockid));
}

test('no toast covers a control or the bulk bar: the lock list, a lock’s page and Activity, at 390–1440 px, scrolled anywhere', async ({ page, server }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  gateway = await ownGateway(server);
  const polls = alertPolls(page);
  await page.goto(`${gateway.url}/locks`);
  await tableSettled(page);
  const restore = await raiseAlerts(page, server, polls);
  try {
    // A command's own result is a toast too.
    const row = lockRows(page).filter({ has: page.getByRole('button', { name: /^Lock / }) }).first();
    await row.getByRole('button', { name: /^Lock / }).click();
    await expect(toastRegion(page).getByText(/ locked$/)).toBeVisible();
    await expect(toastRegion(page).getByRole('link', { name: '+1 more: open the alerts' })).toBeVisible();
    // The bulk bar, sticky at the bottom of the list.
    await page.getByRole('checkbox', { name: 'Select all on this page' }).check();
    const bar = page.getByRole('region', { name: 'Selected locks' });
    await expect(bar.getByText('25 selected')).toBeVisible();
    await expectNothingCovered(page, 'lock list', { shoot: true });
    // The bulk bar stands clear above the toasts.
    await page.setViewportSize({ width: 1280, height: 900 });
    const barBox = (await bar.boundingBox())!;
    const dockBox = (await toastRegion(page).boundingBox())!;
    expect(barBox.y + barBox.height).toBeLessThanOrEqual(dockBox.y);

    await lockRows(page).first().getByRole('rowheader').getByRole('link').click();
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
    await expectNothingCovered(page, 'lock page', { shoot: true });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Activity' })).toBeVisible();
    await expectNothingCovered(page, 'activity');

    // Dismissed, the page has the whole window again, scrolled where it was.
    await page.setViewportSize({ width: 1280, height: 900 });
    const { top } = await pageScroll(page, 300);
    expect(top).toBe(300);
    const dismiss = toastRegion(page).getByRole('button', { name: /^Dismiss: / });
    while ((await dismiss.count()) > 0) await dismiss.first().click();
    await expect(page.locator('html')).not.toHaveAttribute('data-toast-dock');
    expect(await page.evaluate(() => document.scrollingElement?.scrollTop)).toBe(300);
  } finally {
    restore();
  }
});

/** A gateway of the test's own whose rule tells of these doors left unlocked for 2 seconds (created as a manager). */
async function leftUnlockedSoon(server: E2eServer, manager: Parameters<typeof createRule>[0], doors: { lockid: string }[]) {
  gateway = await ownGateway(server);
  await createRule(manager, gateway.url, { name: 'Left unlocked 2 s', kind: 'left-unlocked', scope: { lockids: doors.map((d) => d.lockid) }, threshold_s: 2 });
  return gateway.url;
}

/** Doors unlocked (and the feed told so); `restore()` puts their state back. */
async function leaveUnlocked(server: E2eServer, doors: { lockid: string }[]) {
  const read = server.db.prepare('SELECT lock_open_status AS open, lock_online_status AS online FROM locks WHERE lockid = ?');
  const saved = doors.map((d) => read.get(d.lockid) as { open: number; online: number });
  for (const door of doors) {
    server.db.prepare('UPDATE locks SET lock_open_status = 1 WHERE lockid = ?').run(door.lockid);
    writeEvent(server, door.lockid, 'unlocked', { person: true, method: 'card' });
  }
  return () => doors.forEach((d, i) => server.db.prepare('UPDATE locks SET lock_open_status = ?, lock_online_status = ? WHERE lockid = ?').run(saved[i]!.open, saved[i]!.online, d.lockid));
}

/** Online locks that are locked now (one already unlocked would be watched from the gateway's start, and told before the page looks). */
function lockedLocks(server: E2eServer, count: number, offset: number) {
  return server.db
    .prepare('SELECT lockid, lockname FROM locks WHERE lock_online_status = 1 AND lock_open_status = 0 AND relock_at IS NULL ORDER BY lockid DESC LIMIT ? OFFSET ?')
    .all(count, offset) as { lockid: string; lockname: string }[];
}

const toastOf = (page: Page, title: string) => toastRegion(page).locator(':scope > div').filter({ hasText: title });

test.describe('a door left unlocked: Lock now', () => {
  test('in its toast it says "Locking…" until the platform answers, then that it locked it; the alert resolves, as the inbox says', async ({ page, server }) => {
    const [door] = lockedLocks(server, 1, 100);
    const base = await leftUnlockedSoon(server, page.request, [door!]);
    const polls = alertPolls(page);
    await page.goto(`${base}/locks`);
    await pageHasAlerts(polls);
    const restore = await leaveUnlocked(server, [door!]);
    try {
      const doorToast = toastOf(page, `${door!.lockname} left unlocked`);
      await expect(doorToast).toBeVisible(ARRIVES);

      // The command is held on its way until "Locking…" has been seen; then the platform answers for real.
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route(`**/api/locks/${door!.lockid}/lock`, async (route) => {
        await held;
        await route.continue();
      });
      await doorToast.getByRole('button', { name: `Lock now ${door!.lockname}` }).click();
      await expect(doorToast.getByRole('button', { name: `Locking… ${door!.lockname}` })).toHaveAttribute('aria-disabled', 'true');
      release();
      await expect(doorToast).toContainText(/Locked at \d/);
      await expect(doorToast.getByRole('button', { name: /^Lock now/ })).toHaveCount(0);
      expect((server.db.prepare('SELECT lock_open_status AS open FROM locks WHERE lockid = ?').get(door!.lockid) as { open: number }).open).toBe(0);
      await page.screenshot({ path: 'test-results/screens/lock-now-1280-light.png' });

      // The platform's "locked" resolves the alert on the server: the inbox has it in the history, with no Lock now.
      await expect.poll(async () => (await teamAlerts(page.request, base, { lockid: door!.lockid }))[0]?.closed_reason ?? null, ARRIVES).toBe('resolved');
      await page.goto(`${base}/alerts`);
      const entry = pastAlert(page, `${door!.lockname} left unlocked`);
      await expect(entry).toContainText(`${door!.lockname} was locked at`);
      await expect(entry).toContainText(/Resolved at \d/);
      await expect(entry.getByRole('button', { name: /^Lock now/ })).toHaveCount(0);
    } finally {
      restore();
    }
  });

  test.describe('a support account', () => {
    test.use({ role: 'support' });
    test('is told a door was left unlocked, with no Lock now', async ({ page, server, sessions, playwright }) => {
      const [door] = lockedLocks(server, 1, 110);
      const manager = await playwright.request.newContext({ storageState: sessions.manager });
      const base = await leftUnlockedSoon(server, manager, [door!]).finally(() => manager.dispose());
      const polls = alertPolls(page);
      await page.goto(`${base}/locks`);
      await pageHasAlerts(polls);
      const restore = await leaveUnlocked(server, [door!]);
      try {
        const doorToast = toastOf(page, `${door!.lockname} left unlocked`);
        await expect(doorToast).toBeVisible(ARRIVES);
        await expect(doorToast.getByRole('link', { name: 'Open the lock' })).toBeVisible();
        await expect(page.getByRole('button', { name: /^Lock now/ })).toHaveCount(0);
        await page.goto(`${base}/alerts`);
        await expect(page.getByRole('region', { name: /^Open alerts/ }).locator('li[data-alertid]').filter({ hasText: `${door!.lockname} left unlocked` })).toBeVisible();
        await expect(page.getByRole('button', { name: /^Lock now/ })).toHaveCount(0);
      } finally {
        restore();
      }
    });
  });
});
