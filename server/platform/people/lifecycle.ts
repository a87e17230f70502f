import type Database from 'better-sqlite3';
import type { Person } from '../../../contract/access';
import { formatInZone, platformDateToMs } from '../../../contract/platform-date';
import type { GrantsRepository } from '../access/grants-repository';
import type { PeopleRepository } from '../access/people-repository';
import { HttpError } from '../http/errors';
import { repeatingTask } from '../repeating-task';
import type { RolesRepository } from './roles-repository';

/** How often the platform looks for suspensions whose `suspended_until` has come. */
export const RESUME_CHECK_MS = 1000;

export type Lifecycle = ReturnType<typeof createLifecycle>;

/**
 * A person's lifecycle (contract/people.ts): suspended (door uses refused with reason `suspended`,
 * grants kept), reactivated by hand or at `suspended_until` (wall clock, PLUS_TIMEZONE), archived
 * (every grant revoked, every role left, hidden from lists; history keeps them). An archived person
 * cannot be acted on (409).
 */
export function createLifecycle(deps: {
  db: Database.Database;
  people: PeopleRepository;
  grants: GrantsRepository;
  roles: RolesRepository;
  now: () => Date;
  timeZone: string;
}) {
  const { db, people, grants, roles, now, timeZone } = deps;
  const dueResumes = db
    .prepare<[string], number>(`SELECT userid FROM users WHERE suspended_until IS NOT NULL AND suspended_until <= ? AND status = 'suspended' ORDER BY userid`)
    .pluck();

  const resumeDue = db.transaction((): number => {
    const due = dueResumes.all(formatInZone(now().getTime(), timeZone));
    for (const userid of due) people.setStatus(userid, 'active', null, now());
    return due.length;
  });

  return {
    suspend: (userid: number, body: { reason: string; until?: string | null }): Person =>
      db.transaction(() => {
        people.changeable(userid);
        const until = body.until ?? null;
        if (until !== null && (platformDateToMs(until, timeZone) ?? 0) <= now().getTime()) throw new HttpError(400, 'until: must be in the future');
        people.setStatus(userid, 'suspended', { reason: body.reason, until }, now());
        return people.find(userid);
      })(),
    reactivate: (userid: number): Person =>
      db.transaction(() => {
        const person = people.changeable(userid);
        if (person.status !== 'suspended') throw new HttpError(409, `userid: ${person.username} is not suspended`);
        people.setStatus(userid, 'active', null, now());
        return people.find(userid);
      })(),
    /** Ends everything the person can open (role grants with their memberships), then hides them. */
    archive: (userid: number, actor: string | null): Person =>
      db.transaction(() => {
        people.changeable(userid);
        roles.leaveAll(userid, actor);
        grants.revokeAllOf(userid, actor);
        people.setStatus(userid, 'archived', null, now());
        return people.find(userid);
      })(),
    /** Offboarding without archiving (`POST /api/people/:userid/revoke`): roles left, every grant revoked; how many. */
    revokeAll: (userid: number, actor: string | null): number =>
      db.transaction(() => roles.leaveAll(userid, actor) + grants.revokeAllOf(userid, actor))(),
    /** Reactivates everyone whose suspension has run out (what the timer does); how many. */
    resumeDue: () => resumeDue(),
  };
}

export interface Resumer {
  start(): void;
  stop(): void;
  /** Reactivates every person whose `suspended_until` has come; how many. */
  run(): number;
  readonly running: boolean;
}

/** The timer that ends suspensions at `suspended_until`, on the platform's clock. */
export function createResumer(lifecycle: Lifecycle): Resumer {
  const task = repeatingTask(() => lifecycle.resumeDue(), RESUME_CHECK_MS, 'suspension resume');
  return {
    start: () => task.start(),
    stop: () => task.stop(),
    run: () => lifecycle.resumeDue(),
    get running() {
      return task.running;
    },
  };
}
