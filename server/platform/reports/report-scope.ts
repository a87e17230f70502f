import type Database from 'better-sqlite3';
import { HttpError } from '../http/errors';

/** Which locks a report covers: the fleet, one group's, one lock, or one lock if it is in the group. */
export interface ReportScope {
  /**
   * `AND …` on a table whose `lockid` column is named by `column` (empty for the fleet); `seek`:
   * a group's locks may drive the search (an index by lock), else its rows come by date.
   */
  where: (column: string, seek?: boolean) => string;
  params: (string | number)[];
  lockCount: number;
  groupid?: number;
  lockid?: string;
}

/**
 * Resolves `groupid`/`lockid`. An unknown group or lock is a 404 naming the parameter, like the
 * lock list and the grants (a typo should not read as "no outages"); a lock outside the group
 * asked for covers no lock.
 */
export function createScopes(db: Database.Database, resolveLock: (lockid: string) => string | undefined) {
  const groupSize = db.prepare<[number]>('SELECT lock_count FROM lockgroups WHERE groupid = ?').pluck();
  const fleetSize = db.prepare('SELECT count(*) FROM locks').pluck();
  const inGroup = db
    .prepare<[number, string]>('SELECT 1 FROM lockgroup_members m JOIN locks l ON l.id = m.lock_id WHERE m.groupid = ? AND l.lockid = ?')
    .pluck();
  // `+` keeps the planner from walking the group's locks one by one through events_by_lock (a
  // row lookup per event for its type): the period's rows come by date, filtered by membership.
  const GROUP_LOCKS = 'IN (SELECT l.lockid FROM lockgroup_members m JOIN locks l ON l.id = m.lock_id WHERE m.groupid = ?)';

  return (query: { groupid?: number; lockid?: string }): ReportScope => {
    const { groupid } = query;
    const size = groupid === undefined ? undefined : (groupSize.get(groupid) as number | undefined);
    if (groupid !== undefined && size === undefined) throw new HttpError(404, `groupid: no lock group ${groupid} on this platform`);
    if (query.lockid !== undefined) {
      const lockid = resolveLock(query.lockid);
      if (lockid === undefined) throw new HttpError(404, `lockid: no lock ${query.lockid} on this platform`);
      const covered = groupid === undefined || inGroup.get(groupid, lockid) !== undefined;
      return { where: (c) => `AND ${c} = ?`, params: [covered ? lockid : ''], lockCount: covered ? 1 : 0, groupid, lockid };
    }
    if (groupid !== undefined) return { where: (c, seek) => `AND ${seek ? '' : '+'}${c} ${GROUP_LOCKS}`, params: [groupid], lockCount: size ?? 0, groupid };
    return { where: () => '', params: [], lockCount: fleetSize.get() as number };
  };
}
