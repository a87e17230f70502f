import { cellOf, consoleProblems, expect, lockRows, test } from './fixtures';

test('a German browser in Berlin gets the server-rendered locks page in its own number and date format, and it hydrates', async ({ browser, sessions, server }) => {
  const context = await browser.newContext({ storageState: sessions.manager, baseURL: server.url, locale: 'de-DE', timezoneId: 'Europe/Berlin', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const problems = consoleProblems(page);
  // First visit: the server knows the language (Accept-Language), not yet the zone.
  const first = await page.goto('/locks');
  expect(await first?.text()).toContain('id="lockboard-ssr"');
  await expect(lockRows(page)).toHaveCount(25);
  const temperatures = (await cellOf(lockRows(page), 'temperature').allTextContents()).filter((t) => /\d/.test(t));
  expect(temperatures.length).toBeGreaterThan(0);
  expect(temperatures.some((t) => /^\d+,\d °C$/.test(t)), temperatures.join(' | ')).toBe(true);
  expect(temperatures.filter((t) => t.includes('.'))).toEqual([]);
  expect(problems).toEqual([]);

  // Next visit: the app remembered the zone; the hover titles are Berlin's clock, in German.
  await page.reload();
  await expect(lockRows(page)).toHaveCount(25);
  const time = lockRows(page).first().locator('time').first();
  const [iso, title] = [await time.getAttribute('datetime'), await time.getAttribute('title')];
  const berlin = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'Europe/Berlin' });
  expect(title).toBe(berlin.format(Date.parse(iso ?? '')));
  expect(problems).toEqual([]);
  await context.close();
});
