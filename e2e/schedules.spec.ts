import { type APIRequestContext, request } from '@playwright/test';
import { type E2eServer, expect, test } from './fixtures';

/**
 * Door schedules (issue 24): a manager creates "Lobby hours" for a group with the business hours
 * quick pick, sees its week strip on the group's page and its next change on the Schedules page; a
 * support account sees schedules but no way to change them. Each test makes its own group and
 * schedule and deletes them after.
 */

async function managerApi(server: E2eServer, sessions: Parameters<Parameters<typeof test>[2]>[0]['sessions']): Promise<APIRequestContext> {
  return request.newContext({ baseURL: server.url, storageState: sessions.manager, extraHTTPHeaders: { origin: server.url } });
}

async function createGroup(api: APIRequestContext, groupname: string): Promise<number> {
  const response = await api.post('/api/lockgroups', { data: { groupname } });
  expect(response.status(), `create the group ${groupname}`).toBe(200);
  return ((await response.json()) as { lockgroup: { groupid: number } }).lockgroup.groupid;
}

async function cleanUp(api: APIRequestContext, server: E2eServer, scheduleName: string, groupid: number) {
  const row = server.db.prepare('SELECT scheduleid FROM schedules WHERE name = ?').get(scheduleName) as { scheduleid: number } | undefined;
  if (row) await api.delete(`/api/schedules/${row.scheduleid}`);
  await api.delete(`/api/lockgroups/${groupid}`);
  await api.dispose();
}

test.describe('schedules', () => {
  test('a manager creates Lobby hours for a group: the week strip on the group’s page, the next change on the Schedules page', async ({ page, server, sessions }) => {
    const api = await managerApi(server, sessions);
    const groupid = await createGroup(api, 'Schedule e2e lobby');
    try {
      await page.goto('/schedules');
      await page.getByRole('button', { name: 'New schedule' }).click();
      const form = page.getByRole('region', { name: 'New schedule' });
      await form.getByRole('textbox', { name: 'Name' }).fill('Lobby hours');
      await form.getByRole('button', { name: /Business hours/ }).click();
      await form.getByRole('checkbox', { name: 'Schedule e2e lobby' }).check();
      await expect(form.getByRole('region', { name: 'The next 7 days' }).getByRole('listitem')).toHaveCount(7);
      await form.getByRole('button', { name: 'Create schedule' }).click();

      const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Lobby hours' }) });
      await expect(card).toBeVisible();
      await expect(card.getByText('Mon–Fri 08:00–18:00')).toBeVisible();
      await expect(card.getByRole('link', { name: 'Schedule e2e lobby' })).toHaveAttribute('href', `/groups/${groupid}`);
      await expect(card.getByText(/^(Unlocks|Locks) at \d\d:\d\d/)).toBeVisible();

      await card.getByRole('link', { name: 'Schedule e2e lobby' }).click();
      const panel = page.getByRole('region', { name: 'Schedule', exact: true });
      await expect(panel.getByRole('heading', { name: 'Lobby hours' })).toBeVisible();
      await expect(panel.getByText('Mon–Fri 08:00–18:00')).toBeVisible();
      // The week strip's words (visually hidden) say what its shading shows.
      const strip = panel.getByRole('figure', { name: 'The week of Lobby hours' });
      await expect(strip.getByRole('listitem')).toHaveText([
        'Mon: Unlocked 08:00–18:00',
        'Tue: Unlocked 08:00–18:00',
        'Wed: Unlocked 08:00–18:00',
        'Thu: Unlocked 08:00–18:00',
        'Fri: Unlocked 08:00–18:00',
        'Sat: Locked all day',
        'Sun: Locked all day',
      ]);
    } finally {
      await cleanUp(api, server, 'Lobby hours', groupid);
    }
  });
});

test.describe('holidays and the locks a schedule drives', () => {
  test('a manager edits a holiday: a refusal keeps what was typed, then the change is saved', async ({ page, server, sessions }) => {
    const api = await managerApi(server, sessions);
    const created = await api.post('/api/holidays', { data: { name: 'E2e harbour day', start_date: '2027-06-14' } });
    expect(created.status()).toBe(200);
    const { holidayid } = ((await created.json()) as { holiday: { holidayid: number } }).holiday;
    try {
      await page.goto('/schedules');
      await page.getByRole('button', { name: 'Edit the holiday E2e harbour day' }).click();
      const form = page.getByRole('region', { name: 'Edit the holiday E2e harbour day' });
      await form.getByRole('textbox', { name: 'Name' }).fill('E2e harbour days');
      const last = form.getByLabel(/Last day/);
      await last.fill('2027-06-01');
      await form.getByRole('button', { name: 'Save holiday' }).click();
      await expect(form.getByText('end_date must not be before start_date')).toBeVisible();
      await expect(last).toHaveAttribute('aria-invalid', 'true');
      await expect(form.getByRole('textbox', { name: 'Name' })).toHaveValue('E2e harbour days');

      await last.fill('2027-06-16');
      await form.getByRole('checkbox', { name: 'Every year on these dates' }).check();
      await form.getByRole('button', { name: 'Save holiday' }).click();
      const holidays = page.getByRole('region', { name: 'Holidays' });
      await expect(holidays.getByText('E2e harbour days (every year, 06-14 to 06-16)')).toBeVisible();
      await expect(form).toHaveCount(0);
      expect(server.db.prepare('SELECT name, start_date, end_date, yearly FROM holidays WHERE holidayid = ?').get(holidayid)).toEqual({
        name: 'E2e harbour days',
        start_date: '2027-06-14',
        end_date: '2027-06-16',
        yearly: 1,
      });
    } finally {
      await api.delete(`/api/holidays/${holidayid}`);
      await api.dispose();
    }
  });

  test('a schedule’s card names the lock it drives and links to its page', async ({ page, server, sessions }) => {
    const api = await managerApi(server, sessions);
    const lock = server.db.prepare('SELECT lockid, lockname FROM locks ORDER BY lockid LIMIT 1').get() as { lockid: string; lockname: string };
    const created = await api.post('/api/schedules', { data: { name: 'E2e one door', windows: [{ days: '12345', from: '08:00', to: '18:00' }], lockids: [lock.lockid] } });
    expect(created.status()).toBe(200);
    const { scheduleid } = ((await created.json()) as { schedule: { scheduleid: number } }).schedule;
    try {
      await page.goto('/schedules');
      const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'E2e one door' }) });
      const link = card.getByRole('link', { name: lock.lockname, exact: true });
      await expect(link).toBeVisible();
      await expect(card.getByText(`Lock #${lock.lockid}`)).toHaveCount(0);
      await link.click();
      await expect(page).toHaveURL(new RegExp(`/locks/${lock.lockid}$`));
      await expect(page.getByRole('heading', { level: 1, name: lock.lockname })).toBeVisible();
    } finally {
      await api.delete(`/api/schedules/${scheduleid}`);
      await api.dispose();
    }
  });
});

test.describe('schedules for a support account', () => {
  test.use({ role: 'support' });

  test('support sees a schedule but no create, edit or delete', async ({ page, server, sessions }) => {
    const api = await managerApi(server, sessions);
    const groupid = await createGroup(api, 'Schedule e2e support');
    try {
      const created = await api.post('/api/schedules', { data: { name: 'Support view hours', windows: [{ days: '12345', from: '08:00', to: '18:00' }], groupids: [groupid] } });
      expect(created.status()).toBe(200);
      await page.goto('/schedules');
      const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Support view hours' }) });
      await expect(card.getByText('Mon–Fri 08:00–18:00')).toBeVisible();
      await expect(page.getByText('Your account is read-only: a manager creates and changes schedules and holidays.')).toBeVisible();
      await expect(page.getByRole('button', { name: 'New schedule' })).toHaveCount(0);
      await expect(page.getByRole('button', { name: /^(Edit|Delete)/ })).toHaveCount(0);
      await expect(page.getByRole('button', { name: 'Add holiday' })).toHaveCount(0);
    } finally {
      await cleanUp(api, server, 'Support view hours', groupid);
    }
  });
});

const VIEWS = [
  { name: 'desktop-light', viewport: { width: 1440, height: 900 }, colorScheme: 'light' as const },
  { name: 'desktop-dark', viewport: { width: 1440, height: 900 }, colorScheme: 'dark' as const },
  { name: 'phone-light', viewport: { width: 390, height: 844 }, colorScheme: 'light' as const },
  { name: 'phone-dark', viewport: { width: 390, height: 844 }, colorScheme: 'dark' as const },
];

/** Pictures of the Schedules page (test-results/screens/ for review): a schedule with ten locks, holidays, the forms open. */
test.describe('the Schedules page as people see it', () => {
  let groupid = 0;
  const made: { schedules: number[]; holidays: number[] } = { schedules: [], holidays: [] };
  test.beforeAll(async ({ server, sessions }) => {
    const api = await managerApi(server, sessions);
    groupid = await createGroup(api, 'Screens front desk');
    const lockids = (server.db.prepare('SELECT lockid FROM locks ORDER BY lockname LIMIT 10').all() as { lockid: string }[]).map((l) => l.lockid);
    for (const data of [
      { name: 'Screens reception hours', timezone: 'Europe/Berlin', first_person_in: 1, windows: [{ days: '12345', from: '07:30', to: '18:00' }, { days: '6', from: '09:00', to: '13:00' }], groupids: [groupid], lockids },
      { name: 'Screens night cleaning', windows: [{ days: '1234567', from: '22:00', to: '02:00' }], lockids: lockids.slice(0, 2) },
    ]) {
      const response = await api.post('/api/schedules', { data });
      expect(response.status()).toBe(200);
      made.schedules.push(((await response.json()) as { schedule: { scheduleid: number } }).schedule.scheduleid);
    }
    for (const data of [{ name: 'Screens company day', start_date: '2027-05-21' }, { name: 'Screens winter break', start_date: '2026-12-24', end_date: '2027-01-01', yearly: 1 }]) {
      const response = await api.post('/api/holidays', { data });
      expect(response.status()).toBe(200);
      made.holidays.push(((await response.json()) as { holiday: { holidayid: number } }).holiday.holidayid);
    }
    await api.dispose();
  });
  test.afterAll(async ({ server, sessions }) => {
    const api = await managerApi(server, sessions);
    for (const id of made.schedules) await api.delete(`/api/schedules/${id}`);
    for (const id of made.holidays) await api.delete(`/api/holidays/${id}`);
    await api.delete(`/api/lockgroups/${groupid}`);
    await api.dispose();
  });

  for (const view of VIEWS) {
    test(`schedules page, ${view.name}`, async ({ page }) => {
      await page.setViewportSize(view.viewport);
      await page.emulateMedia({ colorScheme: view.colorScheme });
      await page.goto('/schedules');
      const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Screens reception hours' }) });
      await expect(card.getByText('and 3 more')).toBeVisible();
      await expect(card.getByText(/^Lock #/)).toHaveCount(0);
      await page.getByRole('button', { name: 'Edit the holiday Screens winter break' }).click();
      await expect(page.getByRole('region', { name: 'Edit the holiday Screens winter break' })).toBeVisible();
      const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(await overflow()).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `test-results/screens/schedules-${view.name}.png`, fullPage: true });

      await card.getByRole('button', { name: 'Edit Screens reception hours' }).click();
      const form = page.getByRole('region', { name: 'Edit Screens reception hours' });
      await expect(form.getByRole('region', { name: 'The next 7 days' }).getByRole('listitem')).toHaveCount(7);
      await expect(form.getByRole('checkbox', { checked: true }).filter({ hasText: /^Lock #/ })).toHaveCount(0);
      expect(await overflow()).toBeLessThanOrEqual(0);
      await form.screenshot({ path: `test-results/screens/schedules-form-${view.name}.png` });
    });
  }
});
