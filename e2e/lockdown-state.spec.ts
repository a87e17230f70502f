import type { Page } from '@playwright/test';
import { type E2eServer, expect, expectNoSeriousA11yViolations, onlineLocks, test } from './fixtures';

/**
 * A lockdown is a state (issue 24 part 2), on the embedded platform, which keeps it
 * (`features.lockdowns`): a manager starts one for a group from a phone-width page (typed
 * confirmation); every signed-in account sees the banner (a support user in a second browser, with
 * no way to lift it); a keypad at a door of the group is refused with reason `lockdown` ("Lockdown
 * in force" in Activity); the manager lifts it (typed LIFT) and the banner goes, and the door opens
 * for its keypad grant again. The group, its person and grant are the test's own; one of its locks
 * is set offline (it locks when it is back) and put back afterwards.
 */

const PHONE = { width: 390, height: 844 };

/** When a door use happens: now, or a second after the newest event (as e2e/access-alerts.spec.ts). */
function nextMoment(server: E2eServer): Date {
  const newest = server.db.prepare('SELECT max(event_date) AS d FROM events').get() as { d: string };
  return new Date(Math.max(Date.now(), Date.parse(`${newest.d.replace(' ', 'T')}Z`) + 1000));
}

async function post(page: Page, server: E2eServer, path: string, data?: unknown) {
  const response = await page.request.post(`${server.url}${path}`, { data, headers: { origin: server.url } });
  expect(response.status(), `POST ${path}: ${await response.text()}`).toBe(200);
  return (await response.json()) as Record<string, Record<string, unknown>>;
}

const banner = (page: Page) => page.getByRole('status', { name: 'Lockdown in force' });

test.describe('a lockdown as a state', () => {
  test.use({ viewport: PHONE });

  test('started for a group at phone width, seen by support, refuses the keypad, then lifted', async ({ page, server, browser, sessions }) => {
    const features = (await (await page.request.get('/app-config.json')).json()) as { features: { lockdowns: boolean } };
    expect(features.features.lockdowns, 'the embedded platform keeps lockdowns').toBe(true);

    const [door, other, away] = onlineLocks(server, 3, 140);
    const groupname = `Lockdown state ${Date.now() % 100000}`;
    const person = `Keypad Holder ${Date.now() % 100000}`;
    let groupid: number | null = null;
    let lockdownid: number | null = null;
    let scheduleid: number | null = null;
    const supportContext = await browser.newContext({ storageState: sessions.support, baseURL: server.url, viewport: PHONE });
    try {
      groupid = Number((await post(page, server, '/api/lockgroups', { groupname, description: 'Made by e2e/lockdown-state.spec.ts' })).lockgroup!.groupid);
      const response = await page.request.put(`${server.url}/api/lockgroups/${groupid}/locks`, { data: { add: [door!.lockid, other!.lockid, away!.lockid] }, headers: { origin: server.url } });
      expect(response.status()).toBe(200);
      const userid = Number((await post(page, server, '/api/people', { username: person })).person!.userid);
      await post(page, server, '/api/grants', { userid, lockid: door!.lockid, method: 'keypad' });
      expect(server.useDoor({ userid, lockid: door!.lockid, method: 'keypad', at: nextMoment(server) })).toMatchObject({ allowed: true });
      server.db.prepare('UPDATE locks SET lock_online_status = 0 WHERE lockid = ?').run(away!.lockid);
      // The group keeps hours around the clock: its doors stand unlocked by their schedule until the lockdown.
      const hours = await post(page, server, '/api/schedules', { name: `${groupname} hours`, windows: [{ days: '1234567', from: '00:00', to: '24:00' }], groupids: [groupid] });
      scheduleid = Number(hours.schedule!.scheduleid);
      await expect.poll(() => server.db.prepare('SELECT lock_open_status FROM locks WHERE lockid = ?').pluck().get(door!.lockid)).toBe(1);

      // Start it from a phone: typed confirmation, then what it holds and the offline one by name.
      await page.goto(`/lockdown?group=${groupid}`);
      await page.getByRole('button', { name: 'Start lockdown' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('textbox').fill(groupname);
      await dialog.getByRole('button', { name: 'Start lockdown' }).click();
      const result = page.getByRole('region', { name: 'Lockdown started' });
      // All three are held: the offline one too, and it locks as soon as it is back.
      await expect(result).toContainText('3 locks in lockdown.');
      await expect(result.getByRole('list', { name: 'Offline locks' })).toContainText(`${away!.lockname} — locks as soon as it is back`);
      await expect(banner(page)).toContainText(`Lockdown in force: ${groupname}.`);
      await expect(banner(page)).toContainText('Started by Demo Manager');
      const active = (await (await page.request.get('/api/lockdowns?state=active')).json()) as { lockdownslist: { lockdownid: number }[] };
      lockdownid = active.lockdownslist[0]?.lockdownid ?? null;

      // A support user's browser: the banner on every page, no button; the locks still on a phone screen.
      const support = await supportContext.newPage();
      await support.goto('/locks');
      await expect(banner(support)).toContainText(`Lockdown in force: ${groupname}.`);
      await expect(banner(support).getByRole('button')).toHaveCount(0);
      await expect(support.locator('tbody tr[data-lockid]').first()).toBeInViewport();
      await expectNoSeriousA11yViolations(support);
      await support.goto('/activity');
      await expect(banner(support)).toBeVisible();

      // The door's keypad is refused for the lockdown, and Activity says so.
      expect(server.useDoor({ userid, lockid: door!.lockid, method: 'keypad', at: nextMoment(server) })).toMatchObject({ allowed: false, reason: 'lockdown' });
      await page.goto('/activity');
      await page.getByLabel('Event type').selectOption({ label: 'Access denied' });
      await expect(page.getByRole('row').filter({ hasText: person }).first()).toContainText('Access denied — Lockdown in force');

      // The lock list's badge and chip.
      await page.goto(`/locks?group=${groupid}&status=lockdown`);
      const rows = page.locator('tbody tr[data-lockid]');
      await expect(rows.filter({ hasText: door!.lockname })).toContainText('Lockdown');
      await expect(page.getByRole('button', { name: /^Lockdown/, pressed: true })).toBeVisible();

      // Lifted by the manager (typed LIFT): the banner goes in both browsers, and the keypad opens the door.
      await banner(page).getByRole('button', { name: 'Lift lockdown' }).click();
      const lift = page.getByRole('dialog');
      await expect(lift.getByRole('button', { name: 'Lift lockdown' })).toBeDisabled();
      await lift.getByRole('textbox').fill('LIFT');
      await lift.getByRole('button', { name: 'Lift lockdown' }).click();
      await expect(banner(page)).toHaveCount(0);
      lockdownid = null;
      await expect(banner(support)).toHaveCount(0, { timeout: 10_000 });
      expect(server.useDoor({ userid, lockid: door!.lockid, method: 'keypad', at: nextMoment(server) })).toMatchObject({ allowed: true });
      // And the door is back to what its schedule says now: unlocked (the keypad use above leaves it as it
      // was), and its page says why.
      expect(server.db.prepare('SELECT lock_open_status FROM locks WHERE lockid = ?').pluck().get(door!.lockid), 'unlocked by its schedule at the lift').toBe(1);
      await page.goto(`/locks/${door!.lockid}`);
      await expect(page.getByText(`Unlocked by schedule '${groupname} hours'`)).toBeVisible();
    } finally {
      if (scheduleid !== null) await page.request.delete(`${server.url}/api/schedules/${scheduleid}`, { headers: { origin: server.url } });
      // Its doors are left as the schedule left them (unlocked): locked again for the specs after this one.
      for (const lock of [door, other]) server.db.prepare('UPDATE locks SET lock_open_status = 0 WHERE lockid = ?').run(lock!.lockid);
      if (lockdownid !== null) await page.request.post(`${server.url}/api/lockdowns/${lockdownid}/lift`, { headers: { origin: server.url } });
      server.db.prepare('UPDATE locks SET lock_online_status = 1 WHERE lockid = ?').run(away!.lockid);
      if (groupid !== null) await page.request.delete(`${server.url}/api/lockgroups/${groupid}`, { headers: { origin: server.url } });
      await supportContext.close();
    }
  });
});
