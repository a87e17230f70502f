import type Database from 'better-sqlite3';
import type { GrantMethod } from '../../../contract/constants';
import { type Decision, type PersonStanding, decideUse } from './enforce';
import type { GrantsRepository } from './grants-repository';

/** A door use to judge: the lock as it is now (resolved lockid, lockdown flag), the person, the method, the instant. */
export interface DoorQuestion {
  lock: { lockid: string; lockdown?: number };
  userid: number;
  method: GrantMethod;
  at: Date;
}

export type DoorDecision = (question: DoorQuestion) => Decision;

/**
 * The one decision of a door use, in order (enforce.ts decideUse): the lock's state (a lockdown
 * refuses everyone), then the person (a suspension), then their grants that reach the lock. The door
 * (door.ts) records what this says; `GET /api/access-check` reports it without recording anything, so
 * the two cannot disagree.
 */
export function createDoorDecision(deps: { db: Database.Database; grants: Pick<GrantsRepository, 'rulesFor'>; timeZone: string }): DoorDecision {
  const { grants, timeZone } = deps;
  const standingOf = deps.db.prepare<[number], PersonStanding>(`SELECT status, suspended_until FROM users WHERE userid = ?`);
  return ({ lock, userid, method, at }) =>
    decideUse({
      lockdown: lock.lockdown === 1,
      person: standingOf.get(userid) ?? { status: 'active', suspended_until: null },
      grants: grants.rulesFor(userid, lock.lockid),
      method,
      instant: at.getTime(),
      timeZone,
    });
}
