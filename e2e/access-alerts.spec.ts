import type { Page } from '@playwright/test';
import type { RunningGateway } from '../test-support/gateway';
import { type E2eServer, expect, expectNoSeriousA11yViolations, onlineLocks, test } from './fixtures';
import { ARRIVES, alertPolls, bell, createRule, openAlert, ownGateway, pageHasAlerts, teamAlerts, toast } from './team-alerts-kit';

/**
 * Refused door uses, as a manager meets them: an "Access denied" alert per door (a rule of the
 * test's own) that counts the refusals, one "Possible break-in attempt" (a default rule) for 3 at one
 * door within 5 minutes, worst first in the inbox; and the refusals in Activity with their reasons.
 * The door uses come from the platform's in-process test hook.
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

test.describe('access denied', () => {
  let gateway: RunningGateway | null = null;
  test.afterEach(async () => {
    await gateway?.close();
    gateway = null;
  });

  test('a refused attempt is an alert naming door, person and reason; 3 at one door in 5 minutes are one break-in alert, worst first', async ({ page, server }) => {
    gateway = await ownGateway(server);
    const base = gateway.url;
    const [lock, other] = onlineLocks(server, 2, 3);
    await createRule(page.request, base, { name: 'Refusals', kind: 'access-denied', scope: { lockids: [lock!.lockid, other!.lockid] } });
    const name = `Refused Visitor ${Date.now() % 100000}`;
    const userid = await newPerson(page, server, name);
    const polls = alertPolls(page);
    await page.goto(`${base}/alerts`);
    await pageHasAlerts(polls);

    const first = server.useDoor({ userid, lockid: lock!.lockid, method: 'card', at: nextMoment(server) });
    expect(first).toMatchObject({ allowed: false, reason: 'no_grant' });
    const single = openAlert(page, `Access denied at ${lock!.lockname}`);
    await expect(single).toContainText(`${name}, Card: No access to this door`, ARRIVES);
    await expect(single).toContainText('1 refused attempt since');
    await expect(bell(page)).toHaveAccessibleName('Alerts, 1 unread');

    // A refusal at another door in between counts for that door only.
    server.useDoor({ userid, lockid: other!.lockid, method: 'keypad', at: nextMoment(server) });
    server.useDoor({ userid, lockid: lock!.lockid, method: 'keypad', at: nextMoment(server) });
    await expect(openAlert(page, `Access denied at ${other!.lockname}`)).toContainText('1 refused attempt since', ARRIVES);
    await expect(single).toContainText('2 refused attempts since', ARRIVES);
    await expect(openAlert(page, /Access denied at/)).toHaveCount(2);
    const breakIn = openAlert(page, 'Possible break-in attempt');
    await expect(breakIn).toHaveCount(0);
    expect(await teamAlerts(page.request, base, { kind: 'access-denied-burst' })).toEqual([]);

    server.useDoor({ userid, lockid: lock!.lockid, method: 'fingerprint', at: nextMoment(server) });
    await expect(breakIn).toHaveCount(1, ARRIVES);
    await expect(breakIn.getByRole('heading')).toHaveText(`Possible break-in attempt at ${lock!.lockname}`);
    await expect(breakIn).toContainText(`3 refused attempts at ${lock!.lockname} since`);
    await expect(breakIn).toContainText('Critical');
    await expect(toast(page, `Possible break-in attempt at ${lock!.lockname}`)).toBeVisible();
    // Worst first: on top of the open alerts, the refusals below it.
    await expect(openAlert(page, /./).first()).toContainText('Possible break-in attempt');

    // A 4th in the same burst is folded into it: still one alert, which now says 4.
    server.useDoor({ userid, lockid: lock!.lockid, method: 'app', at: nextMoment(server) });
    await expect(breakIn).toContainText(`4 refused attempts at ${lock!.lockname} since`, ARRIVES);
    await expect(breakIn).toHaveCount(1);
    await expect(single).toContainText('4 refused attempts since');
    expect(await teamAlerts(page.request, base, { kind: 'access-denied-burst' })).toHaveLength(1);
    await expectNoSeriousA11yViolations(page);

    // The team's, not the tab's: a reload and "Mark all read" keep it open, on top.
    await page.reload();
    await expect(breakIn).toHaveCount(1);
    await page.getByRole('button', { name: 'Mark all read' }).click();
    await expect(bell(page)).toHaveAccessibleName('Alerts');
    await expect(breakIn).toHaveCount(1);
    await expect(openAlert(page, /./).first()).toContainText('Possible break-in attempt');
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
