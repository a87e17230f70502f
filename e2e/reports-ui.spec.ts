import type { Page } from '@playwright/test';
import { expect, expectNoSeriousA11yViolations, test } from './fixtures';

/**
 * The Reports pages in a real browser, on answers shaped as contract/reports.ts gives them (placed
 * by the test: the platform's report routes are built on another branch; an end-to-end test against
 * them belongs with those routes). Phone width, dark mode and print.
 */
const week = (at: Record<number, number>) => Array.from({ length: 168 }, (_, i) => at[i] ?? 0);
const range = { from: '2026-11-08 12:00:00', to: '2026-12-08 12:00:00' };
const forecasts = [
  { lockid: 'EM1', lockname: 'Gate', battery_level: 12, drain_per_day: 0.5, critical_date: '2026-12-01 00:00:00', series_start: null, lockgroups: [{ groupid: 1, groupname: 'North site' }, { groupid: 2, groupname: 'South site' }] },
  { lockid: 'EM2', lockname: 'Lobby', battery_level: 18, drain_per_day: 1.25, critical_date: '2030-12-13 20:00:00', series_start: null, lockgroups: [] },
];
const answers: Record<string, unknown> = {
  'battery-forecast': { totalCount: 2, totalPage: 1, forecastslist: forecasts },
  uptime: { uptime: { ...range, lock_count: 40, uptime_pct: 98.75, offline_s: 21600, outage_count: 3, hours: week({ 9: 2, 100: 1 }), lockslist: [{ lockid: 'EM7', lockname: 'Loading dock', uptime_pct: 75, offline_s: 21600, outage_count: 3 }], groupslist: [{ groupid: 1, groupname: 'North site', lock_count: 12, uptime_pct: 96.5 }] } },
  usage: { usage: { ...range, total: 640, hours: week({ 9: 57, 10: 20, 33: 8 }), lockslist: [{ lockid: 'EM1', lockname: 'Front door', uses: 812 }] } },
  denials: { denials: { ...range, total: 17, hours: week({}), reasons: [{ reason: 'outside_hours', count: 11 }], lockslist: [{ lockid: 'EM3', lockname: 'Server room', count: 11, reasons: [{ reason: 'outside_hours', count: 11 }] }] } },
};

async function withReports(page: Page) {
  await page.route('**/app-config.json', async (route) => {
    const response = await route.fetch();
    const config = (await response.json()) as { features: Record<string, boolean> };
    await route.fulfill({ response, json: { ...config, features: { ...config.features, reports: true } } });
  });
  await page.route('**/api/reports/*', (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop() ?? '';
    return route.fulfill({ json: { status: 1, msg: 'ok', ...(answers[name] as object) } });
  });
}

const scrollsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

test.describe('reports', () => {
  test('the overview at phone width in dark mode: numbers as text, the heat map scrolls in its own box', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await withReports(page);
    await page.goto('/reports');
    await expect(page.getByRole('region', { name: 'Reliability, last 30 days' }).getByText('98.75 %')).toBeVisible();
    const map = page.getByRole('table', { name: 'Door uses by hour of the week' });
    await expect(map.getByRole('row', { name: /^Mon/ }).getByRole('cell').nth(9)).toHaveText('57');
    expect(await scrollsSideways(page)).toBe(false);
    // Dark: the busiest cell is light with dark text, a quiet one dark.
    const colours = await map.getByRole('row', { name: /^Mon/ }).getByRole('cell').nth(9).evaluate((td) => [getComputedStyle(td).backgroundColor, getComputedStyle(td).color]);
    expect(colours).toEqual(['rgb(165, 180, 252)', 'rgb(15, 23, 42)']);
    await page.screenshot({ path: 'test-results/reports-overview-phone-dark.png', fullPage: true });
    await expectNoSeriousA11yViolations(page);
  });

  test('Replace soon prints the groups alone', async ({ page }) => {
    await withReports(page);
    await page.goto('/reports/battery');
    await expect(page.getByRole('status').filter({ hasText: 'locks due' })).toHaveText('2 locks due within 30 days');
    await expect(page.getByRole('region', { name: 'North site' }).getByRole('rowheader')).toHaveText(['Gate']);
    await expect(page.getByRole('region', { name: 'South site' }).getByRole('rowheader')).toHaveText(['Gate']);
    await expect(page.getByRole('link', { name: 'Download CSV' })).toHaveAttribute('href', '/api/reports/battery-forecast/export.csv?due_within_days=30');
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
    await expect(page.getByRole('region', { name: 'No group' })).toBeVisible();
    await page.screenshot({ path: 'test-results/reports-battery-print.png', fullPage: true });
  });

  test('Reliability at phone width: no sideways scroll', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    await withReports(page);
    await page.goto('/reports/reliability');
    await expect(page.getByRole('table', { name: 'Outages by hour of day and day of week' })).toBeVisible();
    expect(await scrollsSideways(page)).toBe(false);
    await page.screenshot({ path: 'test-results/reports-reliability-phone.png', fullPage: true });
    await expectNoSeriousA11yViolations(page);
  });
});
