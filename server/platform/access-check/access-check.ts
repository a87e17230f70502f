import type Database from 'better-sqlite3';
import { GRANT_METHODS } from '../../../contract/constants';
import type { DenialReason, GrantMethod } from '../../../contract/constants';
import type { AccessCheck, AccessCheckQuery } from '../../../contract/people';
import { platformDateToMs } from '../../../contract/platform-date';
import type { DoorDecision } from '../access/door-decision';
import type { Decision, GrantRule } from '../access/enforce';
import type { GrantsRepository } from '../access/grants-repository';
import type { PeopleRepository } from '../access/people-repository';
import { HttpError } from '../http/errors';
import type { LocksRepository } from '../locks/locks-repository';
import { explainAllowed, explainRefusal } from './explain';

/** Without a method, the refusal to report: the one that says most about this person at this door. */
const TELLING: readonly DenialReason[] = ['lockdown', 'suspended', 'outside_hours', 'not_yet', 'expired', 'revoked', 'wrong_method', 'no_grant'];

type Refusal = Extract<Decision, { allowed: false }>;

/**
 * "Can this person open this door now?" (`GET /api/access-check`): the door's own decision
 * (access/door-decision.ts), asked without recording anything. With a method, that method's
 * decision; without, the first method that would open the door, else the most telling refusal.
 */
export function createAccessCheck(deps: {
  db: Database.Database;
  decision: DoorDecision;
  grants: GrantsRepository;
  people: PeopleRepository;
  locks: LocksRepository;
  now: () => Date;
  timeZone: string;
}) {
  const { decision, grants, people, locks, now, timeZone } = deps;
  const roleOf = deps.db.prepare<[number], { roleid: number | null; rolename: string | null }>(
    'SELECT g.roleid, r.name AS rolename FROM grants g LEFT JOIN roles r ON r.roleid = g.roleid WHERE g.grantid = ?',
  );

  return (query: AccessCheckQuery): AccessCheck => {
    people.find(query.userid);
    const lockid = locks.resolve(query.lockid);
    const lock = lockid === undefined ? undefined : locks.rowByLockid(lockid);
    if (!lock) throw new HttpError(404, `lockid: no lock ${query.lockid} on this platform`);
    const at = query.at === undefined ? now() : new Date(platformDateToMs(query.at, timeZone) as number);
    const methods: readonly GrantMethod[] = query.method === undefined ? GRANT_METHODS : [query.method];
    const decided = methods.map((method) => ({ method, decision: decision({ lock, userid: query.userid, method, at }) }));
    const rules = grants.rulesFor(query.userid, lock.lockid);
    for (const { decision: d } of decided) {
      if (!d.allowed) continue;
      const grant = rules.find((r) => r.grantid === d.grantid) as GrantRule;
      const role = roleOf.get(d.grantid) ?? { roleid: null, rolename: null };
      return { allowed: 1, reason: null, grantid: d.grantid, ...role, explanation: explainAllowed(grant, role.rolename) };
    }
    const refusals = decided.map((d) => ({ method: d.method, reason: (d.decision as Refusal).reason }));
    const { method, reason } = refusals.sort((a, b) => TELLING.indexOf(a.reason) - TELLING.indexOf(b.reason))[0] as (typeof refusals)[number];
    return { allowed: 0, reason, grantid: null, roleid: null, rolename: null, explanation: explainRefusal(reason, method, rules, at.getTime(), timeZone) };
  };
}
