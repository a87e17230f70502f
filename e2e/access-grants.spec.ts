import type { Page } from '@playwright/test';
import { type E2eServer, expect, expectNoSeriousA11yViolations, onlineLocks, test } from './fixtures';

/**
 * "Who has access" on the lock and group pages (issue 11): a manager grants a keypad code for
 * working hours to a person added in the dialog, sees the code once and reveals it again, sees a
 * refused door use outside the hours explained, and revokes; a group grant shows on the group's
 * locks "through" the group; support only reads. Each test uses locks no other spec changes (far
 * down the online list), people and groups of its own, and revokes or deletes what it made.
 */

const whoHasAccess = (page: Page) => page.getByRole('region', { name: 'Who has access' });
const grantItem = (page: Page, listName: string, text: string) =>
  whoHasAccess(page).getByRole('list', { name: listName }).getByRole('listitem').filter({ hasText: text });

/** The newest event's date as an instant (the platform's dates are UTC in tests). */
function newestEventMs(server: E2eServer): number {
  const newest = server.db.prepare('SELECT max(event_date) AS d FROM events').get() as { d: string | null };
  return newest.d ? Date.parse(`${newest.d.replace(' ', 'T')}Z`) : 0;
}

/** A moment outside Mon–Fri 09:00–17:00 UTC, now or soon after, never before the newest event. */
function outsideWorkingHours(server: E2eServer): Date {
  let ms = Math.max(Date.now(), newestEventMs(server) + 1000);
  for (;;) {
    const at = new Date(ms);
    const day = at.getUTCDay();
    const hour = at.getUTCHours();
    if (day === 0 || day === 6 || hour < 9 || hour >= 17) return at;
    ms = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate(), 17, 0, 1);
  }
}

async function apiPost(page: Page, server: E2eServer, path: string, data: unknown) {
  const response = await page.request.post(path, { data, headers: { origin: server.url } });
  expect(response.status(), `POST ${path}`).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

test.describe('access on the lock and group pages', () => {
  test('a manager grants a keypad code for working hours, reveals it, sees a refusal explained, and revokes it', async ({ page, server }) => {
    const [lock] = onlineLocks(server, 1, 60);
    expect(lock).toBeDefined();
    const name = `Access Tester ${Date.now()}`;

    await page.goto(`/locks/${encodeURIComponent(lock!.lockid)}`);
    await whoHasAccess(page).getByRole('button', { name: 'Grant access' }).click();
    const dialog = page.getByRole('dialog', { name: `Grant access to ${lock!.lockname}` });
    await expect(dialog).toBeVisible();

    // A person of our own, added in the dialog.
    await dialog.getByRole('button', { name: 'Add a person' }).click();
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByLabel('Email (optional)').fill('not-an-email');
    await dialog.getByRole('button', { name: 'Add person' }).click();
    // The platform's refusal shows by the email field, and what was typed stays.
    await expect(dialog.getByText('Email must look like name@example.com')).toBeVisible();
    await expect(dialog.getByLabel('Name')).toHaveValue(name);
    await dialog.getByLabel('Email (optional)').fill('');
    await dialog.getByRole('button', { name: 'Add person' }).click();
    await expect(dialog.getByRole('radio', { name })).toBeChecked();

    await dialog.getByRole('radio', { name: 'Keypad code' }).check();
    await dialog.getByLabel('Only on certain days and hours').check();
    await dialog.getByRole('button', { name: 'Working hours' }).click();
    await expect(dialog.getByText('Keypad code · Mon–Fri 09:00–17:00')).toBeVisible();
    await dialog.getByRole('button', { name: 'Grant access' }).click();

    // The code, once, with a copy button.
    const codeDialog = page.getByRole('dialog', { name: `Keypad code for ${name}` });
    await expect(codeDialog).toBeVisible();
    const shown = (await codeDialog.getByLabel(`Keypad code for ${name}`, { exact: true }).textContent()) ?? '';
    expect(shown).toMatch(/^\d{6}$/);
    await expect(codeDialog.getByRole('button', { name: `Copy keypad code for ${name}` })).toBeVisible();
    await expect(codeDialog.getByText('You won’t see it again here')).toBeVisible();
    await codeDialog.getByRole('button', { name: 'Done' }).click();
    await expect(codeDialog).toBeHidden();

    // Listed with the rule in words. No start date: the platform counts it active at once (its
    // hours decide door uses, not the status); it would be scheduled only before a start date.
    const item = grantItem(page, 'Current access', name);
    await expect(item).toContainText('Keypad code · Mon–Fri 09:00–17:00');
    await expect(item).toContainText('Active');
    await expect(item).toContainText('granted by Demo Manager');

    // Reveal shows the same code.
    await item.getByRole('button', { name: `Reveal code for ${name}` }).click();
    await expect(item.getByLabel(`Keypad code for ${name}`, { exact: true })).toHaveText(shown);

    // A door use outside the hours is refused, and the lock page says why.
    const userid = (server.db.prepare("SELECT userid FROM users WHERE name = ? AND role = 'person'").get(name) as { userid: number }).userid;
    const result = server.useDoor({ userid, lockid: lock!.lockid, method: 'keypad', at: outsideWorkingHours(server) });
    expect(result).toMatchObject({ allowed: false, reason: 'outside_hours' });
    await expect(whoHasAccess(page).getByText(`Last refused: ${name}, keypad`)).toContainText('Outside allowed hours');

    // Revoke, after confirming: it moves to past access as revoked.
    await item.getByRole('button', { name: `Revoke ${name}’s access to ${lock!.lockname}` }).click();
    const confirm = page.getByRole('dialog', { name: `Revoke ${name}’s access to ${lock!.lockname}?` });
    await confirm.getByRole('button', { name: 'Revoke access' }).click();
    await expect(confirm).toBeHidden();
    await expect(grantItem(page, 'Current access', name)).toHaveCount(0);
    await whoHasAccess(page).getByText(/^Past access \(\d+\)$/).click();
    const past = grantItem(page, 'Past access', name);
    await expect(past).toContainText('Revoked');
    await expect(past.getByRole('button')).toHaveCount(0);
  });

  test('access to a group shows on its locks as "through" the group', async ({ page, server }) => {
    const [lock] = onlineLocks(server, 1, 61);
    const stamp = Date.now();
    const name = `Group Guest ${stamp}`;
    const groupname = `E2E access ${stamp}`;
    await page.goto('/');
    await apiPost(page, server, '/api/people', { username: name });
    const group = (await apiPost(page, server, '/api/lockgroups', { groupname })).lockgroup as { groupid: number };
    try {
      const added = await page.request.put(`/api/lockgroups/${group.groupid}/locks`, { data: { add: [lock!.lockid] }, headers: { origin: server.url } });
      expect(added.status()).toBe(200);

      await page.goto(`/groups/${group.groupid}`);
      const section = page.getByRole('region', { name: 'Access' });
      await section.getByRole('button', { name: 'Grant access to this group' }).click();
      const dialog = page.getByRole('dialog', { name: `Grant access to the group ${groupname}` });
      await dialog.getByRole('searchbox').fill(name);
      await dialog.getByRole('radio', { name }).check();
      await dialog.getByRole('radio', { name: 'Until a date' }).check();
      await dialog.getByRole('button', { name: 'Grant access' }).click();
      // Nothing lost: the missing date is named by its field.
      await expect(dialog.getByText('Choose the last day of access.')).toBeVisible();
      await expect(dialog.getByRole('radio', { name })).toBeChecked();
      await dialog.getByRole('radio', { name: 'Always' }).check();
      await dialog.getByRole('button', { name: 'Grant access' }).click();
      await expect(dialog).toBeHidden();
      await expect(section.getByRole('listitem').filter({ hasText: name })).toContainText('App · Always');

      await page.goto(`/locks/${encodeURIComponent(lock!.lockid)}`);
      const item = grantItem(page, 'Current access', name);
      await expect(item).toContainText(`through ${groupname}`);
      await expect(item.getByRole('link', { name: groupname })).toHaveAttribute('href', `/groups/${group.groupid}`);
    } finally {
      // Deleting the group ends the access given through it.
      await page.request.delete(`/api/lockgroups/${group.groupid}`, { headers: { origin: server.url } });
    }
  });

  test('a lock whose keypad code one of the group’s grants also uses is not added to the group, and the page says why', async ({ page, server }) => {
    const [lock] = onlineLocks(server, 1, 63);
    const stamp = Date.now();
    const groupname = `E2E codes ${stamp}`;
    await page.goto('/');
    const [atLock, atGroup] = [
      (await apiPost(page, server, '/api/people', { username: `Code Holder ${stamp}` })).person as { userid: number },
      (await apiPost(page, server, '/api/people', { username: `Code Sharer ${stamp}` })).person as { userid: number },
    ];
    const group = (await apiPost(page, server, '/api/lockgroups', { groupname })).lockgroup as { groupid: number };
    const lockGrant = await apiPost(page, server, '/api/grants', { userid: atLock.userid, lockid: lock!.lockid, method: 'keypad' });
    try {
      const groupGrant = await apiPost(page, server, '/api/grants', { userid: atGroup.userid, groupid: group.groupid, method: 'keypad' });
      // Codes are drawn at random: the group's is made the lock's as a platform could have drawn it (the group had no lock then).
      server.db.prepare('UPDATE grants SET passcode = ? WHERE grantid = ?').run(lockGrant.passcode, (groupGrant.grant as { grantid: number }).grantid);

      await page.goto(`/groups/${group.groupid}`);
      await page.getByRole('button', { name: 'Add locks' }).click();
      await page.getByRole('searchbox', { name: 'Find locks to add' }).fill(lock!.lockid);
      await page.getByRole('list', { name: 'Matching locks' }).getByRole('checkbox', { name: new RegExp(lock!.lockid) }).check();
      await page.getByRole('button', { name: 'Add 1 lock' }).click();
      await expect(page.getByText(`The locks were not added: At ${lock!.lockid}, a keypad code of this group's grants is already someone else's code there`)).toBeVisible();
      await expect(page.getByRole('table', { name: `Locks in ${groupname}` }).getByText('No locks in this group yet.')).toBeVisible();
      // Still chosen, to try again once one grant is revoked.
      await expect(page.getByRole('list', { name: 'Chosen locks' }).getByRole('button')).toHaveCount(1);
    } finally {
      await page.request.delete(`/api/lockgroups/${group.groupid}`, { headers: { origin: server.url } });
      await page.request.delete(`/api/grants/${(lockGrant.grant as { grantid: number }).grantid}`, { headers: { origin: server.url } });
    }
  });

  test('the dialog passes axe and fits a phone screen', async ({ page, server }) => {
    const [lock] = onlineLocks(server, 1, 62);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/locks/${encodeURIComponent(lock!.lockid)}`);
    await whoHasAccess(page).getByRole('button', { name: 'Grant access' }).click();
    const dialog = page.getByRole('dialog', { name: `Grant access to ${lock!.lockname}` });
    await dialog.getByLabel('Only on certain days and hours').check();
    await dialog.getByRole('radio', { name: 'Date range' }).check();
    await expect(dialog.getByLabel('First day')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    const box = await dialog.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    const overflow = await dialog.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  test.describe('support', () => {
    test.use({ role: 'support' });

    test('support sees who has access but cannot grant, revoke or reveal', async ({ page, server }) => {
      const seeded = server.db
        .prepare("SELECT lockid FROM grants WHERE lockid IS NOT NULL AND revoked_date IS NULL AND method = 'keypad' ORDER BY grantid LIMIT 1")
        .get() as { lockid: string } | undefined;
      expect(seeded, 'a seeded keypad grant').toBeDefined();
      await page.goto(`/locks/${encodeURIComponent(seeded!.lockid)}`);
      const section = whoHasAccess(page);
      await expect(section.getByRole('listitem').first()).toBeVisible();
      await expect(section.getByText('Keypad code').first()).toBeVisible();
      await expect(section.getByText('A manager grants and revokes access')).toBeVisible();
      await expect(section.getByRole('button', { name: /Grant access|Revoke|Reveal code/ })).toHaveCount(0);
    });
  });
});
