import type Database from 'better-sqlite3';
import { toPlatformDate } from '../../../contract/envelope';
import type { Uptime } from '../../../contract/reports';
import { statementCache } from '../db/statement-cache';
import { hoursOfWeek } from './hour-of-week';
import { percent } from './report-period';
import type { ReportPeriod } from './report-period';
import type { ReportScope } from './report-scope';

interface LockOutages {
  lockid: string;
  lockname: string;
  outage_count: number;
  offline_s: number;
}

/**
 * The seconds of an outage inside [:from, :end): it counts from `from` when it began before, and
 * to `end` when it ended after or is still open (`end` is never after now).
 */
const OFFLINE_S = `min(coalesce(unixepoch(o.end_at), :endS), :endS) - max(unixepoch(o.start_at), :fromS)`;
/** The outages overlapping the period, through outages_by_end: only those ending after `from`. */
const OVERLAPPING = `coalesce(o.end_at, '9999') > :from AND o.start_at < :end`;
/** The planner (no ANALYZE) would rather scan every outage in lock order; one lock's come by outages_by_lock. */
const outagesFor = (scope: ReportScope) => (scope.lockid === undefined ? 'outages o INDEXED BY outages_by_end' : 'outages o');

/** Uptime from the outages table (migration 17), kept from each lock's `offline`/`online` events. */
export function createUptimeRepository(db: Database.Database, deps: { now: () => Date; timeZone: string }) {
  const prepare = statementCache(db);
  const allGroups = db.prepare('SELECT groupid, groupname, lock_count FROM lockgroups');
  const oneGroup = db.prepare<[number]>('SELECT groupid, groupname, lock_count FROM lockgroups WHERE groupid = ?');
  const groupsOfLock = db.prepare<[string]>(
    'SELECT m.groupid FROM lockgroup_members m JOIN locks l ON l.id = m.lock_id WHERE l.lockid = ?',
  );

  function byLock(bounds: Record<string, string | number>, scope: ReportScope): LockOutages[] {
    const sql = `SELECT o.lockid, l.lockname, count(*) AS outage_count, sum(${OFFLINE_S}) AS offline_s
      FROM ${outagesFor(scope)} JOIN locks l ON l.lockid = o.lockid
      WHERE ${OVERLAPPING} ${scope.where('o.lockid')} GROUP BY o.lockid`;
    return prepare(sql).all(bounds, ...scope.params) as LockOutages[];
  }

  function startedHours(bounds: Record<string, string | number>, scope: ReportScope): number[] {
    const sql = `SELECT substr(o.start_at, 1, 16) AS b, count(*) AS n FROM ${outagesFor(scope)}
      WHERE ${OVERLAPPING} AND o.start_at >= :from ${scope.where('o.lockid')} GROUP BY b`;
    const rows = prepare(sql).raw().all(bounds, ...scope.params) as [string, number][];
    return hoursOfWeek(rows, deps.timeZone);
  }

  /** Every group (or the one asked for, or the asked lock's), lowest uptime first. */
  function groups(bounds: Record<string, string | number>, scope: ReportScope, periodS: number): Uptime['groupslist'] {
    const ids = scope.groupid !== undefined ? [scope.groupid] : scope.lockid !== undefined ? (groupsOfLock.pluck().all(scope.lockid) as number[]) : null;
    const sql = `SELECT m.groupid, sum(${OFFLINE_S}) AS offline_s FROM outages o INDEXED BY outages_by_end
      JOIN locks l ON l.lockid = o.lockid JOIN lockgroup_members m ON m.lock_id = l.id
      WHERE ${OVERLAPPING} ${ids ? `AND m.groupid IN (SELECT value FROM json_each(:ids))` : ''} GROUP BY m.groupid`;
    const offline = new Map(prepare(sql).raw().all(ids ? { ...bounds, ids: JSON.stringify(ids) } : bounds) as [number, number][]);
    const rows = (ids ? ids.flatMap((id) => oneGroup.all(id)) : allGroups.all()) as { groupid: number; groupname: string; lock_count: number }[];
    return rows
      .map((g) => ({ ...g, uptime_pct: uptimePct(offline.get(g.groupid) ?? 0, g.lock_count * periodS) }))
      .sort((a, b) => a.uptime_pct - b.uptime_pct || a.groupid - b.groupid)
      .slice(0, 100);
  }

  return {
    uptime(period: ReportPeriod, scope: ReportScope, limit: number): Uptime {
      const nowMs = Math.floor(deps.now().getTime() / 1000) * 1000;
      const endMs = Math.max(period.fromMs, Math.min(period.endMs, nowMs));
      const periodS = Math.round((endMs - period.fromMs) / 1000);
      const bounds = { from: period.from, end: toPlatformDate(new Date(endMs)), fromS: period.fromMs / 1000, endS: endMs / 1000 };
      const locks = periodS > 0 ? byLock(bounds, scope).filter((l) => l.offline_s > 0) : [];
      const offline_s = locks.reduce((sum, l) => sum + l.offline_s, 0);
      const lockslist = [...locks]
        .sort((a, b) => b.offline_s - a.offline_s || (a.lockid < b.lockid ? -1 : 1))
        .slice(0, limit)
        .map((l) => ({ ...l, uptime_pct: uptimePct(l.offline_s, periodS) }));
      return {
        from: period.from,
        to: period.to,
        lock_count: scope.lockCount,
        uptime_pct: uptimePct(offline_s, scope.lockCount * periodS),
        offline_s,
        outage_count: locks.reduce((sum, l) => sum + l.outage_count, 0),
        hours: periodS > 0 ? startedHours(bounds, scope) : hoursOfWeek([], deps.timeZone),
        lockslist,
        groupslist: groups(bounds, scope, periodS),
      };
    },
  };
}

/** 100 % when nothing was to be online (no locks, or a period not begun). */
const uptimePct = (offlineS: number, totalS: number) => (totalS > 0 ? percent(1 - offlineS / totalS) : 100);
