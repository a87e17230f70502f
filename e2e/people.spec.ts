import type { APIRequestContext, Page } from '@playwright/test';
import { expect, expectNoSeriousA11yViolations, test, type E2eServer } from './fixtures';

/**
 * The People pages (issue 11): search, add and edit people; a person's access, their last refusal and
 * recent door activity; "Remove all access" (offboarding) through groups; support only reads. Each
 * test makes its own people and groups (a unique suffix) and deletes the groups it made.
 */

const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

/** The gateway's API as the page's signed-in account (state-changing calls carry the Origin). */
function api(request: APIRequestContext, server: E2eServer) {
  const headers = { origin: server.url };
  const ok = async (response: Awaited<ReturnType<APIRequestContext['get']>>) => {
    const body = (await response.json()) as Record<string, unknown>;
    expect(response.status(), JSON.stringify(body)).toBe(200);
    return body;
  };
  return {
    get: async (path: string) => ok(await request.get(path)),
    post: async (path: string, data?: unknown) => ok(await request.post(path, { data: data ?? {}, headers })),
    put: async (path: string, data: unknown) => ok(await request.put(path, { data, headers })),
    delete: async (path: string) => ok(await request.delete(path, { headers })),
  };
}

type Api = ReturnType<typeof api>;

async function createPerson(client: Api, name: string, extra: { email?: string; phone?: string } = {}) {
  const body = await client.post('/api/people', { username: name, ...extra });
  return (body.person as { userid: number }).userid;
}

async function createGroup(client: Api, name: string, lockids: string[]) {
  const body = await client.post('/api/lockgroups', { groupname: name });
  const groupid = (body.lockgroup as { groupid: number }).groupid;
  await client.put(`/api/lockgroups/${groupid}/locks`, { add: lockids });
  return groupid;
}

/** Locks no other spec picks on purpose (from the end of the fleet). */
function spareLocks(server: E2eServer, count: number, offset: number) {
  return server.db.prepare('SELECT lockid, lockname FROM locks ORDER BY lockid DESC LIMIT ? OFFSET ?').all(count, offset) as {
    lockid: string;
    lockname: string;
  }[];
}

async function activeHolders(client: Api, lockid: string) {
  const body = await client.get(`/api/grants?pagenumber=1&limit=100&lockid=${encodeURIComponent(lockid)}&status=active,scheduled`);
  return (body.grantslist as { userid: number }[]).map((g) => g.userid);
}

/** A lock page's current access (its past access is folded away). */
const whoHasAccess = (page: Page) => page.getByRole('region', { name: 'Who has access' }).getByRole('list', { name: 'Current access' });

async function noHorizontalScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
}

test.describe('people', () => {
  test('search finds a seeded person by part of the name and by phone, kept in the URL', async ({ page, server }) => {
    const keiko = server.db.prepare("SELECT userid, phone FROM users WHERE name = 'Keiko Tanaka'").get() as { userid: number; phone: string };
    expect(keiko.phone).toMatch(/\d/);
    await page.goto('/people');
    const table = page.getByRole('table', { name: 'People' });
    await expect(table.getByRole('link', { name: 'Amara Okafor' })).toBeVisible();

    await page.getByRole('searchbox', { name: 'Search people' }).fill('tanak');
    await expect(page).toHaveURL(/\?q=tanak$/);
    await expect(table.getByRole('link', { name: 'Keiko Tanaka' })).toBeVisible();
    await expect(table.getByRole('link', { name: 'Amara Okafor' })).toHaveCount(0);

    await page.getByRole('searchbox', { name: 'Search people' }).fill(keiko.phone);
    const row = table.locator(`tr[data-userid="${keiko.userid}"]`);
    await expect(row).toContainText(keiko.phone);
    await expect(table.locator('tbody tr')).toHaveCount(1);
    await row.getByRole('link', { name: 'Keiko Tanaka' }).click();
    await expect(page).toHaveURL(new RegExp(`/people/${keiko.userid}$`));
    await expect(page.getByRole('heading', { level: 1, name: 'Keiko Tanaka' })).toBeVisible();
    await expect(page).toHaveTitle(/^Keiko Tanaka/);
  });

  test('a manager adds a person (a bad or taken email is shown by its field, nothing lost), then edits the phone', async ({ page }) => {
    const name = `Test Person ${unique()}`;
    const email = `${name.toLowerCase().replace(/\s+/g, '.')}@example.com`;
    await page.goto('/people');
    await page.getByRole('button', { name: 'Add a person' }).click();
    const form = page.getByRole('region', { name: 'Add a person' });
    await form.getByLabel('Name').fill(name);
    await form.getByLabel('Email').fill('not-an-email');
    await form.getByRole('button', { name: 'Add person' }).click();
    await expect(form.getByLabel('Email')).toHaveAccessibleDescription(/must look like name@example\.com/);
    await expect(form.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByLabel('Name')).toHaveValue(name);

    await form.getByLabel('Email').fill('amara.okafor@example.com');
    await form.getByRole('button', { name: 'Add person' }).click();
    await expect(form.getByLabel('Email')).toHaveAccessibleDescription(/already belongs to someone else/);
    await expect(form.getByLabel('Name')).toHaveValue(name);

    await form.getByLabel('Email').fill(email);
    await form.getByRole('button', { name: 'Add person' }).click();
    await expect(page).toHaveURL(/\/people\/\d+$/);
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(page.getByRole('link', { name: email })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Can open' })).toContainText('No access now');

    await page.getByRole('button', { name: 'Edit details' }).click();
    const edit = page.getByRole('region', { name: `Edit ${name}` });
    await edit.getByLabel('Phone').fill('call me');
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect(edit.getByLabel('Phone')).toHaveAccessibleDescription(/phone number such as/);
    await expect(edit.getByLabel('Phone')).toHaveValue('call me');
    await edit.getByLabel('Phone').fill('+1 555 0199');
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect(edit).toHaveCount(0);
    await expect(page.getByRole('link', { name: '+1 555 0199' })).toBeVisible();
  });

  test('offboarding a person with access through two groups ends both, and neither lock lists them', async ({ page, server }) => {
    const client = api(page.request, server);
    const tag = unique();
    const name = `Leaver ${tag}`;
    const [lockA, lockB] = spareLocks(server, 2, 7);
    const userid = await createPerson(client, name);
    const groups = [await createGroup(client, `Offboard A ${tag}`, [lockA!.lockid]), await createGroup(client, `Offboard B ${tag}`, [lockB!.lockid])];
    try {
      for (const groupid of groups) await client.post('/api/grants', { userid, groupid, method: 'card' });
      expect(await activeHolders(client, lockA!.lockid)).toContain(userid);
      expect(await activeHolders(client, lockB!.lockid)).toContain(userid);
      for (const lock of [lockA!, lockB!]) {
        await page.goto(`/locks/${encodeURIComponent(lock.lockid)}`);
        await expect(whoHasAccess(page).getByRole('link', { name })).toBeVisible();
      }

      await page.goto(`/people/${userid}`);
      const access = page.getByRole('region', { name: 'Can open' });
      await expect(access.getByRole('link', { name: `Offboard A ${tag}` })).toBeVisible();
      await expect(access.getByRole('link', { name: `Offboard B ${tag}` })).toBeVisible();
      await expect(page.getByText('Access now2 grants')).toBeVisible();

      await page.getByRole('button', { name: 'Remove all access…' }).click();
      const dialog = page.getByRole('dialog', { name: `Remove all of ${name}’s access?` });
      await expect(dialog).toContainText('All 2 of their active and scheduled grants end');
      const confirm = dialog.getByRole('button', { name: 'Remove all access' });
      await expect(confirm).toBeDisabled();
      await dialog.getByRole('textbox').fill(name);
      await confirm.click();
      await expect(dialog).toBeHidden();
      await expect(page.getByRole('status').filter({ hasText: `Ended 2 grants for ${name}` })).toBeVisible();
      await expect(page.getByText('Access nowNo access')).toBeVisible();
      await expect(access).toContainText('No access now');
      await access.getByText('Past access (2)').click();
      await expect(access.getByText('Revoked', { exact: true })).toHaveCount(2);

      expect(await activeHolders(client, lockA!.lockid)).not.toContain(userid);
      expect(await activeHolders(client, lockB!.lockid)).not.toContain(userid);
      for (const lock of [lockA!, lockB!]) {
        await page.goto(`/locks/${encodeURIComponent(lock.lockid)}`);
        await expect(page.getByRole('region', { name: 'Who has access' })).toBeVisible();
        await expect(whoHasAccess(page).getByRole('link', { name })).toHaveCount(0);
        await expect(page.getByRole('region', { name: 'Who has access' }).getByText(/^Past access \(\d+\)$/)).toBeVisible();
      }
    } finally {
      for (const groupid of groups) await client.delete(`/api/lockgroups/${groupid}`);
    }
  });

  test('recent door activity shows a door use and a refusal with its reason', async ({ page, server }) => {
    const client = api(page.request, server);
    const tag = unique();
    const name = `Door User ${tag}`;
    const [lock] = spareLocks(server, 1, 11);
    const userid = await createPerson(client, name);
    await client.post('/api/grants', { userid, lockid: lock!.lockid, method: 'card' });
    try {
      expect(server.useDoor({ userid, lockid: lock!.lockid, method: 'card' })).toMatchObject({ allowed: true });
      expect(server.useDoor({ userid, lockid: lock!.lockid, method: 'keypad' })).toMatchObject({ allowed: false, reason: 'wrong_method' });

      await page.goto(`/people/${userid}`);
      const activity = page.getByRole('table', { name: 'Recent door activity' });
      const rows = activity.locator('tbody tr');
      await expect(rows.filter({ hasText: 'Access denied · Method not allowed' })).toHaveCount(1);
      await expect(rows.filter({ hasText: 'Access denied' })).toContainText('Keypad');
      await expect(rows.filter({ hasText: 'Unlocked' })).toContainText('Card');
      await expect(rows.filter({ hasText: 'Unlocked' }).getByRole('link', { name: lock!.lockname })).toHaveAttribute('href', `/locks/${encodeURIComponent(lock!.lockid)}`);
      // Newest first: the refusal came after the use.
      await expect(rows.first()).toContainText('Access denied');
      await expect(page.getByRole('region', { name: 'Why can’t they get in?' })).toContainText('Method not allowed');
    } finally {
      await client.post(`/api/people/${userid}/revoke`);
    }
  });

  test('an unknown person is a clear not-found with a way back', async ({ page }) => {
    await page.goto('/people/999999');
    await expect(page.getByRole('heading', { level: 1, name: 'No person 999999 on this platform' })).toBeVisible();
    await page.getByRole('link', { name: 'Back to the people' }).click();
    await expect(page).toHaveURL(/\/people$/);
  });

  test('both pages pass axe, and fit a phone without sideways scrolling', async ({ page }) => {
    await page.goto('/people/110');
    await expect(page.getByRole('heading', { level: 1, name: 'Jamal Carter' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Recent door activity' }).locator('tbody tr[data-eventid]').first()).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.goto('/people');
    await expect(page.getByRole('table', { name: 'People' }).getByRole('link', { name: 'Jamal Carter' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await page.setViewportSize({ width: 390, height: 844 });
    await expect(page.getByRole('list', { name: 'People' }).getByRole('link', { name: 'Jamal Carter' })).toBeVisible();
    await noHorizontalScroll(page);
    await page.goto('/people/110');
    await expect(page.getByRole('heading', { level: 1, name: 'Jamal Carter' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Recent door activity' }).locator('tbody tr[data-eventid]').first()).toBeVisible();
    await noHorizontalScroll(page);
    await expectNoSeriousA11yViolations(page);
  });
});

test.describe('people, as support', () => {
  test.use({ role: 'support' });

  test('support sees people and their access, with no add, edit or remove controls', async ({ page }) => {
    await page.goto('/people');
    await expect(page.getByRole('table', { name: 'People' }).getByRole('link', { name: 'Jamal Carter' })).toBeVisible();
    await expect(page.getByText('Your account is read-only: a manager adds people and changes their access.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Add a person' })).toHaveCount(0);

    await page.getByRole('link', { name: 'Jamal Carter' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Jamal Carter' })).toBeVisible();
    await expect(page.getByText('Your account is read-only: a manager edits people and changes or removes their access.')).toBeVisible();
    await expect(page.getByRole('table', { name: 'Recent door activity' }).locator('tbody tr[data-eventid]').first()).toBeVisible();
    await expect(page.getByRole('region', { name: 'Can open' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Edit details' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Remove all access/ })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Revoke/ })).toHaveCount(0);
  });
});
