import type { Locator, Page } from '@playwright/test';
import { POLL_MS, countRequests, type E2eServer, expect, expectNoSeriousA11yViolations, test } from './fixtures';
import { ARRIVES, alertPolls, ownGateway, pageHasAlerts } from './team-alerts-kit';

/** The rows of a history table (skeleton and placeholder rows excluded). */
function eventRows(page: Page, name: string | RegExp) {
  return page.getByRole('table', { name }).locator('tbody tr[data-eventid]');
}

async function settled(page: Page, name: string | RegExp) {
  await expect(page.getByRole('table', { name })).toHaveAttribute('aria-busy', 'false');
}

async function ids(rows: Locator): Promise<number[]> {
  return (await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-eventid')))).map(Number);
}

/**
 * Clicks "Next page" and gives the ids page 1 showed at that moment: read and clicked in one task of
 * the page, so that no poll can change page 1 in between (the page it then continues from).
 */
async function nextPageFrom(rows: Locator): Promise<number[]> {
  const shown: { ids: number[] | null } = { ids: null };
  await expect
    .poll(async () => {
      shown.ids = await rows.evaluateAll((trs) => {
        const next = [...document.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Next page');
        if (!next || next.disabled) return null;
        const ids = trs.map((tr) => Number(tr.getAttribute('data-eventid')));
        next.click();
        return ids;
      });
      return shown.ids !== null;
    })
    .toBe(true);
  return shown.ids ?? [];
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Every part of the row (time, lock, what, who, how) is on screen, inside the viewport's width. */
async function expectRowFullyShown(page: Page, row: Locator, cells: number) {
  const width = page.viewportSize()!.width;
  await expect(row.locator('td')).toHaveCount(cells);
  for (let i = 0; i < cells; i++) {
    const cell = row.locator('td').nth(i);
    await expect(cell).toBeVisible();
    const box = (await cell.boundingBox())!;
    expect(box.width, `cell ${i} has room`).toBeGreaterThan(8);
    expect(box.x, `cell ${i} starts on screen`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `cell ${i} ends on screen (${width} px)`).toBeLessThanOrEqual(width + 0.5);
  }
}

const localUtc = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/** New events straight into the platform's database, as if doors were being used right now. */
function insertEvents(server: E2eServer, count: number, username = 'Paging Tester') {
  const lock = server.db.prepare('SELECT lockid, lockname FROM locks ORDER BY lockid LIMIT 1').get() as { lockid: string; lockname: string };
  const insert = server.db.prepare(
    "INSERT INTO events (lockid, lockname, event_type, userid, username, method, event_date, battery_level) VALUES (?, ?, 'unlocked', NULL, ?, 'keypad', ?, NULL)",
  );
  const now = Date.now();
  const inserted: number[] = [];
  for (let i = 0; i < count; i++) inserted.push(Number(insert.run(lock.lockid, lock.lockname, username, localUtc(now)).lastInsertRowid));
  return { inserted, remove: () => server.db.prepare(`DELETE FROM events WHERE eventid IN (${inserted.join(',')})`).run() };
}

/** A lock whose history shows people: its History has all four columns filled. */
function lockWithPeople(server: E2eServer) {
  return server.db
    .prepare("SELECT lockid, lockname FROM events WHERE username IS NOT NULL AND method != 'system' GROUP BY lockid ORDER BY count(*) DESC LIMIT 1")
    .get() as { lockid: string; lockname: string };
}

const WIDTHS = [1440, 1024, 768, 390, 320];

test.describe('Activity and History at every width', () => {
  for (const width of WIDTHS) {
    test(`${width} px: every event shows time, lock, what, who and how, with no sideways scroll`, async ({ page, server }) => {
      await page.setViewportSize({ width, height: 900 });
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        await page.goto('/activity?type=unlocked');
        await settled(page, /Unlocks/);
        const rows = eventRows(page, /Unlocks/);
        await expect(rows).toHaveCount(25);
        for (const i of [0, 1, 24]) await expectRowFullyShown(page, rows.nth(i), 5);
        // The person and the method are there as text, not only in a hidden column.
        const person = rows.filter({ hasText: /Keypad|Card|App|Fingerprint|Remote/ }).first();
        await expect(person).toBeVisible();
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
        await page.screenshot({ path: `test-results/screens/activity-${width}-${colorScheme}.png` });

        const { lockid, lockname } = lockWithPeople(server);
        await page.goto(`/locks/${lockid}`);
        await expect(page.getByRole('heading', { level: 1, name: lockname })).toBeVisible();
        await settled(page, 'History');
        const history = eventRows(page, 'History');
        await expect(history.first()).toBeVisible();
        const withPerson = history.filter({ hasNotText: 'No one (automatic)' }).first();
        await withPerson.scrollIntoViewIfNeeded();
        await expectRowFullyShown(page, withPerson, 4);
        await expectRowFullyShown(page, history.first(), 4);
        // The History section fits (the rest of the lock page is another part's to check).
        const section = page.getByRole('region', { name: 'History' });
        const box = (await section.boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual(width);
        expect(await section.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
        await page.getByRole('heading', { level: 2, name: 'History' }).scrollIntoViewIfNeeded();
        await page.screenshot({ path: `test-results/screens/history-${width}-${colorScheme}.png` });
      }
    });
  }

  test('a phone shows each event as a card that names who and how', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/activity?type=unlocked');
    const row = eventRows(page, /Unlocks/).filter({ hasText: 'Keypad' }).first();
    await expect(row).toBeVisible();
    // The labels are drawn on the card itself (on a desktop the column headers say it).
    const labels = await row.locator('td').evaluateAll((tds) => tds.map((td) => getComputedStyle(td, '::before').content));
    expect(labels).toEqual(expect.arrayContaining(['"Who:"', '"How:"']));
    const header = page.getByRole('table', { name: /Unlocks/ }).locator('thead');
    await expect(header.getByText(/^Times in /)).toBeVisible();
  });
});

test.describe('Activity stays live', () => {
  test('names the viewer\'s time zone over the times', async ({ page }) => {
    const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    await page.goto('/activity');
    await expect(page.getByRole('columnheader', { name: `Time (${zone})` })).toBeVisible();
  });

  test('has the Live indicator, and "Pause live updates" holds polls for this page only, never past a reload or another page', async ({ page, server }) => {
    await page.goto('/activity');
    await settled(page, 'All events');
    await expect(page.getByText('Live', { exact: true })).toBeVisible();
    const polls = countRequests(page, '/api/events?pagenumber');
    await expect.poll(() => polls.count, { timeout: POLL_MS * 5 }).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Pause live updates' }).click();
    await expect(page.getByText('Live updates paused')).toBeVisible();
    const { remove } = insertEvents(server, 1, 'Pause Watcher');
    try {
      polls.count = 0;
      // Three poll intervals go by: the page shows data older than any poll would allow, and no poll went out.
      await expect(page.getByText(/Updated ([3-9]|\d{2,}) s ago/)).toBeVisible({ timeout: POLL_MS * 10 });
      expect(polls.count).toBe(0);
      const table = page.getByRole('table', { name: 'All events' });
      await expect(table.getByText('Pause Watcher')).toHaveCount(0);

      // Another page is live; coming back is live too.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Locks' }).click();
      await expect(page.getByRole('button', { name: 'Pause live updates' })).toBeVisible();
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }).click();
      await expect(table.getByText('Pause Watcher')).toBeVisible({ timeout: POLL_MS * 5 });

      // A reload is live again.
      await page.getByRole('button', { name: 'Pause live updates' }).click();
      await expect(page.getByText('Live updates paused')).toBeVisible();
      await page.reload();
      await expect(page.getByRole('button', { name: 'Pause live updates' })).toBeVisible();
      await expect(page.getByText('Live updates paused')).toHaveCount(0);
    } finally {
      remove();
    }
  });

  test('page 2 holds still while new events arrive, survives a reload, and going 1 → 2 shows no event twice', async ({ page, server }) => {
    await page.goto('/activity');
    const rows = eventRows(page, 'All events');
    await expect(rows).toHaveCount(25);

    // New events arrive while page 1 is on screen, before "Next page": page 1 shows them at its next
    // poll, and "Next page" continues from what page 1 shows when it is clicked.
    const early = insertEvents(server, 3);
    const late = { remove: () => undefined as unknown };
    try {
      // (Not necessarily on top: another spec in this worker may have used a door at a later hour.)
      await expect(rows.filter({ hasText: 'Paging Tester' })).toHaveCount(3, { timeout: POLL_MS * 10 });
      const first = await nextPageFrom(rows);
      expect(first).toHaveLength(25);
      await expect(page).toHaveURL(new RegExp(`page=2&before=${first.at(-1)}$`));
      await settled(page, 'All events');
      await expect(rows).toHaveCount(25);
      const second = await ids(rows);
      expect(second.filter((id) => first.includes(id))).toEqual([]);
      // Page 2 starts right where page 1 ended.
      expect(Math.max(...second)).toBeLessThan(Math.min(...first));

      // Thirty more arrive while page 2 is read: polls come and go, page 2 does not change.
      Object.assign(late, insertEvents(server, 30));
      const polls = countRequests(page, '/api/events?', { finished: true });
      await expect.poll(() => polls.count, { timeout: POLL_MS * 6 }).toBeGreaterThanOrEqual(2);
      expect(await ids(rows)).toEqual(second);
      await page.reload();
      await expect(rows).toHaveCount(25);
      expect(await ids(rows)).toEqual(second);

      // Page 3 continues page 2, and page 1 is live again with the new events on top.
      await page.getByRole('button', { name: 'Next page' }).click();
      await expect(page).toHaveURL(/page=3/);
      await settled(page, 'All events');
      const third = await ids(rows);
      expect(third.filter((id) => second.includes(id))).toEqual([]);
      expect(Math.max(...third)).toBeLessThan(Math.min(...second));
      await page.getByRole('button', { name: 'Previous page' }).click();
      await settled(page, 'All events');
      expect(await ids(rows)).toEqual(second);
      await page.getByRole('button', { name: 'Previous page' }).click();
      await expect(page).toHaveURL(/\/activity$/);
      await settled(page, 'All events');
      await expect(rows.filter({ hasText: 'Paging Tester' }).first()).toBeVisible();
    } finally {
      early.remove();
      late.remove();
    }
  });

  test('finds the events of a person by name, in any order of the words', async ({ page, server }) => {
    const { username } = server.db.prepare("SELECT username FROM events WHERE username LIKE '% %' AND method != 'remote' LIMIT 1").get() as { username: string };
    await page.goto('/activity');
    const search = page.getByRole('searchbox', { name: 'Search by lock or person' });
    await expect(search).toHaveAttribute('placeholder', /person/);
    await search.fill(username);
    await expect(page.getByRole('heading', { name: `Events matching “${username}”` })).toBeVisible();
    const rows = eventRows(page, `Events matching “${username}”`);
    await settled(page, `Events matching “${username}”`);
    await expect(rows.first()).toBeVisible();
    const who = await rows.locator('td:nth-child(4)').allInnerTexts();
    expect(who.length).toBeGreaterThan(0);
    for (const text of who) expect(text).toBe(username);

    const found = await ids(rows);
    const reversed = username.split(' ').reverse().join(' ');
    await search.fill(reversed);
    await expect(page.getByRole('heading', { name: `Events matching “${reversed}”` })).toBeVisible();
    await settled(page, `Events matching “${reversed}”`);
    expect(await ids(eventRows(page, `Events matching “${reversed}”`))).toEqual(found);
  });
});

test.describe('Activity filters', () => {
  test('dates the wrong way round: the error, no stale count, and Export visibly disabled', async ({ page }) => {
    await page.goto('/activity?type=unlocked');
    await settled(page, /Unlocks/);
    await expect(page.getByText(/^[\d,]+ events$/)).toBeVisible();
    await expect(page.getByRole('link', { name: 'Export CSV' })).toBeVisible();

    await page.getByLabel('From').fill('2026-03-10');
    await page.getByLabel('To').fill('2026-03-01');
    await expect(page.getByRole('alert')).toContainText('The “From” date is after the “To” date');
    await expect(page.getByLabel('From')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText(/^[\d,]+ events?$/)).toHaveCount(0);
    await expect(eventRows(page, /Unlocks/)).toHaveCount(0);
    const exportButton = page.getByRole('button', { name: 'Export CSV' });
    await expect(exportButton).toBeDisabled();
    await expect(page.getByRole('link', { name: 'Export CSV' })).toHaveCount(0);
    // It looks disabled too: greyed, not the white of a usable button.
    const background = await exportButton.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(background).not.toBe('rgb(255, 255, 255)');
    await expect(exportButton).toHaveCSS('cursor', 'not-allowed');
    await page.screenshot({ path: 'test-results/screens/activity-bad-range.png' });
  });

  test('the heading says what the filters select', async ({ page }) => {
    await page.goto('/activity');
    await expect(page.getByRole('heading', { level: 2, name: 'All events' })).toBeVisible();
    await page.getByLabel('Event type').selectOption('unlocked');
    await expect(page.getByRole('heading', { level: 2, name: 'Unlocks' })).toBeVisible();
    await page.getByRole('searchbox', { name: 'Search by lock or person' }).fill('Lobby');
    await expect(page.getByRole('heading', { level: 2, name: 'Unlocks matching “Lobby”' })).toBeVisible();
    await page.getByLabel('From').fill('2026-11-01');
    await page.getByLabel('To').fill('2026-11-07');
    await expect(page.getByRole('heading', { level: 2, name: /^Unlocks matching “Lobby”, .*1.*7.*$/ })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'All events' })).toHaveCount(0);
  });
});

test.describe('page titles', () => {
  test('every page names its tab, and a lock is named after itself', async ({ page, server }) => {
    await page.goto('/locks');
    await expect(page).toHaveTitle(/^(\(\d+\) )?Locks · Lockboard$/);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }).click();
    await expect(page).toHaveTitle(/^(\(\d+\) )?Activity · Lockboard$/);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alerts' }).click();
    await expect(page).toHaveTitle(/^(\(\d+\) )?Alerts · Lockboard$/);
    const { lockid, lockname } = server.db.prepare('SELECT lockid, lockname FROM locks ORDER BY lockid LIMIT 1').get() as { lockid: string; lockname: string };
    await page.goto(`/locks/${lockid}`);
    await expect(page).toHaveTitle(new RegExp(`^(\\(\\d+\\) )?${lockname.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} · Lockboard$`));
  });

  test('the unread alerts count stays in front of the page name', async ({ page, server }) => {
    // A gateway of the test's own: its alert store has nothing open, so the title starts without a count.
    const gateway = await ownGateway(server);
    const lock = server.db.prepare('SELECT lockid, lockname, battery_level AS battery FROM locks ORDER BY lockid LIMIT 1').get() as {
      lockid: string;
      lockname: string;
      battery: number | null;
    };
    let id = 0;
    try {
      const polls = alertPolls(page);
      await page.goto(`${gateway.url}/activity`);
      await expect(page).toHaveTitle('Activity · Lockboard');
      // The page has read the team's alerts (none open) before the alert comes.
      await pageHasAlerts(polls);
      await expect(page).toHaveTitle('Activity · Lockboard');
      server.db.prepare('UPDATE locks SET battery_level = 5 WHERE lockid = ?').run(lock.lockid);
      id = Number(
        server.db
          .prepare("INSERT INTO events (lockid, lockname, event_type, userid, username, method, event_date, battery_level) VALUES (?, ?, 'battery_low', NULL, NULL, 'system', ?, 5)")
          .run(lock.lockid, lock.lockname, localUtc(Date.now())).lastInsertRowid,
      );
      // The default "Battery critical" rule raises it; the page's next poll counts it in front of the name.
      await expect(page).toHaveTitle('(1) Activity · Lockboard', ARRIVES);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alerts' }).click();
      await expect(page).toHaveTitle('(1) Alerts · Lockboard');
    } finally {
      server.db.prepare('UPDATE locks SET battery_level = ? WHERE lockid = ?').run(lock.battery, lock.lockid);
      server.db.prepare('DELETE FROM events WHERE eventid = ?').run(id);
      await gateway.close();
    }
  });
});

test.describe('accessibility', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const width of [1440, 390]) {
      test(`Activity has no serious axe violations, ${colorScheme}, ${width} px`, async ({ page }) => {
        await page.setViewportSize({ width, height: 900 });
        await page.emulateMedia({ colorScheme });
        await page.goto('/activity?type=unlocked');
        await settled(page, /Unlocks/);
        await expectNoSeriousA11yViolations(page);
        await page.goto('/activity?from=2026-03-10&to=2026-03-01');
        await expect(page.getByRole('alert')).toBeVisible();
        await expectNoSeriousA11yViolations(page);
      });
    }
  }
});
