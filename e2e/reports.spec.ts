import type { APIRequestContext, Download, Locator, Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { FORECAST_CSV_COLUMNS } from '../contract/reports';
import { parseCsv } from '../server/platform/people/csv';
import { expect, expectNoSeriousA11yViolations, test } from './fixtures';

/**
 * The Reports pages against the real gateway and the embedded platform's seeded history: what is on
 * screen equals what the platform answers to the same question (the page's own request, asked again).
 */
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
interface ForecastRow {
  lockid: string;
  lockname: string;
  lockgroups: { groupid: number; groupname: string }[];
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const main = (page: Page) => page.getByRole('navigation', { name: 'Main' });
const scrollsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
const pct = (n: number) => `${n.toLocaleString('en-US', { maximumFractionDigits: 2 })} %`;
const count = (n: number) => n.toLocaleString('en-US');

/** The answer the page gets to its next request for `report` (the path after /api/reports/). */
function pageAsks(page: Page, report: string) {
  return page.waitForResponse((r) => new URL(r.url()).pathname === `/api/reports/${report}` && r.request().method() === 'GET');
}

/** The same question asked again outside the page: the platform's numbers, through the gateway. */
async function askAgain(request: APIRequestContext, url: string): Promise<Json> {
  const response = await request.get(url);
  expect(response.status(), url).toBe(200);
  return (await response.json()) as Json;
}

/** Every lock the forecast API lists as due within `days` days, all pages. */
async function dueLocks(request: APIRequestContext, days: number): Promise<ForecastRow[]> {
  const rows: ForecastRow[] = [];
  for (let pagenumber = 1; ; pagenumber += 1) {
    const body = await askAgain(request, `/api/reports/battery-forecast?pagenumber=${pagenumber}&limit=100&due_within_days=${days}`);
    rows.push(...(body.forecastslist as ForecastRow[]));
    if (pagenumber >= body.totalPage) return rows;
  }
}

/** The lockids a table's row links lead to, in order. */
const linkedLocks = (rows: Locator) =>
  rows.evaluateAll((links) => links.map((a) => decodeURIComponent(new URL((a as HTMLAnchorElement).href).pathname.replace('/locks/', ''))));

/** The lockids of a downloaded "Replace soon" CSV, after checking its header. */
async function csvLockids(download: Download): Promise<string[]> {
  const { records, errors } = parseCsv(await readFile(await download.path(), 'utf8'));
  expect(errors).toEqual([]);
  const [header, ...rows] = records.map((record) => record.fields);
  expect(header).toEqual([...FORECAST_CSV_COLUMNS]);
  return rows.map((fields) => fields[0] as string);
}

async function screens(page: Page, name: string, views: { width: number; dark: boolean }[]) {
  for (const { width, dark } of views) {
    await page.setViewportSize({ width, height: 900 });
    await page.emulateMedia({ colorScheme: dark ? 'dark' : 'light' });
    if (width < 500) {
      expect(await scrollsSideways(page), `${name} at ${width} px scrolls sideways`).toBe(false);
      // Only the heat map (a week is wider than a phone) scrolls in its own box; a table of locks fits.
      const boxes = page.locator('[role="region"][aria-label$=" table"]:not(.heat-map-box), section.report-group');
      expect(await boxes.count()).toBeGreaterThan(0);
      const wide = await boxes.evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.getAttribute('aria-label')));
      expect(wide, `${name} at ${width} px: tables wider than their box`).toEqual([]);
    }
    await page.screenshot({ path: `test-results/screens/reports-${name}-${width}-${dark ? 'dark' : 'light'}.png`, fullPage: true });
  }
}
const ALL_VIEWS = [1280, 390].flatMap((width) => [false, true].map((dark) => ({ width, dark })));

test.describe('reports, manager', () => {
  test('the overview: four cards with the platform’s numbers, at 1280 and 390 px, light and dark', async ({ page }) => {
    const asked = ['battery-forecast', 'uptime', 'usage', 'denials'].map((report) => pageAsks(page, report));
    await page.goto('/locks');
    await main(page).getByRole('link', { name: 'Reports' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Reports' })).toBeVisible();
    await expect(main(page).getByRole('link', { name: 'Reports' })).toHaveAttribute('aria-current', 'page');
    const [forecastUrl, uptimeUrl, usageUrl, denialsUrl] = (await Promise.all(asked)).map((r) => r.url());

    const forecast = await askAgain(page.request, forecastUrl!);
    expect(forecast.totalPage).toBe(1);
    const due = forecast.forecastslist as ForecastRow[];
    const replace = page.getByRole('region', { name: 'Replace soon' });
    await expect(replace.getByText('locks due within 30 days').locator('xpath=preceding-sibling::span')).toHaveText(count(due.length));
    expect(due.length).toBeGreaterThan(5);
    expect(await linkedLocks(replace.getByRole('listitem').getByRole('link'))).toEqual(due.slice(0, 5).map((f) => f.lockid));

    const { uptime } = await askAgain(page.request, uptimeUrl!);
    const reliability = page.getByRole('region', { name: 'Reliability, last 30 days' });
    await expect(reliability.getByText(`fleet uptime (${uptime.outage_count} outages)`)).toBeVisible();
    await expect(reliability.getByText(pct(uptime.uptime_pct), { exact: true })).toBeVisible();
    const worst = reliability.getByRole('table', { name: 'The locks offline longest' });
    expect(await linkedLocks(worst.getByRole('rowheader').getByRole('link'))).toEqual((uptime.lockslist as Json[]).slice(0, 5).map((l) => l.lockid));
    await expect(worst.locator('tbody td:nth-of-type(3)')).toHaveText((uptime.lockslist as Json[]).slice(0, 5).map((l) => pct(l.uptime_pct)));

    const { usage } = await askAgain(page.request, usageUrl!);
    const use = page.getByRole('region', { name: 'Usage, last 30 days' });
    await expect(use.getByText('door uses', { exact: true }).locator('xpath=preceding-sibling::span')).toHaveText(count(usage.total));
    await expect(use.getByRole('table', { name: 'The busiest doors' }).locator('tbody tr')).toHaveText(
      (usage.lockslist as Json[]).slice(0, 5).map((l) => `${l.lockname}${count(l.uses)}`),
    );

    const { denials } = await askAgain(page.request, denialsUrl!);
    expect(denials.total).toBeGreaterThan(0);
    const refused = page.getByRole('region', { name: 'Refused, last 30 days' });
    await expect(refused.getByText('refused attempts', { exact: true }).locator('xpath=preceding-sibling::span')).toHaveText(count(denials.total));
    await expect(refused.getByRole('table', { name: 'Refusals by reason' }).locator('tbody tr td')).toHaveText((denials.reasons as Json[]).map((r) => count(r.count)));

    await expectNoSeriousA11yViolations(page);
    await screens(page, 'overview', ALL_VIEWS);
    // Dark (last of the views): the heat map's shades keep their text readable too.
    await expectNoSeriousA11yViolations(page);
  });

  test('Replace soon: exactly the locks due (all pages), by site; its CSV the same locks once each; print', async ({ page }) => {
    // 365 days: more locks due than one page of the forecast holds (100).
    await page.goto('/reports/battery?days=365');
    const due = await dueLocks(page.request, 365);
    expect(due.length).toBeGreaterThan(100);
    await expect(page.getByRole('status').filter({ hasText: 'due within' })).toHaveText(`${due.length} locks due within 365 days`);

    // By site: each group the locks due are in, their locks in the platform's order; a lock in two groups under both.
    const expected = new Map<string, string[]>();
    for (const f of due) {
      for (const name of f.lockgroups.length ? f.lockgroups.map((g) => g.groupname) : ['No group']) expected.set(name, [...(expected.get(name) ?? []), f.lockid]);
    }
    expect(due.some((f) => f.lockgroups.length >= 2)).toBe(true);
    const sites = page.locator('section.report-group');
    await expect(sites).toHaveCount(expected.size);
    const shown = new Map<string, string[]>();
    for (const site of await sites.all()) shown.set((await site.getAttribute('aria-label'))!, await linkedLocks(site.getByRole('rowheader').getByRole('link')));
    expect(Object.fromEntries(shown)).toEqual(Object.fromEntries(expected));

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
    const ids = await csvLockids(download);
    expect(ids.length).toBe(new Set(ids).size);
    expect(new Set(ids)).toEqual(new Set(due.map((f) => f.lockid)));

    // A month's worth for the pictures and print.
    await page.getByLabel('Due within').fill('30');
    await expect(page).toHaveURL(/days=30/);
    await expect(page.getByRole('status').filter({ hasText: 'due within' })).toHaveText(`${(await dueLocks(page.request, 30)).length} locks due within 30 days`);
    await expectNoSeriousA11yViolations(page);
    await screens(page, 'battery', ALL_VIEWS);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ media: 'print', colorScheme: 'light' });
    await expect(main(page)).toBeHidden();
    await expect(page.getByRole('banner')).toBeHidden();
    await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
    await expect(sites.first()).toBeVisible();
    await expect(sites.last()).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/reports-battery-print.png', fullPage: true });
  });

  test('Reliability: the heat map counts the uptime answer’s outages; a worst lock opens its page', async ({ page }) => {
    const asked = pageAsks(page, 'uptime');
    await page.goto('/reports/reliability');
    const { uptime } = await askAgain(page.request, (await asked).url());
    const hours = uptime.hours as number[];
    const map = page.getByRole('table', { name: 'Outages by hour of day and day of week' });
    await expect(map.locator('tbody td')).toHaveCount(168);
    const cells = await map.locator('tbody td').allTextContents();
    expect(cells.reduce((sum, text) => sum + Number(text.replace(/,/g, '')), 0)).toBe(hours.reduce((a, b) => a + b, 0));
    const busy = hours.flatMap((n, i) => (n > 0 ? [i] : [])).slice(0, 3);
    expect(busy.length).toBeGreaterThan(0);
    for (const i of busy) {
      const row = map.getByRole('row').filter({ has: page.getByRole('rowheader', { name: WEEKDAYS[Math.floor(i / 24)], exact: true }) });
      await expect(row.getByRole('cell').nth(i % 24), `hour ${i}`).toHaveText(count(hours[i]!));
    }
    const worst = (uptime.lockslist as Json[])[0]!;
    await page.getByRole('table', { name: 'The locks offline longest' }).getByRole('link', { name: worst.lockname, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/locks/${worst.lockid}$`));
    await expect(page.getByRole('heading', { level: 1, name: worst.lockname })).toBeVisible();
  });

  test('Usage: the busiest doors as the platform counts them; a refusal reason leads to the refusals in Activity', async ({ page }) => {
    const asked = [pageAsks(page, 'usage'), pageAsks(page, 'denials')];
    await page.goto('/reports/usage');
    const [usageUrl, denialsUrl] = (await Promise.all(asked)).map((r) => r.url());
    const { usage } = await askAgain(page.request, usageUrl!);
    const { denials } = await askAgain(page.request, denialsUrl!);
    await expect(page.getByRole('table', { name: 'The busiest doors' }).locator('tbody tr').locator('th, td.num')).toHaveText(
      (usage.lockslist as Json[]).flatMap((l) => [l.lockname, count(l.uses)]),
    );
    const refusedDoors = page.getByRole('table', { name: 'Refused attempts by door and reason' });
    await expect(refusedDoors.locator('tbody td.num')).toHaveText((denials.lockslist as Json[]).map((l) => count(l.count)));
    const reason = page.getByRole('table', { name: 'Refusals by reason' }).getByRole('link').first();
    await reason.click();
    await expect(page).toHaveURL(/\/activity\?type=access_denied&from=\d{4}-\d\d-\d\d&to=\d{4}-\d\d-\d\d/);
    await expect(page.getByLabel('Event type')).toHaveValue('access_denied');
  });
});

test.describe('reports, support', () => {
  test.use({ role: 'support' });
  test('support sees Reports and downloads the Replace soon CSV', async ({ page }) => {
    await page.goto('/reports/battery?days=7');
    await expect(main(page).getByRole('link', { name: 'Reports' })).toHaveAttribute('aria-current', 'page');
    const due = await dueLocks(page.request, 7);
    await expect(page.getByRole('status').filter({ hasText: 'due within' })).toHaveText(`${due.length} locks due within 7 days`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
    const ids = await csvLockids(download);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).toEqual(due.map((f) => f.lockid));
  });
});
