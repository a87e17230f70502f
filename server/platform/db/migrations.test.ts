import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEventsRepository } from '../events/events-repository';
import { bigramTokens } from '../locks/lock-search';
import { createLocksRepository } from '../locks/locks-repository';
import { naturalSortKey } from '../locks/natural-sort';
import { MIGRATIONS } from './migrations';
import { openDatabase } from './open-database';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'platform-migrate-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A database as the platform left it at schema version 5 (before natural sort and the new search). */
function version5(path: string) {
  const db = new Database(path);
  db.function('lock_bigrams', { deterministic: true }, (text: unknown) => bigramTokens(String(text ?? '')));
  for (const [i, sql] of MIGRATIONS.slice(0, 5).entries()) {
    db.exec(sql);
    db.pragma(`user_version = ${i + 1}`);
  }
  const insert = db.prepare(`INSERT INTO locks (lockid, lockuserid, lockname, lock_open_status, lock_online_status, battery_level,
    lock_ssid, lock_password, mac_address, temperature, lock_model, online_updated_date, lock_pic)
    VALUES (?, 2, ?, ?, 1, ?, ?, 'secret00', ?, 21, 'ARH3EM', '2025-06-01 10:00:00', '')`);
  insert.run('EM000001', 'Annex · Room 12', 0, 50, 'EM000001', 'A4:C1:38:D7:57:B3');
  insert.run('EM000002', 'Annex · Room 2', 1, 15, 'Annex-IoT', null);
  insert.run('EM000003', 'annex · room 3', 0, null, 'EM000003', '7C:DF:A1:00:11:22');
  db.prepare(`INSERT INTO users (userid, name, email, role, password_hash) VALUES (101, 'Jamal Carter', NULL, 'person', NULL)`).run();
  const event = db.prepare(`INSERT INTO events (lockid, lockname, event_type, userid, username, method, event_date, battery_level)
    VALUES (?, ?, 'unlocked', 101, 'Jamal Carter', 'card', ?, NULL)`);
  for (let i = 0; i < 30; i += 1) event.run(i % 2 ? 'EM000001' : 'EM000002', 'x', `2025-06-01 09:${String(i).padStart(2, '0')}:00`);
  // As the seed of that version found: ids follow (lockname COLLATE NOCASE, lockid).
  db.prepare(`UPDATE platform_meta SET value = 1 WHERE key = 'ids_in_name_order'`).run();
  db.close();
}

describe('migrations 6–9 on a database with data', () => {
  it('keep every lock and event, sort names naturally, search MACs without separators, carry relock_at', () => {
    const path = join(dir, 'platform.sqlite');
    version5(path);
    const db = openDatabase(path);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(30);
      const locks = createLocksRepository(db);
      const page = locks.list({ pagenumber: 1, limit: 10 });
      expect(page.locks.map((l) => l.lockname)).toEqual(['Annex · Room 2', 'annex · room 3', 'Annex · Room 12']);
      expect(page.locks.map((l) => l.relock_at)).toEqual([null, null, null]);
      // The ids follow the old text order, not the natural one: name-sorted pages must not rely on them.
      expect(db.prepare(`SELECT value FROM platform_meta WHERE key = 'ids_in_name_order'`).pluck().get()).toBe(0);
      expect(locks.list({ pagenumber: 1, limit: 10, searchkey: 'annex', sortorder: 'desc' }).locks.map((l) => l.lockid)).toEqual([
        'EM000001', 'EM000003', 'EM000002',
      ]);
      for (const key of ['a4c138d757b3', 'A4-C1-38', 'd7:57 annex', 'ROOM 12 arh3em b3']) {
        expect(locks.list({ pagenumber: 1, limit: 10, searchkey: key }).locks.map((l) => l.lockid), key).toEqual(['EM000001']);
      }
      expect(locks.summary({ searchkey: 'annex' })).toEqual({ total: 3, online: 3, offline: 0, unlocked: 1, lowbattery: 1, lockdown: 0 });
      expect(locks.get('em000002')?.lockid).toBe('EM000002');
      const events = createEventsRepository(db);
      expect(events.page({ searchkey: 'carter' }, 1, 5).totalCount).toBe(30);
      expect(events.page({ userid: 101 }, 1, 5).totalCount).toBe(30);
      // Still maintained by the triggers afterwards.
      db.prepare(`UPDATE locks SET mac_address = 'DC:A6:32:AB:CD:EF', lockname = 'Annex · Room 1' WHERE lockid = 'EM000003'`).run();
      expect(locks.list({ pagenumber: 1, limit: 10, searchkey: 'dca632' }).locks.map((l) => l.lockname)).toEqual(['Annex · Room 1']);
      expect(locks.list({ pagenumber: 1, limit: 1 }).locks[0]?.lockid).toBe('EM000003');
      expect(locks.list({ pagenumber: 1, limit: 10, searchkey: '7cdfa1' }).totalCount).toBe(0);
    } finally {
      db.close();
    }
  });

  it('set ids_in_name_order from what the data says', () => {
    const db = openDatabase(':memory:');
    try {
      // An empty fleet is trivially in order; the first insert clears the flag.
      expect(db.prepare(`SELECT value FROM platform_meta WHERE key = 'ids_in_name_order'`).pluck().get()).toBe(1);
      db.prepare(`INSERT INTO locks (lockid, lockuserid, lockname, lock_open_status, lock_online_status, lock_ssid, lock_password, lock_model, online_updated_date)
        VALUES ('EM1', 2, 'A', 0, 1, 'EM1', 'x', 'ARH3EM', '2025-06-01 10:00:00')`).run();
      expect(db.prepare(`SELECT value FROM platform_meta WHERE key = 'ids_in_name_order'`).pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });
});

describe('migration 11 on a database with groups', () => {
  it('counts the health of groups made before it, then keeps the counts in step', () => {
    const path = join(dir, 'platform.sqlite');
    version5(path);
    const old = new Database(path);
    old.function('lock_bigrams', { deterministic: true }, (text: unknown) => bigramTokens(String(text ?? '')));
    old.function('lock_name_key', { deterministic: true }, (name: unknown) => naturalSortKey(String(name ?? '')));
    for (const [i, sql] of MIGRATIONS.slice(5, 10).entries()) {
      old.exec(sql);
      old.pragma(`user_version = ${i + 6}`);
    }
    old.exec(`INSERT INTO lockgroups (groupid, groupname, created_date) VALUES (1, 'Annex', '2025-06-01 10:00:00'), (2, 'Empty', '2025-06-01 10:00:00');
      INSERT INTO lockgroup_members (groupid, lock_id) SELECT 1, id FROM locks;`);
    old.close();
    const db = openDatabase(path);
    try {
      const counts = db.prepare('SELECT groupid, lock_count, online_count, unlocked_count, lowbattery_count FROM lockgroups ORDER BY groupid');
      // EM000002 is open with a battery of 15; all three are online.
      expect(counts.all()).toEqual([
        { groupid: 1, lock_count: 3, online_count: 3, unlocked_count: 1, lowbattery_count: 1 },
        { groupid: 2, lock_count: 0, online_count: 0, unlocked_count: 0, lowbattery_count: 0 },
      ]);
      db.exec(`UPDATE locks SET lock_online_status = 0, battery_level = 90 WHERE lockid = 'EM000002'`);
      db.exec(`INSERT INTO lockgroup_members (groupid, lock_id) SELECT 2, id FROM locks WHERE lockid = 'EM000002'`);
      expect(counts.all()).toEqual([
        { groupid: 1, lock_count: 3, online_count: 2, unlocked_count: 1, lowbattery_count: 0 },
        { groupid: 2, lock_count: 1, online_count: 0, unlocked_count: 1, lowbattery_count: 0 },
      ]);
    } finally {
      db.close();
    }
  });
});
