import type { Page } from '@playwright/test';
import { type E2eServer, expect, expectNoSeriousA11yViolations, onlineLocks, test } from './fixtures';

/**
 * A lockdown of several groups (issue 24), on the embedded platform, which keeps lockdowns as a
 * state: the manager opens `/lockdown?group=A` (A is chosen), adds B in the scope picker, confirms
 * with the typed "LOCK 2 GROUPS"; the banner names both groups, a lock of A and a lock of B carry the
 * Lockdown badge in the lock list and a lock of a third group C does not; the manager lifts it.
 * The three groups are the test's own; their locks' states are put back afterwards. Pictures of the
 * picker at desktop and phone width, light and dark, go to test-results/screens/.
 */

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

const banner = (page: Page) => page.getByRole('status', { name: 'Lockdown in force' });
const noHorizontalOverflow = (page: Page) =>
  expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), { message: 'nothing overflows sideways' }).toBe(true);

async function makeGroup(page: Page, server: E2eServer, groupname: string, lockids: string[]): Promise<number> {
  const headers = { origin: server.url };
  const created = await page.request.post(`${server.url}/api/lockgroups`, { data: { groupname, description: 'Made by e2e/lockdown-groups.spec.ts' }, headers });
  expect(created.status(), await created.text()).toBe(200);
  const groupid = Number(((await created.json()) as { lockgroup: { groupid: number } }).lockgroup.groupid);
  const added = await page.request.put(`${server.url}/api/lockgroups/${groupid}/locks`, { data: { add: lockids }, headers });
  expect(added.status(), await added.text()).toBe(200);
  return groupid;
}

/** The lock list of one group: the row of `lockname`, and whether it carries the Lockdown badge. */
async function lockdownBadge(page: Page, groupid: number, lockname: string) {
  await page.goto(`/locks?group=${groupid}`);
  const row = page.locator('tbody tr[data-lockid]').filter({ hasText: lockname });
  await expect(row).toHaveCount(1);
  return row.getByText('Lockdown', { exact: true });
}

async function pictures(page: Page, name: string) {
  for (const [view, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await noHorizontalOverflow(page);
      await page.screenshot({ path: `test-results/screens/${name}-${view}-${colorScheme}.png`, fullPage: true });
    }
  }
  await page.setViewportSize(DESKTOP);
  await page.emulateMedia({ colorScheme: 'light' });
}

test.describe('a lockdown of several groups', () => {
  test.use({ viewport: DESKTOP });

  test('two groups chosen in the picker: the banner names both, their locks carry the badge, a third group’s do not; then lifted', async ({ page, server }) => {
    const [a1, a2, b1, c1] = onlineLocks(server, 4, 170);
    const stamp = Date.now() % 100000;
    const names = { a: `Lockdown A ${stamp}`, b: `Lockdown B ${stamp}`, c: `Lockdown C ${stamp}` };
    const openBefore = new Map(
      [a1, a2, b1, c1].map((lock) => [lock!.lockid, server.db.prepare('SELECT lock_open_status FROM locks WHERE lockid = ?').pluck().get(lock!.lockid)]),
    );
    const groupids: number[] = [];
    let lifted = false;
    try {
      const a = await makeGroup(page, server, names.a, [a1!.lockid, a2!.lockid]);
      const b = await makeGroup(page, server, names.b, [b1!.lockid]);
      const c = await makeGroup(page, server, names.c, [c1!.lockid]);
      groupids.push(a, b, c);

      // ?group=A chooses A; B is added in the picker (found with the search box when there are many groups).
      await page.goto(`/lockdown?group=${a}`);
      const picker = page.getByRole('region', { name: 'What to lock down' });
      await expect(picker.getByRole('radio', { name: 'Chosen groups' })).toBeChecked();
      await expect(picker.getByRole('checkbox', { name: `${names.a} · 2 locks` })).toBeChecked();
      const search = picker.getByRole('searchbox', { name: 'Find groups' });
      if (await search.isVisible()) await search.fill(`Lockdown B ${stamp}`);
      await picker.getByRole('checkbox', { name: `${names.b} · 1 lock` }).check();
      if (await search.isVisible()) await search.fill(`${stamp}`);
      await expect(picker.getByRole('checkbox', { name: `${names.c} · 1 lock` })).not.toBeChecked();
      const scope = page.getByRole('region', { name: `Lock down every door in ${names.a} and ${names.b}` });
      await expect(scope).toContainText('2 groups, 3 locks');
      await expectNoSeriousA11yViolations(page);
      await pictures(page, 'lockdown-groups');

      await scope.getByRole('button', { name: 'Start lockdown' }).click();
      const dialog = page.getByRole('dialog', { name: `Lock down every door in ${names.a} and ${names.b}?` });
      await expect(dialog).toContainText('2 groups, 3 locks');
      await dialog.getByLabel('Type LOCK 2 GROUPS to confirm').fill('LOCK 2 GROUPS');
      await dialog.getByRole('button', { name: 'Start lockdown' }).click();
      await expect(page.getByRole('region', { name: 'Lockdown started' })).toContainText('3 locks in lockdown.');
      await expect(banner(page)).toContainText(names.a);
      await expect(banner(page)).toContainText(names.b);
      await expect(banner(page)).not.toContainText(names.c);
      // The page offers no second start for what is held.
      await expect(scope).toContainText('is in lockdown now');
      await expect(scope.getByRole('button', { name: 'Start lockdown' })).toHaveCount(0);
      await pictures(page, 'lockdown-groups-started');

      await expect(await lockdownBadge(page, a, a1!.lockname)).toBeVisible();
      await expect(await lockdownBadge(page, b, b1!.lockname)).toBeVisible();
      await expect(await lockdownBadge(page, c, c1!.lockname)).toHaveCount(0);

      await banner(page).getByRole('button', { name: 'Lift lockdown' }).click();
      const lift = page.getByRole('dialog');
      await lift.getByRole('textbox').fill('LIFT');
      await lift.getByRole('button', { name: 'Lift lockdown' }).click();
      await expect(banner(page)).toHaveCount(0);
      lifted = true;
      await expect(await lockdownBadge(page, a, a1!.lockname)).toHaveCount(0);
    } finally {
      if (!lifted) {
        const active = (await (await page.request.get('/api/lockdowns?state=active')).json()) as { lockdownslist?: { lockdownid: number }[] };
        for (const l of active.lockdownslist ?? []) await page.request.post(`${server.url}/api/lockdowns/${l.lockdownid}/lift`, { headers: { origin: server.url } });
      }
      for (const groupid of groupids) await page.request.delete(`${server.url}/api/lockgroups/${groupid}`, { headers: { origin: server.url } });
      for (const [lockid, open] of openBefore) server.db.prepare('UPDATE locks SET lock_open_status = ? WHERE lockid = ?').run(open, lockid);
    }
  });
});
