import type { Page } from '@playwright/test';
import { type E2eServer, expect, expectNoSeriousA11yViolations, onlineLocks, test } from './fixtures';

/**
 * Refused door uses, as a manager meets them: an "Access denied" alert for each, one "Possible
 * break-in attempt" for 3 at one door within 5 minutes (pinned until dismissed), and the refusals in
 * Activity with their reasons. The door uses come from the platform's in-process test hook.
 */

/** A person of the test's own, with no grant anywhere: every door refuses them ("No access to this door"). */
async function newPerson(page: Page, server: E2eServer, name: string): Promise<number> {
  const response = await page.request.post(`${server.url}/api/people`, { data: { username: name }, headers: { origin: server.url } });
  expect(response.status(), 'create a person').toBe(200);
  return ((await response.json()) as { person: { userid: number } }).person.userid;
}

/**
 * When a door use happens: now, or a second after the newest event if that is later (a platform
 * date has whole seconds), so that each use is the newest in every history, and none is dated
 * later than it has to be (the specs that follow look at the newest events too).
 */
function nextMoment(server: E2eServer): Date {
  const newest = server.db.prepare('SELECT max(event_date) AS d FROM events').get() as { d: string };
  return new Date(Math.max(Date.now(), Date.parse(`${newest.d.replace(' ', 'T')}Z`) + 1000));
}

async function openWatching(page: Page, path: string) {
  await page.goto(path);
  // The watcher has read where the feed stands ("now") once its state is kept for the user.
  await expect.poll(() => page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('lockboard:alerts:v1:') && localStorage.getItem(k)?.includes('"cursor"')))).toBe(true);
}

const allAlerts = (page: Page) => page.getByRole('region', { name: 'All alerts' });

test.describe('access denied', () => {
  test('a refused attempt is an alert naming door, person and reason; 3 at one door in 5 minutes are one break-in alert, kept until dismissed', async ({ page, server }) => {
    const [lock, other] = onlineLocks(server, 2, 3);
    const name = `Refused Visitor ${Date.now() % 100000}`;
    const userid = await newPerson(page, server, name);
    await openWatching(page, '/alerts');

    const first = server.useDoor({ userid, lockid: lock!.lockid, method: 'card', at: nextMoment(server) });
    expect(first).toMatchObject({ allowed: false, reason: 'no_grant' });
    const single = allAlerts(page).getByRole('listitem').filter({ hasText: `Access denied at ${lock!.lockname}` });
    await expect(single).toContainText(`${name}, Card: No access to this door`);
    await expect(page.getByRole('button', { name: 'Alerts, 1 unread' })).toBeVisible();
    // A single refusal is listed, not popped up (the break-in below is).
    await expect(page.getByRole('region', { name: 'Notifications' }).getByText(`Access denied at ${lock!.lockname}`)).toHaveCount(0);

    // A refusal at another door in between counts for that door only.
    server.useDoor({ userid, lockid: other!.lockid, method: 'keypad', at: nextMoment(server) });
    server.useDoor({ userid, lockid: lock!.lockid, method: 'keypad', at: nextMoment(server) });
    await expect(allAlerts(page).getByRole('listitem').filter({ hasText: `Access denied at ${other!.lockname}` })).toBeVisible();
    await expect(allAlerts(page).getByRole('listitem').filter({ hasText: /Access denied at/ })).toHaveCount(3);
    const breakIn = allAlerts(page).getByRole('listitem').filter({ hasText: 'Possible break-in attempt' });
    await expect(breakIn).toHaveCount(0);

    server.useDoor({ userid, lockid: lock!.lockid, method: 'fingerprint', at: nextMoment(server) });
    await expect(breakIn).toHaveCount(1);
    await expect(breakIn).toContainText(`Possible break-in attempt at ${lock!.lockname}`);
    await expect(breakIn).toContainText('3 refused attempts in 5 minutes.');
    const toast = page.getByRole('region', { name: 'Notifications' }).getByText(`Possible break-in attempt at ${lock!.lockname}`);
    await expect(toast).toBeVisible();
    // Pinned: on top of the list, the single refusals below it.
    await expect(allAlerts(page).getByRole('listitem').first()).toContainText('Possible break-in attempt');

    // A 4th in the same burst is folded into it: still one alert, which now says 4.
    server.useDoor({ userid, lockid: lock!.lockid, method: 'app', at: nextMoment(server) });
    await expect(allAlerts(page).getByRole('listitem').filter({ hasText: /Access denied at/ })).toHaveCount(5);
    await expect(breakIn).toContainText('4 refused attempts in 5 minutes.');
    await expect(breakIn).toHaveCount(1);
    await expectNoSeriousA11yViolations(page);

    // Kept until dismissed: a reload and "Mark all read" leave it; "Dismiss" takes it away.
    await page.reload();
    await expect(breakIn).toHaveCount(1);
    await page.getByRole('button', { name: 'Mark all read' }).click();
    await expect(page.getByRole('button', { name: 'Alerts', exact: true })).toBeVisible();
    await expect(breakIn).toHaveCount(1);
    await expect(allAlerts(page).getByRole('listitem').first()).toContainText('Possible break-in attempt');
    await page.getByRole('button', { name: `Dismiss: Possible break-in attempt at ${lock!.lockname}` }).click();
    await expect(breakIn).toHaveCount(0);
    await page.reload();
    await expect(allAlerts(page).getByRole('listitem').filter({ hasText: `Access denied at ${lock!.lockname}` })).toHaveCount(4);
    await expect(breakIn).toHaveCount(0);
  });

  test('Activity filtered to "Access denied" shows the refusals with their reasons; the URL keeps the filter', async ({ page, server }) => {
    const [lock] = onlineLocks(server, 1, 6);
    const name = `Refused Courier ${Date.now() % 100000}`;
    const userid = await newPerson(page, server, name);
    server.useDoor({ userid, lockid: lock!.lockid, method: 'keypad', at: nextMoment(server) });

    await page.goto('/activity');
    await page.getByLabel('Event type').selectOption({ label: 'Access denied' });
    await expect(page).toHaveURL(/[?&]type=access_denied(&|$)/);
    await expect(page.getByRole('heading', { name: 'Refused door uses' })).toBeVisible();
    const row = page.getByRole('row').filter({ hasText: name });
    await expect(row).toContainText('Access denied — No access to this door');
    await expect(row).toContainText(lock!.lockname);
    await expect(row).toContainText('Keypad');
    await expect(row.getByRole('link', { name })).toHaveAttribute('href', `/people/${userid}`);
    // Every row shown is a refusal with its reason (the first page is not empty: this test's row is on it).
    const rows = page.locator('tbody tr[data-eventid]');
    await expect(rows.first()).toBeVisible();
    await expect(rows.filter({ hasNotText: /Access denied — \S/ })).toHaveCount(0);

    // The search still matches people, within the filter; a reload keeps both.
    await page.getByLabel('Search by lock or person').fill(name);
    await expect(page).toHaveURL(/[?&]q=Refused/);
    await expect(rows).toHaveCount(1);
    await page.reload();
    await expect(page.getByLabel('Event type')).toHaveValue('access_denied');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(`Access denied — No access to this door`);
  });
});
