import { apiResponseLeaks, cellOf, connectionCell, countRequests, expect, expectNoSeriousA11yViolations, lockRows, lockStateCell, tableSettled, test } from './fixtures';

/** A row's cells by column (a manager's rows start with a checkbox column, so not by position). */

test.describe('the locks page', () => {
  test('opens at / and shows the first page of the fleet', { tag: '@vendor' }, async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/locks$/);
    await expect(page.getByRole('heading', { name: 'Locks', level: 1 })).toBeVisible();
    await expect(lockRows(page)).toHaveCount(25);
    await expect(page.getByText('240 locks')).toBeVisible();
    await expect(page.getByText('Page 1 of 10')).toBeVisible();
    await expect(page.getByText('Demo platform')).toBeVisible();
    const first = lockRows(page).first();
    await expect(connectionCell(first).getByText(/^(Online|Offline)$/)).toBeVisible();
    await expect(lockStateCell(first).getByText(/^(Locked|Unlocked)$/)).toBeVisible();
  });

  test('searches by name, resets to page 1, keeps ?q= in the URL, and Escape clears it', { tag: '@vendor' }, async ({ page }) => {
    await page.goto('/locks?page=3');
    const search = page.getByRole('searchbox', { name: 'Search locks' });
    await search.fill('warehouse');
    await expect(page).toHaveURL(/q=warehouse/);
    await expect(page).not.toHaveURL(/page=/);
    // The previous rows stay on screen until the found ones come: read until every row is a warehouse.
    const others = async () => {
      const names = await lockRows(page).getByRole('rowheader').allInnerTexts();
      return names.length === 0 ? ['(no rows)'] : names.filter((name) => !name.toLowerCase().includes('warehouse'));
    };
    await expect.poll(others).toEqual([]);
    await search.press('Escape');
    await expect(search).toHaveValue('');
    await expect(page).not.toHaveURL(/q=/);
    await expect(page.getByText('240 locks')).toBeVisible();
  });

  test('finds a lock by part of its lockid', async ({ page, server }) => {
    const { lockid } = server.db.prepare('SELECT lockid FROM locks ORDER BY lockid LIMIT 1 OFFSET 17').get() as { lockid: string };
    await page.goto('/locks');
    await page.getByRole('searchbox', { name: 'Search locks' }).fill(lockid.slice(1).toLowerCase());
    await expect(lockRows(page).filter({ hasText: lockid })).toHaveCount(1);
  });

  test('says so when nothing matches, and clears search and filters on request', async ({ page }) => {
    await page.goto('/locks?status=offline');
    await page.getByRole('searchbox', { name: 'Search locks' }).fill('no-such-door-anywhere');
    await expect(page.getByText('No locks match your search and filters.')).toBeVisible();
    await page.getByRole('button', { name: 'Clear search and filters' }).click();
    await expect(page).toHaveURL(/\/locks$/);
    await expect(page.getByRole('searchbox', { name: 'Search locks' })).toHaveValue('');
    await expect(lockRows(page)).toHaveCount(25);
  });

  test('filters with the chips, whose counts match the results', { tag: '@vendor' }, async ({ page }) => {
    await page.goto('/locks');
    const offline = page.getByRole('button', { name: /^Offline \d+$/ });
    const count = Number((await offline.innerText()).replace(/\D/g, ''));
    expect(count).toBeGreaterThan(0);
    await offline.click();
    await expect(offline).toHaveAttribute('aria-pressed', 'true');
    await expect(page).toHaveURL(/status=offline/);
    await tableSettled(page);
    await expect(page.getByText(`${count} lock${count === 1 ? '' : 's'}`, { exact: true })).toBeVisible();
    const states = await cellOf(lockRows(page), 'connection').allInnerTexts();
    expect(states).toHaveLength(Math.min(count, 25));
    for (const state of states) expect(state).toContain('Offline');

    // Chips combine: turn Offline off again before Low battery alone.
    await offline.click();
    await page.getByRole('button', { name: /^Low battery \d+$/ }).click();
    await expect(page).toHaveURL(/status=lowbattery$/);
    // The previous rows stay on screen until the new ones come: read until every row is a low battery
    // ("Critical" at 10 % or less, as the alerts say; "Low" up to 20 %).
    const notLow = async () => {
      const levels = await cellOf(lockRows(page), 'battery').allInnerTexts();
      if (levels.length === 0) return ['(no rows)'];
      return levels.filter((level) => !/Low|Critical/.test(level) || Number(level.replace(/[^\d]/g, '')) > 20);
    };
    await expect.poll(notLow).toEqual([]);
  });

  test('sorts by a column header with aria-sort, both ways', async ({ page }) => {
    await page.goto('/locks');
    const header = page.getByRole('columnheader', { name: 'Battery' });
    await header.getByRole('button').click();
    await expect(header).toHaveAttribute('aria-sort', 'ascending');
    await expect(page).toHaveURL(/sort=battery_level/);
    const levels = async () =>
      (await cellOf(lockRows(page), 'battery').allInnerTexts())
        .map((t) => Number.parseInt(t.replace(/[^\d]/g, ''), 10))
        .filter((n) => !Number.isNaN(n));
    // The previous rows stay on screen until the sorted ones come: read until they are sorted.
    const sorted = (direction: 1 | -1) => async () => {
      const shown = await levels();
      return shown.length > 1 && shown.every((level, i) => i === 0 || (level - shown[i - 1]!) * direction >= 0);
    };
    await expect.poll(sorted(1)).toBe(true);
    const ascending = await levels();
    await header.getByRole('button').click();
    await expect(header).toHaveAttribute('aria-sort', 'descending');
    await expect(page).toHaveURL(/order=desc/);
    await expect.poll(sorted(-1)).toBe(true);
    expect((await levels())[0]).toBeGreaterThan(ascending[0]!);
  });

  test('paginates, changes rows per page, and a reload restores the view', { tag: '@vendor' }, async ({ page }) => {
    await page.goto('/locks');
    const firstName = await lockRows(page).first().getByRole('rowheader').innerText();
    await page.getByRole('button', { name: 'Next page' }).click();
    await expect(page.getByText('Page 2 of 10')).toBeVisible();
    await expect(page).toHaveURL(/page=2/);
    await expect(lockRows(page).first().getByRole('rowheader')).not.toHaveText(firstName);
    await page.getByRole('button', { name: 'Previous page' }).click();
    await expect(page.getByText('Page 1 of 10')).toBeVisible();

    await page.getByLabel('Rows per page').selectOption('50');
    await expect(lockRows(page)).toHaveCount(50);
    await expect(page.getByText('Page 1 of 5')).toBeVisible();

    await page.goto('/locks?q=HQ&limit=10&page=2&sort=lockname&order=desc');
    const names = () => lockRows(page).getByRole('rowheader').allInnerTexts();
    await expect(page.getByText(/^Page 2 of \d+$/)).toBeVisible();
    const before = await names();
    await page.reload();
    await expect(page.getByRole('searchbox', { name: 'Search locks' })).toHaveValue('HQ');
    await expect(page.getByLabel('Rows per page')).toHaveValue('10');
    await expect(page.getByRole('columnheader', { name: 'Lock', exact: true })).toHaveAttribute('aria-sort', 'descending');
    await expect(page.getByText(/^Page 2 of \d+$/)).toBeVisible();
    await expect.poll(names).toEqual(before);
  });

  test('moves a page past the end to the last page', { tag: '@vendor' }, async ({ page }) => {
    await page.goto('/locks?page=999');
    await expect(page.getByText('Page 10 of 10')).toBeVisible();
    await expect(page).toHaveURL(/page=10/);
    await expect(lockRows(page)).toHaveCount(15);
  });

  test('shows a change written to the platform on the next poll, highlighted and announced', { tag: '@vendor' }, async ({ page, server }) => {
    await page.goto('/locks?sort=lockname');
    const row = lockRows(page).first();
    const lockid = await row.getAttribute('data-lockid');
    const name = await row.getByRole('rowheader').getByRole('link').innerText();
    const online = server.db.prepare('SELECT lock_online_status AS online FROM locks WHERE lockid = ?').get(lockid) as { online: number };
    const next = online.online ? 0 : 1;
    server.db.prepare('UPDATE locks SET lock_online_status = ? WHERE lockid = ?').run(next, lockid);
    try {
      await expect(connectionCell(row).getByText(next ? 'Online' : 'Offline', { exact: true })).toBeVisible({ timeout: 15_000 });
      await expect(row).toHaveAttribute('data-changed', 'true');
      await expect(row.getByText('Just changed')).toBeVisible();
      await expect(page.getByRole('status').filter({ hasText: name })).toContainText(
        next ? `${name} came back online` : `${name} went offline`,
      );
    } finally {
      server.db.prepare('UPDATE locks SET lock_online_status = ? WHERE lockid = ?').run(online.online, lockid);
    }
  });

  test('"Pause live updates" stops polling until resumed', async ({ page, server }) => {
    await page.goto('/locks?sort=lockname&order=desc');
    const row = lockRows(page).first();
    const lockid = await row.getAttribute('data-lockid');
    const { open } = server.db.prepare('SELECT lock_open_status AS open FROM locks WHERE lockid = ?').get(lockid) as { open: number };
    await page.getByRole('button', { name: 'Pause live updates' }).click();
    await expect(page.getByText('Live updates paused')).toBeVisible();
    const polls = countRequests(page, '/api/locks?');
    server.db.prepare('UPDATE locks SET lock_open_status = ? WHERE lockid = ?').run(open ? 0 : 1, lockid);
    try {
      // Three poll intervals pass without a poll: the data on screen grows older than any poll allows.
      await expect(page.getByText(/Updated ([3-9]|\d{2,}) s ago/)).toBeVisible({ timeout: 15_000 });
      expect(polls.count).toBe(0);
      await expect(lockStateCell(row).getByText(open ? 'Unlocked' : 'Locked', { exact: true })).toBeVisible();
      await page.getByRole('button', { name: 'Resume live updates' }).click();
      await expect(lockStateCell(row).getByText(open ? 'Locked' : 'Unlocked', { exact: true })).toBeVisible({ timeout: 15_000 });
      expect(polls.count).toBeGreaterThan(0);
    } finally {
      server.db.prepare('UPDATE locks SET lock_open_status = ? WHERE lockid = ?').run(open, lockid);
    }
  });

  test('"Refresh now" fetches at once, also while live updates are paused, and "Updated N s ago" says when', async ({ page, server }) => {
    await page.goto('/locks?sort=lockname');
    const row = lockRows(page).first();
    const lockid = await row.getAttribute('data-lockid');
    const { open } = server.db.prepare('SELECT lock_open_status AS open FROM locks WHERE lockid = ?').get(lockid) as { open: number };
    // Paused, no poll can bring the change: only the button can.
    await page.getByRole('button', { name: 'Pause live updates' }).click();
    await expect(page.getByText(/Updated ([2-9]|\d{2,}) s ago/)).toBeVisible({ timeout: 15_000 });
    server.db.prepare('UPDATE locks SET lock_open_status = ? WHERE lockid = ?').run(open ? 0 : 1, lockid);
    try {
      const fetches = countRequests(page, '/api/locks?');
      await page.getByRole('button', { name: 'Refresh now' }).click();
      await expect(lockStateCell(row).getByText(open ? 'Locked' : 'Unlocked', { exact: true })).toBeVisible();
      await expect(page.getByText(/Updated [01] s ago/)).toBeVisible();
      expect(fetches.count).toBe(1);
      await expect(page.getByText('Live updates paused')).toBeVisible();
    } finally {
      server.db.prepare('UPDATE locks SET lock_open_status = ? WHERE lockid = ?').run(open, lockid);
      await page.getByRole('button', { name: 'Resume live updates' }).click();
    }
  });

  test('loads the thumbnails, lazily and at a fixed size', async ({ page }) => {
    await page.goto('/locks');
    const image = lockRows(page).locator('img').first();
    await expect(image).toHaveAttribute('loading', 'lazy');
    await expect(image).toHaveAttribute('width', '40');
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  });

  test('no lock password reaches the page or any API response the browser gets: lists, summary, detail, history, commands', { tag: '@vendor' }, async ({
    page,
    server,
  }) => {
    const passwords = (server.db.prepare('SELECT lock_password AS p FROM locks').all() as { p: string }[]).map((r) => r.p);
    expect(passwords.length).toBe(240);
    const { lockid, lockname } = server.db
      .prepare('SELECT lockid, lockname FROM locks WHERE lock_online_status = 1 AND lock_open_status = 0 ORDER BY lockid DESC LIMIT 1 OFFSET 60')
      .get() as { lockid: string; lockname: string };
    const leaks = apiResponseLeaks(page, passwords);

    // In-app navigation only: the document stays, so every answer's body stays readable.
    await page.goto('/locks?limit=100');
    await expect(lockRows(page)).toHaveCount(100);
    await page.getByRole('button', { name: 'Next page' }).click();
    await expect(page.getByText('Page 2 of 3')).toBeVisible();
    await page.getByRole('searchbox', { name: 'Search locks' }).fill(lockid);
    await tableSettled(page);
    await lockRows(page).getByRole('link', { name: lockname }).click();
    await expect(page.getByRole('heading', { level: 1, name: lockname })).toBeVisible();
    await expect(page.getByRole('table', { name: 'History' }).locator('tbody tr').first()).toBeVisible();
    await page.getByRole('region', { name: 'Remote control' }).getByRole('button', { name: `Unlock ${lockname}` }).click();
    await page.getByRole('dialog', { name: `Unlock ${lockname}?` }).getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByRole('definition').filter({ hasText: /^Unlocked/ })).toBeVisible();
    await page.getByRole('region', { name: 'Remote control' }).getByRole('button', { name: `Lock ${lockname}`, exact: true }).click();
    await expect(page.getByRole('definition').filter({ hasText: /^Locked/ })).toBeVisible();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }).click();
    await expect(page.getByRole('table', { name: 'All events' }).locator('tbody tr[data-eventid]')).toHaveCount(25);

    const html = await page.content();
    for (const secret of passwords) expect(html).not.toContain(secret);
    const seen = await leaks.check();
    for (const kind of ['list', 'summary', 'detail', 'lock history', 'events', 'command'] as const) {
      expect(seen[kind] ?? 0, `answers of kind "${kind}" read`).toBeGreaterThan(0);
    }
  });

  test('has no serious accessibility violations, light and dark', async ({ page }) => {
    await page.goto('/locks');
    await expect(lockRows(page)).toHaveCount(25);
    await expectNoSeriousA11yViolations(page);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectNoSeriousA11yViolations(page);
  });

  test('unknown routes get a friendly page', async ({ page }) => {
    await page.goto('/no/such/page');
    await expect(page.getByRole('heading', { name: 'This page does not exist' })).toBeVisible();
    await page.getByRole('link', { name: 'Go to the locks' }).click();
    await expect(lockRows(page)).toHaveCount(25);
  });
});
