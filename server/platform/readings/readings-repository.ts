import type Database from 'better-sqlite3';
import { fromPlatformDate, toPlatformDate } from '../../../contract/envelope';
import { MAX_SERIES_POINTS, READINGS_KEPT_DAYS, READING_STEP_S } from '../../../contract/reports';
import type { Forecast, Readings, ReadingsQuery } from '../../../contract/reports';
import { DAY_S } from './trend';

/** A query's range is backwards (`from` after `to`). */
export class BadRangeError extends Error {}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A bound in unix seconds: a whole day is its start as `from`, its last second as `to`. */
function bound(value: string, end: boolean): number {
  const seconds = fromPlatformDate(DAY.test(value) ? `${value} 00:00:00` : value).getTime() / 1000;
  return DAY.test(value) && end ? seconds + DAY_S - 1 : seconds;
}
const dateOf = (seconds: number) => toPlatformDate(new Date(seconds * 1000));

/** The step that keeps [from, to] within MAX_SERIES_POINTS buckets, whole minutes, at least the one asked for. */
export function stepFor(from: number, to: number, asked: number | undefined): number {
  const fits = Math.ceil((to - from + 1) / MAX_SERIES_POINTS);
  return Math.ceil(Math.max(asked ?? READING_STEP_S, fits, 60) / 60) * 60;
}

interface Bucket {
  bucket: number;
  battery: number | null;
  temperature: number | null;
  online: 0 | 1;
}
interface ForecastRow {
  id: number;
  lockid: string;
  lockname: string;
  battery_level: number | null;
  drain_per_day: number | null;
  critical_at: number | null;
  series_start: number | null;
}

/** `resolve`: the lockid a path names, in its real case (locks-repository), or undefined. */
export function createReadingsRepository(db: Database.Database, now: () => Date, resolve: (lockid: string) => string | undefined) {
  // better-sqlite3 binds numbers as REAL: the casts make the bucket an integer division.
  const buckets = db.prepare<{ lock: number; from: number; to: number; step: number }, Bucket>(`
    SELECT :from + ((at - CAST(:from AS INTEGER)) / CAST(:step AS INTEGER)) * :step AS bucket, round(avg(battery), 1) AS battery,
      round(avg(temperature), 1) AS temperature, min(online) AS online
    FROM readings WHERE lock_id = :lock AND at BETWEEN :from AND :to GROUP BY 1 ORDER BY 1`);
  const idOf = db.prepare<[string], number>('SELECT id FROM locks WHERE lockid = ?').pluck();

  /** A lock's series, or undefined for an unknown lock; throws BadRangeError for a backwards range. */
  function series(lockid: string, query: ReadingsQuery): Readings | undefined {
    const found = resolve(lockid);
    const id = found === undefined ? undefined : idOf.get(found);
    if (found === undefined || id === undefined) return undefined;
    const nowS = Math.floor(now().getTime() / 1000);
    const askedTo = query.to === undefined ? nowS : bound(query.to, true);
    const askedFrom = query.from === undefined ? askedTo - 7 * DAY_S : bound(query.from, false);
    if (askedFrom > askedTo) throw new BadRangeError('from must not be after to');
    const to = Math.min(askedTo, nowS);
    const from = Math.min(Math.max(askedFrom, nowS - READINGS_KEPT_DAYS * DAY_S), to);
    const step = stepFor(from, to, query.step);
    const rows = buckets.all({ lock: id, from, to, step });
    const battery: [string, number][] = [];
    const temperature: [string, number][] = [];
    const online: [string, 0 | 1][] = [];
    for (const r of rows) {
      const date = dateOf(r.bucket);
      if (r.battery !== null) battery.push([date, r.battery]);
      if (r.temperature !== null) temperature.push([date, r.temperature]);
      online.push([date, r.online === 0 ? 0 : 1]);
    }
    return { lockid: found, from: dateOf(from), to: dateOf(to), step, series: { battery, temperature, online } };
  }

  return { series, ...createForecastList(db, now) };
}

/** The forecast list: soonest due first from `battery_trends_due`, then the locks without a forecast by id. */
function createForecastList(db: Database.Database, now: () => Date) {
  const COLUMNS = 'l.id, l.lockid, l.lockname, l.battery_level, t.drain_per_day, t.critical_at, t.series_start';
  type Params = { group: number | null; until: number | null };
  // The whole fleet walks the due index; a group walks its members (CROSS JOIN keeps that order):
  // probing every due lock for membership costs ~100 ms at 100,000 locks.
  const DUE = 't.critical_at IS NOT NULL AND (:until IS NULL OR t.critical_at <= :until)';
  const FLEET = `battery_trends t INDEXED BY battery_trends_due JOIN locks l ON l.id = t.lock_id WHERE ${DUE} AND :group IS NULL`;
  const GROUP = `lockgroup_members m CROSS JOIN battery_trends t ON t.lock_id = m.lock_id JOIN locks l ON l.id = m.lock_id WHERE m.groupid = :group AND ${DUE}`;
  const counts = [FLEET, GROUP].map((from) => db.prepare<Params, number>(`SELECT count(*) FROM ${from}`).pluck());
  const pages = [FLEET, GROUP].map((from) =>
    db.prepare<Params & { limit: number; offset: number }, ForecastRow>(
      `SELECT ${COLUMNS} FROM ${from} ORDER BY t.critical_at, t.lock_id LIMIT :limit OFFSET :offset`,
    ),
  );
  const dueCount = { get: (p: Params) => counts[p.group === null ? 0 : 1]?.get(p) };
  const duePage = { all: (p: Params & { limit: number; offset: number }) => pages[p.group === null ? 0 : 1]?.all(p) ?? [] };
  // The rest (no forecast), by id: the fleet's locks, or the group's members (their key is in id order).
  const lockCounts = [
    db.prepare<{ group: number | null }, number>('SELECT count(*) FROM locks').pluck(),
    db.prepare<{ group: number | null }, number>('SELECT count(*) FROM lockgroup_members WHERE groupid = :group').pluck(),
  ];
  const REST_FROM = [
    'locks l LEFT JOIN battery_trends t ON t.lock_id = l.id WHERE t.critical_at IS NULL AND :group IS NULL ORDER BY l.id',
    'lockgroup_members m CROSS JOIN locks l ON l.id = m.lock_id LEFT JOIN battery_trends t ON t.lock_id = l.id WHERE m.groupid = :group AND t.critical_at IS NULL ORDER BY m.lock_id',
  ];
  const restPages = REST_FROM.map((from) =>
    db.prepare<{ group: number | null; limit: number; offset: number }, ForecastRow>(`SELECT ${COLUMNS} FROM ${from} LIMIT :limit OFFSET :offset`),
  );
  const lockCount = { get: (p: { group: number | null }) => lockCounts[p.group === null ? 0 : 1]?.get(p) };
  const restPage = { all: (p: { group: number | null; limit: number; offset: number }) => restPages[p.group === null ? 0 : 1]?.all(p) ?? [] };
  const groupsOf = db.prepare<[number], { groupid: number; groupname: string }>(`
    SELECT g.groupid, g.groupname FROM lockgroup_members m JOIN lockgroups g ON g.groupid = m.groupid
    WHERE m.lock_id = ? ORDER BY g.groupname COLLATE NOCASE, g.groupid`);

  const toForecast = (r: ForecastRow): Forecast => ({
    lockid: r.lockid,
    lockname: r.lockname,
    battery_level: r.battery_level,
    drain_per_day: r.drain_per_day === null ? null : Math.round(r.drain_per_day * 100) / 100,
    critical_date: r.critical_at === null ? null : dateOf(r.critical_at),
    series_start: r.series_start === null ? null : dateOf(r.series_start),
    lockgroups: groupsOf.all(r.id),
  });

  /** One page; `dueWithinDays` keeps only the locks due by then (no locks without a forecast). */
  function forecasts(opts: { page: number; limit: number; groupid?: number; dueWithinDays?: number }) {
    const group = opts.groupid ?? null;
    const until = opts.dueWithinDays === undefined ? null : Math.floor(now().getTime() / 1000) + opts.dueWithinDays * DAY_S;
    const due = dueCount.get({ group, until }) ?? 0;
    const total = until === null ? (lockCount.get({ group }) ?? 0) : due;
    const offset = (opts.page - 1) * opts.limit;
    const rows = offset < due ? duePage.all({ group, until, limit: opts.limit, offset }) : [];
    if (until === null && rows.length < opts.limit) {
      rows.push(...restPage.all({ group, limit: opts.limit - rows.length, offset: Math.max(0, offset - due) }));
    }
    return { total, forecasts: rows.map(toForecast) };
  }
  return { forecasts };
}

export type ReadingsRepository = ReturnType<typeof createReadingsRepository>;
