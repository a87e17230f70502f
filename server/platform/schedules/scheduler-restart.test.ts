import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startPlatform } from '../platform';
import { call, loginAs } from '../testing';

/** A restart inside a window: a new platform on the same database file applies the state due now, once. */
const dir = mkdtempSync(join(tmpdir(), 'lockboard-schedules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function platformAt(iso: string) {
  const platform = await startPlatform({ dbPath: join(dir, 'platform.db'), simulator: false, seed: { locks: 10, historyDays: 0 }, now: () => new Date(iso) });
  platform.scheduler.stop();
  return platform;
}
const scheduledEvents = (db: Awaited<ReturnType<typeof platformAt>>['db'], lockid: string) =>
  db.prepare(`SELECT event_date || ' ' || event_type FROM events WHERE lockid = ? AND event_type LIKE 'scheduled_%' ORDER BY eventid`).pluck().all(lockid);

describe('a restart inside a window', () => {
  it('applies the due state once, and a second restart changes nothing', async () => {
    // Before the window (Monday 07:00 UTC): the schedule is made, the door stays locked.
    const first = await platformAt('2025-06-02T07:00:00Z');
    const lockid = first.db.prepare('SELECT lockid FROM locks WHERE lock_online_status = 1 AND lock_open_status = 0 ORDER BY lockid LIMIT 1').pluck().get() as string;
    const token = await loginAs(first.url, 'manager');
    const made = await call(first.url, 'POST', '/api/schedules', { token, body: { name: 'Office', windows: [{ days: '1', from: '08:00', to: '18:00' }], lockids: [lockid] } });
    expect(made.status).toBe(200);
    await first.close();

    // Down across the window's start; up again at 09:00.
    const second = await platformAt('2025-06-02T09:00:00Z');
    expect(second.scheduler.tick()).toBe(1);
    expect(second.scheduler.tick()).toBe(0);
    await second.close();

    const third = await platformAt('2025-06-02T09:30:00Z');
    expect(third.scheduler.tick()).toBe(0);
    expect(third.db.prepare('SELECT lock_open_status FROM locks WHERE lockid = ?').pluck().get(lockid)).toBe(1);
    expect(scheduledEvents(third.db, lockid)).toEqual(['2025-06-02 09:00:00 scheduled_unlock']);
    await third.close();
  });
});
