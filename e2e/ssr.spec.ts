import type { Page } from '@playwright/test';
import { StandInUpstream, forwardTo } from '../test-support/stand-in-upstream';
import { POLL_MS, consoleProblems, countRequests, expect, extraGateway, lockRows, tableSettled, test } from './fixtures';
import { bell } from './team-alerts-kit';

/** The locks page's first request for its list: the one a hydrated page must not make. */
const LIST_REQUEST = /\/api\/locks\?pagenumber=/;

/** When each request matching `url` was sent (the test's clock: the server's runs in this process). */
function requestTimes(page: Page, url: RegExp): number[] {
  const times: number[] = [];
  page.on('request', (request) => {
    if (url.test(request.url())) times.push(Date.now());
  });
  return times;
}

/**
 * The requests among `times` that came before the page's first poll was due: a refetch. The first
 * poll comes POLL_MS after the page mounted, so never before POLL_MS after the server rendered it
 * (its "now" in the dehydrated state); a poll may come any time after that (on a loaded machine,
 * even before the test looks): it is not a refetch.
 */
async function beforeFirstPoll(page: Page, times: number[]): Promise<number[]> {
  const serverNow = await page.evaluate(() => (JSON.parse(document.getElementById('lockboard-ssr')?.textContent ?? '{}') as { now?: number }).now ?? 0);
  expect(serverNow).toBeGreaterThan(0);
  return times.filter((at) => at < serverNow + POLL_MS);
}

test.describe('the server-rendered first screen', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('the first response already holds the 25 rows of the URL’s page (JavaScript off)', async ({ browser, sessions, server }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, storageState: sessions.manager, baseURL: server.url });
    const page = await context.newPage();
    const api = await context.request.get('/api/locks?pagenumber=2&limit=25&sortby=lockname&sortorder=desc');
    const expected = ((await api.json()) as { lockslist: { lockname: string }[] }).lockslist.map((l) => l.lockname);
    expect(expected).toHaveLength(25);
    const response = await page.goto('/locks?sort=lockname&order=desc&page=2');
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self';");
    await expect(lockRows(page)).toHaveCount(25);
    await expect(lockRows(page).getByRole('rowheader')).toContainText(expected);
    await expect(page.getByText('Page 2 of 10')).toBeVisible();
    const html = (await response?.text()) ?? '';
    expect(html).toContain('<script type="application/json" id="lockboard-ssr">');
    // Only what the browser would have got: no lock password, no token, no inline executable script.
    expect(html).not.toMatch(/lock_password|"token"|Bearer/);
    expect(html.match(/<script(?![^>]*type="application\/json")(?![^>]*\bsrc=)[^>]*>/g) ?? []).toEqual([]);
    await context.close();
  });

  test('hydrates without a list request or a console warning; then search, sort, paging, polling and commands work', async ({ page, server }) => {
    const problems = consoleProblems(page);
    const listRequestsAt = requestTimes(page, LIST_REQUEST);
    await page.goto('/locks?page=3');
    await expect(lockRows(page)).toHaveCount(25);
    // Hydrated: the app answers the keyboard (the row count above came with the HTML).
    const search = page.getByRole('searchbox', { name: 'Search locks' });
    await expect(page.getByRole('button', { name: 'Next page' })).toBeEnabled();
    expect(await beforeFirstPoll(page, listRequestsAt), 'list requests before the first poll was due').toEqual([]);

    // Polling takes over (POLL_MS = 1 s).
    const polls = countRequests(page, LIST_REQUEST, { finished: true });
    await expect.poll(() => polls.count, { timeout: 10_000 }).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Next page' }).click();
    await expect(page.getByText('Page 4 of 10')).toBeVisible();
    await page.getByRole('columnheader', { name: 'Lock', exact: true }).getByRole('button').click();
    await expect(page).toHaveURL(/sort=lockname/);
    await tableSettled(page);
    await search.fill('warehouse');
    await expect(page).toHaveURL(/q=warehouse/);
    // The address changes before React renders the search's rows (a transition): wait for those rows.
    const rowNames = () => lockRows(page).getByRole('rowheader').allInnerTexts();
    await expect
      .poll(async () => {
        const names = await rowNames();
        return names.length > 0 && names.every((name) => name.toLowerCase().includes('warehouse'));
      })
      .toBe(true);
    await tableSettled(page);
    const names = await rowNames();
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name.toLowerCase()).toContain('warehouse');

    // A command on a row.
    const { lockid, lockname } = server.db
      .prepare('SELECT lockid, lockname FROM locks WHERE lock_online_status = 1 AND lock_open_status = 0 ORDER BY lockid LIMIT 1 OFFSET 3')
      .get() as { lockid: string; lockname: string };
    await page.goto(`/locks?q=${lockid}`);
    await expect(lockRows(page)).toHaveCount(1);
    const row = lockRows(page).first();
    await row.getByRole('button', { name: `Unlock ${lockname}` }).click();
    await page.getByRole('dialog', { name: `Unlock ${lockname}?` }).getByRole('button', { name: /^Unlock/ }).click();
    await expect(row.getByRole('button', { name: `Lock ${lockname}`, exact: true })).toBeVisible();
    await row.getByRole('button', { name: `Lock ${lockname}`, exact: true }).click();
    await expect(row.getByRole('button', { name: `Unlock ${lockname}` })).toBeVisible();
    expect(problems).toEqual([]);
  });

  test.describe('signed out', () => {
    test.use({ role: null });

    test('the locks page redirects to sign-in, which the server renders (e2e/ssr-sign-in.spec.ts)', async ({ page }) => {
      const problems = consoleProblems(page);
      const response = await page.request.get('/locks?page=2', { maxRedirects: 0, headers: { accept: 'text/html' } });
      expect(response.status()).toBe(302);
      expect(response.headers().location).toBe('/login?next=%2Flocks%3Fpage%3D2');
      const login = await page.request.get('/login', { headers: { accept: 'text/html' } });
      expect(await login.text()).toContain('lockboard-ssr');
      await page.goto('/locks?page=2');
      await expect(page).toHaveURL(/\/login\?next=%2Flocks%3Fpage%3D2$/);
      await expect(page.getByLabel('Email')).toBeEditable();
      // The page came knowing nobody is signed in: no /api/me and its 401.
      expect(problems).toEqual([]);
    });

    test('a lock’s page and Activity redirect to sign-in with the way back', async ({ page }) => {
      for (const [path, next] of [
        ['/locks/EM000001?type=locked', '/login?next=%2Flocks%2FEM000001%3Ftype%3Dlocked'],
        ['/activity?q=door&type=unlocked', '/login?next=%2Factivity%3Fq%3Ddoor%26type%3Dunlocked'],
      ] as const) {
        const response = await page.request.get(path, { maxRedirects: 0, headers: { accept: 'text/html' } });
        expect(response.status(), path).toBe(302);
        expect(response.headers().location).toBe(next);
      }
      await page.goto('/activity?q=door');
      await expect(page).toHaveURL(/\/login\?next=%2Factivity%3Fq%3Ddoor$/);
      await expect(page.getByLabel('Email')).toBeEditable();
    });
  });

  test('the app’s modules are fetched once, with the page, and used: hydration takes them from the preloads', async ({ page }) => {
    const problems = consoleProblems(page);
    const fetched: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/assets/') && path.endsWith('.js')) fetched.push(path);
    });
    const response = await page.goto('/locks');
    const preloads = [...((await response?.text()) ?? '').matchAll(/<link rel="preload" as="script"[^>]*\bhref="([^"]+)"/g)].map((m) => m[1]);
    expect(preloads.some((path) => /\/assets\/app-[\w-]+\.js$/.test(path ?? ''))).toBe(true);
    await expect(lockRows(page)).toHaveCount(25);
    await expect(page.locator('html[data-ready]')).toBeAttached();
    await expect(page.getByRole('button', { name: 'Next page' })).toBeEnabled();
    for (const path of preloads) expect(fetched.filter((f) => f === path), path).toHaveLength(1);
    // Chromium warns of a preload the page did not use (or used in another CORS mode).
    expect(problems).toEqual([]);
  });

  test('a lock’s page arrives with the lock, its details, access and history (JavaScript off)', async ({ browser, sessions, server }) => {
    const { lockid, lockname } = server.db
      .prepare('SELECT lockid, lockname FROM locks WHERE lock_online_status = 1 AND lock_open_status = 0 ORDER BY lockid LIMIT 1 OFFSET 5')
      .get() as { lockid: string; lockname: string };
    const context = await browser.newContext({ javaScriptEnabled: false, storageState: sessions.support, baseURL: server.url });
    const page = await context.newPage();
    const history = (await (await context.request.get(`/api/locks/${lockid}/events?pagenumber=1&limit=25`)).json()) as { eventslist: unknown[] };
    expect(history.eventslist.length).toBeGreaterThan(0);
    const response = await page.goto(`/locks/${lockid}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(lockname);
    const facts = page.getByRole('definition');
    // (The demo fleet's SSID is the lock ID too.)
    await expect(facts.filter({ hasText: lockid }).first()).toBeVisible();
    await expect(facts.filter({ hasText: /^Online/ })).toBeVisible();
    await expect(facts.filter({ hasText: /^Locked/ })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Who has access' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'History' }).locator('tbody tr[data-eventid]')).toHaveCount(history.eventslist.length);
    // Support: no command, no password (the UI's own rule), and nothing secret in the page.
    await expect(page.getByText('Your account is read-only')).toBeVisible();
    await expect(page.getByRole('button', { name: `Unlock ${lockname}` })).toHaveCount(0);
    const html = (await response?.text()) ?? '';
    expect(html).toContain('id="lockboard-ssr"');
    expect(html).not.toMatch(/lock_password|passcode"|"token"|Bearer/);
    expect(html.match(/<script(?![^>]*type="application\/json")(?![^>]*\bsrc=)[^>]*>/g) ?? []).toEqual([]);
    await context.close();
  });

  test('Activity arrives with the events of the URL’s filters (JavaScript off)', async ({ browser, sessions, server }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, storageState: sessions.manager, baseURL: server.url });
    const page = await context.newPage();
    const api = await context.request.get('/api/events?pagenumber=1&limit=25&type=locked&searchkey=warehouse');
    const expected = ((await api.json()) as { eventslist: { eventid: number; lockname: string }[] }).eventslist;
    expect(expected.length).toBeGreaterThan(0);
    const response = await page.goto('/activity?q=warehouse&type=locked');
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { name: 'Lock events matching “warehouse”' })).toBeVisible();
    const rows = page.locator('tbody tr[data-eventid]');
    await expect(rows).toHaveCount(expected.length);
    expect(await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-eventid'))))).toEqual(expected.map((e) => e.eventid));
    for (const name of await rows.locator('td:nth-child(2)').allInnerTexts()) expect(name.toLowerCase()).toContain('warehouse');
    await expect(rows.locator('td:nth-child(3)').first()).toHaveText('Locked');
    await context.close();
  });

  test('a lock’s page and Activity hydrate without a console warning or a refetch; then a command works', async ({ page, server }) => {
    const problems = consoleProblems(page);
    const { lockid, lockname } = server.db
      .prepare('SELECT lockid, lockname FROM locks WHERE lock_online_status = 1 AND lock_open_status = 0 ORDER BY lockid LIMIT 1 OFFSET 7')
      .get() as { lockid: string; lockname: string };
    const page1 = new RegExp(`/api/locks/${lockid}(\\?|$)|/api/locks/${lockid}/events\\?|/api/grants\\?`);
    const lockReads = requestTimes(page, page1);
    const response = await page.goto(`/locks/${lockid}`);
    expect(await response?.text()).toContain('id="lockboard-ssr"');
    // Hydrated: the alert bell (a link to the inbox) is mounted only once the page has hydrated (layout.tsx).
    await expect(bell(page)).toBeVisible();
    expect(await beforeFirstPoll(page, lockReads), 'lock, history or grants requests before the first poll was due').toEqual([]);
    // Polling takes over (POLL_MS = 1 s).
    const polls = countRequests(page, new RegExp(`/api/locks/${lockid}$`), { finished: true });
    await expect.poll(() => polls.count, { timeout: 10_000 }).toBeGreaterThan(0);

    // A manager's command on the hydrated page, and back.
    const control = page.getByRole('region', { name: 'Remote control' });
    await control.getByRole('button', { name: `Unlock ${lockname}` }).click();
    await page.getByRole('dialog', { name: `Unlock ${lockname}?` }).getByRole('button', { name: /^Unlock/ }).click();
    await expect(page.getByRole('definition').filter({ hasText: /^Unlocked/ })).toBeVisible();
    await control.getByRole('button', { name: `Lock ${lockname}`, exact: true }).click();
    await expect(page.getByRole('definition').filter({ hasText: /^Locked/ })).toBeVisible();
    expect(server.db.prepare('SELECT lock_open_status FROM locks WHERE lockid = ?').get(lockid)).toEqual({ lock_open_status: 0 });
    // Leaving the hydrated page in the app (its route unmounts cleanly) works.
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Locks' }).click();
    await expect(lockRows(page)).toHaveCount(25);

    // Activity, filtered, and the locks page: each server-rendered and hydrated without a warning.
    const events = requestTimes(page, /\/api\/events\?pagenumber=1&limit=25/);
    const activity = await page.goto('/activity?type=unlocked');
    expect(await activity?.text()).toContain('id="lockboard-ssr"');
    await expect(bell(page)).toBeVisible();
    await expect(page.locator('tbody tr[data-eventid]')).toHaveCount(25);
    expect(await beforeFirstPoll(page, events), 'events requests before the first poll was due').toEqual([]);
    await page.getByLabel('Event type').selectOption('locked');
    await expect(page.getByRole('heading', { name: 'Lock events' })).toBeVisible();
    await expect(page.locator('tbody tr[data-eventid] td:nth-child(3)').first()).toHaveText('Locked');

    await page.goto('/locks');
    await expect(bell(page)).toBeVisible();
    await expect(lockRows(page)).toHaveCount(25);
    expect(problems).toEqual([]);
  });

  test('a viewer in another zone gets the times in it from the server (remembered by the app), and hydration matches', async ({ browser, sessions, server }) => {
    const context = await browser.newContext({ storageState: sessions.manager, baseURL: server.url, timezoneId: 'Pacific/Auckland' });
    const page = await context.newPage();
    const problems = consoleProblems(page);
    await page.goto('/locks');
    // The bell is the app's last part to load (after the first frame, hydration and its own chunk):
    // on a loaded machine that can take longer than an assertion's usual 10 s.
    await expect(bell(page)).toBeVisible({ timeout: 30_000 });
    // The app remembered this browser's locale and zone; the next server-rendered page is in them.
    const activity = await page.goto('/activity?from=2020-01-01');
    const html = (await activity?.text()) ?? '';
    expect(html).toContain('id="lockboard-ssr"');
    expect(html).toMatch(/Times in (<!-- -->)?Pacific\/Auckland/);
    await expect(bell(page)).toBeVisible();
    await expect(page.locator('tbody tr[data-eventid]')).toHaveCount(25);
    expect(problems).toEqual([]);
    await context.close();
  });

  test('a lock the platform does not have: the shell, and the app says so', async ({ page }) => {
    const response = await page.goto('/locks/NO-SUCH-LOCK');
    expect(await response?.text()).not.toContain('id="lockboard-ssr"');
    await expect(page.getByRole('heading', { name: 'No lock NO-SUCH-LOCK on this platform' })).toBeVisible();
  });

  test('a slow upstream does not hold the first byte: the shell goes out and the browser fetches the rows', async ({ page, server }) => {
    const forward = forwardTo(server.platformUrl);
    const standIn = await new StandInUpstream(async (request, response) => {
      if (request.url.startsWith('/api/locks')) await new Promise((resolve) => setTimeout(resolve, 1500));
      return forward(request, response);
    }).start();
    const gateway = await extraGateway(standIn.url, { mode: 'proxy', upstreamTimeoutMs: 5000 });
    try {
      const started = Date.now();
      const response = await page.request.get(`${gateway.url}/locks`, { headers: { accept: 'text/html' } });
      const elapsed = Date.now() - started;
      expect(response.status()).toBe(200);
      expect(await response.text()).not.toContain('lockboard-ssr');
      expect(elapsed, 'ms to the whole shell').toBeLessThan(1000);
      await page.goto(`${gateway.url}/locks`);
      await expect(lockRows(page)).toHaveCount(25, { timeout: 15_000 });
    } finally {
      await gateway.close();
      await standIn.stop();
    }
  });
});
