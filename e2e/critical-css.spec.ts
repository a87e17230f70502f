import type { Browser, BrowserContextOptions, Page } from '@playwright/test';
import { expect, lockRows, test } from './fixtures';

/**
 * The first screen's CSS comes inline in the document and the full stylesheet loads without blocking
 * the first paint (server/gateway/spa.ts, scripts/critical-css.mjs, src/main.tsx).
 */

const CRITICAL = '#lockboard-critical-css';
const FULL_SHEET = 'link[data-lockboard-css]';

/** Problems the console reports from now on: errors, and any CSP refusal. */
function consoleProblems(page: Page) {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

/**
 * How the first screen looks: for each element of #root inside the viewport (in document order), the
 * computed properties a missing rule would change, and each table row's height (a re-layout).
 */
function firstScreenStyles(page: Page) {
  return page.evaluate(() => {
    const properties = [
      'display',
      'position',
      'color',
      'background-color',
      'font-size',
      'font-weight',
      'padding-top',
      'padding-left',
      'margin-top',
      'border-top-width',
      'border-radius',
      'column-gap',
      'flex-direction',
      'text-align',
      'visibility',
    ];
    const root = document.getElementById('root');
    // What is on screen: inside the viewport, and rendered (not inside a closed menu).
    const elements = [...(root?.querySelectorAll('*') ?? [])].filter(
      (element) => element.getClientRects().length > 0 && element.getBoundingClientRect().top < window.innerHeight,
    );
    return elements.slice(0, 400).map((element) => {
      const style = getComputedStyle(element);
      const row = element.tagName === 'TR' ? ` height=${Math.round(element.getBoundingClientRect().height)}` : '';
      return `${element.tagName.toLowerCase()}.${element.getAttribute('class') ?? ''} ${properties.map((p) => style.getPropertyValue(p)).join(' | ')}${row}`;
    });
  });
}

/**
 * The page as it settles: the rows in, the lazily loaded alerts bell in the header (no placeholder
 * left), and live updates paused with no refresh under way (a poll shows a spinner for a moment).
 */
async function locksPageSettled(page: Page) {
  await expect(lockRows(page)).toHaveCount(25);
  await expect(page.locator('header span.size-9[aria-hidden="true"]')).toHaveCount(0);
  await page.getByRole('button', { name: 'Pause live updates' }).click();
  await expect(page.getByRole('button', { name: 'Resume live updates' })).toBeVisible();
  await expect(page.locator('main .animate-spin')).toHaveCount(0);
}

/** Whether the full stylesheet is in (its link has a sheet with rules: a failed load leaves one without, unreadable). */
const fullSheetLoaded = (page: Page) =>
  page.evaluate(
    (selector) =>
      [...document.querySelectorAll<HTMLLinkElement>(selector)].map((link) => {
        try {
          return (link.sheet?.cssRules.length ?? 0) > 0;
        } catch {
          return false;
        }
      }),
    FULL_SHEET,
  );

/**
 * A fresh browser (no stylesheet in any cache) on `path` whose full stylesheet never arrives: only the
 * inline CSS can style it.
 */
async function withoutFullSheet(browser: Browser, options: BrowserContextOptions, path: string) {
  const context = await browser.newContext(options);
  await context.route('**/assets/*.css', (route) => route.abort());
  const page = await context.newPage();
  await page.goto(path);
  return { page, close: () => context.close() };
}

test.describe('critical CSS', () => {
  test('the server-rendered document carries the first screen’s CSS inline and no render-blocking stylesheet; its CSP allows <style> by the page’s nonce alone', async ({
    page,
  }) => {
    const problems = consoleProblems(page);
    const response = await page.goto('/locks');
    const html = (await response?.text()) ?? '';
    const head = html.split('<body>')[0] ?? '';
    // The critical rules: the layers' order, the theme, and rules the rows use (badges, the table).
    const inline = /<style id="lockboard-critical-css"[^>]*>([\s\S]*?)<\/style>/.exec(head)?.[1] ?? '';
    expect(inline.length).toBeGreaterThan(1000);
    expect(inline).toContain('.badge{');
    expect(inline).toContain('.lock-table');
    // Every stylesheet link outside <noscript> waits (media="print") for the entry to switch it on.
    const links = head.replace(/<noscript>[\s\S]*?<\/noscript>/g, '').match(/<link\b[^>]*rel="stylesheet"[^>]*>/g) ?? [];
    expect(links).toHaveLength(1);
    expect(links[0]).toContain('media="print"');
    expect(head).toMatch(/<noscript><link rel="stylesheet"[^>]*href="\/assets\/[^"]+\.css"><\/noscript>/);
    // No inline script came with it.
    expect(html.match(/<script(?![^>]*type="application\/json")(?![^>]*\bsrc=)[^>]*>/g) ?? []).toEqual([]);

    const csp = response?.headers()['content-security-policy'] ?? '';
    const directive = (name: string) => csp.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `));
    expect(directive('script-src')).toBe("script-src 'self'");
    // <style> by this page's nonce (its critical CSS, the table's column plan, the meta the app reads it from); style attributes are harmless.
    expect(directive('style-src')).toMatch(/^style-src 'self' 'nonce-[A-Za-z0-9+/]{22}=='$/);
    expect(directive('style-src-attr')).toBe("style-src-attr 'unsafe-inline'");
    const nonce = /'nonce-([^']+)'/.exec(directive('style-src') ?? '')?.[1];
    expect(head).toContain(`<meta property="csp-nonce" nonce="${nonce}">`);
    expect(head).toContain(`<style id="lockboard-critical-css" nonce="${nonce}">`);
    expect(html).toContain(`<style nonce="${nonce}">`);

    // Once started, the entry has switched the full sheet on, and it is in.
    await expect(lockRows(page)).toHaveCount(25);
    await expect.poll(() => page.locator(FULL_SHEET).evaluate((link: HTMLLinkElement) => link.media)).toBe('all');
    await expect.poll(() => fullSheetLoaded(page)).toEqual([true]);
    await expect(page.locator(CRITICAL)).toHaveCount(1);

    // A returning visit: the browser has the sheet cached, so the shell as built (no inline CSS to parse).
    const again = await page.goto('/locks?page=2');
    const againHead = ((await again?.text()) ?? '').split('<body>')[0] ?? '';
    expect(againHead).not.toContain('lockboard-critical-css');
    expect(againHead).toMatch(/<link rel="stylesheet" crossorigin href="\/assets\/[^"]+\.css">/);
    await expect(lockRows(page)).toHaveCount(25);
    await expect(page.locator('.badge').first()).not.toHaveCSS('background-color', 'rgba(0, 0, 0, 0)');
    expect(problems).toEqual([]);
  });

  for (const [width, colorScheme] of [
    [1280, 'light'],
    [1280, 'dark'],
    [390, 'light'],
    [390, 'dark'],
  ] as const) {
    test(`the locks page’s first screen looks the same without the full stylesheet, ${width} px ${colorScheme}`, async ({ browser, page, sessions, server }) => {
      const options = { viewport: { width, height: 900 }, colorScheme, baseURL: server.url };
      await page.setViewportSize(options.viewport);
      await page.emulateMedia({ colorScheme });

      // Fully styled: the full sheet in.
      await page.goto('/locks');
      await locksPageSettled(page);
      await expect.poll(() => fullSheetLoaded(page)).toEqual([true]);
      const styled = await firstScreenStyles(page);

      // The full sheet never arrives: only the inline CSS.
      const bare = await withoutFullSheet(browser, { ...options, storageState: sessions.manager }, '/locks');
      await locksPageSettled(bare.page);
      expect(await fullSheetLoaded(bare.page)).toEqual([false]);
      const critical = await firstScreenStyles(bare.page);
      await bare.page.screenshot({ path: `/tmp/critical-css-locks-${width}-${colorScheme}.png` });

      expect(styled.length).toBeGreaterThan(100);
      expect(critical).toEqual(styled);
      // Spot checks a reader would notice: a status badge is a coloured pill, the table is a table.
      const badge = bare.page.locator('.badge').first();
      await expect(badge).toHaveCSS('border-radius', /px/);
      await expect(badge).not.toHaveCSS('background-color', 'rgba(0, 0, 0, 0)');
      await expect(bare.page.locator('table').first()).toHaveCSS('border-collapse', 'collapse');
      // Nothing wider than the screen.
      expect(await bare.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await bare.close();
    });
  }

  test.describe('signed out', () => {
    test.use({ role: null });

    for (const width of [1280, 390]) {
      test(`the sign-in page looks the same without the full stylesheet, ${width} px`, async ({ browser, page, server }) => {
        await page.setViewportSize({ width, height: 900 });
        await page.goto('/login');
        await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
        await expect.poll(() => fullSheetLoaded(page)).toEqual([true]);
        const styled = await firstScreenStyles(page);

        const bare = await withoutFullSheet(browser, { viewport: { width, height: 900 }, baseURL: server.url }, '/login');
        // Server-rendered, and hydrated with the inline CSS alone (its button enabled then).
        await bare.page.locator('html[data-ready]').waitFor({ state: 'attached' });
        await expect(bare.page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
        expect(await fullSheetLoaded(bare.page)).toEqual([false]);
        const critical = await firstScreenStyles(bare.page);
        await bare.page.screenshot({ path: `/tmp/critical-css-login-${width}.png` });
        expect(styled.length).toBeGreaterThan(10);
        expect(critical).toEqual(styled);
        await bare.close();
      });
    }
  });

  test('a lock table the browser renders itself carries the page’s style nonce: its column plan applies', async ({ page }) => {
    const problems = consoleProblems(page);
    await page.setViewportSize({ width: 1280, height: 900 });
    // Alerts is not server-rendered: the locks table comes from the app, after a client navigation.
    await page.goto('/alerts');
    await page.getByRole('navigation').getByRole('link', { name: /^Locks/ }).click();
    await expect(page).toHaveURL(/\/locks$/);
    await expect(lockRows(page)).toHaveCount(25);
    const plan = page.getByRole('table', { name: 'Locks' }).locator('xpath=preceding-sibling::style');
    await expect(plan).toHaveCount(1);
    expect(await plan.evaluate((style: HTMLStyleElement) => style.sheet?.cssRules.length ?? 0)).toBeGreaterThan(0);
    // A <style> the policy refused would be logged as an error.
    expect(problems).toEqual([]);
  });

  test('from `/`, signed out: sign-in, then the locks page the app renders, its column plan applied (every page has the nonce)', async ({ browser, server }) => {
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 }, storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();
    const problems = consoleProblems(page);
    const index = await page.goto('/');
    expect(index?.headers()['content-security-policy']).toMatch(/style-src 'self' 'nonce-/);
    await expect(page).toHaveURL(/\/login\?next=%2F$/);
    await page.getByLabel('Email').fill('manager@lockboard.local');
    await page.getByLabel('Password').fill('lockboard-manager');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/locks$/);
    await expect(lockRows(page)).toHaveCount(25);
    const plan = page.getByRole('table', { name: 'Locks' }).locator('xpath=preceding-sibling::style');
    expect(await plan.evaluate((style: HTMLStyleElement) => style.sheet?.cssRules.length ?? 0)).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  test('the full stylesheet applies once loaded: a rule only another route uses works after client navigation', async ({ page }) => {
    const problems = consoleProblems(page);
    await page.setViewportSize({ width: 1280, height: 900 });
    const response = await page.goto('/locks');
    const inline = (await response?.text()) ?? '';
    // The inbox's page width (max-w-screen-lg: 64rem) is used by no server-rendered page: it is not in
    // the critical CSS and can only come from the full sheet.
    expect(inline).not.toContain('max-w-screen-lg');
    await expect(lockRows(page)).toHaveCount(25);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alerts' }).click();
    await expect(page).toHaveURL(/\/alerts$/);
    const inbox = page.locator('.max-w-screen-lg').filter({ has: page.getByRole('heading', { name: 'Alerts', level: 1 }) });
    await expect(inbox).toHaveCount(1);
    await expect(inbox).toHaveCSS('max-width', '1024px');
    expect(problems).toEqual([]);
  });
});
