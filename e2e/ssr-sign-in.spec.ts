import type { Page, Request, Route } from '@playwright/test';
import { consoleProblems, DEMO_USERS, expect, expectNoSeriousA11yViolations, extraGateway, test } from './fixtures';

/** An executable inline script (anything but the inert JSON and `src=` scripts). */
const INLINE_SCRIPT = /<script(?![^>]*type="application\/json")(?![^>]*\bsrc=)[^>]*>/g;

/**
 * Holds back every script the page asks for (the entry, the app, the route's chunk) until
 * `release()`: the server's markup is on screen and the app is not running.
 */
async function holdScripts(page: Page, pattern = '**/assets/*.js') {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const held: string[] = [];
  await page.route(pattern, async (route: Route) => {
    held.push(route.request().url());
    await released;
    await route.continue();
  });
  return { release, held };
}

test.describe('the server-rendered sign-in page', () => {
  test.use({ role: null });

  test('arrives with its form, the notice and the demo accounts (JavaScript off), and nothing to submit it with', async ({ browser, server }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, baseURL: server.url });
    const page = await context.newPage();
    const response = await page.goto('/login?next=%2Factivity&reason=signed-out');
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self';");
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByLabel('Email')).toBeEditable();
    await expect(page.getByLabel('Email')).toHaveAttribute('autocomplete', 'username');
    await expect(page.getByLabel('Password')).toHaveAttribute('type', 'password');
    await expect(page.getByRole('status')).toHaveText('You have signed out.');
    await expect(page.getByText('Demo platform')).toBeVisible();
    await expect(page.getByText(DEMO_USERS.manager.email)).toBeVisible();
    // Without the app the form cannot be sent (no native submission of a password).
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeDisabled();
    const html = (await response?.text()) ?? '';
    expect(html).toContain('<script type="application/json" id="lockboard-ssr">');
    expect(html.match(INLINE_SCRIPT) ?? []).toEqual([]);
    await context.close();
  });

  test('what is typed before the app runs stays, Enter and clicks send nothing, and after hydration it signs in', async ({ browser, server }) => {
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const problems = consoleProblems(page);
    const scripts = await holdScripts(page);
    const sent: Request[] = [];
    page.on('request', (request) => {
      if (request.method() !== 'GET' || request.url().includes('password') || request.url().includes(encodeURIComponent(DEMO_USERS.manager.email))) sent.push(request);
    });
    // The document alone (the module scripts are held: no DOMContentLoaded yet).
    await page.goto('/login?next=%2Factivity', { waitUntil: 'commit' });
    const email = page.getByLabel('Email');
    const password = page.getByLabel('Password');
    const submit = page.getByRole('button', { name: 'Sign in' });
    await expect(email).toBeEditable();
    await expect.poll(() => scripts.held.length).toBeGreaterThan(0);
    await email.pressSequentially(DEMO_USERS.manager.email);
    await password.pressSequentially(DEMO_USERS.manager.password);
    // Enter (implicit submission) and a click on the button do nothing: it is disabled until the app runs.
    await password.press('Enter');
    await submit.click({ force: true });
    await expect(page).toHaveURL(/\/login\?next=%2Factivity$/);
    expect(sent.map((r) => `${r.method()} ${r.url()}`)).toEqual([]);
    await expect(submit).toBeDisabled();
    expect(await page.evaluate(() => document.documentElement.hasAttribute('data-ready'))).toBe(false);
    // The server's markup, as it is before the app runs, is accessible too.
    await expectNoSeriousA11yViolations(page);

    scripts.release();
    await page.locator('html[data-ready]').waitFor({ state: 'attached' });
    // Ready means usable: the button works from the moment the page says so.
    expect(await submit.isEnabled(), 'the submit button once the page is ready').toBe(true);
    await expect(email).toHaveValue(DEMO_USERS.manager.email);
    await expect(password).toHaveValue(DEMO_USERS.manager.password);
    // The hydrated page asked nothing (who is signed in and the settings came with it).
    expect(sent.map((r) => `${r.method()} ${r.url()}`)).toEqual([]);
    await submit.click();
    await expect(page).toHaveURL(/\/activity$/);
    await expect(page.getByRole('banner').getByText(DEMO_USERS.manager.name)).toBeVisible();
    const logins = sent.filter((r) => r.url().endsWith('/api/login'));
    expect(logins).toHaveLength(1);
    expect(logins[0]?.method()).toBe('POST');
    expect(logins[0]?.postDataJSON()).toEqual({ email: DEMO_USERS.manager.email, password: DEMO_USERS.manager.password });
    expect(problems).toEqual([]);
    await context.close();
  });

  test('a wrong password typed before hydration is refused, cleared and focused; the email stays', async ({ browser, server }) => {
    // A gateway of its own and an address of its own: this failure counts toward no other test's
    // limit (the gateway's, and the platform's, which all gateways share).
    const gateway = await extraGateway(server.platformUrl);
    const email = 'nobody-ssr-sign-in@lockboard.local';
    try {
      const context = await browser.newContext({ baseURL: gateway.url });
      const page = await context.newPage();
      const scripts = await holdScripts(page);
      await page.goto('/login', { waitUntil: 'commit' });
      await page.getByLabel('Email').pressSequentially(email);
      await page.getByLabel('Password').pressSequentially('not-the-password');
      scripts.release();
      await page.locator('html[data-ready]').waitFor({ state: 'attached' });
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('alert')).toHaveText('Invalid email or password');
      await expect(page.getByLabel('Password')).toHaveValue('');
      await expect(page.getByLabel('Password')).toBeFocused();
      await expect(page.getByLabel('Email')).toHaveValue(email);
      await context.close();
    } finally {
      await gateway.close();
    }
  });

  test('typing while the app runs but the page’s own chunk has not arrived (its boundary not yet hydrated) is kept too', async ({ browser, server }) => {
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    const problems = consoleProblems(page);
    const chunk = await holdScripts(page, '**/assets/sign-in-*.js');
    await page.goto('/login?next=%2Flocks', { waitUntil: 'domcontentloaded' });
    // The app has started (it asked for the page's chunk) and hydrated around the page.
    await expect.poll(() => chunk.held.length).toBe(1);
    const submit = page.getByRole('button', { name: 'Sign in' });
    await page.getByLabel('Email').pressSequentially(DEMO_USERS.manager.email);
    await page.getByLabel('Password').pressSequentially(DEMO_USERS.manager.password);
    await page.getByLabel('Password').press('Enter');
    await expect(submit).toBeDisabled();
    await expect(page).toHaveURL(/\/login\?next=%2Flocks$/);
    chunk.release();
    await page.locator('html[data-ready]').waitFor({ state: 'attached' });
    await expect(page.getByLabel('Email')).toHaveValue(DEMO_USERS.manager.email);
    await expect(page.getByLabel('Password')).toHaveValue(DEMO_USERS.manager.password);
    await submit.click();
    await expect(page.getByRole('banner').getByText(DEMO_USERS.manager.name)).toBeVisible();
    await expect(page).toHaveURL(/\/locks$/);
    expect(problems).toEqual([]);
    await context.close();
  });

  test('a signed-out locks page ends on the server-rendered form, with no console error', async ({ page }) => {
    const problems = consoleProblems(page);
    const response = await page.goto('/locks?page=2');
    await expect(page).toHaveURL(/\/login\?next=%2Flocks%3Fpage%3D2$/);
    expect(await response?.text()).toContain('id="lockboard-ssr"');
    await expect(page.getByLabel('Email')).toBeEditable();
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
    expect(problems).toEqual([]);
  });

  test.describe('signed in', () => {
    test.use({ role: 'manager' });

    test('the sign-in page sends a signed-in browser on to its next (a path of this app only)', async ({ page }) => {
      for (const [path, location] of [
        ['/login?next=%2Factivity%3Fq%3Ddoor', '/activity?q=door'],
        ['/login?next=%2F%2Fevil.example', '/locks'],
        ['/login', '/locks'],
      ] as const) {
        const response = await page.request.get(path, { maxRedirects: 0, headers: { accept: 'text/html' } });
        expect(response.status(), path).toBe(302);
        expect(response.headers().location, path).toBe(location);
      }
      await page.goto('/login?next=%2Factivity');
      await expect(page).toHaveURL(/\/activity$/);
      await expect(page.getByRole('heading', { name: 'Activity', level: 1 })).toBeVisible();
    });
  });
});
