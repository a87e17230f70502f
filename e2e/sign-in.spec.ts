import type { Page } from '@playwright/test';
import { DEMO_USERS, expect, expectNoSeriousA11yViolations, extraGateway, lockRows, test } from './fixtures';

async function fill(page: Page, email: string, password: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test.describe('sign-in', () => {
  test.use({ role: null });

  test('a malformed email gets a sentence, not the validator\'s words, without asking the server', async ({ page }) => {
    await page.goto('/login');
    await expect(page).toHaveTitle('Sign in · Lockboard');
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/login')) asked.push(r.url());
    });
    await fill(page, 'manager-at-lockboard', 'whatever');
    await expect(page.getByRole('alert')).toHaveText('Enter an email address such as name@example.com.');
    await expect(page.getByLabel('Email')).toBeFocused();
    await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText(/must be an email/)).toHaveCount(0);
    expect(asked).toEqual([]);
  });

  test('a wrong password is cleared from the field, which gets the focus for the next try', { tag: '@vendor' }, async ({ page }) => {
    await page.goto('/login');
    await fill(page, DEMO_USERS.support.email, 'not-the-password');
    await expect(page.getByRole('alert')).toHaveText('Invalid email or password');
    await expect(page.getByLabel('Password')).toHaveValue('');
    await expect(page.getByLabel('Password')).toBeFocused();
    await expect(page.getByLabel('Email')).toHaveValue(DEMO_USERS.support.email);
    await page.keyboard.type(DEMO_USERS.support.password);
    await page.keyboard.press('Enter');
    await expect(lockRows(page).first()).toBeVisible();
  });

  test('too many failures block that email only: another account can still sign in', { tag: '@vendor' }, async ({ page, server }) => {
    const gateway = await extraGateway(server.platformUrl, { env: { LOGIN_RATE_LIMIT: '2' } });
    try {
      await page.goto(`${gateway.url}/login`);
      for (let i = 0; i < 2; i++) {
        await fill(page, DEMO_USERS.support.email, `wrong-${i}`);
        await expect(page.getByRole('alert')).toHaveText('Invalid email or password');
      }
      await fill(page, DEMO_USERS.support.email, DEMO_USERS.support.password);
      const countdown = /Too many failed sign-ins with this email\. Try again in \d+ seconds?, or use another account\./;
      await expect(page.getByRole('alert')).toHaveText(countdown);
      const submit = page.getByRole('button', { name: 'Sign in' });
      await expect(submit).toBeDisabled();

      // Another address is not held back by the first one's countdown.
      await page.getByLabel('Email').fill(DEMO_USERS.manager.email);
      await expect(submit).toBeEnabled();
      await expect(page.getByRole('alert')).toHaveCount(0);
      // The same address in other letters is the same address to the gateway: still counting down.
      await page.getByLabel('Email').fill(DEMO_USERS.support.email.toUpperCase());
      await expect(page.getByRole('alert')).toHaveText(countdown);
      await expect(submit).toBeDisabled();

      await page.getByLabel('Email').fill(DEMO_USERS.manager.email);
      await page.getByLabel('Password').fill(DEMO_USERS.manager.password);
      await submit.click();
      await expect(page.getByRole('banner').getByText(DEMO_USERS.manager.name)).toBeVisible();
    } finally {
      await gateway.close();
    }
  });

  test('signing out of the only tab says so, not "in another tab"', async ({ page }) => {
    await page.goto('/login');
    await fill(page, DEMO_USERS.manager.email, DEMO_USERS.manager.password);
    await expect(lockRows(page).first()).toBeVisible();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByText('You have signed out.')).toBeVisible();
    await expect(page.getByText('You signed out in another tab.')).toHaveCount(0);
    expect(page.url()).not.toContain('signed-out-elsewhere');
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`has no serious axe violations, ${colorScheme}, with and without a message`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      for (const width of [1440, 390]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto('/login');
        await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
        await expectNoSeriousA11yViolations(page);
        await fill(page, 'nobody', '');
        await expect(page.getByRole('alert')).toBeVisible();
        await expectNoSeriousA11yViolations(page);
        await page.screenshot({ path: `test-results/screens/sign-in-${width}-${colorScheme}.png` });
      }
    });
  }
});
