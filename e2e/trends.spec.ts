import type { Locator, Page, Response } from '@playwright/test';
import { type E2eServer, expect, expectNoSeriousA11yViolations, test } from './fixtures';

/**
 * Issue 26's Trends on a lock's page, in a real browser against the real gateway and the embedded
 * platform's seeded readings (nothing intercepted): the three charts drawn, and the table behind
 * each holding exactly what the platform answered, for 7, 30 and 90 days; support sees them too;
 * light, dark and phone width.
 */

type Point = [date: string, value: number];
interface ReadingsBody {
  from: string;
  to: string;
  step: number;
  series: { battery: Point[]; temperature: Point[]; online: Point[] };
}

// Not the server's zone: the tables must show the viewer's times.
const ZONE = 'America/New_York';
test.use({ locale: 'en-US', timezoneId: ZONE });

const DAY_MS = 86_400_000;
const utcMs = (date: string) => Date.parse(`${date.replace(' ', 'T')}Z`);

/** A demo lock (the first 240 have readings) online now that was offline a while in the last 6 days. */
function lockWithOutage(server: E2eServer): string {
  const since = Math.floor(Date.now() / 1000) - 6 * 86_400;
  const lockid = server.db
    .prepare(
      `SELECT l.lockid FROM (SELECT id, lockid, lock_online_status, battery_level, temperature FROM locks ORDER BY id LIMIT 240) l
        WHERE l.lock_online_status = 1 AND l.battery_level IS NOT NULL AND l.temperature IS NOT NULL AND EXISTS (SELECT 1 FROM readings r WHERE r.lock_id = l.id AND r.online = 0 AND r.at > ?)
        ORDER BY l.id LIMIT 1`,
    )
    .pluck()
    .get(since) as string | undefined;
  expect(lockid, 'a demo lock with an outage in the last 6 days').toBeTruthy();
  return lockid!;
}

const firstDemoLock = (server: E2eServer) =>
  server.db.prepare('SELECT lockid FROM locks WHERE battery_level IS NOT NULL AND temperature IS NOT NULL ORDER BY id LIMIT 1').pluck().get() as string;

const readingsOf = (lockid: string) => (response: Response) =>
  new URL(response.url()).pathname === `/api/locks/${lockid}/readings` && response.request().method() === 'GET' && response.status() === 200;

const trends = (page: Page) => page.getByRole('region', { name: 'Trends' });

/** The times and numbers as the page writes them (trend-text.ts: the viewer's locale and zone, at most 1 decimal). */
function format(page: Page, times: number[], numbers: number[]) {
  return page.evaluate(
    ({ zone, times, numbers }) => {
      const portable = (text: string) => text.replace(/\u2009/g, ' ').replace(/\u202f/g, '\u00a0');
      const when = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: zone });
      const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
      return { times: times.map((ms) => portable(when.format(ms))), numbers: numbers.map((n) => portable(number.format(n))) };
    },
    { zone: ZONE, times, numbers },
  );
}

/** Rows of `[time, value]` for a series, as its table should hold them. */
async function pointRows(page: Page, points: Point[]) {
  const { times, numbers } = await format(page, points.map(([date]) => utcMs(date)), points.map(([, value]) => value));
  return times.map((time, i) => [time, numbers[i]]);
}

/**
 * The online timeline's periods from the answer: runs of one state, a run ending where its last point's
 * time ends (the step, or the readings' usual spacing when coarser: the demo's readings are hourly
 * beyond its last day), at most at the answer's end.
 */
function onlineSpans(body: ReadingsBody) {
  const times = body.series.online.map(([date]) => utcMs(date));
  const gaps = times.slice(1).map((ms, i) => ms - times[i]!).sort((a, b) => a - b);
  const step = Math.max(body.step * 1000, gaps[Math.floor((gaps.length - 1) / 2)] ?? 0);
  const spans: { from: number; to: number; online: boolean }[] = [];
  body.series.online.forEach(([, value], i) => {
    const ms = times[i]!;
    const last = spans.at(-1);
    if (last && last.online === (value === 1) && ms <= last.to) last.to = ms + step;
    else spans.push({ from: ms, to: ms + step, online: value === 1 });
  });
  return spans.map((span) => ({ ...span, to: Math.min(span.to, utcMs(body.to)) }));
}

/** Opens every "Show the numbers" (and periods, and markers) a person would click. */
async function openNumbers(region: Locator) {
  const closed = region.locator('details:not([open]) > summary');
  while ((await closed.count()) > 0) await closed.first().click();
}

async function tableRows(page: Page, caption: string) {
  const table = page.getByRole('table', { name: caption });
  await expect(table).toBeVisible();
  return table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent ?? '')));
}

/** Every row of the three tables agrees with the answer, and there is one row per point. */
async function expectTablesMatch(page: Page, body: ReadingsBody, days: number) {
  await openNumbers(trends(page));
  const last = `the last ${days} days`;
  for (const [name, series] of [['Battery', body.series.battery], ['Temperature', body.series.temperature]] as const) {
    expect(series.length, `${name} points`).toBeGreaterThan(0);
    const rows = await tableRows(page, `${name}, ${last}`);
    expect(rows, `${name}: one row per point`).toHaveLength(series.length);
    expect(rows).toEqual(await pointRows(page, series));
  }
  const spans = onlineSpans(body);
  const { times } = await format(page, spans.flatMap((s) => [s.from, s.to]), []);
  const expected = spans.map((span, i) => [times[2 * i], times[2 * i + 1], span.online ? 'Online' : 'Offline']);
  expect(await tableRows(page, `Online and offline, ${last}`)).toEqual(expected);
  // A period, not a bucket: the demo's readings have no holes, so the state changes from each row to the next.
  expect(expected.filter((row, i) => i > 0 && row[2] === expected[i - 1]![2]), 'two periods in a row in the same state').toEqual([]);
  return expected;
}

/** The three charts are drawn: three canvases with a size, and the page marked its first chart. */
async function expectChartsDrawn(page: Page) {
  const canvases = trends(page).locator('canvas');
  await expect(canvases).toHaveCount(3);
  for (const canvas of await canvases.all()) expect(await canvas.evaluate((c: HTMLCanvasElement) => c.width * c.height)).toBeGreaterThan(0);
  await expect.poll(() => page.evaluate(() => performance.getEntriesByName('lockboard:first-chart').length)).toBe(1);
}

/** Clicks a period and returns the answer its table must follow, after checking what was asked for. */
async function switchTo(page: Page, lockid: string, days: number): Promise<ReadingsBody> {
  const answer = page.waitForResponse(readingsOf(lockid));
  await trends(page).getByRole('button', { name: `${days} days` }).click();
  const response = await answer;
  const asked = new URL(response.url()).searchParams;
  expect(utcMs(asked.get('to')!) - utcMs(asked.get('from')!)).toBe(days * DAY_MS);
  const body = (await response.json()) as ReadingsBody;
  for (const series of Object.values(body.series)) expect(series.length).toBeLessThanOrEqual(500);
  await expect(trends(page).getByRole('button', { name: `${days} days` })).toHaveAttribute('aria-pressed', 'true');
  return body;
}

const scrollsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

test.describe('trends on a lock’s page (issue 26)', () => {
  test('the charts are drawn and the table behind each holds the platform’s points, for 7, 30 and 90 days', async ({ page, server }) => {
    const lockid = lockWithOutage(server);
    const first = page.waitForResponse(readingsOf(lockid));
    await page.goto(`/locks/${lockid}`);
    const week = (await (await first).json()) as ReadingsBody;
    await expectChartsDrawn(page);

    const periods = await expectTablesMatch(page, week, 7);
    // The outage the platform recorded is a period of its own, between online ones.
    const offline = periods.findIndex(([, , state]) => state === 'Offline');
    expect(offline, 'an offline period in the timeline').toBeGreaterThan(0);
    expect(periods.at(-1)?.[2]).toBe('Online');
    // The sentence above the timeline counts the same: its share of online buckets and its offline periods.
    const outages = periods.filter(([, , state]) => state === 'Offline').length;
    const share = (week.series.online.filter(([, value]) => value === 1).length / week.series.online.length) * 100;
    const [shown] = (await format(page, [], [share])).numbers;
    const times = outages === 1 ? 'once' : `${outages} times`;
    await expect(trends(page).getByText(`Online ${shown}\u00a0% of the last 7 days, offline ${times}; online at the last reading.`, { exact: true })).toBeVisible();

    let longest = week;
    for (const days of [30, 90]) {
      const body = await switchTo(page, lockid, days);
      expect(body.step).toBeGreaterThanOrEqual(longest.step);
      expect(utcMs(body.to) - utcMs(body.from)).toBeGreaterThan(utcMs(longest.to) - utcMs(longest.from));
      await expectChartsDrawn(page);
      await expectTablesMatch(page, body, days);
      longest = body;
    }
  });

  test.describe('as support', () => {
    test.use({ role: 'support' });
    test('support sees the charts and their numbers too', async ({ page, server }) => {
      const lockid = firstDemoLock(server);
      const first = page.waitForResponse(readingsOf(lockid));
      await page.goto(`/locks/${lockid}`);
      const body = (await (await first).json()) as ReadingsBody;
      await expectChartsDrawn(page);
      await expectTablesMatch(page, body, 7);
    });
  });

  test('readable in light and dark, at 1280 and 390 px: no sideways scroll, no serious axe violation', async ({ page, server }) => {
    const lockid = lockWithOutage(server);
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`/locks/${lockid}`);
      await expectChartsDrawn(page);
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        await expect(trends(page).locator('canvas')).toHaveCount(3);
        // The whole section (the page scrolled to it): its three charts, axes and legends.
        await trends(page).screenshot({ path: `test-results/screens/trends-${width}-${colorScheme}.png` });
        if (width === 390) expect(await scrollsSideways(page), `sideways scroll at ${width} px, ${colorScheme}`).toBe(false);
      }
      if (width === 390) {
        // The longest period on the narrowest screen (dark, as left above): its ticks, its 500 points.
        await switchTo(page, lockid, 90);
        await expectChartsDrawn(page);
        await trends(page).screenshot({ path: 'test-results/screens/trends-390-dark-90-days.png' });
      }
      await openNumbers(trends(page));
      if (width === 390) expect(await scrollsSideways(page), 'sideways scroll with the tables open').toBe(false);
      await expectNoSeriousA11yViolations(page);
    }
  });
});
