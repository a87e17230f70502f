import type Database from 'better-sqlite3';
import { toPlatformDate } from '../../../contract/envelope';
import type { LockGroup, LockGroupRef } from '../../../contract/lockgroups';
import { HttpError } from '../http/errors';

export interface LockGroupPage {
  totalCount: number;
  groups: LockGroup[];
}

/** How many unknown lock IDs a 400 names before "and N more". */
const NAMED_UNKNOWN = 20;

/** Lock IDs for a message: the first `max`, then how many more ("A, B and 3 more"). */
export function namedLocks(lockids: readonly string[], max: number): string {
  const more = lockids.length > max ? ` and ${lockids.length - max} more` : '';
  return `${lockids.slice(0, max).join(', ')}${more}`;
}

/** `%`, `_` and `\` typed in a search stand for themselves. */
const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The locks a membership change really added and removed (lock IDs). */
export interface MembershipChange {
  added: string[];
  removed: string[];
}

/** A grant to a group, and its person. */
export interface GroupGrant {
  grantid: number;
  userid: number;
  username: string;
}

export type LockGroupsRepository = ReturnType<typeof createLockGroupsRepository>;

export function createLockGroupsRepository(db: Database.Database, now: () => Date) {
  // The health counts are kept by triggers (db/migrations.ts, migration 11); offline is the rest.
  const COLUMNS = `groupid, groupname, description, lock_count, online_count, lock_count - online_count AS offline_count,
      unlocked_count, lowbattery_count, created_date`;
  const countMatching = db
    .prepare<[string]>(`SELECT count(*) FROM lockgroups WHERE groupname LIKE '%' || ? || '%' ESCAPE '\\'`)
    .pluck();
  const pageMatching = db.prepare<[string, number, number], LockGroup>(`
    SELECT ${COLUMNS} FROM lockgroups WHERE groupname LIKE '%' || ? || '%' ESCAPE '\\'
    ORDER BY groupname COLLATE NOCASE, groupid LIMIT ? OFFSET ?`);
  const one = db.prepare<[number], LockGroup>(`SELECT ${COLUMNS} FROM lockgroups WHERE groupid = ?`);
  const exists = db.prepare<[number]>('SELECT 1 FROM lockgroups WHERE groupid = ?').pluck();
  const nameTaken = db
    .prepare<[string, number]>('SELECT groupname FROM lockgroups WHERE groupname = ? COLLATE NOCASE AND groupid <> ?')
    .pluck();
  const insert = db.prepare<[string, string, string]>(
    'INSERT INTO lockgroups (groupname, description, created_date) VALUES (?, ?, ?)',
  );
  const rename = db.prepare<[string, number]>('UPDATE lockgroups SET groupname = ? WHERE groupid = ?');
  const describe = db.prepare<[string, number]>('UPDATE lockgroups SET description = ? WHERE groupid = ?');
  const remove = db.prepare<[number]>('DELETE FROM lockgroups WHERE groupid = ?');
  // A lock's address ignores case, like the lock routes: an exact match first.
  const lockByLockid = db.prepare<[string]>('SELECT id FROM locks WHERE lockid = ?').pluck();
  const lockByLockidNocase = db
    .prepare<[string]>('SELECT id FROM locks WHERE lockid = ? COLLATE NOCASE ORDER BY lockid LIMIT 1')
    .pluck();
  const lockidOf = db.prepare<[number], string>('SELECT lockid FROM locks WHERE id = ?').pluck();
  const addMember = db.prepare<[number, number]>('INSERT OR IGNORE INTO lockgroup_members (groupid, lock_id) VALUES (?, ?)');
  const removeMember = db.prepare<[number, number]>('DELETE FROM lockgroup_members WHERE groupid = ? AND lock_id = ?');
  const grantsOfGroup = db.prepare<[number], GroupGrant>(`
    SELECT g.grantid, g.userid, u.name AS username FROM grants g JOIN users u ON u.userid = g.userid
    WHERE g.groupid = ? AND g.revoked_date IS NULL ORDER BY g.grantid`);
  const groupsOfLocks = db.prepare<[string], { lockid: string; groupid: number; groupname: string }>(`
    SELECT l.lockid, g.groupid, g.groupname
    FROM json_each(?) j
    CROSS JOIN locks l ON l.lockid = j.value
    CROSS JOIN lockgroup_members m INDEXED BY lockgroup_members_by_lock ON m.lock_id = l.id
    CROSS JOIN lockgroups g ON g.groupid = m.groupid
    ORDER BY g.groupname COLLATE NOCASE, g.groupid`);

  function found(groupid: number): LockGroup {
    const group = one.get(groupid);
    if (!group) throw noSuchGroup(groupid);
    return group;
  }

  function checkNameFree(groupname: string, groupid: number): void {
    const taken = nameTaken.get(groupname, groupid) as string | undefined;
    if (taken !== undefined) throw new HttpError(409, `groupname: a group named ${taken} already exists`);
  }

  return {
    list(opts: { pagenumber: number; limit: number; searchkey?: string }): LockGroupPage {
      const key = likeEscape((opts.searchkey ?? '').trim());
      const totalCount = countMatching.get(key) as number;
      const offset = (opts.pagenumber - 1) * opts.limit;
      return { totalCount, groups: offset >= totalCount ? [] : pageMatching.all(key, opts.limit, offset) };
    },
    get: (groupid: number): LockGroup | undefined => one.get(groupid),
    /** One group, or a 404 naming it. */
    find: found,
    exists: (groupid: number): boolean => exists.get(groupid) !== undefined,
    create: (groupname: string, description: string): LockGroup =>
      db.transaction(() => {
        checkNameFree(groupname, 0);
        return found(Number(insert.run(groupname, description, toPlatformDate(now())).lastInsertRowid));
      })(),
    update: (groupid: number, change: { groupname?: string; description?: string }): LockGroup =>
      db.transaction(() => {
        found(groupid);
        if (change.groupname !== undefined) {
          checkNameFree(change.groupname, groupid);
          rename.run(change.groupname, groupid);
        }
        if (change.description !== undefined) describe.run(change.description, groupid);
        return found(groupid);
      })(),
    /** Deletes a group (its locks stay); the group as it was. `before` runs first, in the same transaction. */
    remove: (groupid: number, before?: (group: LockGroup) => void): LockGroup =>
      db.transaction(() => {
        const group = found(groupid);
        before?.(group);
        remove.run(groupid);
        return group;
      })(),
    /**
     * Adds and removes members in one transaction: every lock ID must name a lock (400 naming the
     * unknown ones, nothing changed). Adding a member twice or removing a non-member is harmless.
     * `check` sees the added locks (their lock IDs) once they are in, and what really changed
     * (members added, members removed); what it throws undoes it all.
     */
    changeMembers: (
      groupid: number,
      add: readonly string[],
      remove: readonly string[],
      check?: (added: string[], changed: MembershipChange) => void,
    ): LockGroup =>
      db.transaction(() => {
        found(groupid);
        const resolve = (lockid: string) => (lockByLockid.get(lockid) ?? lockByLockidNocase.get(lockid)) as number | undefined;
        const unknown: string[] = [];
        const ids = (lockids: readonly string[]) =>
          lockids.flatMap((lockid) => {
            const id = resolve(lockid);
            if (id === undefined) unknown.push(lockid);
            return id === undefined ? [] : [id];
          });
        const adding = ids(add);
        const removing = ids(remove);
        if (unknown.length > 0) {
          throw new HttpError(400, `Unknown lock IDs: ${namedLocks([...new Set(unknown)], NAMED_UNKNOWN)}`);
        }
        const removingSet = new Set(removing);
        if (adding.some((id) => removingSet.has(id))) throw new HttpError(400, 'A lock cannot be both added and removed in one change');
        const changed = { added: [] as string[], removed: [] as string[] };
        for (const id of removing) if (removeMember.run(groupid, id).changes > 0) changed.removed.push(lockidOf.get(id) as string);
        for (const id of adding) if (addMember.run(groupid, id).changes > 0) changed.added.push(lockidOf.get(id) as string);
        check?.(adding.map((id) => lockidOf.get(id) as string), changed);
        return found(groupid);
      })(),
    /** The grants to the group that are not revoked (what a change of the group reaches), with their people. */
    grantsOf: (groupid: number): GroupGrant[] => grantsOfGroup.all(groupid),
    /** The locks with their groups (`lockgroups`, in name order) added. */
    withGroups<T extends { lockid: string }>(locks: readonly T[]): (T & { lockgroups: LockGroupRef[] })[] {
      const groups = this.groupsOf(locks.map((l) => l.lockid));
      return locks.map((l) => ({ ...l, lockgroups: groups.get(l.lockid) ?? [] }));
    },
    /** The groups of each of these locks (by lockid), in name order; a lock in none maps to []. */
    groupsOf(lockids: readonly string[]): Map<string, LockGroupRef[]> {
      const out = new Map<string, LockGroupRef[]>(lockids.map((id) => [id, []]));
      if (lockids.length === 0) return out;
      for (const row of groupsOfLocks.all(JSON.stringify(lockids))) {
        out.get(row.lockid)?.push({ groupid: row.groupid, groupname: row.groupname });
      }
      return out;
    },
  };
}

export const noSuchGroup = (groupid: number) => new HttpError(404, `groupid: no lock group ${groupid} on this platform`);
