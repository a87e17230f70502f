import type { E2eServer } from './fixtures';
import { expect, lockRows, lockStateCell, tableSettled, test } from './fixtures';

/** A row's lock state (a manager's rows start with a checkbox column, so not by position). */

/** Unlock for a while: the platform relocks by itself; the row and the lock's page count down. */
function pickLock(server: E2eServer, offset: number) {
  return server.db
    .prepare('SELECT lockid, lockname FROM locks WHERE lock_online_status = 1 AND lock_open_status = 0 ORDER BY lockname DESC LIMIT 1 OFFSET ?')
    .get(offset) as { lockid: string; lockname: string };
}

test('a row unlocks for 5 minutes: the dialog names lock and duration, the platform gets duration_s, the row counts down', async ({ page, server }) => {
  const features = (await (await page.request.get('/app-config.json')).json()) as { features: { timedUnlock: boolean } };
  expect(features.features.timedUnlock).toBe(true);
  const { lockid, lockname } = pickLock(server, 0);
  await page.goto(`/locks?q=${lockid}`);
  await tableSettled(page);
  const row = lockRows(page).filter({ hasText: lockid });
  await row.getByRole('button', { name: `Unlock ${lockname}` }).click();
  const dialog = page.getByRole('dialog', { name: `Unlock ${lockname}?` });
  await expect(dialog.getByRole('radio', { name: 'Not automatically' })).toBeChecked();
  await dialog.getByRole('radio', { name: 'After 5 minutes' }).check();
  await expect(dialog).toHaveAccessibleDescription(`${lockname} opens for anyone, and locks again by itself after 5 minutes.`);
  const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith(`/api/locks/${lockid}/unlock`));
  await dialog.getByRole('button', { name: 'Unlock for 5 minutes' }).click();
  expect((await sent).postDataJSON()).toEqual({ duration_s: 300 });
  await expect(lockStateCell(row)).toContainText('Unlocked');
  await expect(lockStateCell(row)).toContainText(/Relocks in [45]:\d\d/);
  const { relock_at } = server.db.prepare('SELECT relock_at FROM locks WHERE lockid = ?').get(lockid) as { relock_at: string | null };
  expect(relock_at).not.toBeNull();
  // The clock ticks on screen, between polls.
  const shown = await lockStateCell(row).getByText(/^Relocks in/).innerText();
  await expect(lockStateCell(row).getByText(/^Relocks in/)).not.toHaveText(shown);
});

test("the platform relocks when the time comes, and the lock's page counts down to it", async ({ page, server }) => {
  const { lockid, lockname } = pickLock(server, 1);
  await page.goto(`/locks/${lockid}`);
  const control = page.getByRole('region', { name: 'Remote control' });
  await control.getByRole('button', { name: `Unlock ${lockname}` }).click();
  const dialog = page.getByRole('dialog', { name: `Unlock ${lockname}?` });
  await dialog.getByRole('radio', { name: 'After 1 minute' }).check();
  await dialog.getByRole('button', { name: 'Unlock for 1 minute' }).click();
  const state = page.getByRole('definition').filter({ hasText: /^Unlocked/ });
  await expect(state).toContainText(/Relocks in (1:00|0:5\d)/);
  // Bring the moment forward (the platform's own clock stays): it relocks by itself within seconds.
  const soon = new Date(Date.now() + 4000).toISOString().slice(0, 19).replace('T', ' ');
  server.db.prepare('UPDATE locks SET relock_at = ? WHERE lockid = ?').run(soon, lockid);
  await expect(state).toContainText(/Relocks in 0:0\d|Relocking…/, { timeout: 15_000 });
  await expect(page.getByRole('definition').filter({ hasText: /^Locked/ })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText(/Relocks in|Relocking…/)).toHaveCount(0);
  const event = server.db.prepare("SELECT method FROM events WHERE lockid = ? AND event_type = 'locked' ORDER BY eventid DESC LIMIT 1").get(lockid);
  expect(event).toEqual({ method: 'system' });
});
