import { DEMO_USERS, type Role, expect, expectNoSeriousA11yViolations, extraGateway, lockRows, test } from './fixtures';
import type { Page } from '@playwright/test';

async function signInWithForm(page: Page, role: Role, password: string = DEMO_USERS[role].password) {
  await page.getByLabel('Email').fill(DEMO_USERS[role].email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test.describe('signed out', () => {
  test.use({ role: null });

  test('goes to the sign-in page, and back where it was going after signing in', async ({ page }) => {
    await page.goto('/locks?q=HQ&page=2&limit=10');
    await expect(page).toHaveURL(/\/login\?next=/);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByLabel('Email')).toHaveAttribute('autocomplete', 'username');
    await expect(page.getByLabel('Password')).toHaveAttribute('autocomplete', 'current-password');
    await expectNoSeriousA11yViolations(page);
    await signInWithForm(page, 'manager');
    await expect(page).toHaveURL(/\/locks\?q=HQ&page=2&limit=10$/);
    await expect(lockRows(page).first()).toBeVisible();
    const header = page.getByRole('banner');
    await expect(header.getByText('Demo Manager')).toBeVisible();
    await expect(header.getByText('Manager', { exact: true })).toBeVisible();
    await expect(header.getByRole('button', { name: 'Sign out' })).toBeVisible();
  });

  test('a wrong password says so, and changes nothing', { tag: '@vendor' }, async ({ page }) => {
    await page.goto('/login');
    await signInWithForm(page, 'support', 'not-the-password');
    await expect(page.getByRole('alert')).toHaveText('Invalid email or password');
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByLabel('Email')).toHaveValue(DEMO_USERS.support.email);
  });

  test('an empty form gets a clear message without asking the server', async ({ page }) => {
    await page.goto('/login');
    let asked = false;
    page.on('request', (r) => {
      if (r.url().endsWith('/api/login')) asked = true;
    });
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText('Enter your email address.');
    await expect(page.getByLabel('Email')).toBeFocused();
    expect(asked).toBe(false);
  });

  test('after too many failures the sign-in page says when to try again', { tag: '@vendor' }, async ({ page, server }) => {
    const gateway = await extraGateway(server.platformUrl, { env: { LOGIN_RATE_LIMIT: '2' } });
    try {
      await page.goto(`${gateway.url}/login`);
      for (let i = 0; i < 2; i++) {
        await signInWithForm(page, 'manager', `wrong-${i}`);
        await expect(page.getByRole('alert')).toHaveText('Invalid email or password');
      }
      await signInWithForm(page, 'manager');
      await expect(page.getByRole('alert')).toHaveText(/Too many failed sign-ins with this email\. Try again in \d+ seconds?, or use another account\./);
      await expect(page.getByRole('button', { name: 'Sign in' })).toBeDisabled();
    } finally {
      await gateway.close();
    }
  });

  test('signing out in one tab signs out the others', async ({ page, context }) => {
    await page.goto('/login');
    await signInWithForm(page, 'manager');
    await expect(lockRows(page).first()).toBeVisible();
    const other = await context.newPage();
    await other.goto('/locks?page=3');
    await expect(lockRows(other).first()).toBeVisible();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login/);
    await expect(other).toHaveURL(/\/login\?next=%2Flocks%3Fpage%3D3/);
    await expect(other.getByText('You signed out in another tab.')).toBeVisible();
    // The session is over on the server too, not just hidden.
    const response = await other.request.get('/api/locks?pagenumber=1&limit=1');
    expect(response.status()).toBe(401);
  });

  test('an expired session returns to sign-in with a message, and back to the same page', { tag: '@vendor' }, async ({ page, server }) => {
    const gateway = await extraGateway(server.platformUrl, { env: { SESSION_MAX_HOURS: '0.002' } }); // 7.2 s: room to sign in and see the rows on a loaded machine
    try {
      await page.goto(`${gateway.url}/locks?page=2`);
      await signInWithForm(page, 'support');
      await expect(page).toHaveURL(/\/locks\?page=2$/);
      await expect(lockRows(page).first()).toBeVisible();
      await expect(page).toHaveURL(/\/login\?next=%2Flocks%3Fpage%3D2&reason=expired/, { timeout: 20_000 });
      await expect(page.getByText('Your session has expired. Sign in again to continue.')).toBeVisible();
      await signInWithForm(page, 'support');
      await expect(page).toHaveURL(/\/locks\?page=2$/);
      await expect(lockRows(page).first()).toBeVisible();
    } finally {
      await gateway.close();
    }
  });
});

test.describe('as support', () => {
  test.use({ role: 'support' });

  test('sees the locks but no password column and no reveal, and a forced change is refused', { tag: '@vendor' }, async ({ page, server }) => {
    await page.goto('/locks');
    await expect(lockRows(page)).toHaveCount(25);
    await expect(page.getByRole('banner').getByText('Support · read-only')).toBeVisible();
    await expect(page.getByRole('columnheader', { name: 'Password' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Reveal password/ })).toHaveCount(0);
    const lockid = await lockRows(page).first().getAttribute('data-lockid');
    const forced = await page.request.post(`/api/locks/${lockid}/unlock`, { headers: { origin: server.url } });
    expect(forced.status()).toBe(403);
    expect(await forced.json()).toEqual({ status: 0, msg: 'Support accounts can look but not change anything' });
    const reveal = await page.request.get(`/api/locks/${lockid}/password`);
    expect(reveal.status()).toBe(403);
  });
});

test.describe('as a manager', () => {
  // Wide enough for the Password column (narrower screens keep it in the row's details).
  test.use({ viewport: { width: 1440, height: 900 } });
  test('reveals a password for 30 seconds, can copy it, then it is hidden again', { tag: '@vendor' }, async ({ page, server, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.clock.install();
    await page.goto('/locks');
    const row = lockRows(page).first();
    const lockid = await row.getAttribute('data-lockid');
    const { password } = server.db.prepare('SELECT lock_password AS password FROM locks WHERE lockid = ?').get(lockid) as { password: string };
    await expect(row.getByText('••••••')).toBeVisible();
    await row.getByRole('button', { name: /^Reveal password for / }).click();
    await expect(row.getByText(password, { exact: true })).toBeVisible();
    await row.getByRole('button', { name: /^Copy password for / }).click();
    await expect(row.getByRole('button', { name: /^password for .+ copied$/ })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(password);
    await page.clock.runFor(31_000);
    await expect(row.getByText(password, { exact: true })).toHaveCount(0);
    await expect(row.getByRole('button', { name: /^Reveal password for / })).toBeVisible();
    expect(await page.content()).not.toContain(password);
  });
});
