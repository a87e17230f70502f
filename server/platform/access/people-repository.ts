import type Database from 'better-sqlite3';
import type { Person } from '../../../contract/access';
import { toPlatformDate } from '../../../contract/envelope';
import { HttpError } from '../http/errors';
import { statementCache } from '../db/statement-cache';
import { searchWords, searchableText } from '../locks/lock-search';

/**
 * The people who use the doors: rows of `users` with role `person` (the same ids as events'
 * `userid`); dashboard accounts are never people. `grant_count` counts grants active or scheduled
 * now (grant_status, registered by the grants repository).
 */
const COLUMNS = `u.userid, u.name AS username, u.email, u.phone,
  (SELECT count(*) FROM grants g WHERE g.userid = u.userid AND g.revoked_date IS NULL
    AND grant_status(g.start_date, g.end_date, g.revoked_date) <> 'expired') AS grant_count,
  coalesce(u.created_date, '1970-01-01 00:00:00') AS created_date`;

/** The phone number without its separators, so that "5550100" finds "+1 555-0100". */
const PHONE_DIGITS = `replace(replace(replace(replace(coalesce(u.phone, ''), ' ', ''), '(', ''), ')', ''), '+', '')`;
/** Name, email and phone as the search reads them (ASCII case and apostrophes ignored, like the event search). */
const HAYSTACK = `${searchableText(`lower(u.name || char(31) || coalesce(u.email, '') || char(31) || coalesce(u.phone, '') || char(31) || ${PHONE_DIGITS})`)}`;

export type PeopleRepository = ReturnType<typeof createPeopleRepository>;

export function createPeopleRepository(db: Database.Database, now: () => Date) {
  const prepare = statementCache(db);
  const one = db.prepare<[number], Person>(`SELECT ${COLUMNS} FROM users u WHERE u.userid = ? AND u.role = 'person'`);
  const emailTaken = db.prepare<[string, number], string>('SELECT name FROM users WHERE email = ? AND userid <> ?').pluck();
  const insert = db.prepare<[string, string | null, string | null, string]>(
    `INSERT INTO users (name, email, phone, role, password_hash, created_date) VALUES (?, ?, ?, 'person', NULL, ?)`,
  );
  const setName = db.prepare<[string, number]>('UPDATE users SET name = ? WHERE userid = ?');
  const setEmail = db.prepare<[string | null, number]>('UPDATE users SET email = ? WHERE userid = ?');
  const setPhone = db.prepare<[string | null, number]>('UPDATE users SET phone = ? WHERE userid = ?');

  function found(userid: number, field = 'userid'): Person {
    const person = one.get(userid);
    if (!person) throw new HttpError(404, `${field}: no person ${userid} on this platform`);
    return person;
  }

  function checkEmailFree(email: string | null | undefined, userid: number): void {
    if (email === null || email === undefined) return;
    if (emailTaken.get(email, userid) !== undefined) throw new HttpError(409, `email: ${email} already belongs to someone else`);
  }

  return {
    get: (userid: number): Person | undefined => one.get(userid),
    /** One person, or a 404 naming the field. */
    find: found,
    /** Every word of the search in the name, email or phone; in name order. */
    list(opts: { pagenumber: number; limit: number; searchkey?: string }): { totalCount: number; people: Person[] } {
      const words = searchWords(opts.searchkey);
      const where = ["u.role = 'person'", ...words.map((_, i) => `instr(${HAYSTACK}, @w${i}) > 0`)].join(' AND ');
      const params = Object.fromEntries(words.map((w, i) => [`w${i}`, w]));
      const totalCount = prepare(`SELECT count(*) FROM users u WHERE ${where}`).pluck().get(params) as number;
      const offset = (opts.pagenumber - 1) * opts.limit;
      if (offset >= totalCount) return { totalCount, people: [] };
      const people = prepare(
        `SELECT ${COLUMNS} FROM users u WHERE ${where} ORDER BY u.name COLLATE NOCASE, u.userid LIMIT @limit OFFSET @offset`,
      ).all({ ...params, limit: opts.limit, offset }) as Person[];
      return { totalCount, people };
    },
    create: (person: { username: string; email?: string | null; phone?: string | null }): Person =>
      db.transaction(() => {
        checkEmailFree(person.email, 0);
        const userid = Number(insert.run(person.username, person.email ?? null, person.phone ?? null, toPlatformDate(now())).lastInsertRowid);
        return found(userid);
      })(),
    update: (userid: number, change: { username?: string; email?: string | null; phone?: string | null }): Person =>
      db.transaction(() => {
        found(userid);
        if (change.username !== undefined) setName.run(change.username, userid);
        if (change.email !== undefined) {
          checkEmailFree(change.email, userid);
          setEmail.run(change.email, userid);
        }
        if (change.phone !== undefined) setPhone.run(change.phone, userid);
        return found(userid);
      })(),
  };
}
