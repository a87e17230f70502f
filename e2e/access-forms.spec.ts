import type { Page } from '@playwright/test';
import { consoleProblems, expect, extraGateway, onlineLocks, test } from './fixtures';

/**
 * The grant form and rule in a day of use (issue 20 §3): a last day that has passed is refused at
 * the field before anything is sent; a rule's hours name the platform's zone; an active grant
 * whose hours do not cover now says so, and changes as time passes. Locks far down the online list
 * (70, 71), which no other spec uses.
 */

const whoHasAccess = (page: Page) => page.getByRole('region', { name: 'Who has access' });

/** "YYYY-MM-DD" of `ms` in UTC (the platform's zone in these tests). */
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

test('a last day that has passed is refused at the field, before anything is sent; the rule names the zone', async ({ page, server }) => {
  const [lock] = onlineLocks(server, 1, 70);
  const grantPosts: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().includes('/api/grants')) grantPosts.push(request.url());
  });
  await page.goto(`/locks/${encodeURIComponent(lock!.lockid)}`);
  await whoHasAccess(page).getByRole('button', { name: 'Grant access' }).click();
  const dialog = page.getByRole('dialog', { name: `Grant access to ${lock!.lockname}` });
  await dialog.getByLabel('Until a date').check();
  const lastDay = dialog.getByLabel('Last day');
  const today = utcDay(Date.now());
  await expect(lastDay).toHaveAttribute('min', today);
  await expect(lastDay).not.toHaveAttribute('aria-invalid');

  await lastDay.fill(utcDay(Date.now() - 3 * 86_400_000));
  // Said at once, at the field, and named by it.
  await expect(lastDay).toHaveAttribute('aria-invalid', 'true');
  const describedBy = (await lastDay.getAttribute('aria-describedby')) ?? '';
  expect(describedBy).not.toBe('');
  await expect(dialog.locator(`[id="${describedBy}"]`)).toHaveText(/^That day has passed\. Choose today \(.+\) or a later day\.$/);
  await expect(lastDay).toHaveAccessibleDescription(/That day has passed/);
  // Sending is refused in the form: the platform is never asked.
  await dialog.getByRole('button', { name: 'Grant access' }).click();
  await expect(lastDay).toHaveAttribute('aria-invalid', 'true');
  expect(grantPosts).toEqual([]);

  await lastDay.fill(today);
  await expect(lastDay).not.toHaveAttribute('aria-invalid');
  await expect(dialog.getByText('That day has passed')).toHaveCount(0);

  // Whose 08:00? The rule in words names the platform's zone.
  await dialog.getByLabel('Only on certain days and hours').check();
  await dialog.getByRole('button', { name: 'Working hours' }).click();
  await expect(dialog.locator('output')).toHaveText(/^App · Mon–Fri 09:00–17:00 \(UTC\) · until /);
});

const ZONE = 'Pacific/Auckland';
/** "HH:mm" on the platform's clock, `minutes` from now. */
const wallTime = (minutes: number) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(Date.now() + minutes * 60_000);

test('an active grant outside its hours says so, in the platform’s zone, and changes as time passes', async ({ browser, sessions, server }) => {
  // A platform in Auckland, a viewer in Los Angeles: the hours are the platform's.
  const gateway = await extraGateway(server.platformUrl, { env: { PLUS_TIMEZONE: ZONE } });
  const context = await browser.newContext({ storageState: sessions.manager, baseURL: gateway.url, timezoneId: 'America/Los_Angeles', locale: 'de-DE' });
  const page = await context.newPage();
  const problems = consoleProblems(page);
  const [lock] = onlineLocks(server, 1, 71);
  const post = async (path: string, data: unknown) => {
    const response = await page.request.post(path, { data, headers: { origin: gateway.url } });
    expect(response.status(), `POST ${path}`).toBe(200);
    return (await response.json()) as Record<string, Record<string, unknown>>;
  };
  const name = `Hours Tester ${Date.now()}`;
  const userid = (await post('/api/people', { username: name })).person?.userid;
  // Open now and for three more minutes; and a window that opens in two hours. Read once: a minute
  // may turn between sending the grants and reading the page.
  const [openFrom, openTo] = [wallTime(-60), wallTime(3)];
  await post('/api/grants', { userid, lockid: lock!.lockid, method: 'app', start_time: openFrom, end_time: openTo });
  await post('/api/grants', { userid, lockid: lock!.lockid, method: 'card', start_time: wallTime(120), end_time: wallTime(180) });

  await page.clock.install();
  await page.goto(`/locks/${encodeURIComponent(lock!.lockid)}`);
  await page.locator('html[data-ready]').waitFor({ state: 'attached' });
  const current = whoHasAccess(page).getByRole('list', { name: 'Current access' }).getByRole('listitem').filter({ hasText: name });
  const open = current.filter({ hasText: 'App ·' });
  const later = current.filter({ hasText: 'Card ·' });
  await expect(open).toContainText(`Every day ${openFrom}–${openTo}`);
  await expect(open).toContainText(`(${ZONE})`);
  await expect(open.getByText('Active', { exact: true })).toBeVisible();
  await expect(later.getByText('Active · outside hours now', { exact: true })).toBeVisible();
  await expect(later).toContainText(`(${ZONE})`);

  // Four minutes on, the first window has closed too.
  await page.clock.fastForward('04:00');
  await expect(open.getByText('Active · outside hours now', { exact: true })).toBeVisible();

  // The person's page says the same.
  await page.goto(`/people/${String(userid)}`);
  const canOpen = page.getByRole('region', { name: 'Can open' });
  await expect(canOpen.getByText('Active · outside hours now')).toHaveCount(2);
  await expect(canOpen.getByText(`(${ZONE})`).first()).toBeVisible();
  expect(problems).toEqual([]);
  await post(`/api/people/${String(userid)}/revoke`, {});
  await context.close();
  await gateway.close();
});
