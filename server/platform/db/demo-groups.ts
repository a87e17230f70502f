import type Database from 'better-sqlite3';
import { toPlatformDate } from '../../../contract/envelope';
import { SITES } from './demo-fleet';

/** A demo group that cuts across sites: the doors whose name (after "<Site> · ") is LIKE a pattern. */
interface CrossSiteGroup {
  groupname: string;
  description: string;
  doors: readonly string[];
}

export const CROSS_SITE_GROUPS: readonly CrossSiteGroup[] = [
  {
    groupname: 'Exterior doors',
    description: 'Entrances, lobbies, gates, docks and roof hatches at every site',
    doors: ['%Entrance%', 'Lobby%', 'Gate %', 'Loading Dock %', 'Loading Bay%', 'Ambulance Bay%', 'Roof Access%'],
  },
  {
    groupname: 'Server rooms',
    description: 'Server rooms, halls and IT closets',
    doors: ['Server Room%', 'Server Hall %', 'IT Closet %'],
  },
  {
    groupname: 'Meeting rooms',
    description: 'Boardrooms and conference rooms',
    doors: ['Boardroom%', 'Conference Room %'],
  },
];

/** The door part of a lock name, in SQL ("HQ · Room 201" → "Room 201"). */
const DOOR = `substr(lockname, instr(lockname, ' · ') + 3)`;
const SITE = `substr(lockname, 1, instr(lockname, ' · ') - 1)`;

/**
 * Seeds the demo groups once (platform_meta `groups_seeded`): one per site of the demo fleet that has
 * locks (the site is the name's part before " · "), then the groups that cut across sites.
 * Deterministic: the same fleet gives the same groups, ids and members.
 */
export function seedDemoGroups(db: Database.Database, now: Date): void {
  const seeded = db.prepare(`SELECT value FROM platform_meta WHERE key = 'groups_seeded'`).pluck().get();
  if (seeded === 1) return;
  const created = toPlatformDate(now);
  const insertGroup = db.prepare<[string, string, string]>(
    'INSERT INTO lockgroups (groupname, description, created_date) VALUES (?, ?, ?)',
  );
  const siteMembers = db.prepare<[number, string]>(
    `INSERT INTO lockgroup_members (groupid, lock_id) SELECT ?, id FROM locks WHERE instr(lockname, ' · ') > 0 AND ${SITE} = ?`,
  );
  const hasSite = db.prepare<[string, string]>(`SELECT 1 FROM locks WHERE lockname >= ? AND lockname < ? LIMIT 1`);
  db.transaction(() => {
    for (const site of SITES) {
      // Names of a site sort together: "<Site> · " up to "<Site> ·\uffff".
      if (hasSite.get(`${site.name} · `, `${site.name} ·\uffff`) === undefined) continue;
      const groupid = Number(insertGroup.run(site.name, `Every lock at ${site.name}`, created).lastInsertRowid);
      siteMembers.run(groupid, site.name);
    }
    for (const group of CROSS_SITE_GROUPS) {
      const groupid = Number(insertGroup.run(group.groupname, group.description, created).lastInsertRowid);
      const patterns = group.doors.map(() => `${DOOR} LIKE ?`).join(' OR ');
      db.prepare(
        `INSERT INTO lockgroup_members (groupid, lock_id) SELECT ?, id FROM locks WHERE instr(lockname, ' · ') > 0 AND (${patterns})`,
      ).run(groupid, ...group.doors);
    }
    db.prepare(`UPDATE platform_meta SET value = 1 WHERE key = 'groups_seeded'`).run();
  })();
}
