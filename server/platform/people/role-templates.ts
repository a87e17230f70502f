import type Database from 'better-sqlite3';
import type { GrantMethod } from '../../../contract/constants';
import type { RoleGrant, RoleGrantBody } from '../../../contract/people';
import { HttpError } from '../http/errors';

/** A role's grant template as written (lock resolved to its real lockid). */
export interface Template {
  lockid: string | null;
  groupid: number | null;
  method: GrantMethod;
  weekdays: string | null;
  start_time: string | null;
  end_time: string | null;
}
/** A template as stored. */
export interface StoredTemplate extends Template {
  role_grantid: number;
}

/** Two templates are the same when every field is: a change keeps those, and their members' grants. */
export const templateKey = (t: Template): string =>
  JSON.stringify([t.lockid, t.groupid, t.method, t.weekdays, t.start_time, t.end_time]);

/** Templates for role bodies and answers: resolving a body's locks and groups, naming them for answers. */
export function createRoleTemplates(db: Database.Database, resolveLock: (lockid: string) => string | undefined) {
  const groupExists = db.prepare<[number], number>('SELECT 1 FROM lockgroups WHERE groupid = ?').pluck();
  const lockName = db.prepare<[string], string>('SELECT lockname FROM locks WHERE lockid = ?').pluck();
  const groupName = db.prepare<[number], string>('SELECT groupname FROM lockgroups WHERE groupid = ?').pluck();
  const ofRole = db.prepare<[number], StoredTemplate>(
    `SELECT role_grantid, lockid, groupid, method, weekdays, start_time, end_time FROM role_grants WHERE roleid = ? ORDER BY role_grantid`,
  );

  return {
    /** A body's templates, checked (400 naming an unknown lock or group) and without repeats. */
    resolve(body: readonly RoleGrantBody[]): Template[] {
      const seen = new Map<string, Template>();
      body.forEach((g, i) => {
        let lockid: string | null = null;
        if (g.lockid != null) {
          lockid = resolveLock(g.lockid) ?? null;
          if (lockid === null) throw new HttpError(400, `grants.${i}.lockid: no lock ${g.lockid} on this platform`);
        }
        const groupid = g.groupid ?? null;
        if (groupid !== null && groupExists.get(groupid) === undefined) throw new HttpError(400, `grants.${i}.groupid: no lock group ${groupid} on this platform`);
        const template: Template = {
          lockid,
          groupid,
          method: g.method,
          weekdays: g.weekdays ?? null,
          start_time: g.start_time ?? null,
          end_time: g.end_time ?? null,
        };
        if (!seen.has(templateKey(template))) seen.set(templateKey(template), template);
      });
      return [...seen.values()];
    },
    stored: (roleid: number): StoredTemplate[] => ofRole.all(roleid),
    /** The template as a role's answer shows it (with the names of its lock or group). */
    describe(t: Template): RoleGrant {
      return {
        lockid: t.lockid,
        lockname: t.lockid === null ? null : (lockName.get(t.lockid) ?? null),
        groupid: t.groupid,
        groupname: t.groupid === null ? null : (groupName.get(t.groupid) ?? null),
        method: t.method,
        weekdays: t.weekdays,
        start_time: t.start_time,
        end_time: t.end_time,
      };
    },
  };
}
