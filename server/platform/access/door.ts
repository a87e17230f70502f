import type Database from 'better-sqlite3';
import type { DenialReason, GrantMethod } from '../../../contract/constants';
import { toPlatformDate } from '../../../contract/envelope';
import type { EventsRepository } from '../events/events-repository';
import type { LocksRepository } from '../locks/locks-repository';
import { type DoorDecision, createDoorDecision } from './door-decision';
import type { GrantsRepository } from './grants-repository';

/** A person at a door, trying to open it with a method (the simulator; tests through the platform's hook). */
export interface DoorUse {
  userid: number;
  /** The lock's lockid (its case is ignored, like the lock routes). */
  lockid: string;
  method: GrantMethod;
  /**
   * When (default: the platform's clock). The event is written with this date: keep it at or after
   * the newest event, or the history's id order no longer follows its dates.
   */
  at?: Date;
}

export type DoorUseResult =
  | { allowed: true; grantid: number; eventid: number; lockid: string; heldOpen?: true }
  | { allowed: false; reason: DenialReason; eventid: number; lockid: string };

export type Door = ReturnType<typeof createDoor>;

/**
 * The door: decides a use by the person's grants that reach the lock (enforce.ts) and records it.
 * Allowed: an `unlocked` event with the person and method, and the lock unlocked (when `open`).
 * Refused: an `access_denied` event with the reason; the lock does not move.
 */
export function createDoor(deps: {
  db: Database.Database;
  grants: GrantsRepository;
  events: EventsRepository;
  locks: LocksRepository;
  now: () => Date;
  timeZone: string;
  /** First person in (schedules/scheduler.ts): an allowed use during a waiting window; true when it unlocked the door for the rest of it. */
  firstPersonIn?: (lockid: string, at: Date) => boolean;
  /** What decides a use (default: door-decision.ts over these grants); the access check shares it. */
  decision?: DoorDecision;
}) {
  const { db, grants, events, locks, now, timeZone } = deps;
  const decision = deps.decision ?? createDoorDecision({ db, grants, timeZone });
  const personName = db.prepare<[number], string>(`SELECT name FROM users WHERE userid = ? AND role = 'person'`).pluck();

  function attempt(use: DoorUse, opts: { open: boolean }): DoorUseResult {
    return db.transaction((): DoorUseResult => {
      const lockid = locks.resolve(use.lockid);
      const lock = lockid === undefined ? undefined : locks.rowByLockid(lockid);
      if (!lock) throw new Error(`door use: no lock ${use.lockid}`);
      const username = personName.get(use.userid);
      if (username === undefined) throw new Error(`door use: no person ${use.userid}`);
      const at = use.at ?? now();
      const decided = decision({ lock, userid: use.userid, method: use.method, at });
      const base = {
        lockid: lock.lockid,
        lockname: lock.lockname,
        userid: use.userid,
        username,
        method: use.method,
        event_date: toPlatformDate(at),
        battery_level: null,
      };
      if (!decided.allowed) {
        const eventid = events.insert({ ...base, event_type: 'access_denied', reason: decided.reason });
        return { allowed: false, reason: decided.reason, eventid, lockid: lock.lockid };
      }
      if (opts.open) locks.setOpen(lock.lockid, 1);
      const eventid = events.insert({ ...base, event_type: 'unlocked' });
      const heldOpen = deps.firstPersonIn?.(lock.lockid, at) === true;
      return { allowed: true, grantid: decided.grantid, eventid, lockid: lock.lockid, ...(heldOpen && { heldOpen }) };
    })();
  }

  return {
    attempt,
    /**
     * The test hook (in-process only, never a route): the person tries the door now (or `at`).
     * Allowed, they pass and the door relocks behind them (`unlocked`, then `locked` by the
     * system); refused, an `access_denied` event with the reason.
     */
    use(use: DoorUse): DoorUseResult {
      const result = attempt(use, { open: false });
      // The door relocks behind them, unless a first person in opened it for the rest of the window.
      if (result.allowed && !result.heldOpen) {
        const lock = locks.rowByLockid(result.lockid);
        if (lock) {
          events.insert({
            lockid: lock.lockid,
            lockname: lock.lockname,
            event_type: 'locked',
            userid: null,
            username: null,
            method: 'system',
            event_date: toPlatformDate(use.at ?? now()),
            battery_level: null,
          });
        }
      }
      return result;
    },
  };
}
