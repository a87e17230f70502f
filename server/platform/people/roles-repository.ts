import type Database from 'better-sqlite3';
import { toPlatformDate } from '../../../contract/envelope';
import type { Role, RoleGrantBody, RolePreview } from '../../../contract/people';
import type { GrantsRepository } from '../access/grants-repository';
import { statementCache } from '../db/statement-cache';
import { HttpError } from '../http/errors';
import { searchWords, searchableText } from '../locks/lock-search';
import { createRoleTemplates, templateKey } from './role-templates';
import type { StoredTemplate, Template } from './role-templates';

export type RolesRepository = ReturnType<typeof createRolesRepository>;
interface RoleRow {
  roleid: number;
  name: string;
  member_count: number;
  created_date: string;
}
interface Member {
  userid: number;
  username: string;
}
/** What a change does: applied, the role after it; previewed, what it would do. */
export type RoleChangeResult = { role: Role; preview?: undefined } | { preview: RolePreview; role?: undefined };

const ROLE_COLUMNS = `r.roleid, r.name, r.created_date, (SELECT count(*) FROM role_members m WHERE m.roleid = r.roleid) AS member_count`;

/**
 * Access roles (contract/people.ts): named sets of grant templates. Every member holds one real grant
 * per template (grants.roleid / role_grantid, created_by the acting account, with its
 * access_granted event; a keypad template gives each member a code of their own). A change of the
 * templates or of the members changes those grants in one transaction: all of it or nothing.
 */
export function createRolesRepository(deps: {
  db: Database.Database;
  grants: GrantsRepository;
  resolveLock: (lockid: string) => string | undefined;
  now: () => Date;
}) {
  const { db, grants, now } = deps;
  const prepare = statementCache(db);
  const templates = createRoleTemplates(db, deps.resolveLock);
  const one = db.prepare<[number], RoleRow>(`SELECT ${ROLE_COLUMNS} FROM roles r WHERE r.roleid = ?`);
  const nameTaken = db.prepare<[string, number], string>('SELECT name FROM roles WHERE name = ? COLLATE NOCASE AND roleid <> ?').pluck();
  const membersOf = db.prepare<[number], Member>(
    `SELECT u.userid, u.name AS username FROM role_members m JOIN users u ON u.userid = m.userid WHERE m.roleid = ? ORDER BY u.userid`,
  );
  const isMember = db.prepare<[number, number], number>('SELECT 1 FROM role_members WHERE roleid = ? AND userid = ?').pluck();
  const liveOfTemplate = db.prepare<[number], number>('SELECT grantid FROM grants WHERE role_grantid = ? AND revoked_date IS NULL ORDER BY grantid').pluck();
  const liveOfMember = db
    .prepare<[number, number], number>('SELECT grantid FROM grants WHERE roleid = ? AND userid = ? AND revoked_date IS NULL ORDER BY grantid')
    .pluck();
  const liveOfRole = db.prepare<[number], number>('SELECT grantid FROM grants WHERE roleid = ? AND revoked_date IS NULL ORDER BY grantid').pluck();
  const personRow = db.prepare<[number], Member & { status: string }>(`SELECT userid, name AS username, status FROM users WHERE userid = ? AND role = 'person'`);
  const rolesOfPerson = db.prepare<[number], number>('SELECT roleid FROM role_members WHERE userid = ? ORDER BY roleid').pluck();

  function toRole(row: RoleRow): Role {
    return { ...row, grants: templates.stored(row.roleid).map((t) => templates.describe(t)) };
  }
  function found(roleid: number): Role {
    const row = one.get(roleid);
    if (!row) throw new HttpError(404, `roleid: no role ${roleid} on this platform`);
    return toRole(row);
  }
  function checkNameFree(name: string, roleid: number): void {
    const taken = nameTaken.get(name, roleid);
    if (taken !== undefined) throw new HttpError(409, `name: there is already a role '${taken}'`);
  }

  /** The template stored, and every member's grant from it. */
  function addTemplate(roleid: number, t: Template, members: readonly Member[], actor: string | null, at: Date): void {
    const role_grantid = Number(
      prepare(
        `INSERT INTO role_grants (roleid, lockid, groupid, method, weekdays, start_time, end_time)
         VALUES (@roleid, @lockid, @groupid, @method, @weekdays, @start_time, @end_time)`,
      ).run({ roleid, ...t }).lastInsertRowid,
    );
    for (const m of members) grantFromTemplate(roleid, { ...t, role_grantid }, m.userid, actor, at);
  }
  function grantFromTemplate(roleid: number, t: StoredTemplate, userid: number, actor: string | null, at: Date): void {
    const { role_grantid, ...rule } = t;
    grants.create({ ...rule, userid, start_date: null, end_date: null, roleid, role_grantid }, actor, at);
  }
  function dropTemplate(t: StoredTemplate, actor: string | null): void {
    for (const grantid of liveOfTemplate.all(t.role_grantid)) grants.revokeAny(grantid, actor);
    prepare('DELETE FROM role_grants WHERE role_grantid = ?').run(t.role_grantid);
  }
  function addMember(roleid: number, userid: number, actor: string | null, at: Date): void {
    prepare('INSERT INTO role_members (roleid, userid, added_date) VALUES (?, ?, ?)').run(roleid, userid, toPlatformDate(at));
    for (const t of templates.stored(roleid)) grantFromTemplate(roleid, t, userid, actor, at);
  }
  function removeMember(roleid: number, userid: number, actor: string | null): number {
    const live = liveOfMember.all(roleid, userid);
    for (const grantid of live) grants.revokeAny(grantid, actor);
    prepare('DELETE FROM role_members WHERE roleid = ? AND userid = ?').run(roleid, userid);
    return live.length;
  }

  /** The templates a change gains and loses (unchanged ones keep their grants). */
  function templateDiff(roleid: number, body: readonly RoleGrantBody[]) {
    const before = templates.stored(roleid);
    const after = templates.resolve(body);
    const kept = new Set(before.map(templateKey));
    const wanted = new Set(after.map(templateKey));
    return { gain: after.filter((t) => !kept.has(templateKey(t))), lose: before.filter((t) => !wanted.has(templateKey(t))) };
  }

  /** The people a members change really adds (not yet in) and removes (in now); 400 for unknown or archived people. */
  function memberDiff(roleid: number, change: { add?: number[]; remove?: number[] }) {
    const person = (userid: number, field: string) => {
      const row = personRow.get(userid);
      if (!row) throw new HttpError(400, `${field}: no person ${userid} on this platform`);
      return row;
    };
    const add = [...new Set(change.add ?? [])].map((userid) => {
      const row = person(userid, 'add');
      if (row.status === 'archived') throw new HttpError(400, `add: ${row.username} is archived`);
      return row;
    });
    const remove = [...new Set(change.remove ?? [])].map((userid) => person(userid, 'remove'));
    const removing = new Set(remove.map((m) => m.userid));
    if (add.some((m) => removing.has(m.userid))) throw new HttpError(400, 'add: the same person cannot be added and removed');
    return {
      add: add.filter((m) => isMember.get(roleid, m.userid) === undefined),
      remove: remove.filter((m) => isMember.get(roleid, m.userid) !== undefined),
    };
  }

  return {
    find: found,
    /** Every word of the search in the name; in name order. */
    list(opts: { pagenumber: number; limit: number; searchkey?: string }): { totalCount: number; roles: Role[] } {
      const words = searchWords(opts.searchkey);
      const where = words.length === 0 ? '' : `WHERE ${words.map((_, i) => `instr(${searchableText('lower(r.name)')}, @w${i}) > 0`).join(' AND ')}`;
      const params = Object.fromEntries(words.map((w, i) => [`w${i}`, w]));
      const totalCount = prepare(`SELECT count(*) FROM roles r ${where}`).pluck().get(params) as number;
      const rows = prepare(`SELECT ${ROLE_COLUMNS} FROM roles r ${where} ORDER BY r.name COLLATE NOCASE, r.roleid LIMIT @limit OFFSET @offset`).all({
        ...params,
        limit: opts.limit,
        offset: (opts.pagenumber - 1) * opts.limit,
      }) as RoleRow[];
      return { totalCount, roles: rows.map(toRole) };
    },
    create: (body: { name: string; grants: RoleGrantBody[] }): Role =>
      db.transaction(() => {
        checkNameFree(body.name, 0);
        const resolved = templates.resolve(body.grants);
        const at = now();
        const roleid = Number(prepare('INSERT INTO roles (name, created_date) VALUES (?, ?)').run(body.name, toPlatformDate(at)).lastInsertRowid);
        for (const t of resolved) addTemplate(roleid, t, [], null, at);
        return found(roleid);
      })(),
    /** Renames and/or replaces the templates; every member's grants follow, in one transaction. */
    update: (roleid: number, body: { name?: string; grants?: RoleGrantBody[] }, actor: string | null, preview: boolean): RoleChangeResult =>
      db.transaction((): RoleChangeResult => {
        found(roleid);
        if (body.name !== undefined) checkNameFree(body.name, roleid);
        const diff = body.grants === undefined ? { gain: [], lose: [] } : templateDiff(roleid, body.grants);
        const members = membersOf.all(roleid);
        if (preview) {
          const gain = diff.gain.map((t) => ({ change: 'gain' as const, grant: templates.describe(t), people: members.length }));
          const lose = diff.lose.map((t) => ({ change: 'lose' as const, grant: templates.describe(t), people: liveOfTemplate.all(t.role_grantid).length }));
          return { preview: { grants: [...gain, ...lose], members: [] } };
        }
        const at = now();
        if (body.name !== undefined) prepare('UPDATE roles SET name = ? WHERE roleid = ?').run(body.name, roleid);
        for (const t of diff.lose) dropTemplate(t, actor);
        for (const t of diff.gain) addTemplate(roleid, t, members, actor, at);
        return { role: found(roleid) };
      })(),
    /** Adds and removes members: their grants from the role are created / revoked, in one transaction. */
    changeMembers: (roleid: number, change: { add?: number[]; remove?: number[] }, actor: string | null, preview: boolean): RoleChangeResult =>
      db.transaction((): RoleChangeResult => {
        found(roleid);
        const diff = memberDiff(roleid, change);
        if (preview) {
          const count = templates.stored(roleid).length;
          const gain = diff.add.map((m) => ({ change: 'gain' as const, userid: m.userid, username: m.username, grants: count }));
          const lose = diff.remove.map((m) => ({ change: 'lose' as const, userid: m.userid, username: m.username, grants: liveOfMember.all(roleid, m.userid).length }));
          return { preview: { grants: [], members: [...gain, ...lose] } };
        }
        const at = now();
        for (const m of diff.remove) removeMember(roleid, m.userid, actor);
        for (const m of diff.add) addMember(roleid, m.userid, actor, at);
        return { role: found(roleid) };
      })(),
    /** Deletes the role: every grant from it is revoked (history keeps the role's name). */
    remove: (roleid: number, actor: string | null): Role =>
      db.transaction(() => {
        const role = found(roleid);
        for (const grantid of liveOfRole.all(roleid)) grants.revokeAny(grantid, actor);
        prepare('UPDATE grants SET rolename = ? WHERE roleid = ?').run(role.name, roleid);
        prepare('DELETE FROM roles WHERE roleid = ?').run(roleid);
        return role;
      })(),
    /** The person leaves every role (archive, offboarding): their grants from roles are revoked. Call inside a transaction. */
    leaveAll(userid: number, actor: string | null): number {
      let revoked = 0;
      for (const roleid of rolesOfPerson.all(userid)) revoked += removeMember(roleid, userid, actor);
      return revoked;
    },
    /** Adds the person to roles they are not in yet (import). Call inside a transaction. */
    join(userid: number, roleids: readonly number[], actor: string | null): void {
      const at = now();
      for (const roleid of roleids) if (isMember.get(roleid, userid) === undefined) addMember(roleid, userid, actor, at);
    },
  };
}
