import type { RunningGateway } from '../test-support/gateway';
import { type E2eServer, expect, expectNoSeriousA11yViolations, lockRows, test, writeEvent } from './fixtures';
import { coveredByToasts, pageScroll } from './overlap';
import { ARRIVES, alertPolls, bell, createRule, morePolls, openAlert, ownGateway, pageHasAlerts, pastAlert, teamAlerts, toast, toastCards, toasts, utcMs } from './team-alerts-kit';

/**
 * Quiet alerts, now the server's: a door left unlocked is told once (and not a door locked again in
 * time, a timed unlock, or one the platform shows locked), and resolves when locked; toasts stay
 * clear of the commands and never more than three. Each test has a gateway store of its own.
 */
const LEFT_AFTER_S = 2;

let gateway: RunningGateway;
test.beforeEach(async ({ server }) => {
  gateway = await ownGateway(server);
});
test.afterEach(() => gateway.close());

/** Online locks, locked (one already unlocked would be watched from the gateway's start), in id order, with what the tests change. */
function locks(server: E2eServer, count: number, offset: number) {
  return server.db
    .prepare(
      'SELECT lockid, lockname, lock_open_status AS open, relock_at AS relockAt, battery_level AS battery FROM locks WHERE lock_online_status = 1 AND lock_open_status = 0 AND relock_at IS NULL ORDER BY lockid ASC LIMIT ? OFFSET ?',
    )
    .all(count, offset) as { lockid: string; lockname: string; open: number; relockAt: string | null; battery: number | null }[];
}

const platformDate = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

test.describe('quiet alerts', () => {
  test('a door left unlocked past the threshold alerts once and resolves when locked; one locked again in time, a timed unlock, or one the platform shows locked do not', async ({
    page,
    server,
  }) => {
    const before = locks(server, 4, 20);
    const [left, relocked, missed, timed] = before;
    await createRule(page.request, gateway.url, {
      name: 'Left unlocked 2 s',
      kind: 'left-unlocked',
      scope: { lockids: before.map((l) => l.lockid) },
      threshold_s: LEFT_AFTER_S,
    });
    const polls = alertPolls(page);
    await page.goto(`${gateway.url}/locks`);
    await pageHasAlerts(polls);
    try {
      const t0 = Math.floor(Date.now() / 1000) * 1000;
      server.db.prepare('UPDATE locks SET lock_open_status = 1 WHERE lockid = ?').run(left!.lockid);
      const person = writeEvent(server, left!.lockid, 'unlocked', { person: true, method: 'card', at: t0 });
      writeEvent(server, relocked!.lockid, 'unlocked', { person: true, method: 'keypad', at: t0 });
      writeEvent(server, relocked!.lockid, 'locked', { method: 'system', at: t0 }); // the platform relocking it
      // The feed says unlocked, the platform has it locked: its lock event never came.
      server.db.prepare('UPDATE locks SET lock_open_status = 0 WHERE lockid = ?').run(missed!.lockid);
      writeEvent(server, missed!.lockid, 'unlocked', { person: true, method: 'app', at: t0 });
      // Unlocked for a while: the platform relocks it by itself.
      server.db.prepare('UPDATE locks SET lock_open_status = 1, relock_at = ? WHERE lockid = ?').run(platformDate(t0 + 5 * 60_000), timed!.lockid);
      writeEvent(server, timed!.lockid, 'unlocked', { person: true, method: 'app', at: t0 });

      const leftToast = toast(page, `${left!.lockname} left unlocked`);
      await expect(leftToast).toBeVisible(ARRIVES);
      await expect(leftToast).toContainText(`by ${person!.name} · Card`);
      const [raised] = await teamAlerts(page.request, gateway.url, { lockid: left!.lockid });
      expect(raised).toMatchObject({ kind: 'left-unlocked', severity: 'critical', closed_date: null });
      expect(utcMs(raised!.opened_date) - t0).toBeGreaterThanOrEqual(LEFT_AFTER_S * 1000);
      // The other three were unlocked at the same moment: had they counted, they would have been raised in the same pass.
      for (const other of [relocked!, missed!, timed!]) {
        expect(await teamAlerts(page.request, gateway.url, { lockid: other.lockid }), other.lockname).toEqual([]);
      }

      // Told once: more polls pass with the door still unlocked, and nothing new comes (a routine unlock is no alert).
      await morePolls(polls, 3);
      await expect(toastCards(page)).toHaveCount(1);
      expect((await teamAlerts(page.request, gateway.url)).map((a) => [a.lockid, a.kind])).toEqual([[left!.lockid, 'left-unlocked']]);
      await expect(bell(page)).toHaveAccessibleName('Alerts, 1 unread');

      // Locked: the alert resolves by itself and says so; the toast stays until dismissed.
      server.db.prepare('UPDATE locks SET lock_open_status = 0 WHERE lockid = ?').run(left!.lockid);
      writeEvent(server, left!.lockid, 'locked', { person: true, method: 'keypad' });
      await expect(bell(page)).toHaveAccessibleName('Alerts', ARRIVES);
      await expect(leftToast).toBeVisible();
      await toasts(page).getByRole('button', { name: `Dismiss: ${left!.lockname} left unlocked` }).click();
      await expect(leftToast).toHaveCount(0);
      await bell(page).click();
      await expect(page).toHaveURL(/\/alerts$/);
      const resolved = pastAlert(page, `${left!.lockname} left unlocked`);
      await expect(resolved).toContainText(`${left!.lockname} was locked at`);
      await expect(resolved).toContainText(/Resolved at \d/);
      await expect(openAlert(page, left!.lockname)).toHaveCount(0);
    } finally {
      for (const lock of before) server.db.prepare('UPDATE locks SET lock_open_status = ?, relock_at = ? WHERE lockid = ?').run(lock.open, lock.relockAt, lock.lockid);
    }
  });
});

const WIDTHS = [
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
  { width: 768, height: 1024 },
  { width: 390, height: 844 },
] as const;

test.describe('toasts', () => {
  test('at most three at once (one on a phone), the rest behind "+N more" (which opens the inbox); none covers a control, scrolled anywhere', async ({ page, server }) => {
    test.setTimeout(150_000);
    const five = locks(server, 5, 40);
    const polls = alertPolls(page);
    await page.goto(`${gateway.url}/locks`);
    await pageHasAlerts(polls);
    try {
      // Five critical batteries (a default rule), one poll apart (more than three in one poll would be one toast).
      for (const [i, lock] of five.entries()) {
        server.db.prepare('UPDATE locks SET battery_level = 8 WHERE lockid = ?').run(lock.lockid);
        writeEvent(server, lock.lockid, 'battery_low', { battery: 8 });
        await expect(bell(page)).toHaveAccessibleName(`Alerts, ${i + 1} unread`, ARRIVES); // its own poll
      }
      await expect(toastCards(page)).toHaveCount(3);
      for (const lock of five.slice(2)) await expect(toast(page, `${lock.lockname} battery critical`)).toBeVisible();
      const more = toasts(page).getByRole('link', { name: '+2 more: open the alerts' });
      await expect(more).toBeVisible();

      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const size of WIDTHS) {
          await page.setViewportSize(size);
          await expect(lockRows(page)).toHaveCount(25);
          // A phone shows one toast at a time.
          await expect(toastCards(page)).toHaveCount(size.width < 640 ? 1 : 3);
          await page.screenshot({ path: `test-results/screens/alerts-toasts-${size.width}-${scheme}.png` });
          if (scheme === 'dark') continue;
          // Docked below the page (e2e/toasts.spec.ts checks every control on more pages): scrolled anywhere, nothing is under them.
          const { max } = await pageScroll(page);
          for (const top of [0, max]) {
            await pageScroll(page, top);
            expect((await coveredByToasts(page)).covered, `covered at ${size.width} px, scrolled to ${top}`).toEqual([]);
          }
          await pageScroll(page, 0);
        }
      }

      await page.emulateMedia({ colorScheme: 'light' });
      await page.setViewportSize(WIDTHS[0]);
      await more.click();
      await expect(page).toHaveURL(/\/alerts$/);
      // The waiting ones are let go (they are in the inbox here); the three shown stay until dismissed.
      await expect(toastCards(page)).toHaveCount(3);
      await expect(toasts(page).getByRole('link', { name: /more/ })).toHaveCount(0);
      await expect(openAlert(page, ' battery critical')).toHaveCount(5);
      await expectNoSeriousA11yViolations(page);
    } finally {
      for (const lock of five) server.db.prepare('UPDATE locks SET battery_level = ? WHERE lockid = ?').run(lock.battery, lock.lockid);
    }
  });
});
