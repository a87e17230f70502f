import type Database from 'better-sqlite3';
import type { DenialReason } from '../../../contract/constants';
import type { Denials, Usage } from '../../../contract/reports';
import { statementCache } from '../db/statement-cache';
import { bucketLength, hoursOfWeek } from './hour-of-week';
import type { ReportPeriod } from './report-period';
import type { ReportScope } from './report-scope';

/** Door uses: `unlocked` by anyone or anything but the system (a schedule, a relock). */
const USES = `e.event_type = 'unlocked' AND e.method <> 'system'`;
const DENIALS = `e.event_type = 'access_denied'`;
/**
 * The partial index of the kind (migration 17), which the planner (no ANALYZE) passes over for
 * events_by_type and a row lookup per event; one lock's events come by events_by_lock.
 */
const INDEX_OF = new Map([[USES, 'events_door_uses'], [DENIALS, 'events_denials']]);
function eventsFor(kind: string, scope: ReportScope): string {
  if (scope.lockid !== undefined) return 'events e';
  // The busiest doors: counted in lock order rather than sorted (a group's, lock by lock).
  if (kind === USES_BY_LOCK) return 'events e INDEXED BY events_door_uses_by_lock';
  return `events e INDEXED BY ${INDEX_OF.get(kind)}`;
}
const USES_BY_LOCK = 'uses by lock';
const IN_PERIOD = `e.event_date >= :from AND e.event_date <= :to AND e.lockid IS NOT NULL`;

/**
 * Usage and denials, counted in SQL by UTC hour (or minute, see bucketLength) and mapped to the
 * local hour of the week here: a month is at most ~750 buckets, whatever the number of events.
 */
export function createEventReportsRepository(db: Database.Database, deps: { timeZone: string }) {
  const prepare = statementCache(db);
  const names = db.prepare<[string]>('SELECT lockid, lockname FROM locks WHERE lockid IN (SELECT value FROM json_each(?))').raw();
  const lockNames = (lockids: string[]) => new Map(names.all(JSON.stringify(lockids)) as [string, string][]);

  function hours(kind: string, period: ReportPeriod, scope: ReportScope): number[] {
    const n = bucketLength(period.fromMs, period.endMs, deps.timeZone);
    // A group's door uses come lock by lock (an eighth of the fleet's month, found by seeking).
    const seek = kind === USES && scope.groupid !== undefined;
    const sql = `SELECT substr(e.event_date, 1, ${n}) AS b, count(*) FROM ${eventsFor(seek ? USES_BY_LOCK : kind, scope)}
      WHERE ${kind} AND ${IN_PERIOD} ${scope.where('e.lockid', seek)} GROUP BY b`;
    return hoursOfWeek(prepare(sql).raw().all(bounds(period), ...scope.params) as [string, number][], deps.timeZone);
  }

  return {
    usage(period: ReportPeriod, scope: ReportScope, limit: number): Usage {
      const hourCounts = hours(USES, period, scope);
      const sql = `SELECT e.lockid, count(*) AS uses FROM ${eventsFor(USES_BY_LOCK, scope)} WHERE ${USES} AND ${IN_PERIOD} ${scope.where('e.lockid', true)}
        GROUP BY e.lockid ORDER BY uses DESC, e.lockid LIMIT :limit`;
      const top = prepare(sql).all({ ...bounds(period), limit }, ...scope.params) as { lockid: string; uses: number }[];
      const named = lockNames(top.map((t) => t.lockid));
      return {
        from: period.from,
        to: period.to,
        total: hourCounts.reduce((a, b) => a + b, 0),
        hours: hourCounts,
        lockslist: top.map((t) => ({ lockid: t.lockid, lockname: named.get(t.lockid) ?? t.lockid, uses: t.uses })),
      };
    },

    denials(period: ReportPeriod, scope: ReportScope, limit: number): Denials {
      const hourCounts = hours(DENIALS, period, scope);
      const sql = `SELECT e.lockid, e.reason, count(*) AS n FROM ${eventsFor(DENIALS, scope)} WHERE ${DENIALS} AND ${IN_PERIOD} ${scope.where('e.lockid')}
        GROUP BY e.lockid, e.reason`;
      const rows = prepare(sql).raw().all(bounds(period), ...scope.params) as [string, DenialReason, number][];
      const reasons = new Map<DenialReason, number>();
      const doors = new Map<string, { count: number; reasons: Map<DenialReason, number> }>();
      for (const [lockid, reason, n] of rows) {
        reasons.set(reason, (reasons.get(reason) ?? 0) + n);
        const door = doors.get(lockid) ?? { count: 0, reasons: new Map() };
        door.count += n;
        door.reasons.set(reason, n);
        doors.set(lockid, door);
      }
      const top = [...doors].sort(([a, x], [b, y]) => y.count - x.count || (a < b ? -1 : 1)).slice(0, limit);
      const named = lockNames(top.map(([lockid]) => lockid));
      return {
        from: period.from,
        to: period.to,
        total: hourCounts.reduce((a, b) => a + b, 0),
        hours: hourCounts,
        reasons: mostFirst(reasons),
        lockslist: top.map(([lockid, door]) => ({ lockid, lockname: named.get(lockid) ?? lockid, count: door.count, reasons: mostFirst(door.reasons) })),
      };
    },
  };
}

const bounds = (period: ReportPeriod) => ({ from: period.from, to: period.to });

function mostFirst(counts: Map<DenialReason, number>): { reason: DenialReason; count: number }[] {
  return [...counts].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1));
}
