import { afterEach, describe, expect, it } from 'vitest';
import { forecastListResponseSchema } from '../../../contract/reports';
import { readingsPlatform } from './readings-test-kit';
import { type TrendSums, addReading, forecastOf } from './trend';

const DAY_MS = 86_400_000;
let kit: Awaited<ReturnType<typeof readingsPlatform>>;
afterEach(() => kit.close());

/** Sets the lock's battery and samples it, once a day from `start` (UTC midnight) for each level. */
function sampleDaily(lockid: string, start: Date, levels: readonly number[]) {
  levels.forEach((level, day) => {
    kit.clock.now = new Date(start.getTime() + day * DAY_MS);
    kit.setBattery.run(level, lockid);
    expect(kit.sampler.tick()).toBe(kit.lockids.length);
  });
}

async function forecasts(query = '') {
  const res = await kit.get(`/api/reports/battery-forecast?pagenumber=1&limit=50${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return forecastListResponseSchema.parse(res.body);
}

describe('battery forecast', () => {
  it('a lock draining 1 % a day from 40 % reaches 10 % thirty days after its first reading', async () => {
    kit = await readingsPlatform('2026-06-01T00:00:00Z');
    const [draining, ...steady] = kit.lockids as [string, ...string[]];
    const start = new Date('2026-06-01T00:00:00Z');
    sampleDaily(draining, start, [40, 39, 38, 37, 36, 35, 34, 33, 32, 31, 30]);
    // 40 - 30 = 30 points at 1 a day: 30 days after June 1st.
    const expected = new Date(start.getTime() + 30 * DAY_MS).toISOString().slice(0, 19).replace('T', ' ');
    const list = await forecasts();
    expect(list.totalCount).toBe(kit.lockids.length);
    expect(list.forecastslist[0]).toMatchObject({ lockid: draining, battery_level: 30, drain_per_day: 1, critical_date: expected, series_start: '2026-06-01 00:00:00' });
    // The others hold steady: no forecast, listed after it.
    expect(list.forecastslist.slice(1).map((f) => [f.lockid, f.drain_per_day, f.critical_date])).toEqual(steady.map((l) => [l, null, null]));
    // Now is June 11th: due on July 1st is 20 days away.
    expect((await forecasts('&due_within_days=19')).forecastslist).toEqual([]);
    const due = await forecasts('&due_within_days=20');
    expect(due.forecastslist.map((f) => f.lockid)).toEqual([draining]);
    expect(due.totalCount).toBe(1);
  });

  it('a swap (a jump up) starts a new series: the drain is only what came after it', async () => {
    kit = await readingsPlatform('2026-06-01T00:00:00Z');
    const lockid = kit.lockids[0] as string;
    const start = new Date('2026-06-01T00:00:00Z');
    // 2 a day for ten days, then a new battery at 100 losing 1 a day.
    sampleDaily(lockid, start, [50, 48, 46, 44, 42, 40, 38, 36, 34, 32, 30, 100, 99, 98, 97, 96]);
    const [first] = (await forecasts()).forecastslist;
    // The series began at the swap (day 11); 100 - 10 = 90 points at 1 a day.
    expect(first).toMatchObject({ lockid, drain_per_day: 1, series_start: '2026-06-12 00:00:00', critical_date: '2026-09-10 00:00:00' });
  });

  it('has no forecast with fewer than two days of a series, and a lock already at 10 % is due at the reading that got there', async () => {
    kit = await readingsPlatform('2026-06-01T00:00:00Z');
    const [young, low] = kit.lockids as [string, string];
    const start = new Date('2026-06-01T00:00:00Z');
    kit.setBattery.run(14, low);
    sampleDaily(young, start, [80, 70]);
    kit.clock.now = new Date(start.getTime() + 1.5 * DAY_MS);
    kit.setBattery.run(9, low);
    kit.sampler.tick();
    const list = (await forecasts()).forecastslist;
    expect(list[0]).toMatchObject({ lockid: low, critical_date: '2026-06-02 12:00:00' });
    expect(list.find((f) => f.lockid === young)).toMatchObject({ drain_per_day: null, critical_date: null, series_start: '2026-06-01 00:00:00' });
  });

  it('the sampler (SQL) and the backfill (JS) keep the same sums and forecast', async () => {
    kit = await readingsPlatform('2026-06-01T00:00:00Z');
    const lockid = kit.lockids[0] as string;
    const levels = [90, 88, 87, 83, 84, 80, 77, 99, 97, 96, 92, 91, 88, 85, 86, 80];
    sampleDaily(lockid, new Date('2026-06-01T00:00:00Z'), levels);
    let sums: TrendSums | null = null;
    levels.forEach((level, day) => (sums = addReading(sums, 1_780_272_000 + day * 86_400, level)));
    const row = kit.db.prepare('SELECT * FROM battery_trends WHERE lock_id = (SELECT id FROM locks WHERE lockid = ?)').get(lockid) as Record<string, number>;
    const expected = { ...(sums as unknown as TrendSums), ...forecastOf(sums as unknown as TrendSums) };
    for (const [key, value] of Object.entries(expected)) expect(row[key], key).toBeCloseTo(value as number, 6);
    expect(row.series_start).toBe(1_780_272_000 + 7 * 86_400);
  });

  it('filters by group and lists each lock’s groups', async () => {
    kit = await readingsPlatform('2026-06-01T00:00:00Z', 6);
    const groups = kit.db.prepare('SELECT g.groupid, g.groupname, count(*) AS n FROM lockgroups g JOIN lockgroup_members m USING (groupid) GROUP BY g.groupid').all() as { groupid: number; groupname: string; n: number }[];
    const group = groups[0];
    expect(group).toBeDefined();
    const members = kit.db.prepare('SELECT l.lockid FROM lockgroup_members m JOIN locks l ON l.id = m.lock_id WHERE m.groupid = ? ORDER BY l.id').pluck().all(group?.groupid) as string[];
    const outside = kit.lockids.find((l) => !members.includes(l)) as string;
    const inside = members.at(-1) as string;
    // A lock of the group and one outside it drain (the outsider faster: due sooner).
    for (const day of [0, 1, 2]) {
      kit.clock.now = new Date(Date.parse('2026-06-01T00:00:00Z') + day * DAY_MS);
      kit.setBattery.run(60 - 2 * day, inside);
      kit.setBattery.run(30 - 5 * day, outside);
      kit.sampler.tick();
    }
    expect((await forecasts()).forecastslist[0]?.lockid).toBe(outside);
    const list = await forecasts(`&groupid=${group?.groupid}`);
    expect(list.totalCount).toBe(group?.n);
    expect(list.forecastslist[0]).toMatchObject({ lockid: inside, drain_per_day: 2 });
    expect((await forecasts(`&groupid=${group?.groupid}&due_within_days=365`)).forecastslist.map((f) => f.lockid)).toEqual([inside]);
    expect(list.forecastslist.length).toBe(group?.n);
    for (const f of list.forecastslist) expect(f.lockgroups).toContainEqual({ groupid: group?.groupid, groupname: group?.groupname });
  });

  it('answers 400 naming a bad parameter', async () => {
    kit = await readingsPlatform('2026-06-01T00:00:00Z');
    for (const [query, word] of [['pagenumber=0&limit=10', 'pagenumber'], ['pagenumber=1&limit=10&due_within_days=-1', 'due_within_days'], ['pagenumber=1&limit=10&groupid=x', 'groupid']] as const) {
      const res = await kit.get(`/api/reports/battery-forecast?${query}`);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ status: 0, msg: expect.stringContaining(word) });
    }
  });
});
