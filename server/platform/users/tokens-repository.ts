import { createHash, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { User } from '../../../contract/auth';

/** How long a token lives. */
export const TOKEN_TTL_MS = 12 * 60 * 60 * 1000;

const digest = (token: string) => createHash('sha256').update(token).digest();

export type TokensRepository = ReturnType<typeof createTokensRepository>;

/** Bearer tokens: 32 random bytes (base64url); only their SHA-256 is stored, with an expiry. */
export function createTokensRepository(db: Database.Database, now: () => Date) {
  const insert = db.prepare<[Buffer, number, number]>('INSERT INTO tokens (token_hash, userid, expires_at) VALUES (?, ?, ?)');
  const find = db.prepare<[Buffer, number], User>(`
    SELECT u.userid, u.name, u.email, u.role FROM tokens t JOIN users u ON u.userid = t.userid
    WHERE t.token_hash = ? AND t.expires_at > ? AND u.role IN ('manager', 'support')`);
  const remove = db.prepare<[Buffer]>('DELETE FROM tokens WHERE token_hash = ?');
  const purge = db.prepare<[number]>('DELETE FROM tokens WHERE expires_at <= ?');
  return {
    issue(userid: number): string {
      const token = randomBytes(32).toString('base64url');
      purge.run(now().getTime());
      insert.run(digest(token), userid, now().getTime() + TOKEN_TTL_MS);
      return token;
    },
    /** The account behind an unexpired token. */
    verify: (token: string): User | undefined => find.get(digest(token), now().getTime()),
    revoke: (token: string) => remove.run(digest(token)).changes > 0,
  };
}
