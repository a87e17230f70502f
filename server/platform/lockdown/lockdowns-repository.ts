import type Database from 'better-sqlite3';
import { toPlatformDate } from '../../../contract/envelope';
import type { Lockdown, LockdownScope } from '../../../contract/schedules';
import type { EventsRepository, NewEvent } from '../events/events-repository';
import type { LocksRepository } from '../locks/locks-repository';

/** The dashboard account that starts or lifts a lockdown. */
export interface LockdownActor {
  userid: number | null;
  name: string;
}

interface LockdownRow {
  lockdownid: number;
  scope: string;
  started_by: string;
  started_date: string;
  lifted_by: string | null;
  lifted_date: string | null;
}

interface ScopedLock {
  lockid: string;
  lockname: string;
  lock_online_status: number;
  lock_open_status: number;
}

export type LockdownsRepository = ReturnType<typeof createLockdownsRepository>;

/** Thrown by `start` when some groupids name no group. */
export class UnknownGroupsError extends Error {
  constructor(readonly groupids: number[]) {
    super(`No lock group ${groupids.join(', ')} on this platform`);
  }
}

/**
 * Lockdowns (DESIGN.md, "Schedules and lockdown"): a state, not a command. Starting one marks every
 * lock in scope (`locks.lockdown = 1`, a `lockdown_locks` row) and locks the online ones in the same
 * transaction; an offline one stays `pending` until it is back (`lockPending`). Lifting one clears
 * the mark on its locks unless another active lockdown holds them, then lets the schedules restore
 * what they say now (`afterLift`).
 *
 * History: a group lockdown writes one `lockdown_started`/`lockdown_lifted` per group (group-level,
 * `lockid` null); a fleet lockdown (`all`) writes one fleet-level event, naming neither a lock nor a
 * group (thousands of locks are one row of Activity, not thousands).
 * Doors it moved get a `locked` event like a remote command's (method `remote`, the caller).
 */
export function createLockdownsRepository(deps: {
  db: Database.Database;
  locks: LocksRepository;
  events: EventsRepository;
  now: () => Date;
  /** Called after a lift with the lockids it released (the scheduler restores their state). */
  afterLift?: (lockids: string[]) => void;
}) {
  const { db, locks, events, now } = deps;
  const scopeColumns = 'l.lockid, l.lockname, l.lock_online_status, l.lock_open_status';
  const allLocks = db.prepare<[], ScopedLock>(`SELECT ${scopeColumns} FROM locks l ORDER BY l.id`);
  const groupLocks = db.prepare<[string], ScopedLock>(`
    SELECT ${scopeColumns} FROM locks l
    WHERE l.id IN (SELECT lock_id FROM lockgroup_members WHERE groupid IN (SELECT value FROM json_each(?))) ORDER BY l.id`);
  const groupsByIds = db.prepare<[string], { groupid: number; groupname: string }>(
    'SELECT groupid, groupname FROM lockgroups WHERE groupid IN (SELECT value FROM json_each(?)) ORDER BY groupid',
  );
  const insertLockdown = db.prepare<[string, string, string]>('INSERT INTO lockdowns (scope, started_by, started_date) VALUES (?, ?, ?)');
  const insertMember = db.prepare<[number, string, number]>('INSERT INTO lockdown_locks (lockdownid, lockid, pending) VALUES (?, ?, ?)');
  const markLocked = db.prepare<[string]>('UPDATE locks SET lockdown = 1, lock_open_status = 0, relock_at = NULL WHERE lockid = ?');
  const markOnly = db.prepare<[string]>('UPDATE locks SET lockdown = 1 WHERE lockid = ?');
  const byId = db.prepare<[number], LockdownRow>('SELECT * FROM lockdowns WHERE lockdownid = ?');
  const listAll = db.prepare<[], LockdownRow>('SELECT * FROM lockdowns ORDER BY lockdownid DESC');
  const listActive = db.prepare<[], LockdownRow>('SELECT * FROM lockdowns WHERE lifted_date IS NULL ORDER BY lockdownid DESC');
  const lockCount = db.prepare<[number]>('SELECT count(*) FROM lockdown_locks WHERE lockdownid = ?').pluck();
  const pendingOf = db.prepare<[number]>('SELECT lockid FROM lockdown_locks WHERE lockdownid = ? AND pending = 1 ORDER BY lockid').pluck();
  const setLifted = db.prepare<[string, string, number]>('UPDATE lockdowns SET lifted_by = ?, lifted_date = ? WHERE lockdownid = ?');
  const endPending = db.prepare<[number]>('UPDATE lockdown_locks SET pending = 0 WHERE lockdownid = ?');
  // Released: in this lockdown and in no other active one.
  const release = db.prepare<[number]>(`
    UPDATE locks SET lockdown = 0 WHERE lockdown = 1 AND lockid IN (SELECT lockid FROM lockdown_locks WHERE lockdownid = ?)
    AND NOT EXISTS (SELECT 1 FROM lockdown_locks k JOIN lockdowns d ON d.lockdownid = k.lockdownid
      WHERE k.lockid = locks.lockid AND d.lifted_date IS NULL)
    RETURNING lockid`).pluck();
  const pendingBack = db.prepare<[string | null, string | null]>(`
    SELECT DISTINCT k.lockid FROM lockdowns d INDEXED BY lockdowns_active
    JOIN lockdown_locks k ON k.lockdownid = d.lockdownid
    JOIN locks l ON l.lockid = k.lockid
    WHERE d.lifted_date IS NULL AND k.pending = 1 AND l.lock_online_status = 1 AND (? IS NULL OR k.lockid = ?)`).pluck();
  const endPendingOf = db.prepare<[string]>('UPDATE lockdown_locks SET pending = 0 WHERE lockid = ? AND pending = 1');

  const toLockdown = (row: LockdownRow): Lockdown => {
    const lifted = row.lifted_date !== null;
    return {
      lockdownid: row.lockdownid,
      scope: JSON.parse(row.scope) as LockdownScope,
      started_by: row.started_by,
      started_date: row.started_date,
      lifted_by: row.lifted_by,
      lifted_date: row.lifted_date,
      lock_count: lockCount.get(row.lockdownid) as number,
      pending_lockids: lifted ? [] : (pendingOf.all(row.lockdownid) as string[]),
    };
  };

  /** The lockdown's own history: one event per group, or one for the whole fleet. */
  function writeHistory(type: 'lockdown_started' | 'lockdown_lifted', scope: LockdownScope, actor: string, date: string) {
    const base: NewEvent = { lockid: null, lockname: null, event_type: type, userid: null, username: null, method: 'system', event_date: date, battery_level: null, actor };
    if (!('groupids' in scope)) {
      events.insert(base);
      return;
    }
    for (const group of groupsByIds.all(JSON.stringify(scope.groupids))) events.insert({ ...base, groupid: group.groupid, groupname: group.groupname });
  }

  const start = db.transaction((scope: LockdownScope, actor: LockdownActor): Lockdown => {
    if ('groupids' in scope) {
      const known = new Set(groupsByIds.all(JSON.stringify(scope.groupids)).map((g) => g.groupid));
      const unknown = [...new Set(scope.groupids)].filter((id) => !known.has(id));
      if (unknown.length > 0) throw new UnknownGroupsError(unknown);
    }
    const date = toPlatformDate(now());
    const scoped = 'groupids' in scope ? groupLocks.all(JSON.stringify(scope.groupids)) : allLocks.all();
    const lockdownid = Number(insertLockdown.run(JSON.stringify(scope), actor.name, date).lastInsertRowid);
    writeHistory('lockdown_started', scope, actor.name, date);
    for (const lock of scoped) {
      const online = lock.lock_online_status === 1;
      insertMember.run(lockdownid, lock.lockid, online ? 0 : 1);
      if (!online) {
        markOnly.run(lock.lockid);
        continue;
      }
      markLocked.run(lock.lockid);
      if (lock.lock_open_status === 1) {
        events.insert({ lockid: lock.lockid, lockname: lock.lockname, event_type: 'locked', userid: actor.userid, username: actor.userid === null ? null : actor.name, method: 'remote', event_date: date, battery_level: null, actor: actor.name });
      }
    }
    return toLockdown(byId.get(lockdownid) as LockdownRow);
  });

  const lift = db.transaction((row: LockdownRow, actor: LockdownActor): { lockdown: Lockdown; released: string[] } => {
    const date = toPlatformDate(now());
    setLifted.run(actor.name, date, row.lockdownid);
    endPending.run(row.lockdownid);
    const released = release.all(row.lockdownid) as string[];
    writeHistory('lockdown_lifted', JSON.parse(row.scope) as LockdownScope, actor.name, date);
    return { lockdown: toLockdown(byId.get(row.lockdownid) as LockdownRow), released };
  });

  /** Locks pending in an active lockdown that are online again (one lock, or all): locked now. */
  const lockPending = db.transaction((lockid: string | null): number => {
    let done = 0;
    for (const id of pendingBack.all(lockid, lockid) as string[]) {
      const lock = locks.rowByLockid(id);
      if (!lock) continue;
      endPendingOf.run(id);
      if (lock.lock_open_status === 1 || lock.relock_at !== null) locks.setOpen(id, 0);
      if (lock.lock_open_status === 1) {
        events.insert({ lockid: id, lockname: lock.lockname, event_type: 'locked', userid: null, username: null, method: 'system', event_date: toPlatformDate(now()), battery_level: null });
        done += 1;
      }
    }
    return done;
  });

  return {
    /** Starts a lockdown; throws UnknownGroupsError for groupids that name no group. */
    start,
    get: (lockdownid: number): Lockdown | undefined => {
      const row = byId.get(lockdownid);
      return row ? toLockdown(row) : undefined;
    },
    list: (state: 'active' | 'all'): Lockdown[] => (state === 'active' ? listActive : listAll).all().map(toLockdown),
    /** Lifts an active lockdown (undefined: no such lockdown; 'lifted': already lifted). */
    lift(lockdownid: number, actor: LockdownActor): Lockdown | undefined | 'lifted' {
      const row = byId.get(lockdownid);
      if (!row) return undefined;
      if (row.lifted_date !== null) return 'lifted';
      const { lockdown, released } = lift(row, actor);
      if (released.length > 0) deps.afterLift?.(released);
      return lockdown;
    },
    /** Locks a pending lock that is back online (`lockid`), or every such lock; returns how many doors moved. */
    lockPending: (lockid?: string) => lockPending(lockid ?? null),
  };
}
