import type { E2eServer } from './fixtures';
import { expect, lockRows, lockStateCell, tableSettled, test } from './fixtures';

/** A row's lock state (a manager's rows start with a checkbox column, so not by position). */

/**
 * Keyboard only: where the focus lands after each thing a manager does to a lock (WAI-ARIA dialog
 * and disclosure patterns): never on <body>.
 */
function pickLock(server: E2eServer, online: 0 | 1, open: 0 | 1, offset: number) {
  return server.db
    .prepare('SELECT lockid, lockname FROM locks WHERE lock_online_status = ? AND lock_open_status = ? ORDER BY lockid DESC LIMIT 1 OFFSET ?')
    .get(online, open, offset) as { lockid: string; lockname: string };
}

function openState(server: E2eServer, lockid: string): number {
  return (server.db.prepare('SELECT lock_open_status AS open FROM locks WHERE lockid = ?').get(lockid) as { open: number }).open;
}

test.describe('keyboard focus on the locks page', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('the unlock dialog gives the focus back to the row button on Escape, on Cancel and on confirm; the row command keeps it as its label changes', async ({
    page,
    server,
  }) => {
    const { lockid, lockname } = pickLock(server, 1, 0, 0);
    await page.goto(`/locks?q=${lockid}`);
    await tableSettled(page);
    const row = lockRows(page).filter({ hasText: lockid });
    const unlock = row.getByRole('button', { name: `Unlock ${lockname}` });
    await unlock.focus();

    // Escape
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `Unlock ${lockname}?` });
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(unlock).toBeFocused();

    // Cancel
    await page.keyboard.press('Enter');
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(unlock).toBeFocused();
    expect(openState(server, lockid)).toBe(0);

    // Confirm: Tab from Cancel to Unlock, Enter. The same button now offers Lock, and has the focus.
    await page.keyboard.press('Enter');
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(dialog.getByRole('button', { name: /^Unlock/ })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    const lock = row.getByRole('button', { name: `Lock ${lockname}`, exact: true });
    await expect(lockStateCell(row)).toContainText('Unlocked');
    await expect(lock).toBeFocused();
    expect(openState(server, lockid)).toBe(1);

    // Lock (no dialog): the focus stays on the row's button, which offers Unlock again.
    await page.keyboard.press('Enter');
    await expect(lockStateCell(row)).toContainText('Locked');
    await expect(unlock).toBeFocused();
    expect(openState(server, lockid)).toBe(0);
  });

  test('"Reveal password" keeps the focus on its toggle, which then hides it again', async ({ page, server }) => {
    const { lockid, lockname } = pickLock(server, 1, 0, 1);
    await page.goto(`/locks?q=${lockid}`);
    await tableSettled(page);
    const row = lockRows(page).filter({ hasText: lockid });
    const reveal = row.getByRole('button', { name: `Reveal password for ${lockname}` });
    await reveal.focus();
    await page.keyboard.press('Enter');
    const hide = row.getByRole('button', { name: `Hide password for ${lockname}` });
    await expect(hide).toBeFocused();
    const { p } = server.db.prepare('SELECT lock_password AS p FROM locks WHERE lockid = ?').get(lockid) as { p: string };
    await expect(row.getByLabel(`Password for ${lockname}`, { exact: true })).toHaveText(p);
    await page.keyboard.press('Enter');
    await expect(row.getByLabel(`Password for ${lockname}`, { exact: true })).toHaveCount(0);
    await expect(reveal).toBeFocused();
  });

  test('revealing a password moves no other column', async ({ page, server }) => {
    const { lockid, lockname } = pickLock(server, 1, 0, 2);
    await page.goto(`/locks?q=${lockid}`);
    await tableSettled(page);
    const row = lockRows(page).filter({ hasText: lockid });
    const edges = () =>
      row.evaluate((tr) => [...tr.querySelectorAll('th, td')].map((cell) => Math.round(cell.getBoundingClientRect().left)));
    const before = await edges();
    await row.getByRole('button', { name: `Reveal password for ${lockname}` }).click();
    await expect(row.getByLabel(`Password for ${lockname}`, { exact: true })).toBeVisible();
    expect(await edges()).toEqual(before);
  });

  test('a row\'s details open and close from the keyboard, with the focus staying on the toggle', async ({ page, server }) => {
    await page.setViewportSize({ width: 1024, height: 900 });
    const { lockid, lockname } = pickLock(server, 1, 0, 3);
    const { model } = server.db.prepare('SELECT lock_model AS model FROM locks WHERE lockid = ?').get(lockid) as { model: string };
    await page.goto(`/locks?q=${lockid}`);
    await tableSettled(page);
    const toggle = page.getByRole('button', { name: `Details of ${lockname}` });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    const details = page.getByRole('group', { name: `Details of ${lockname}` });
    await expect(details).toBeHidden();
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(details.getByText('Model')).toBeVisible();
    await expect(details.getByText(model, { exact: true })).toBeVisible();
    await expect(toggle).toBeFocused();
    await page.keyboard.press('Space');
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(details).toBeHidden();
    await expect(toggle).toBeFocused();
  });
});

test.describe('keyboard focus on a lock\'s page', () => {
  test('the unlock dialog gives the focus back to Unlock; after unlocking and locking the focus stays on the button pressed', async ({
    page,
    server,
  }) => {
    const { lockid, lockname } = pickLock(server, 1, 0, 4);
    await page.goto(`/locks/${lockid}`);
    const control = page.getByRole('region', { name: 'Remote control' });
    const unlock = control.getByRole('button', { name: `Unlock ${lockname}` });
    const lock = control.getByRole('button', { name: `Lock ${lockname}`, exact: true });
    await unlock.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `Unlock ${lockname}?` });
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(unlock).toBeFocused();

    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('definition').filter({ hasText: /^Unlocked/ })).toBeVisible();
    await expect(unlock).toBeFocused();
    await expect(unlock).toBeDisabled();

    await page.keyboard.press('Shift+Tab');
    await expect(lock).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('definition').filter({ hasText: /^Locked/ })).toBeVisible();
    await expect(lock).toBeFocused();
    expect(openState(server, lockid)).toBe(0);
  });
});
