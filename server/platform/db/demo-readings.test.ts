import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fromPlatformDate } from '../../../contract/envelope';
import { SWAP_RISE } from '../../../contract/reports';
import { buildPlatform } from '../platform';
import { slotOf } from '../readings/sampler';

const now = new Date('2026-04-15T10:07:00Z');
const dir = mkdtempSync(join(tmpdir(), 'lockboard-demo-readings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const build = (dbPath: string) => buildPlatform({ dbPath, simulator: false, requireAuth: false, seed: { locks: 40, historyDays: 90 }, now: () => now });

describe('the demo readings', () => {
  it('end at each lock’s current state, drain to it with a few swaps, and are offline exactly in the seeded outages', async () => {
    const { db, app } = await build(':memory:');
    const end = slotOf(now);
    const lasts = db.prepare(`SELECT l.lockid, l.battery_level, l.temperature, l.lock_online_status, r.battery, r.temperature AS t, r.online
      FROM locks l JOIN readings r ON r.lock_id = l.id AND r.at = ?`).all(end) as Record<string, unknown>[];
    expect(lasts).toHaveLength(40);
    for (const l of lasts) expect([l.battery, l.t, l.online]).toEqual([l.battery_level, l.temperature, l.lock_online_status]);
    expect(db.prepare('SELECT min(at) FROM readings').pluck().get()).toBeGreaterThanOrEqual(end - 90 * 86_400);

    const swaps = db.prepare(`SELECT count(DISTINCT lock_id) FROM (SELECT lock_id, battery - lag(battery) OVER (PARTITION BY lock_id ORDER BY at) AS rise FROM readings) WHERE rise >= ?`).pluck().get(SWAP_RISE) as number;
    expect(swaps).toBeGreaterThan(0);
    expect(swaps).toBeLessThan(40);

    // Outages from the events: offline → online per lock, or still offline now.
    const events = db.prepare(`SELECT lockid, event_type, event_date FROM events WHERE event_type IN ('offline', 'online') ORDER BY event_date, eventid`).all() as { lockid: string; event_type: string; event_date: string }[];
    const outages = new Map<string, [number, number][]>();
    const open = new Map<string, number>();
    for (const e of events) {
      const t = fromPlatformDate(e.event_date).getTime() / 1000;
      if (e.event_type === 'offline') open.set(e.lockid, open.get(e.lockid) ?? t);
      else if (open.has(e.lockid)) {
        outages.set(e.lockid, [...(outages.get(e.lockid) ?? []), [open.get(e.lockid) as number, t]]);
        open.delete(e.lockid);
      }
    }
    for (const [lockid, t] of open) outages.set(lockid, [...(outages.get(lockid) ?? []), [t, Infinity]]);
    const rows = db.prepare('SELECT l.lockid, r.at, r.online FROM readings r JOIN locks l ON l.id = r.lock_id').all() as { lockid: string; at: number; online: number }[];
    const wrong = rows.filter((r) => (outages.get(r.lockid) ?? []).some(([a, b]) => r.at >= a && r.at < b) !== (r.online === 0));
    expect(wrong).toEqual([]);
    expect(rows.filter((r) => r.online === 0).length).toBeGreaterThan(0);
    // The forecasts were made with them.
    expect(db.prepare('SELECT count(*) FROM battery_trends WHERE critical_at IS NOT NULL').pluck().get()).toBeGreaterThan(20);
    await app.close();
  }, 30_000);

  it('are backfilled once into a database that had none (an upgrade), and the same every time', async () => {
    const path = join(dir, 'upgrade.sqlite');
    const first = await build(path);
    const fingerprint = (db: typeof first.db) => db.prepare('SELECT count(*) AS n, sum(battery), sum(temperature), sum(online), sum(at % 7919) FROM readings').get();
    const seeded = fingerprint(first.db);
    // As if from before readings: none, and not seeded.
    first.db.exec(`DELETE FROM readings; DELETE FROM battery_trends; UPDATE platform_meta SET value = 0 WHERE key = 'readings_seeded'`);
    await first.app.close();
    const upgraded = await build(path);
    expect(fingerprint(upgraded.db)).toEqual(seeded);
    upgraded.db.exec('DELETE FROM readings WHERE at % 7200 = 0');
    const thinned = fingerprint(upgraded.db);
    await upgraded.app.close();
    const again = await build(path);
    expect(fingerprint(again.db)).toEqual(thinned);
    await again.app.close();
  }, 30_000);
});
