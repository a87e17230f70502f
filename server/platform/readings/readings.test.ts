import { afterEach, describe, expect, it } from 'vitest';
import { toPlatformDate } from '../../../contract/envelope';
import { MAX_SERIES_POINTS, readingsResponseSchema } from '../../../contract/reports';
import { readingsPlatform } from './readings-test-kit';

const NOW = '2026-06-01T00:00:00Z';
const NOW_S = Date.parse(NOW) / 1000;
const DAY = 86_400;
let kit: Awaited<ReturnType<typeof readingsPlatform>>;
afterEach(() => kit.close());

type Raw = [at: number, battery: number, temperature: number, online: 0 | 1];
/** Every 15 min for the last `days`: battery and temperature that vary within any bucket, an outage every 1,000th. */
function rawReadings(days: number): Raw[] {
  const raw: Raw[] = [];
  for (let at = NOW_S - days * DAY, i = 0; at <= NOW_S; at += 900, i += 1) raw.push([at, 20 + (i % 7), 15 + (i % 11) / 4, i % 1000 === 3 ? 0 : 1]);
  return raw;
}
function insertRaw(lockid: string, raw: readonly Raw[]) {
  const insert = kit.db.prepare('INSERT INTO readings (lock_id, at, battery, temperature, online) VALUES ((SELECT id FROM locks WHERE lockid = ?), ?, ?, ?, ?)');
  kit.db.transaction(() => raw.forEach((r) => insert.run(lockid, ...r)))();
}
const round1 = (x: number) => Math.round(x * 10) / 10;

async function readings(lockid: string, query: string) {
  const res = await kit.get(`/api/locks/${lockid}/readings${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return readingsResponseSchema.parse(res.body);
}

describe('GET /api/locks/:lockid/readings', () => {
  it('downsamples 90 days to at most 500 points, each the mean of its bucket, offline when any sample was', async () => {
    kit = await readingsPlatform(NOW);
    const lockid = kit.lockids[0] as string;
    const raw = rawReadings(90);
    insertRaw(lockid, raw);
    const answer = await readings(lockid, '?from=2026-03-03&to=2026-06-01 00:00:00');
    const from = Date.parse('2026-03-03T00:00:00Z') / 1000;
    expect(answer.series.battery.length).toBeGreaterThan(400);
    expect(answer.series.battery.length).toBeLessThanOrEqual(MAX_SERIES_POINTS);
    // The reference: group the raw samples into the answered step, from `from`.
    const buckets = new Map<number, Raw[]>();
    for (const r of raw.filter(([at]) => at >= from)) {
      const start = from + Math.floor((r[0] - from) / answer.step) * answer.step;
      buckets.set(start, [...(buckets.get(start) ?? []), r]);
    }
    const expected = [...buckets].map(([start, rs]) => [toPlatformDate(new Date(start * 1000)), rs]);
    const mean = (rs: Raw[], k: 1 | 2) => round1(rs.reduce((s, r) => s + r[k], 0) / rs.length);
    expect(answer.series.battery).toEqual(expected.map(([d, rs]) => [d, mean(rs as Raw[], 1)]));
    expect(answer.series.temperature).toEqual(expected.map(([d, rs]) => [d, mean(rs as Raw[], 2)]));
    expect(answer.series.online).toEqual(expected.map(([d, rs]) => [d, (rs as Raw[]).some((r) => r[3] === 0) ? 0 : 1]));
    expect(answer.series.online.filter(([, v]) => v === 0).length).toBeGreaterThan(5);
  });

  it('defaults to the last 7 days and clips a range longer than kept', async () => {
    kit = await readingsPlatform(NOW);
    const lockid = kit.lockids[0] as string;
    insertRaw(lockid, rawReadings(90));
    const week = await readings(lockid, '');
    expect([week.from, week.to]).toEqual(['2026-05-25 00:00:00', '2026-06-01 00:00:00']);
    expect(week.series.battery[0]?.[0]).toBe('2026-05-25 00:00:00');
    const clipped = await readings(lockid, '?from=2020-01-01&to=2030-01-01');
    expect([clipped.from, clipped.to]).toEqual(['2026-03-03 00:00:00', '2026-06-01 00:00:00']);
    // A step asked for is kept when the range fits in 500 of them.
    expect((await readings(lockid, '?from=2026-05-31&step=3600')).series.battery).toHaveLength(24 + 1);
  });

  it('answers 404 for an unknown lock and 400 for a backwards range or a bad parameter', async () => {
    kit = await readingsPlatform(NOW);
    const lockid = kit.lockids[0] as string;
    const unknown = await kit.get('/api/locks/NOPE-NOPE/readings');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ status: 0, msg: expect.stringContaining('NOPE-NOPE') });
    for (const [query, word] of [['?from=2026-05-02&to=2026-05-01', 'from'], ['?step=59', 'step'], ['?to=yesterday', 'to']] as const) {
      const res = await kit.get(`/api/locks/${lockid}/readings${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body).toMatchObject({ status: 0, msg: expect.stringContaining(word) });
    }
  });
});

describe('the sampler', () => {
  it('writes one row per lock per tick with the lock’s state, once per 15-minute slot', async () => {
    kit = await readingsPlatform(NOW, 4);
    const count = kit.db.prepare('SELECT count(*) FROM readings').pluck();
    expect(kit.sampler.tick()).toBe(4);
    kit.clock.now = new Date(Date.parse(NOW) + 10 * 60_000); // same slot
    expect(kit.sampler.tick()).toBe(0);
    kit.clock.now = new Date(Date.parse(NOW) + 15 * 60_000);
    kit.db.prepare('UPDATE locks SET battery_level = 33, temperature = 21.5, lock_online_status = 0 WHERE lockid = ?').run(kit.lockids[1]);
    expect(kit.sampler.tick()).toBe(4);
    expect(count.get()).toBe(8);
    const last = kit.db.prepare('SELECT r.at, r.battery, r.temperature, r.online FROM readings r JOIN locks l ON l.id = r.lock_id WHERE l.lockid = ? ORDER BY at DESC LIMIT 1').get(kit.lockids[1]);
    expect(last).toEqual({ at: NOW_S + 900, battery: 33, temperature: 21.5, online: 0 });
  });

  it('keeps 15-minute readings for 7 days, hourly ones to 90 days, none older', async () => {
    kit = await readingsPlatform(NOW, 1);
    const lockid = kit.lockids[0] as string;
    insertRaw(lockid, rawReadings(100).filter(([at]) => at < NOW_S));
    kit.sampler.tick();
    const ats = kit.db.prepare('SELECT at FROM readings ORDER BY at').pluck().all() as number[];
    const fine = ats.filter((at) => at >= NOW_S - 7 * DAY);
    const hourly = ats.filter((at) => at < NOW_S - 7 * DAY);
    expect(fine).toHaveLength(7 * 96 + 1);
    expect(hourly).toHaveLength(83 * 24);
    expect(hourly.filter((at) => at % 3600 !== 0)).toEqual([]);
    expect(ats[0]).toBe(NOW_S - 90 * DAY);
    // A day later the next day's 15-minute readings are thinned too.
    kit.clock.now = new Date((NOW_S + DAY) * 1000);
    kit.sampler.tick();
    const after = kit.db.prepare('SELECT at FROM readings WHERE at < ? ORDER BY at').pluck().all(NOW_S - 6 * DAY) as number[];
    expect(after.filter((at) => at % 3600 !== 0)).toEqual([]);
    expect(after[0]).toBe(NOW_S - 89 * DAY);
  });
});
