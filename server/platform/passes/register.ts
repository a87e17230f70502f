import type Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { createAccessCheck } from '../access-check/access-check';
import { registerAccessCheckRoute } from '../access-check/access-check-routes';
import type { DoorDecision } from '../access/door-decision';
import type { GrantsRepository } from '../access/grants-repository';
import type { PeopleRepository } from '../access/people-repository';
import type { EventsRepository } from '../events/events-repository';
import type { LockGroupsRepository } from '../lockgroups/lockgroups-repository';
import type { LocksRepository } from '../locks/locks-repository';
import { createGrantCodeRotation } from './grant-code';
import { type PassExpiry, createPassExpiry } from './pass-expiry';
import { registerPassRoutes } from './pass-routes';
import { createPassesRepository } from './passes-repository';

/**
 * Issue 25's visitor passes, keypad code rotation and the access check: their routes, and the task
 * that notes passes running out (the caller starts and stops it with the platform).
 */
export function registerPassesAndAccessCheck(
  app: FastifyInstance,
  deps: {
    db: Database.Database;
    decision: DoorDecision;
    grants: GrantsRepository;
    people: PeopleRepository;
    locks: LocksRepository;
    groups: LockGroupsRepository;
    events: EventsRepository;
    now: () => Date;
    timeZone: string;
  },
): PassExpiry {
  const { db, grants, locks, groups, events, now } = deps;
  const passes = createPassesRepository(db, { grants, now });
  registerPassRoutes(app, { passes, grants, locks, groups, rotateCode: createGrantCodeRotation(db, { grants, now }) });
  registerAccessCheckRoute(app, createAccessCheck(deps));
  return createPassExpiry({ db, events, now });
}
