import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../db/migrations';
import { openDatabase } from '../db/open-database';
import { seedDatabase } from '../db/seed';

const NOW = new Date('2026-12-10T12:00:00Z');
const OUTAGES = 'SELECT lockid, start_at, end_at FROM outages ORDER BY lockid, start_at';

describe('migration 17 (outages)', () => {
  it("builds from an existing history the same outages as the triggers keep as events arrive", () => {
    const db = openDatabase(':memory:');
    try {
      // The demo history's outages go through the triggers while it is loaded.
      seedDatabase(db, { locks: 60, historyDays: 30, now: NOW });
      // And a repeated offline and a stray online, which open and close nothing more.
      const lockid = db.prepare('SELECT lockid FROM locks WHERE lock_online_status = 1 LIMIT 1').pluck().get() as string;
      const insert = db.prepare(`INSERT INTO events (lockid, lockname, event_type, method, event_date) VALUES (?, 'x', ?, 'system', ?)`);
      for (const [type, hour] of [['offline', 13], ['offline', 14], ['online', 15], ['online', 16]] as const) insert.run(lockid, type, `2026-12-10 ${hour}:00:00`);
      const kept = db.prepare(OUTAGES).all() as { end_at: string | null }[];
      expect(kept.length).toBeGreaterThan(10);
      expect(kept.some((o) => o.end_at === null)).toBe(true);
      expect(db.prepare(`SELECT count(*) FROM outages WHERE lockid = ? AND start_at >= '2026-12-10 13:00:00'`).pluck().get(lockid)).toBe(1);
      // A database from before the migration: the same events, no outages; then the migration.
      db.exec('DROP TRIGGER outage_opens; DROP TRIGGER outage_closes; DROP TABLE outages; DROP INDEX events_door_uses; DROP INDEX events_door_uses_by_lock; DROP INDEX events_denials;');
      db.exec(MIGRATIONS.at(-1) as string);
      expect(db.prepare(OUTAGES).all()).toEqual(kept);
    } finally {
      db.close();
    }
  });

  it('ends the open outage at the next online and deletes outages with their lock', () => {
    const db = openDatabase(':memory:');
    try {
      seedDatabase(db, { locks: 3, historyDays: 0, now: NOW });
      const lockid = db.prepare('SELECT lockid FROM locks LIMIT 1').pluck().get() as string;
      const insert = db.prepare(`INSERT INTO events (lockid, lockname, event_type, method, event_date) VALUES (?, 'x', ?, 'system', ?)`);
      insert.run(lockid, 'offline', '2026-12-01 06:00:00');
      expect(db.prepare(OUTAGES).all()).toEqual([{ lockid, start_at: '2026-12-01 06:00:00', end_at: null }]);
      insert.run(lockid, 'online', '2026-12-01 12:00:00');
      expect(db.prepare(OUTAGES).all()).toEqual([{ lockid, start_at: '2026-12-01 06:00:00', end_at: '2026-12-01 12:00:00' }]);
      db.prepare('DELETE FROM locks WHERE lockid = ?').run(lockid);
      expect(db.prepare(OUTAGES).all()).toEqual([]);
    } finally {
      db.close();
    }
  });
});
