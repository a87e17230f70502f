import type Database from 'better-sqlite3';
import { toPlatformDate } from '../../../contract/envelope';
import { HttpError } from '../http/errors';

interface Holder {
  userid: number;
  role: string;
  visitor: number;
  status: string;
}

/**
 * The visitor a pass is for: the visitor who already has this e-mail (their name updated), or a new
 * person with `visitor: 1`. 409 when the e-mail is someone else's (a person who is no visitor, a
 * dashboard account) or an archived visitor's. Call inside the pass's transaction.
 */
export function findVisitor(db: Database.Database, visitor: { name: string; email: string; at: Date }): number {
  const holder = db
    .prepare<[string], Holder>('SELECT userid, role, visitor, status FROM users WHERE email = ? COLLATE NOCASE ORDER BY userid LIMIT 1')
    .get(visitor.email);
  if (holder === undefined) {
    const inserted = db
      .prepare<[string, string, string]>(
        `INSERT INTO users (name, email, phone, role, password_hash, created_date, visitor) VALUES (?, ?, NULL, 'person', NULL, ?, 1)`,
      )
      .run(visitor.name, visitor.email, toPlatformDate(visitor.at));
    return Number(inserted.lastInsertRowid);
  }
  if (holder.role !== 'person' || holder.visitor !== 1) {
    throw new HttpError(409, `email: ${visitor.email} belongs to someone who is not a visitor; give them a grant instead`);
  }
  if (holder.status === 'archived') throw new HttpError(409, `email: ${visitor.email} belongs to an archived visitor`);
  db.prepare<[string, number]>('UPDATE users SET name = ? WHERE userid = ?').run(visitor.name, holder.userid);
  return holder.userid;
}
