import type Database from 'better-sqlite3';
import type { Person, PersonListQuery } from '../../../contract/access';
import { toPlatformDate } from '../../../contract/envelope';
import type { PersonStatus } from '../../../contract/people';
import { HttpError } from '../http/errors';
import { statementCache } from '../db/statement-cache';
import { searchWords, searchableText } from '../locks/lock-search';

/**
 * The people who use the doors: rows of `users` with role `person` (the same ids as events'
 * `userid`); dashboard accounts are never people. `grant_count` counts grants active or scheduled
 * now (grant_status, registered by the grants repository). Issue 25 adds the lifecycle fields
 * (contract/people.ts): status, department, tags, roles, suspension, visitor, and the person's
 * latest door use and latest refusal (from the history, through the `events_by_user` index).
 */
const LATEST_EVENT = (condition: string, extra: string) => `(SELECT json_object('lockid', e.lockid,
    'lockname', coalesce((SELECT l.lockname FROM locks l WHERE l.lockid = e.lockid), e.lockname), 'date', e.event_date${extra})
  FROM events e INDEXED BY events_by_user WHERE e.userid = u.userid AND e.lockid IS NOT NULL AND ${condition}
  ORDER BY e.event_date DESC, e.eventid DESC LIMIT 1)`;
const COLUMNS = `u.userid, u.name AS username, u.email, u.phone,
  (SELECT count(*) FROM grants g WHERE g.userid = u.userid AND g.revoked_date IS NULL
    AND grant_status(g.start_date, g.end_date, g.revoked_date) <> 'expired') AS grant_count,
  coalesce(u.created_date, '1970-01-01 00:00:00') AS created_date,
  u.status, u.department, u.tags, u.suspended_reason, u.suspended_until, u.visitor,
  (SELECT json_group_array(m.roleid) FROM (SELECT roleid FROM role_members WHERE userid = u.userid ORDER BY roleid) m) AS roleids,
  ${LATEST_EVENT(`e.event_type = 'unlocked' AND e.method <> 'remote'`, '')} AS last_used,
  ${LATEST_EVENT(`e.event_type = 'access_denied'`, `, 'reason', e.reason`)} AS last_denied`;

/** A row as SQLite gives it: the JSON columns still text. */
type PersonRow = Omit<Person, 'tags' | 'roleids' | 'last_used' | 'last_denied'> & {
  tags: string;
  roleids: string;
  last_used: string | null;
  last_denied: string | null;
};
const toPerson = (row: PersonRow): Person => ({
  ...row,
  tags: JSON.parse(row.tags) as string[],
  roleids: JSON.parse(row.roleids) as number[],
  last_used: row.last_used === null ? null : (JSON.parse(row.last_used) as Person['last_used']),
  last_denied: row.last_denied === null ? null : (JSON.parse(row.last_denied) as Person['last_denied']),
});

/** The phone number without its separators, so that "5550100" finds "+1 555-0100". */
const PHONE_DIGITS = `replace(replace(replace(replace(coalesce(u.phone, ''), ' ', ''), '(', ''), ')', ''), '+', '')`;
/** Name, email and phone as the search reads them (ASCII case and apostrophes ignored, like the event search). */
const HAYSTACK = `${searchableText(`lower(u.name || char(31) || coalesce(u.email, '') || char(31) || coalesce(u.phone, '') || char(31) || ${PHONE_DIGITS})`)}`;

export type PeopleRepository = ReturnType<typeof createPeopleRepository>;
export type PersonFilters = Omit<PersonListQuery, 'pagenumber' | 'limit'>;
export interface NewPerson {
  username: string;
  email?: string | null;
  phone?: string | null;
  department?: string | null;
  tags?: string[];
  visitor?: 0 | 1;
}
export type PersonChange = Partial<Omit<NewPerson, 'visitor'>>;

/** The WHERE of a list: the search words, and the filters (archived people only when asked for). */
function listWhere(filters: PersonFilters): { where: string; params: Record<string, unknown> } {
  const words = searchWords(filters.searchkey);
  const conditions = ["u.role = 'person'", ...words.map((_, i) => `instr(${HAYSTACK}, @w${i}) > 0`)];
  const params: Record<string, unknown> = Object.fromEntries(words.map((w, i) => [`w${i}`, w]));
  if (filters.status !== undefined) {
    conditions.push('u.status = @status');
    params.status = filters.status;
  } else conditions.push("u.status <> 'archived'");
  if (filters.roleid !== undefined) {
    conditions.push('u.userid IN (SELECT userid FROM role_members WHERE roleid = @roleid)');
    params.roleid = filters.roleid;
  }
  if (filters.department !== undefined) {
    conditions.push('u.department = @department COLLATE NOCASE');
    params.department = filters.department;
  }
  if (filters.visitor !== undefined) {
    conditions.push('u.visitor = @visitor');
    params.visitor = Number(filters.visitor);
  }
  return { where: conditions.join(' AND '), params };
}

export function createPeopleRepository(db: Database.Database, now: () => Date) {
  const prepare = statementCache(db);
  const one = db.prepare<[number], PersonRow>(`SELECT ${COLUMNS} FROM users u WHERE u.userid = ? AND u.role = 'person'`);
  const emailTaken = db.prepare<[string, number], string>('SELECT name FROM users WHERE email = ? AND userid <> ?').pluck();
  const insert = db.prepare(
    `INSERT INTO users (name, email, phone, role, password_hash, created_date, department, tags, visitor)
     VALUES (@username, @email, @phone, 'person', NULL, @created_date, @department, @tags, @visitor)`,
  );
  const setters = {
    username: db.prepare<[string, number]>('UPDATE users SET name = ? WHERE userid = ?'),
    email: db.prepare<[string | null, number]>('UPDATE users SET email = ? WHERE userid = ?'),
    phone: db.prepare<[string | null, number]>('UPDATE users SET phone = ? WHERE userid = ?'),
    department: db.prepare<[string | null, number]>('UPDATE users SET department = ? WHERE userid = ?'),
    tags: db.prepare<[string, number]>('UPDATE users SET tags = ? WHERE userid = ?'),
  };

  function get(userid: number): Person | undefined {
    const row = one.get(userid);
    return row && toPerson(row);
  }

  function found(userid: number, field = 'userid'): Person {
    const person = get(userid);
    if (!person) throw new HttpError(404, `${field}: no person ${userid} on this platform`);
    return person;
  }

  /** A person who may still be changed: 404 unknown, 409 archived. */
  function changeable(userid: number, field = 'userid'): Person {
    const person = found(userid, field);
    if (person.status === 'archived') throw new HttpError(409, `${field}: ${person.username} is archived`);
    return person;
  }

  function checkEmailFree(email: string | null | undefined, userid: number): void {
    if (email === null || email === undefined) return;
    if (emailTaken.get(email, userid) !== undefined) throw new HttpError(409, `email: ${email} already belongs to someone else`);
  }

  return {
    get,
    /** One person, or a 404 naming the field. */
    find: found,
    changeable,
    /** Every word of the search in the name, email or phone, and the filters; in name order. */
    list(opts: { pagenumber: number; limit: number } & PersonFilters): { totalCount: number; people: Person[] } {
      const { where, params } = listWhere(opts);
      const totalCount = prepare(`SELECT count(*) FROM users u WHERE ${where}`).pluck().get(params) as number;
      const offset = (opts.pagenumber - 1) * opts.limit;
      if (offset >= totalCount) return { totalCount, people: [] };
      // The page first, then its columns (the latest door use is read for the page's rows only).
      const rows = prepare(
        `SELECT ${COLUMNS} FROM (SELECT u.userid FROM users u WHERE ${where} ORDER BY u.name COLLATE NOCASE, u.userid LIMIT @limit OFFSET @offset) p
         CROSS JOIN users u ON u.userid = p.userid ORDER BY u.name COLLATE NOCASE, u.userid`,
      ).all({ ...params, limit: opts.limit, offset }) as PersonRow[];
      return { totalCount, people: rows.map(toPerson) };
    },
    create: (person: NewPerson): Person =>
      db.transaction(() => {
        checkEmailFree(person.email, 0);
        const userid = Number(
          insert.run({
            username: person.username,
            email: person.email ?? null,
            phone: person.phone ?? null,
            created_date: toPlatformDate(now()),
            department: person.department ?? null,
            tags: JSON.stringify(person.tags ?? []),
            visitor: person.visitor ?? 0,
          }).lastInsertRowid,
        );
        return found(userid);
      })(),
    update: (userid: number, change: PersonChange): Person =>
      db.transaction(() => {
        changeable(userid);
        if (change.username !== undefined) setters.username.run(change.username, userid);
        if (change.email !== undefined) {
          checkEmailFree(change.email, userid);
          setters.email.run(change.email, userid);
        }
        if (change.phone !== undefined) setters.phone.run(change.phone, userid);
        if (change.department !== undefined) setters.department.run(change.department, userid);
        if (change.tags !== undefined) setters.tags.run(JSON.stringify(change.tags), userid);
        return found(userid);
      })(),
    /** Sets the lifecycle columns (people/lifecycle.ts decides what may change). */
    setStatus(userid: number, status: PersonStatus, suspension: { reason: string; until: string | null } | null, at: Date): void {
      prepare(
        `UPDATE users SET status = @status, suspended_reason = @reason, suspended_until = @until,
          archived_date = CASE WHEN @status = 'archived' THEN @at ELSE archived_date END WHERE userid = @userid`,
      ).run({ userid, status, reason: suspension?.reason ?? null, until: suspension?.until ?? null, at: toPlatformDate(at) });
    },
  };
}
