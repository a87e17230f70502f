import type Database from 'better-sqlite3';
import type { CreatePassBody, Pass, PassStatus } from '../../../contract/people';
import { toPlatformDate } from '../../../contract/envelope';
import type { GrantsRepository } from '../access/grants-repository';
import { statementCache } from '../db/statement-cache';
import { HttpError } from '../http/errors';
import { findVisitor } from './visitor';

/** A pass's status now: `ended` by hand, else its dates read like a grant's (grant_status, enforce.ts). */
export const PASS_STATUS_SQL = `CASE WHEN p.ended_date IS NOT NULL THEN 'ended' ELSE grant_status(p.start_date, p.end_date, NULL) END`;
const LOCKIDS = `(SELECT json_group_array(lockid) FROM (SELECT g.lockid FROM grants g WHERE g.passid = p.passid AND g.lockid IS NOT NULL ORDER BY g.grantid))`;
const GROUPIDS = `(SELECT json_group_array(groupid) FROM (SELECT g.groupid FROM grants g WHERE g.passid = p.passid AND g.groupid IS NOT NULL ORDER BY g.grantid))`;
const COLUMNS = `p.passid, p.userid, u.name, u.email, ${LOCKIDS} AS lockids, ${GROUPIDS} AS groupids, p.start_date, p.end_date,
  ${PASS_STATUS_SQL} AS status, p.created_by, p.created_date, p.code_sent_date`;
const FROM = 'passes p JOIN users u ON u.userid = p.userid';

type PassRow = Omit<Pass, 'lockids' | 'groupids'> & { lockids: string; groupids: string };
const toPass = (row: PassRow): Pass => ({ ...row, lockids: JSON.parse(row.lockids) as string[], groupids: JSON.parse(row.groupids) as number[] });

/** Where a pass's keypad grants are: resolved lockids and existing groupids (the route checks them). */
export interface PassTargets {
  lockids: string[];
  groupids: number[];
}

function listPasses(prepare: ReturnType<typeof statementCache>, opts: { pagenumber: number; limit: number; status?: PassStatus }): { totalCount: number; passes: Pass[] } {
  const where = opts.status === undefined ? '' : `WHERE ${PASS_STATUS_SQL} = @status`;
  const params = opts.status === undefined ? {} : { status: opts.status };
  const totalCount = prepare(`SELECT count(*) FROM passes p ${where}`).pluck().get(params) as number;
  const offset = (opts.pagenumber - 1) * opts.limit;
  if (offset >= totalCount) return { totalCount, passes: [] };
  const rows = prepare(`SELECT ${COLUMNS} FROM ${FROM} ${where} ORDER BY p.passid DESC LIMIT @limit OFFSET @offset`).all({ ...params, limit: opts.limit, offset }) as PassRow[];
  return { totalCount, passes: rows.map(toPass) };
}

export type PassesRepository = ReturnType<typeof createPassesRepository>;

/**
 * Visitor passes (contract/people.ts): a visitor (a person with `visitor: 1`) and one keypad grant
 * per lock or group from `start_date` to `end_date`, all with one code. The code is only ever in the
 * answer of create and resend (the gateway mails it); resending issues a new one and the old one
 * stops working; ending revokes the grants.
 */
export function createPassesRepository(db: Database.Database, deps: { grants: GrantsRepository; now: () => Date }) {
  const { grants, now } = deps;
  const prepare = statementCache(db);
  const one = db.prepare<[number], PassRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE p.passid = ?`);
  const insertPass = db.prepare<[number, string, string, string | null, string, string]>(
    'INSERT INTO passes (userid, start_date, end_date, created_by, created_date, code_sent_date) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const liveGrants = db.prepare<[number], { grantid: number; lockid: string | null; groupid: number | null }>(
    'SELECT grantid, lockid, groupid FROM grants WHERE passid = ? AND revoked_date IS NULL ORDER BY grantid',
  );
  const setCode = db.prepare<[number | null, string, string, number]>('UPDATE grants SET passid = coalesce(?, passid), passcode = ?, code_sent_date = ? WHERE grantid = ?');
  const setPassSent = db.prepare<[string, number]>('UPDATE passes SET code_sent_date = ? WHERE passid = ?');
  const setEnded = db.prepare<[string | null, string, number]>('UPDATE passes SET ended_by = ?, ended_date = ?, expired_noted = 1 WHERE passid = ?');

  function found(passid: number): Pass {
    const row = one.get(passid);
    if (!row) throw new HttpError(404, `passid: no pass ${passid} on this platform`);
    return toPass(row);
  }

  /** One code, free at every lock the grants reach, on each of them (the old code stops working). */
  function issueCode(passid: number, grantRows: readonly { grantid: number; lockid: string | null; groupid: number | null }[], at: Date): string {
    const targets = grantRows.map((g) => (g.lockid !== null ? { lockid: g.lockid } : { groupid: g.groupid as number }));
    const code = grants.freePasscode(targets);
    const date = toPlatformDate(at);
    for (const g of grantRows) setCode.run(passid, code, date, g.grantid);
    setPassSent.run(date, passid);
    return code;
  }

  function liveOrConflict(passid: number, doing: string): Pass {
    const pass = found(passid);
    if (pass.status === 'ended' || pass.status === 'expired') throw new HttpError(409, `passid: pass ${passid} has already ${pass.status}; cannot ${doing} it`);
    return pass;
  }

  return {
    find: found,
    /** Newest first, optionally of one status now. */
    list: (opts: { pagenumber: number; limit: number; status?: PassStatus }) => listPasses(prepare, opts),
    /** A new pass (its visitor found by e-mail or added) and its grants, in one transaction. */
    create: (body: Omit<CreatePassBody, 'lockids' | 'groupids'>, targets: PassTargets, actor: string | null): { pass: Pass; passcode: string } =>
      db.transaction(() => {
        const at = now();
        const userid = findVisitor(db, { name: body.name.trim(), email: body.email.trim(), at });
        const passid = Number(insertPass.run(userid, body.start_date, body.end_date, actor, toPlatformDate(at), toPlatformDate(at)).lastInsertRowid);
        const schedule = { method: 'keypad' as const, start_date: body.start_date, end_date: body.end_date, weekdays: null, start_time: null, end_time: null };
        const created = [
          ...targets.lockids.map((lockid) => grants.create({ userid, lockid, groupid: null, ...schedule }, actor, at).grant),
          ...targets.groupids.map((groupid) => grants.create({ userid, lockid: null, groupid, ...schedule }, actor, at).grant),
        ];
        const passcode = issueCode(passid, created, at);
        return { pass: found(passid), passcode };
      })(),
    /** A new code for the pass's grants (409 once expired or ended). */
    resend: (passid: number): { pass: Pass; passcode: string } =>
      db.transaction(() => {
        liveOrConflict(passid, 'resend');
        const passcode = issueCode(passid, liveGrants.all(passid), now());
        return { pass: found(passid), passcode };
      })(),
    /** Ends the pass now: its grants are revoked (409 once expired or ended). */
    end: (passid: number, actor: string | null): Pass =>
      db.transaction(() => {
        liveOrConflict(passid, 'end');
        for (const g of liveGrants.all(passid)) grants.revoke(g.grantid, actor);
        setEnded.run(actor, toPlatformDate(now()), passid);
        return found(passid);
      })(),
  };
}
