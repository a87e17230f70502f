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
