import type Database from 'better-sqlite3';
import type { Role, User } from '../../../contract/auth';

/**
 * One `users` table holds both the sign-in accounts (role manager or support, with a password
 * hash) and the people who use the doors (role `person`, no password: they cannot sign in). They
 * share one id space because both appear in events as `userid`/`username`, and access grants will
 * name the same people.
 */
export interface UserRow extends User {
  password_hash: string | null;
}

export interface Person {
  userid: number;
  name: string;
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;

export function createUsersRepository(db: Database.Database) {
  const byEmail = db.prepare<[string], UserRow>(
    `SELECT userid, name, email, role, password_hash FROM users WHERE email = ? AND role IN ('manager', 'support')`,
  );
  const byId = db.prepare<[number], User>(
    `SELECT userid, name, email, role FROM users WHERE userid = ? AND role IN ('manager', 'support')`,
  );
  const people = db.prepare<[], Person>(`SELECT userid, name FROM users WHERE role = 'person' ORDER BY userid`);
  const insert = db.prepare<[number, string, string | null, Role | 'person', string | null]>(
    'INSERT INTO users (userid, name, email, role, password_hash) VALUES (?, ?, ?, ?, ?)',
  );
  const changeRole = db.prepare<[Role, number]>(`UPDATE users SET role = ? WHERE userid = ? AND role IN ('manager', 'support')`);
  return {
    /** A sign-in account by email (case-insensitive), with its hash. */
    accountByEmail: (email: string) => byEmail.get(email),
    account: (userid: number) => byId.get(userid),
    people: () => people.all(),
    /**
     * Makes a sign-in account a manager or support (no route: tests and demos call it on the
     * platform's db). Its tokens follow at once: each request reads the role as it is now.
     */
    setRole: (userid: number, role: Role): boolean => changeRole.run(role, userid).changes > 0,
    insert: (user: { userid: number; name: string; email: string | null; role: Role | 'person'; passwordHash: string | null }) =>
      insert.run(user.userid, user.name, user.email, user.role, user.passwordHash),
  };
}
