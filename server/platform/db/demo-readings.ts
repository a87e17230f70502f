import type Database from 'better-sqlite3';
import { fromPlatformDate } from '../../../contract/envelope';
import { FINE_READINGS_DAYS, READINGS_KEPT_DAYS, READING_STEP_S } from '../../../contract/reports';
import { slotOf } from '../readings/sampler';
import { DAY_S, type TrendSums, addReading, forecastOf } from '../readings/trend';
import { type Rng, createRng } from './prng';

/** The demo backfill covers at most this many locks (the demo fleet; a 100,000-lock bench fleet is not backfilled). */
export const DEMO_READINGS_LOCKS = 240;
const ROWS_PER_INSERT = 100;

interface LockNow {
  id: number;
  lockid: string;
  battery_level: number | null;
  temperature: number | null;
  lock_online_status: number;
  online_updated_date: string;
}
type Outage = readonly [from: number, to: number];

/** Coarsest first: `[days back from the end, seconds between readings]`; each tier ends where the next begins. */
export type ReadingTiers = readonly (readonly [days: number, step: number])[];
/**
 * The demo's grid: seeding runs at every fresh start and in many tests, so it is coarser than what
 * the sampler keeps (every 15 min for 7 days, hourly for 90), about 1,150 readings a lock instead of
 * 2,660: every 4 h back to 90 days, hourly for the last 30, every 15 min for the last day.
 */
export const DEMO_TIERS: ReadingTiers = [
  [READINGS_KEPT_DAYS, 4 * 3600],
  [30, 3600],
  [1, READING_STEP_S],
];

/** The reading times ending at `end` (included), `days` at most, on the tiers' grids. */
export function readingTimes(end: number, days: number, tiers: ReadingTiers): number[] {
  const times: number[] = [];
  tiers.forEach(([tierDays, step], i) => {
    const from = end - Math.min(days, tierDays) * DAY_S;
    const next = tiers[i + 1];
    const until = next ? end - next[0] * DAY_S : end + 1;
    for (let t = Math.ceil(from / step) * step; t < until; t += step) times.push(t);
  });
  return times;
}

/**
 * Battery levels going back from the current one at the lock's own drain rate, with a swap (a jump
 * up from a nearly flat battery) wherever the level would pass 100, and a little noise.
 */
function batteryLevels(current: number, now: number, times: readonly number[], rng: Rng): number[] {
  const rate = rng.chance(0.2) ? 0.6 + rng.next() * 0.9 : 0.08 + rng.next() * 0.5;
  let base = now;
  let levelAtBase = current;
  const levels: number[] = new Array<number>(times.length);
  for (let i = times.length - 1; i >= 0; i -= 1) {
    const t = times[i] as number;
    let level = levelAtBase + (rate * (base - t)) / DAY_S;
    if (level > 100) {
      base = t;
      levelAtBase = rng.int(4, 14);
      level = levelAtBase;
    }
    levels[i] = level;
  }
  return levels;
}


/** Outages per lock from the seeded `offline`/`online` events (an offline lock is still out now). */
function outagesOf(db: Database.Database, locks: readonly LockNow[]): Map<string, Outage[]> {
  const events = db
    .prepare<[], { lockid: string; event_type: string; event_date: string }>(
      `SELECT lockid, event_type, event_date FROM events WHERE event_type IN ('offline', 'online') AND lockid IS NOT NULL ORDER BY event_date, eventid`,
    )
    .all();
  const open = new Map<string, number>();
  const outages = new Map<string, Outage[]>();
  const add = (lockid: string, outage: Outage) => {
    const list = outages.get(lockid);
    if (list) list.push(outage);
    else outages.set(lockid, [outage]);
  };
  for (const e of events) {
    const t = fromPlatformDate(e.event_date).getTime() / 1000;
    const began = open.get(e.lockid);
    if (e.event_type === 'offline') open.set(e.lockid, began ?? t);
    else if (began !== undefined) {
      add(e.lockid, [began, t]);
      open.delete(e.lockid);
    }
  }
  for (const lock of locks) {
    if (lock.lock_online_status === 0) add(lock.lockid, [open.get(lock.lockid) ?? fromPlatformDate(lock.online_updated_date).getTime() / 1000, Infinity]);
  }
  return outages;
}

/**
 * Backfills `days` of readings (at most READINGS_KEPT_DAYS) for the first `lockLimit` locks, ending
 * at the last slot before `now` with each lock's current battery, temperature and state, and their
 * battery trends. Deterministic for a seed; one transaction, multi-row inserts.
 */
export function backfillReadings(
  db: Database.Database,
  opts: { now: Date; days: number; lockLimit: number; seed: number; tiers?: ReadingTiers; outages?: boolean },
): number {
  if (opts.days <= 0) return 0;
  const end = slotOf(opts.now);
  const times = readingTimes(end, Math.min(opts.days, READINGS_KEPT_DAYS), opts.tiers ?? DEMO_TIERS);
  const locks = db
    .prepare<[number], LockNow>('SELECT id, lockid, battery_level, temperature, lock_online_status, online_updated_date FROM locks ORDER BY id LIMIT ?')
    .all(opts.lockLimit);
  if (times.length === 0 || locks.length === 0) return 0;
  const outages = opts.outages === false ? new Map<string, Outage[]>() : outagesOf(db, locks);
  const values = Array.from({ length: ROWS_PER_INSERT }, () => '(?, ?, ?, ?, ?)').join(', ');
  const insertMany = db.prepare(`INSERT OR IGNORE INTO readings (lock_id, at, battery, temperature, online) VALUES ${values}`);
  const insertOne = db.prepare('INSERT OR IGNORE INTO readings (lock_id, at, battery, temperature, online) VALUES (?, ?, ?, ?, ?)');
  const saveTrend = db.prepare(`INSERT OR REPLACE INTO battery_trends (lock_id, series_start, last_at, last_battery, reached_at, n, sx, sy, sxx, sxy, drain_per_day, critical_at)
    VALUES (@lock_id, @series_start, @last_at, @last_battery, @reached_at, @n, @sx, @sy, @sxx, @sxy, @drain_per_day, @critical_at)`);
  const rng = createRng(opts.seed);
  let count = 0;
  db.transaction(() => {
    for (const lock of locks) {
      const rows = lockRows(lock, times, outages.get(lock.lockid) ?? [], rng);
      let i = 0;
      for (; i + ROWS_PER_INSERT * 5 <= rows.length; i += ROWS_PER_INSERT * 5) insertMany.run(rows.slice(i, i + ROWS_PER_INSERT * 5));
      for (; i < rows.length; i += 5) insertOne.run(rows.slice(i, i + 5));
      count += rows.length / 5;
      const trend = trendOf(rows);
      if (trend) saveTrend.run({ lock_id: lock.id, ...trend, ...forecastOf(trend) });
    }
    // Every grid here is already as thin as retention keeps it.
    db.prepare(`UPDATE platform_meta SET value = max(value, ?) WHERE key = 'readings_trimmed_until'`).run(end - FINE_READINGS_DAYS * DAY_S);
  })();
  return count;
}

/** A lock's rows, flat: lock_id, at, battery, temperature, online for each time. */
function lockRows(lock: LockNow, times: readonly number[], outages: readonly Outage[], rng: Rng): (number | null)[] {
  const last = times.length - 1;
  const levels = lock.battery_level === null ? null : batteryLevels(lock.battery_level, times[last] as number, times, rng);
  const phase = rng.next() * 2;
  const cycle = (t: number) => 2.5 * Math.sin((2 * Math.PI * ((t % DAY_S) / 3600 - 9 - phase)) / 24);
  const rows: (number | null)[] = [];
  let outage = 0; // outages come in time order (the readings too): the first not over yet
  times.forEach((t, i) => {
    while (outage < outages.length && (outages[outage] as Outage)[1] <= t) outage += 1;
    const current = outages[outage];
    const offline = current !== undefined && t >= current[0];
    const noise = i === last ? 0 : rng.next() * 0.8 - 0.4;
    const battery = levels === null ? null : Math.max(0, Math.min(100, Math.round((levels[i] as number) + noise)));
    const temperature = lock.temperature === null ? null : Math.round((lock.temperature + cycle(t) - cycle(times[last] as number) + noise) * 10) / 10;
    rows.push(lock.id, t, battery, temperature, offline ? 0 : 1);
  });
  return rows;
}

function trendOf(rows: readonly (number | null)[]): TrendSums | null {
  let trend: TrendSums | null = null;
  for (let i = 0; i < rows.length; i += 5) {
    const battery = rows[i + 2];
    if (battery !== null && battery !== undefined) trend = addReading(trend, rows[i + 1] as number, battery);
  }
  return trend;
}

/** The demo readings, once (platform_meta `readings_seeded`): also for a database from before readings. */
export function seedDemoReadings(db: Database.Database, opts: { now: Date; days: number; seed: number }): void {
  const seeded = db.prepare(`SELECT value FROM platform_meta WHERE key = 'readings_seeded'`).pluck().get();
  if (seeded !== 0) return;
  backfillReadings(db, { now: opts.now, days: opts.days, lockLimit: DEMO_READINGS_LOCKS, seed: opts.seed });
  db.prepare(`UPDATE platform_meta SET value = 1 WHERE key = 'readings_seeded'`).run();
}
