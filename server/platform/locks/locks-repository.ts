import type Database from 'better-sqlite3';
import type { PlatformLock } from '../../../contract/locks';
import { LOCK_COLUMNS, toLock } from './lock-row';
import type { LockRow } from './lock-row';
import { createLockList } from './lock-list';

export type { LockFilters, LockListOptions, LockPage, LockSetOptions } from './lock-list';
export { SCAN_ROW_COST } from './lock-list-strategies';

export type LocksRepository = ReturnType<typeof createLocksRepository>;

export function createLocksRepository(db: Database.Database) {
  const lockList = createLockList(db);
  const byLockid = db.prepare<[string], LockRow>(`SELECT ${LOCK_COLUMNS} FROM locks WHERE lockid = ?`);
  // Several locks may differ only in case: an exact match is preferred, then the first by lockid.
  const byLockidIgnoringCase = db.prepare<[string], LockRow>(
    `SELECT ${LOCK_COLUMNS} FROM locks WHERE lockid = ? COLLATE NOCASE ORDER BY lockid LIMIT 1`,
  );
  const byId = db.prepare<[number], LockRow & { id: number }>(`SELECT id, ${LOCK_COLUMNS} FROM locks WHERE id = ?`);
  const setOpen = db.prepare<[number, string | null, string]>(
    'UPDATE locks SET lock_open_status = ?, relock_at = ? WHERE lockid = ?',
  );
  const setOnline = db.prepare<[number, string, string]>(
    'UPDATE locks SET lock_online_status = ?, online_updated_date = ? WHERE lockid = ?',
  );
  const setBattery = db.prepare<[number | null, string]>('UPDATE locks SET battery_level = ? WHERE lockid = ?');
  const setTemperature = db.prepare<[number | null, string]>('UPDATE locks SET temperature = ? WHERE lockid = ?');
  const findIds = db.prepare<[number, number, number, number]>(`
    SELECT lockid FROM locks WHERE lock_online_status = 1 AND battery_level BETWEEN ? AND ?
    AND id >= ? ORDER BY id LIMIT ?`).pluck();
  const dueRelocks = db.prepare<[string, number], LockRow>(`
    SELECT ${LOCK_COLUMNS} FROM locks INDEXED BY locks_relock
    WHERE relock_at IS NOT NULL AND relock_at <= ? AND lock_online_status = 1 ORDER BY relock_at LIMIT ?`);
  const relock = db.prepare<[string, string]>(
    'UPDATE locks SET lock_open_status = 0, relock_at = NULL WHERE lockid = ? AND relock_at = ?',
  );

  /** A lock by its address, whatever its case (an exact match first). */
  function find(lockid: string): LockRow | undefined {
    return byLockid.get(lockid) ?? byLockidIgnoringCase.get(lockid);
  }

  return {
    list: lockList.list,
    summary: lockList.summary,
    get: (lockid: string): PlatformLock | undefined => {
      const row = find(lockid);
      return row ? toLock(row) : undefined;
    },
    /** The lockid a path names (its real case), or undefined. */
    resolve: (lockid: string): string | undefined => find(lockid)?.lockid,
    /** The raw row (numeric temperature) by internal id, for the simulator. */
    rowById: (id: number) => byId.get(id),
    rowByLockid: (lockid: string) => byLockid.get(lockid),
    fleetSize: lockList.fleetSize,
    /** Online locks with a battery in [min, max], from internal id `fromId` on. */
    onlineWithBattery: (min: number, max: number, fromId: number, limit: number) =>
      findIds.all(min, max, fromId, limit) as string[],
    /** Opens or closes a lock; `relockAt` (open only) is when the platform closes it again. */
    setOpen: (lockid: string, open: 0 | 1, relockAt: string | null = null) =>
      setOpen.run(open, open === 1 ? relockAt : null, lockid).changes > 0,
    setOnline: (lockid: string, online: 0 | 1, date: string) => setOnline.run(online, date, lockid).changes > 0,
    setBattery: (lockid: string, level: number | null) => setBattery.run(level, lockid).changes > 0,
    setTemperature: (lockid: string, value: number | null) => setTemperature.run(value, lockid).changes > 0,
    /** Online locks whose relock time has come (at `now`, a platform date), oldest first. */
    dueRelocks: (now: string, limit: number) => dueRelocks.all(now, limit),
    /** Closes a lock whose relock is still the one given (false when it changed meanwhile). */
    relock: (lockid: string, relockAt: string) => relock.run(lockid, relockAt).changes > 0,
  };
}
