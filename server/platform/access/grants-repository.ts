import { randomInt } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Grant, GrantListQuery } from '../../../contract/access';
import type { GrantStatus } from '../../../contract/constants';
import { PASSCODE_LENGTH } from '../../../contract/constants';
import { toPlatformDate } from '../../../contract/envelope';
import type { EventsRepository } from '../events/events-repository';
import { HttpError } from '../http/errors';
import { statementCache } from '../db/statement-cache';
import { type GrantRule, grantStatus, inSchedule } from './enforce';

/**
 * `grant_status(start_date, end_date, revoked_date)` in SQL: the status now, by the same rule as
 * the door (enforce.ts), so that a list filtered by status and the statuses it shows agree.
 */
export function registerGrantStatus(db: Database.Database, now: () => Date, timeZone: string): void {
  db.function('grant_status', { deterministic: false }, (start: unknown, end: unknown, revoked: unknown) =>
    grantStatus(
      {
        grantid: 0,
        method: 'app',
        start_date: typeof start === 'string' ? start : null,
        end_date: typeof end === 'string' ? end : null,
        weekdays: null,
        start_time: null,
        end_time: null,
        revoked_date: typeof revoked === 'string' ? revoked : null,
      },
      now().getTime(),
      timeZone,
    ),
  );
}

const STATUS_SQL = 'grant_status(g.start_date, g.end_date, g.revoked_date)';
const COLUMNS = `g.grantid, g.userid, u.name AS username, g.lockid, l.lockname, g.groupid,
  coalesce(lg.groupname, g.groupname) AS groupname, g.method, g.start_date, g.end_date, g.weekdays, g.start_time, g.end_time,
  ${STATUS_SQL} AS status, g.created_by, g.created_date, g.revoked_by, g.revoked_date,
  g.roleid, CASE WHEN g.roleid IS NULL THEN NULL ELSE coalesce(r.name, g.rolename) END AS rolename, g.passid, g.code_sent_date`;
const FROM = `grants g JOIN users u ON u.userid = g.userid
  LEFT JOIN locks l ON l.lockid = g.lockid LEFT JOIN lockgroups lg ON lg.groupid = g.groupid
  LEFT JOIN roles r ON r.roleid = g.roleid`;
const ORDER = `CASE ${STATUS_SQL} WHEN 'active' THEN 0 WHEN 'scheduled' THEN 1 WHEN 'expired' THEN 2 ELSE 3 END,
  u.name COLLATE NOCASE, g.grantid`;
/** The grants that reach a lock (by its lockid): its own, and those of the groups it is in now. */
const REACHES_LOCK = `(g.lockid = @lockid OR g.groupid IN (
  SELECT m.groupid FROM lockgroup_members m INDEXED BY lockgroup_members_by_lock WHERE m.lock_id = (SELECT id FROM locks WHERE lockid = @lockid)))`;
const RULE_COLUMNS = 'g.grantid, g.method, g.start_date, g.end_date, g.weekdays, g.start_time, g.end_time, g.revoked_date';

/** A grant that reaches a lock, with its person (who may use the door under it). */
export interface Holder extends GrantRule {
  userid: number;
  username: string;
}

/** A grant to write: its person, its lock or group, and the rule (enforce.ts reads the same columns). */
export interface NewGrant extends Omit<GrantRule, 'grantid' | 'revoked_date'> {
  userid: number;
  /** The lock's real lockid (resolved), or null for a group grant. */
  lockid: string | null;
  groupid: number | null;
  /** A member's grant from a role template (people/roles-repository.ts). */
  roleid?: number | null;
  role_grantid?: number | null;
  /** A visitor pass's grant. */
  passid?: number | null;
}

/** Codes a person could guess: one digit repeated, or a run up or down ("123456", "987654"). */
export function isGuessable(code: string): boolean {
  const digits = [...code].map(Number);
  const steps = new Set(digits.slice(1).map((d, i) => (d - (digits[i] as number) + 10) % 10));
  return steps.size === 1 && [0, 1, 9].includes([...steps][0] as number);
}

export type GrantsRepository = ReturnType<typeof createGrantsRepository>;

/**
 * Access grants: listing (status computed now), creating (a keypad grant gets a code unique among
 * the live codes of every lock it reaches), revoking (kept as history) and what the door needs.
 * Every grant and revoke writes its `access_granted` / `access_revoked` event with the actor.
 */
export function createGrantsRepository(
  db: Database.Database,
  deps: { now: () => Date; timeZone: string; events: EventsRepository; random?: (below: number) => number },
) {
  const { now, timeZone, events } = deps;
  const random = deps.random ?? ((below: number) => randomInt(below));
  registerGrantStatus(db, now, timeZone);
  const prepare = statementCache(db);

  const one = db.prepare<[number], Grant>(`SELECT ${COLUMNS} FROM ${FROM} WHERE g.grantid = ?`);
  const insert = db.prepare(`
    INSERT INTO grants (userid, lockid, groupid, groupname, method, start_date, end_date, weekdays, start_time, end_time,
      passcode, created_by, created_date, roleid, role_grantid, rolename, passid)
    VALUES (@userid, @lockid, @groupid, @groupname, @method, @start_date, @end_date, @weekdays, @start_time, @end_time,
      @passcode, @created_by, @created_date, @roleid, @role_grantid, (SELECT name FROM roles WHERE roleid = @roleid), @passid)`);
  const revoke = db.prepare<[string | null, string, number]>(
    'UPDATE grants SET revoked_by = ?, revoked_date = ? WHERE grantid = ? AND revoked_date IS NULL',
  );
  const passcodeOf = db.prepare<[number], { passcode: string | null }>('SELECT passcode FROM grants WHERE grantid = ?');
  const rulesFor = db.prepare<[{ lockid: string; userid: number }], GrantRule>(
    `SELECT ${RULE_COLUMNS} FROM grants g WHERE ${REACHES_LOCK} AND g.userid = @userid ORDER BY g.grantid`,
  );
  const holders = db.prepare<[{ lockid: string }], Holder>(`
    SELECT ${RULE_COLUMNS}, g.userid, u.name AS username FROM grants g JOIN users u ON u.userid = g.userid
    WHERE ${REACHES_LOCK} ORDER BY g.grantid`);
  const liveOfPerson = db.prepare<[number], { grantid: number }>(
    `SELECT g.grantid FROM grants g WHERE g.userid = ? AND g.revoked_date IS NULL AND ${STATUS_SQL} <> 'expired' ORDER BY g.grantid`,
  );
  const liveOfGroup = db.prepare<[number], { grantid: number }>(
    'SELECT g.grantid FROM grants g WHERE g.groupid = ? AND g.revoked_date IS NULL ORDER BY g.grantid',
  );
  const keepGroupName = db.prepare<[string, number]>('UPDATE grants SET groupname = ? WHERE groupid = ?');
  const LIVE_CODE = `g.method = 'keypad' AND g.revoked_date IS NULL AND ${STATUS_SQL} <> 'expired'`;
  const codesAtLock = db
    .prepare<[{ lockid: string }], string>(`SELECT g.passcode FROM grants g WHERE ${LIVE_CODE} AND ${REACHES_LOCK}`)
    .pluck();
  const codesAtGroup = db
    .prepare<[{ groupid: number }], string>(`
      SELECT g.passcode FROM grants g WHERE ${LIVE_CODE} AND (
        g.groupid = @groupid
        OR g.groupid IN (SELECT m2.groupid FROM lockgroup_members m
          CROSS JOIN lockgroup_members m2 INDEXED BY lockgroup_members_by_lock ON m2.lock_id = m.lock_id WHERE m.groupid = @groupid)
        OR g.lockid IN (SELECT l.lockid FROM lockgroup_members m CROSS JOIN locks l ON l.id = m.lock_id WHERE m.groupid = @groupid))`)
    .pluck();
  const sharedCodeAt = db
    .prepare<[{ lockid: string }], string>(`SELECT g.passcode FROM grants g WHERE ${LIVE_CODE} AND ${REACHES_LOCK} GROUP BY g.passcode HAVING count(*) > 1 LIMIT 1`)
    .pluck();
  const groupName = db.prepare<[number], string>('SELECT groupname FROM lockgroups WHERE groupid = ?').pluck();

  function found(grantid: number): Grant {
    const grant = one.get(grantid);
    if (!grant) throw new HttpError(404, `grantid: no grant ${grantid} on this platform`);
    return grant;
  }

  /** A fresh code: not guessable, and unused among the live codes of every lock these targets reach. */
  function newPasscode(...targets: readonly ({ lockid: string } | { groupid: number })[]): string {
    const taken = new Set(targets.flatMap((target) => ('lockid' in target ? codesAtLock.all(target) : codesAtGroup.all(target))));
    const space = 10 ** PASSCODE_LENGTH;
    for (let attempt = 0; attempt < 1000; attempt += 1) {
      const code = String(random(space)).padStart(PASSCODE_LENGTH, '0');
      if (!taken.has(code) && !isGuessable(code)) return code;
    }
    throw new HttpError(409, 'No free keypad code is left for these locks');
  }

  function accessEvent(grant: Grant, type: 'access_granted' | 'access_revoked', actor: string | null, at: Date) {
    events.insert({
      lockid: grant.lockid,
      lockname: grant.lockid === null ? null : grant.lockname,
      event_type: type,
      userid: grant.userid,
      username: grant.username,
      method: grant.method,
      event_date: toPlatformDate(at),
      battery_level: null,
      actor,
      groupid: grant.groupid,
      groupname: grant.groupid === null ? null : grant.groupname,
    });
  }

  function revokeOne(grantid: number, actor: string | null): Grant {
    const at = now();
    if (revoke.run(actor, toPlatformDate(at), grantid).changes === 0) {
      found(grantid);
      throw new HttpError(409, `grantid: grant ${grantid} is already revoked`);
    }
    const grant = found(grantid);
    accessEvent(grant, 'access_revoked', actor, at);
    return grant;
  }

  return {
    get: (grantid: number): Grant | undefined => one.get(grantid),
    /**
     * Of these locks, those where two live keypad grants share a code (a lock just added to a group
     * can meet the group's codes there): a code must name one person at a door.
     */
    locksWithSharedCode: (lockids: readonly string[]): string[] => lockids.filter((lockid) => sharedCodeAt.get({ lockid }) !== undefined),
    /** One grant, or a 404 naming it. */
    find: found,
    list(filters: Omit<GrantListQuery, 'pagenumber' | 'limit'>, pagenumber: number, limit: number): { totalCount: number; grants: Grant[] } {
      const conditions: string[] = [];
      const params: Record<string, unknown> = {};
      if (filters.lockid !== undefined) {
        conditions.push(REACHES_LOCK);
        params.lockid = filters.lockid;
      }
      if (filters.groupid !== undefined) {
        conditions.push('g.groupid = @groupid');
        params.groupid = filters.groupid;
      }
      if (filters.userid !== undefined) {
        conditions.push('g.userid = @userid');
        params.userid = filters.userid;
      }
      if (filters.status !== undefined) {
        const statuses = [...new Set(filters.status)];
        statuses.forEach((status, i) => (params[`status${i}`] = status));
        conditions.push(`${STATUS_SQL} IN (${statuses.map((_, i) => `@status${i}`).join(', ')})`);
      }
      const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
      const totalCount = prepare(`SELECT count(*) FROM ${FROM} ${where}`).pluck().get(params) as number;
      const offset = (pagenumber - 1) * limit;
      if (offset >= totalCount) return { totalCount, grants: [] };
      const grants = prepare(`SELECT ${COLUMNS} FROM ${FROM} ${where} ORDER BY ${ORDER} LIMIT @limit OFFSET @offset`).all({
        ...params,
        limit,
        offset,
      }) as Grant[];
      return { totalCount, grants };
    },
    /**
     * Creates a grant (the caller has checked that the person, lock or group exist) and writes its
     * `access_granted` event; a keypad grant gets its code. In one transaction.
     */
    create: (input: NewGrant, actor: string | null, at: Date = now()): { grant: Grant; passcode?: string } =>
      db.transaction(() => {
        const passcode =
          input.method === 'keypad' ? newPasscode(input.lockid !== null ? { lockid: input.lockid } : { groupid: input.groupid as number }) : null;
        const grantid = Number(
          insert.run({
            ...input,
            roleid: input.roleid ?? null,
            role_grantid: input.role_grantid ?? null,
            passid: input.passid ?? null,
            groupname: input.groupid === null ? null : (groupName.get(input.groupid) ?? null),
            passcode,
            created_by: actor,
            created_date: toPlatformDate(at),
          }).lastInsertRowid,
        );
        const grant = found(grantid);
        accessEvent(grant, 'access_granted', actor, at);
        return passcode === null ? { grant } : { grant, passcode };
      })(),
    /**
     * A code free at every lock these targets reach (a visitor pass's grants share one; a new code
     * for a grant differs from its current one, which is still live while this looks).
     */
    freePasscode: (targets: readonly ({ lockid: string } | { groupid: number })[]): string => newPasscode(...targets),
    /**
     * Revokes one grant (kept, status `revoked`); 409 when it already was, and for a grant from a role
     * (the person leaves the role instead).
     */
    revoke: (grantid: number, actor: string | null): Grant =>
      db.transaction(() => {
        const grant = found(grantid);
        if (grant.roleid != null && grant.status !== 'revoked') {
          throw new HttpError(409, `grantid: grant ${grantid} comes from role '${grant.rolename ?? grant.roleid}': remove the person from the role`);
        }
        return revokeOne(grantid, actor);
      })(),
    /** Revokes one grant whatever it comes from (a role's change, a member leaving; in the caller's transaction). */
    revokeAny: (grantid: number, actor: string | null): Grant => revokeOne(grantid, actor),
    /** Offboarding: revokes every grant of the person that is active or scheduled; how many. */
    revokeAllOf: (userid: number, actor: string | null): number =>
      db.transaction(() => {
        const live = liveOfPerson.all(userid);
        for (const { grantid } of live) revokeOne(grantid, actor);
        return live.length;
      })(),
    /** A group is being deleted: its grants end (revoked, keeping the group's name). Call inside the deletion's transaction. */
    endGroupGrants(groupid: number, actor: string | null): number {
      const name = groupName.get(groupid);
      if (name !== undefined) keepGroupName.run(name, groupid);
      const live = liveOfGroup.all(groupid);
      for (const { grantid } of live) revokeOne(grantid, actor);
      return live.length;
    },
    /** The keypad code of a live keypad grant (404 no grant or no code, 409 when it no longer works). */
    passcode(grantid: number): string {
      const grant = found(grantid);
      const code = passcodeOf.get(grantid)?.passcode ?? null;
      if (code === null) throw new HttpError(404, `grantid: grant ${grantid} is a ${grant.method} grant and has no keypad code`);
      if (grant.status === 'revoked' || grant.status === 'expired') {
        throw new HttpError(409, `grantid: grant ${grantid} is ${grant.status}; its code no longer opens anything`);
      }
      return code;
    },
    /** Every grant of the person that reaches the lock (any status): what the door decides on. */
    rulesFor: (userid: number, lockid: string): GrantRule[] => rulesFor.all({ lockid, userid }),
    /** Every grant that reaches the lock (revoked ones too), with its person. */
    holdersOf: (lockid: string): Holder[] => holders.all({ lockid }),
    statusNow: (rule: GrantRule): GrantStatus => grantStatus(rule, now().getTime(), timeZone),
    /** The grant lets its person through now (active, and its schedule covers now). */
    allowsNow: (rule: GrantRule): boolean => {
      const at = now().getTime();
      return grantStatus(rule, at, timeZone) === 'active' && inSchedule(rule, at, timeZone);
    },
  };
}
