import type { GrantMethod } from '../../../contract/constants';
import { type Decision, decide } from './enforce';
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
 * The one decision of a door use, in order: the lock's state (a lockdown refuses everyone), then
 * the person (where a person-level refusal such as `suspended` belongs), then their grants that reach
 * the lock (enforce.ts). The door (door.ts) records what this says; `GET /api/access-check` reports
 * it without recording anything, so the two cannot disagree.
 */
export function createDoorDecision(deps: { grants: Pick<GrantsRepository, 'rulesFor'>; timeZone: string }): DoorDecision {
  const { grants, timeZone } = deps;
  return ({ lock, userid, method, at }) => {
    if (lock.lockdown === 1) return { allowed: false, reason: 'lockdown' };
    return decide(grants.rulesFor(userid, lock.lockid), method, at.getTime(), timeZone);
  };
}
