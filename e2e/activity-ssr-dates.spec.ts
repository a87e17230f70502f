import { consoleProblems, expect, onlineLocks, test } from './fixtures';

/** A "YYYY-MM-DD" `days` before today (in UTC: the events of the seed span the last 14 days). */
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

for (const viewer of [
  { locale: 'de-DE', timezoneId: 'America/Los_Angeles' },
  { locale: 'en-US', timezoneId: 'Asia/Kolkata' },
  { locale: 'en-GB', timezoneId: 'UTC' },
]) {
  test(`Activity with both dates set is server-rendered and hydrates without an error (${viewer.locale}, ${viewer.timezoneId})`, async ({ browser, sessions, server }) => {
    const context = await browser.newContext({ storageState: sessions.manager, baseURL: server.url, ...viewer, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = consoleProblems(page);
    // The first visit tells the server the browser's zone (the intl cookie); the next is rendered in it.
    await page.goto('/activity');
    await page.locator('html[data-ready]').waitFor({ state: 'attached' });
    for (const [from, to] of [
      [daysAgo(6), daysAgo(1)],
      [daysAgo(3), daysAgo(3)],
      [`${new Date().getUTCFullYear() - 1}-12-28`, daysAgo(0)],
    ]) {
      const response = await page.goto(`/activity?from=${from}&to=${to}`);
      expect(await response?.text()).toContain('id="lockboard-ssr"');
      await page.locator('html[data-ready]').waitFor({ state: 'attached' });
      await expect(page.getByLabel('From')).toHaveValue(from as string);
      await expect(page.getByLabel('To')).toHaveValue(to as string);
      await expect(page.getByLabel('From')).toBeEnabled();
      await expect(page.getByRole('heading', { level: 2 })).toContainText(/^Events, .*\d/);
    }
    // A lock's own history takes the same dates, and is server-rendered with them too.
    const [lock] = onlineLocks(server, 1, 0);
    const response = await page.goto(`/locks/${lock?.lockid ?? ''}?from=${daysAgo(6)}&to=${daysAgo(1)}`);
    expect(await response?.text()).toContain('id="lockboard-ssr"');
    await expect(page.getByLabel('To')).toBeEnabled();
    expect(problems).toEqual([]);
    await context.close();
  });
}
