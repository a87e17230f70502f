import type { Page } from '@playwright/test';
import { expect, expectNoSeriousA11yViolations, lockRows, tableSettled, test, type E2eServer } from './fixtures';

/**
 * The groups pages (issue 10): every group's health worst first, each number a link to the lock list
 * filtered to that group and state; a manager creates, fills, empties, renames and deletes a group;
 * a support account only reads. Tests that change data use a site no other spec changes (Harbor
 * Lofts) or a group of their own, and put back what they change.
 */

interface GroupRow {
  groupid: number;
  groupname: string;
}

function groupNamed(server: E2eServer, name: string): GroupRow {
  const row = server.db.prepare('SELECT groupid, groupname FROM lockgroups WHERE groupname = ?').get(name) as GroupRow | undefined;
  expect(row, `the demo group ${name}`).toBeDefined();
  return row!;
}

function members(server: E2eServer, groupid: number, where = '1 = 1') {
  return server.db
    .prepare(
      `SELECT l.lockid, l.lockname, l.lock_online_status AS online FROM locks l JOIN lockgroup_members m ON m.lock_id = l.id WHERE m.groupid = ? AND ${where} ORDER BY l.lockname`,
    )
    .all(groupid) as { lockid: string; lockname: string; online: number }[];
}

/** The group table's rows, in the order shown (desktop). */
const groupRows = (page: Page) => page.getByRole('table', { name: 'Groups' }).locator('tbody tr');

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test.describe('groups', () => {
  test("a group's offline number opens the lock list showing exactly that group's offline locks", async ({ page, server }) => {
    const harbor = groupNamed(server, 'Harbor Lofts');
    const taken = members(server, harbor.groupid, 'l.lock_online_status = 1').slice(0, 2);
    expect(taken).toHaveLength(2);
    const setOnline = server.db.prepare('UPDATE locks SET lock_online_status = ? WHERE lockid = ?');
    try {
      for (const lock of taken) setOnline.run(0, lock.lockid);
      const offline = members(server, harbor.groupid, 'l.lock_online_status = 0').map((l) => l.lockname);
      expect(offline.length).toBeGreaterThanOrEqual(2);
      expect(offline.length).toBeLessThanOrEqual(25);

      await page.goto('/groups');
      await expect(page.getByText('Worst first: most offline locks, then most unlocked')).toBeVisible();
      // Worst first: the table's order is the platform's counts sorted by offline, unlocked, low battery, name.
      const counts = (
        server.db
          .prepare(
            `SELECT g.groupid, g.groupname,
               (SELECT count(*) FROM lockgroup_members m JOIN locks l ON l.id = m.lock_id WHERE m.groupid = g.groupid AND l.lock_online_status = 0) AS offline,
               (SELECT count(*) FROM lockgroup_members m JOIN locks l ON l.id = m.lock_id WHERE m.groupid = g.groupid AND l.lock_open_status = 1) AS unlocked,
               (SELECT count(*) FROM lockgroup_members m JOIN locks l ON l.id = m.lock_id WHERE m.groupid = g.groupid AND l.battery_level <= 20) AS low
             FROM lockgroups g`,
          )
          .all() as { groupid: number; groupname: string; offline: number; unlocked: number; low: number }[]
      ).sort((a, b) => b.offline - a.offline || b.unlocked - a.unlocked || b.low - a.low || a.groupname.localeCompare(b.groupname));
      expect(counts.length).toBeGreaterThan(3);
      await expect(groupRows(page)).toHaveCount(counts.length);
      expect(await groupRows(page).evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-groupid'))))).toEqual(
        counts.map((c) => c.groupid),
      );

      await page.getByRole('link', { name: `${offline.length} offline locks in Harbor Lofts`, exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`/locks\\?group=${harbor.groupid}&status=offline$`));
      await tableSettled(page);
      await expect(lockRows(page)).toHaveCount(offline.length);
      const shown = await lockRows(page).locator('th[scope="row"] a').allTextContents();
      expect(shown.sort()).toEqual([...offline].sort());
    } finally {
      for (const lock of taken) setOnline.run(1, lock.lockid);
    }
  });

  test('a manager creates a group, adds three locks with the finder, removes one, renames it and deletes it', async ({ page, server }) => {
    const name = `Night shift doors ${Date.now()}`;
    const renamed = `${name} (east)`;
    const three = members(server, groupNamed(server, 'Harbor Lofts').groupid).slice(3, 6);
    expect(three).toHaveLength(3);
    try {
      await page.goto('/groups');
      await page.getByRole('button', { name: 'New group' }).click();
      const form = page.getByRole('region', { name: 'New group' });
      // A name already taken (ignoring case): the platform's 409 by the field, nothing typed lost.
      await form.getByRole('textbox', { name: 'Name' }).fill('harbor lofts');
      await form.getByRole('textbox', { name: /Description/ }).fill('Doors checked at night');
      await form.getByRole('button', { name: 'Create group' }).click();
      await expect(form.getByRole('alert')).toHaveText(/A group named Harbor Lofts already exists/);
      await expect(form.getByRole('textbox', { name: 'Name' })).toHaveValue('harbor lofts');
      await expect(form.getByRole('textbox', { name: 'Name' })).toHaveAttribute('aria-invalid', 'true');
      await expect(form.getByRole('textbox', { name: /Description/ })).toHaveValue('Doors checked at night');

      await form.getByRole('textbox', { name: 'Name' }).fill(name);
      await form.getByRole('button', { name: 'Create group' }).click();
      await expect(page).toHaveURL(/\/groups\/\d+$/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
      await expect(page.getByText('Doors checked at night')).toBeVisible();
      await expect(page).toHaveTitle(`${name} · Lockboard`);
      const members_ = page.getByRole('table', { name: `Locks in ${name}` });
      await expect(members_.getByText('No locks in this group yet.')).toBeVisible();

      // The finder: search, tick each, then one request adds all three.
      await page.getByRole('button', { name: 'Add locks' }).click();
      const finder = page.getByRole('searchbox', { name: 'Find locks to add' });
      for (const lock of three) {
        await finder.fill(lock.lockname);
        const box = page.getByRole('list', { name: 'Matching locks' }).getByRole('checkbox', { name: new RegExp(escape(lock.lockid)) });
        await box.check();
        await expect(box).toBeChecked();
      }
      const chosen = page.getByRole('list', { name: 'Chosen locks' }).getByRole('button');
      await expect(chosen).toHaveCount(3);
      const membership = page.waitForRequest((r) => r.method() === 'PUT' && /\/api\/lockgroups\/\d+\/locks$/.test(r.url()));
      await page.getByRole('button', { name: 'Add 3 locks' }).click();
      expect((await membership).postDataJSON()).toEqual({ add: three.map((l) => l.lockid) });
      await expect(members_.locator('tbody tr[data-lockid]')).toHaveCount(3);
      for (const lock of three) await expect(members_.getByRole('link', { name: lock.lockname, exact: true })).toBeVisible();
      await expect(page.getByRole('link', { name: `3 locks in ${name}`, exact: true })).toBeVisible();
      // The last search's result now says it is in the group.
      await expect(page.getByRole('checkbox', { name: new RegExp(escape(three[2]!.lockid)) })).toBeDisabled();
      await expect(page.getByText('Already in this group')).toBeVisible();

      // Remove one (no confirmation; the line that says so offers Undo).
      const [gone, ...kept] = three;
      await members_.getByRole('button', { name: `Remove ${gone!.lockname} from ${name}` }).click();
      await expect(page.getByText(`${gone!.lockname} was removed from ${name}.`)).toBeVisible();
      await expect(members_.locator('tbody tr[data-lockid]')).toHaveCount(2);
      await expect(members_.getByRole('link', { name: gone!.lockname, exact: true })).toHaveCount(0);

      // Rename.
      await page.getByRole('button', { name: 'Rename or describe' }).click();
      const edit = page.getByRole('region', { name: `Rename or describe ${name}` });
      await edit.getByRole('textbox', { name: 'Name' }).fill(renamed);
      await edit.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(renamed);
      await expect(edit).toHaveCount(0);

      // Delete: the button works only once the group's name is typed.
      await page.getByRole('button', { name: 'Delete group…' }).click();
      const dialog = page.getByRole('dialog', { name: `Delete the group ${renamed}?` });
      await expect(dialog).toContainText('2 locks stay');
      const confirm = dialog.getByRole('button', { name: 'Delete group' });
      await expect(confirm).toBeDisabled();
      await dialog.getByRole('textbox', { name: `Type ${renamed} to confirm` }).fill(renamed.slice(0, -1));
      await expect(confirm).toBeDisabled();
      await dialog.getByRole('textbox', { name: `Type ${renamed} to confirm` }).fill(renamed);
      await expect(confirm).toBeEnabled();
      await confirm.click();
      await expect(page).toHaveURL(/\/groups$/);
      await expect(page.getByText(`${renamed} deleted`)).toBeVisible();
      await expect(groupRows(page).first()).toBeVisible();
      await expect(page.getByRole('link', { name: renamed, exact: true })).toHaveCount(0);
      expect(server.db.prepare('SELECT count(*) AS n FROM lockgroups WHERE groupname = ?').get(renamed)).toEqual({ n: 0 });
      // Its locks stay.
      for (const lock of kept) expect(server.db.prepare('SELECT count(*) AS n FROM locks WHERE lockid = ?').get(lock.lockid)).toEqual({ n: 1 });
    } finally {
      server.db.prepare('DELETE FROM lockgroups WHERE groupname IN (?, ?)').run(name, renamed);
    }
  });

  test('axe finds nothing serious on the groups page and a group page', async ({ page, server }) => {
    await page.goto('/groups');
    await expect(groupRows(page).first()).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('button', { name: 'New group' }).click();
    await expect(page.getByRole('textbox', { name: 'Name' })).toBeFocused();
    await expectNoSeriousA11yViolations(page);

    const hq = groupNamed(server, 'HQ');
    await page.goto(`/groups/${hq.groupid}`);
    await expect(page.getByRole('table', { name: 'Locks in HQ' }).locator('tbody tr[data-lockid]')).toHaveCount(25);
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('button', { name: 'Add locks' }).click();
    await page.getByRole('searchbox', { name: 'Find locks to add' }).fill('Room 2');
    await expect(page.getByRole('list', { name: 'Matching locks' }).getByRole('checkbox').first()).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test('at phone width the groups are cards, nothing scrolls sideways, and a group page reads too', async ({ page, server }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const hq = groupNamed(server, 'HQ');
    const hqLocks = members(server, hq.groupid).length;
    await page.goto('/groups');
    const cards = page.getByRole('list', { name: 'Groups' });
    await expect(cards.getByRole('link', { name: 'HQ', exact: true })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Groups' })).toBeHidden();
    await expect(page.getByRole('link', { name: `${hqLocks} locks in HQ`, exact: true })).toBeVisible();
    expect(await page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth)).toBeLessThanOrEqual(0);
    await expectNoSeriousA11yViolations(page);

    // Filter as you type.
    await page.getByRole('searchbox', { name: 'Filter groups' }).fill('rooms');
    await expect(cards.locator(':scope > li')).toHaveCount(2);
    await expect(cards.getByRole('link', { name: 'Server rooms', exact: true })).toBeVisible();
    await expect(cards.getByRole('link', { name: 'Meeting rooms', exact: true })).toBeVisible();
    await expect(page).toHaveURL(/\?q=rooms$/);

    await page.getByRole('link', { name: 'Server rooms', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Server rooms');
    await page.goto(`/groups/${hq.groupid}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('HQ');
    // The members are cards too, each with its own Remove within the screen.
    const memberCards = page.getByRole('list', { name: 'Locks in HQ' }).locator(':scope > li');
    await expect(memberCards).toHaveCount(25);
    await expect(page.getByRole('table', { name: 'Locks in HQ' })).toBeHidden();
    const remove = memberCards.first().getByRole('button', { name: /^Remove / });
    await expect(remove).toBeInViewport();
    const box = await remove.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth)).toBeLessThanOrEqual(0);
    await expectNoSeriousA11yViolations(page);
  });

  test('an unknown group says so and leads back', async ({ page }) => {
    await page.goto('/groups/999999');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('No group 999999 on this platform');
    await page.getByRole('link', { name: 'Back to the groups' }).click();
    await expect(page).toHaveURL(/\/groups$/);
  });
});

test.describe('groups for a support account', () => {
  test.use({ role: 'support' });

  test('support sees the groups and their numbers but no change controls, and the gateway refuses a change', async ({ page, server }) => {
    const hq = groupNamed(server, 'HQ');
    await page.goto('/groups');
    await expect(groupRows(page).first()).toBeVisible();
    await expect(page.getByRole('link', { name: /^\d+ offline locks? in HQ$/ })).toBeVisible();
    await expect(page.getByText('Your account is read-only: a manager creates and changes groups.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'New group' })).toHaveCount(0);

    await page.goto(`/groups/${hq.groupid}`);
    const table = page.getByRole('table', { name: 'Locks in HQ' });
    await expect(table.locator('tbody tr[data-lockid]')).toHaveCount(25);
    await expect(page.getByText('Your account is read-only: a manager renames or deletes this group and changes its locks.')).toBeVisible();
    for (const name of [/Rename/, /Delete/, /Add locks/, /^Remove/]) await expect(page.getByRole('button', { name })).toHaveCount(0);
    await expect(page.getByRole('link', { name: /Lock all/ })).toHaveCount(0);

    const refused = await page.request.put(`/api/lockgroups/${hq.groupid}`, { data: { groupname: 'Taken over' }, headers: { origin: server.url } });
    expect(refused.status()).toBe(403);
  });
});
