import type { E2eServer } from './fixtures';
import { countRequests, expect, expectNoSeriousA11yViolations, lockRows, lockStateCell, tableSettled, test } from './fixtures';

/** A row's lock state (a manager's rows start with a checkbox column, so not by position). */

/** A lock in a given state, chosen by its place in lockid order so that each test has its own. */
function pickLock(server: E2eServer, online: 0 | 1, open: 0 | 1, offset: number) {
  return server.db
    .prepare('SELECT lockid, lockname FROM locks WHERE lock_online_status = ? AND lock_open_status = ? ORDER BY lockid LIMIT 1 OFFSET ?')
    .get(online, open, offset) as { lockid: string; lockname: string };
}

function setLock(server: E2eServer, lockid: string, fields: { online?: 0 | 1; open?: 0 | 1 }) {
  if (fields.online !== undefined) server.db.prepare('UPDATE locks SET lock_online_status = ? WHERE lockid = ?').run(fields.online, lockid);
  if (fields.open !== undefined) server.db.prepare('UPDATE locks SET lock_open_status = ? WHERE lockid = ?').run(fields.open, lockid);
}

test.describe('lock detail as a manager', () => {
  test('opens from the list, and unlocking asks first, then shows Unlocked everywhere and at the top of the history', { tag: '@vendor' }, async ({ page, server }) => {
    const { lockid, lockname } = pickLock(server, 1, 0, 0);
    await page.goto(`/locks?q=${lockid}`);
    await tableSettled(page);
    await lockRows(page).getByRole('link', { name: lockname }).click();
    await expect(page).toHaveURL(`/locks/${lockid}`);
    await expect(page.getByRole('heading', { level: 1, name: lockname })).toBeVisible();
    const control = page.getByRole('region', { name: 'Remote control' });

    await control.getByRole('button', { name: `Unlock ${lockname}` }).click();
    const dialog = page.getByRole('dialog', { name: `Unlock ${lockname}?` });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await dialog.getByRole('button', { name: 'Unlock' }).click();

    await expect(page.getByRole('definition').filter({ hasText: /^Unlocked/ })).toBeVisible();
    await expect(page.getByText(`${lockname} unlocked`).first()).toBeVisible();
    const history = page.getByRole('table', { name: 'History' });
    const top = history.locator('tbody tr').first();
    await expect(top.locator('td').nth(1)).toHaveText('Unlocked');
    await expect(top.locator('td').nth(2)).toHaveText('Demo Manager');
    await expect(top.locator('td').nth(3)).toHaveText('Remote');
    expect((server.db.prepare('SELECT lock_open_status AS open FROM locks WHERE lockid = ?').get(lockid) as { open: number }).open).toBe(1);

    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Locks' }).click();
    await page.getByRole('searchbox', { name: 'Search locks' }).fill(lockid);
    await tableSettled(page);
    await expect(lockStateCell(lockRows(page).first())).toContainText('Unlocked');
    setLock(server, lockid, { open: 0 });
  });

  test('Cancel in the dialog changes nothing', async ({ page, server }) => {
    const { lockid, lockname } = pickLock(server, 1, 0, 1);
    const commands = countRequests(page, `/api/locks/${lockid}/`, { method: 'POST' });
    const polls = countRequests(page, new RegExp(`/api/locks/${lockid}$`), { finished: true });
    await page.goto(`/locks/${lockid}`);
    await page.getByRole('button', { name: `Unlock ${lockname}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('dialog')).toBeHidden();
    await page.getByRole('button', { name: `Unlock ${lockname}` }).click();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();
    // Two more polls of the lock have come back since: a command would have been sent long before.
    const seen = polls.count;
    await expect.poll(() => polls.count, { timeout: 15_000 }).toBeGreaterThanOrEqual(seen + 2);
    expect(commands.count).toBe(0);
    await expect(page.getByRole('definition').filter({ hasText: /^Locked/ })).toBeVisible();
    expect((server.db.prepare('SELECT lock_open_status AS open FROM locks WHERE lockid = ?').get(lockid) as { open: number }).open).toBe(0);
  });

  test('Lock acts at once, and while it is on its way the lock says "Locking…"', async ({ page, server }) => {
    const { lockid, lockname } = pickLock(server, 1, 1, 0);
    // The command is held on its way until the test has seen the page say so, then let through.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(`**/api/locks/${lockid}/lock`, async (route) => {
      await held;
      await route.continue();
    });
    try {
      await page.goto(`/locks/${lockid}`);
      await page.getByRole('button', { name: `Lock ${lockname}`, exact: true }).click();
      await expect(page.getByRole('dialog')).toHaveCount(0);
      await expect(page.getByRole('button', { name: 'Locking…' })).toBeDisabled();
      await expect(page.getByRole('button', { name: `Unlock ${lockname}` })).toHaveCount(0);
      await expect(page.getByRole('definition').filter({ hasText: /^Unlocked/ })).toBeVisible();
    } finally {
      release();
    }
    await expect(page.getByRole('definition').filter({ hasText: /^Locked/ })).toBeVisible();
    await expect(page.getByRole('button', { name: `Unlock ${lockname}` })).toBeEnabled();
  });

  test('an offline lock cannot be commanded and says why; a command that fails shows the platform msg', { tag: '@vendor' }, async ({ page, server }) => {
    const offline = pickLock(server, 0, 0, 0);
    await page.goto(`/locks/${offline.lockid}`);
    const control = page.getByRole('region', { name: 'Remote control' });
    await expect(control.getByRole('button', { name: `Unlock ${offline.lockname}` })).toBeDisabled();
    await expect(control.getByRole('button', { name: `Lock ${offline.lockname}`, exact: true })).toBeDisabled();
    await expect(control.getByText('Offline: commands cannot reach this lock')).toBeVisible();

    // The page still thinks this one is online when the platform refuses: 409, msg in a toast.
    const { lockid, lockname } = pickLock(server, 1, 0, 2);
    await page.goto(`/locks/${lockid}`);
    await page.getByRole('button', { name: 'Pause live updates' }).click();
    setLock(server, lockid, { online: 0 });
    try {
      await page.getByRole('button', { name: `Unlock ${lockname}` }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Unlock' }).click();
      const toast = page.getByRole('alert').filter({ hasText: `${lockname} could not be unlocked` });
      await expect(toast).toContainText(`${lockname} is offline`);
      await expect(page.getByRole('definition').filter({ hasText: /^Locked/ })).toBeVisible();
    } finally {
      setLock(server, lockid, { online: 1 });
      await page.getByRole('button', { name: 'Resume live updates' }).click();
    }
  });

  test('locks and unlocks from a row of the table too', async ({ page, server }) => {
    const { lockid, lockname } = pickLock(server, 1, 0, 3);
    await page.goto(`/locks?q=${lockid}`);
    await tableSettled(page);
    const row = lockRows(page).first();
    await row.getByRole('button', { name: `Unlock ${lockname}` }).click();
    await page.getByRole('dialog', { name: `Unlock ${lockname}?` }).getByRole('button', { name: 'Unlock' }).click();
    await expect(lockStateCell(row)).toContainText('Unlocked');
    await row.getByRole('button', { name: `Lock ${lockname}`, exact: true }).click();
    await expect(lockStateCell(row)).toContainText('Locked');
    const events = server.db.prepare("SELECT event_type, username, method FROM events WHERE lockid = ? AND method = 'remote' ORDER BY eventid DESC LIMIT 2").all(lockid);
    expect(events).toEqual([
      { event_type: 'locked', username: 'Demo Manager', method: 'remote' },
      { event_type: 'unlocked', username: 'Demo Manager', method: 'remote' },
    ]);
  });

  test('copies the lock ID, and an unknown lock gets a clear page', async ({ page, context, server }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const { lockid } = pickLock(server, 1, 0, 4);
    await page.goto(`/locks/${lockid}`);
    await page.getByRole('button', { name: 'Copy lock ID' }).click();
    await expect(page.getByRole('button', { name: 'lock ID copied' })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(lockid);
    await expectNoSeriousA11yViolations(page);

    await page.goto('/locks/EMNOPE42');
    await expect(page.getByRole('heading', { name: 'No lock EMNOPE42 on this platform' })).toBeVisible();
  });
});

test.describe('lock detail as support', () => {
  test.use({ role: 'support' });

  test('shows the state but no lock/unlock anywhere', { tag: '@vendor' }, async ({ page, server }) => {
    const { lockid, lockname } = pickLock(server, 1, 0, 5);
    await page.goto('/locks');
    await expect(lockRows(page)).toHaveCount(25);
    await expect(page.getByRole('button', { name: /^(Lock|Unlock) / })).toHaveCount(0);
    await expect(page.getByRole('columnheader', { name: 'Actions' })).toHaveCount(0);
    await page.goto(`/locks/${lockid}`);
    await expect(page.getByRole('heading', { level: 1, name: lockname })).toBeVisible();
    await expect(page.getByRole('button', { name: /^(Lock|Unlock) / })).toHaveCount(0);
    await expect(page.getByText('Your account is read-only')).toBeVisible();
    const forced = await page.request.post(`/api/locks/${lockid}/unlock`, { headers: { origin: server.url } });
    expect(forced.status()).toBe(403);
  });
});
