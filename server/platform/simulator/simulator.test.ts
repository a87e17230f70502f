import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fromPlatformDate } from '../../../contract/envelope';
import { eventListResponseSchema } from '../../../contract/events';
import type { LockEvent } from '../../../contract/events';
import { lockListResponseSchema } from '../../../contract/locks';
import type { Lock } from '../../../contract/locks';
import { startPlatform } from '../platform';
import { call } from '../testing';
import { TICK_MS } from './simulator';
import type { GrantMethod } from '../../../contract/constants';
import { type GrantRule, decide } from '../access/enforce';

const start = new Date('2025-06-02T10:00:00Z');
let clock = start;
let platform: Awaited<ReturnType<typeof startPlatform>>;
let produced: LockEvent[] = [];

async function allLocks(url: string): Promise<Lock[]> {
  const rows: Lock[] = [];
  for (let p = 1; ; p += 1) {
    const page = lockListResponseSchema.parse((await call(url, 'GET', `/api/locks?pagenumber=${p}&limit=100`)).body);
    rows.push(...page.lockslist);
    if (page.lockslist.length < 100) return rows;
  }
}

async function feed(url: string, afterid = 0): Promise<LockEvent[]> {
  const out: LockEvent[] = [];
  for (let after = afterid; ; ) {
    const page = eventListResponseSchema.parse((await call(url, 'GET', `/api/events?afterid=${after}&limit=500`)).body);
    out.push(...page.eventslist);
    if (page.eventslist.length < 500) return out;
    after = (page.eventslist.at(-1) as LockEvent).eventid;
  }
}

/** Twenty simulated minutes: 400 ticks of the fake clock. */
const TICKS = 400;

beforeAll(async () => {
  platform = await startPlatform({ dbPath: ':memory:', simulator: false, requireAuth: false, seed: { historyDays: 0 }, now: () => clock });
  for (let i = 0; i < TICKS; i += 1) {
    clock = new Date(start.getTime() + (i + 1) * TICK_MS);
    platform.simulator.tick();
  }
  produced = await feed(platform.url);
}, 60_000);
afterAll(() => platform.close());

describe('simulator ticks (fake clock)', () => {
  it('has people unlock doors with their door’s methods, and doors relock themselves', () => {
    const unlocks = produced.filter((e) => e.event_type === 'unlocked');
    expect(unlocks.length).toBeGreaterThan(100);
    expect(unlocks.every((e) => e.userid !== null && e.username !== null && ['keypad', 'fingerprint', 'card', 'app'].includes(e.method))).toBe(true);
    expect(new Set(unlocks.map((e) => e.method)).size).toBeGreaterThanOrEqual(3);
    const relocks = produced.filter((e) => e.event_type === 'locked' && e.method === 'system');
    expect(relocks.length).toBeGreaterThan(50);
    expect(relocks.every((e) => e.userid === null && e.username === null)).toBe(true);
    expect(produced.some((e) => e.event_type === 'locked' && e.userid !== null)).toBe(true);
  });

  it('lets only people whose grants allow it through, and now and then refuses someone, saying why', () => {
    const rules = platform.db.prepare<[{ userid: number; lockid: string }], GrantRule>(`
      SELECT grantid, method, start_date, end_date, weekdays, start_time, end_time, revoked_date FROM grants g
      WHERE g.userid = @userid AND (g.lockid = @lockid OR g.groupid IN (
        SELECT m.groupid FROM lockgroup_members m JOIN locks l ON l.id = m.lock_id WHERE l.lockid = @lockid))`);
    const verdict = (e: LockEvent) => {
      const decision = decide(rules.all({ userid: e.userid as number, lockid: e.lockid as string }), e.method as GrantMethod, fromPlatformDate(e.event_date).getTime(), 'UTC');
      return decision.allowed ? 'allowed' : decision.reason;
    };
    const unlocks = produced.filter((e) => e.event_type === 'unlocked');
    expect(unlocks.length).toBeGreaterThan(100);
    for (const e of unlocks) expect(verdict(e), JSON.stringify(e)).toBe('allowed');
    const denied = produced.filter((e) => e.event_type === 'access_denied');
    expect(denied.length).toBeGreaterThan(3);
    expect(new Set(denied.map((e) => e.reason)).size).toBeGreaterThanOrEqual(2);
    for (const e of denied) expect(verdict(e), JSON.stringify(e)).toBe(e.reason);
  });

  it('takes locks offline: most flap back within seconds, some stay away for minutes', () => {
    const offline = produced.filter((e) => e.event_type === 'offline');
    const gaps = offline
      .map((off) => {
        const back = produced.find((e) => e.event_type === 'online' && e.lockid === off.lockid && e.eventid > off.eventid);
        return back ? (fromPlatformDate(back.event_date).getTime() - fromPlatformDate(off.event_date).getTime()) / 1000 : Infinity;
      });
    expect(gaps.filter((s) => s <= 30).length).toBeGreaterThan(3);
    expect(gaps.filter((s) => s >= 300).length).toBeGreaterThanOrEqual(1);
    expect(offline.length).toBeGreaterThan(0);
    expect(offline.every((e) => e.method === 'system' && e.userid === null)).toBe(true);
  });

  it('drains batteries across 20 % and 10 % (with the level) and replaces drained ones', () => {
    const low = produced.filter((e) => e.event_type === 'battery_low');
    expect(low.some((e) => e.battery_level === 20)).toBe(true);
    expect(low.some((e) => e.battery_level === 10)).toBe(true);
    expect(low.length).toBeGreaterThan(0);
    expect(low.every((e) => e.battery_level !== null && e.battery_level <= 20)).toBe(true);
    const drained = platform.db.prepare('SELECT count(*) FROM locks WHERE battery_level = 100').pluck().get() as number;
    expect(drained).toBeGreaterThan(0);
  });

  it('produces something noteworthy every 10–20 s on average', () => {
    const noteworthy = produced.filter((e) => e.event_type !== 'locked');
    expect((TICKS * TICK_MS) / 1000 / noteworthy.length).toBeLessThanOrEqual(20);
  });

  it('keeps each lock row consistent with its latest events', async () => {
    const locks = new Map((await allLocks(platform.url)).map((l) => [l.lockid, l]));
    const last = new Map<string, LockEvent>();
    for (const e of produced) if ((e.event_type === 'online' || e.event_type === 'offline') && e.lockid !== null) last.set(e.lockid, e);
    for (const [lockid, e] of last) {
      const lock = locks.get(lockid) as Lock;
      expect(lock.lock_online_status, lockid).toBe(e.event_type === 'online' ? 1 : 0);
      if (e.event_type === 'offline') expect(lock.online_updated_date).toBe(e.event_date);
      else expect(lock.online_updated_date >= e.event_date).toBe(true);
    }
    for (const e of produced.filter((x) => x.event_type === 'unlocked' || x.event_type === 'locked')) {
      expect(e.lockname).toBe(locks.get(e.lockid ?? '')?.lockname);
    }
  });
});

describe('the simulator timer', () => {
  it('changes the fleet when on, and nothing when off', async () => {
    // The frozen one first: once the running one has ticked, the frozen one had as long to tick.
    const off = await startPlatform({ dbPath: ':memory:', simulator: false, requireAuth: false, seed: { locks: 60, historyDays: 0 } });
    const on = await startPlatform({ dbPath: ':memory:', requireAuth: false, seed: { locks: 60, historyDays: 0 } });
    try {
      expect(on.simulator.running).toBe(true);
      expect(off.simulator.running).toBe(false);
      const [onBefore, offBefore] = [await allLocks(on.url), await allLocks(off.url)];
      // A condition, not a fixed wait: the first tick comes about TICK_MS after start.
      await vi.waitFor(async () => expect(await allLocks(on.url)).not.toEqual(onBefore), { timeout: 5 * TICK_MS, interval: 200 });
      expect(await feed(off.url)).toEqual([]);
      expect(await allLocks(off.url)).toEqual(offBefore);
    } finally {
      await on.close();
      await off.close();
    }
  }, 30_000);
});

describe('a door its schedule holds unlocked', () => {
  it('is not relocked by the simulator after a person opens it (a first-person-in door after its first use)', async () => {
    let now = new Date('2025-06-04T09:00:00Z');
    const p = await startPlatform({ dbPath: ':memory:', simulator: false, requireAuth: false, seed: { locks: 60, historyDays: 0 }, now: () => now });
    try {
      const lockids = p.db.prepare('SELECT lockid FROM locks ORDER BY id').pluck().all() as string[];
      // Every door waits all day for its first person in.
      const body = { name: 'Wait for staff', windows: [{ days: '1234567', from: '00:00', to: '24:00' }], first_person_in: 1, lockids };
      expect((await call(p.url, 'POST', '/api/schedules', { body })).status).toBe(200);
      p.scheduler.refresh();
      const since = p.db.prepare('SELECT max(eventid) FROM events').pluck().get() as number;
      // Two simulated minutes: relocks come 5–25 s after a door is opened.
      for (let i = 0; i < 40; i += 1) {
        now = new Date(now.getTime() + TICK_MS);
        p.simulator.tick();
      }
      const firstIn = p.db
        .prepare(`SELECT lockid FROM events WHERE eventid > ? AND event_type = 'scheduled_unlock' ORDER BY eventid`)
        .pluck()
        .all(since) as string[];
      expect(firstIn.length).toBeGreaterThan(2);
      const relocked = p.db
        .prepare(`SELECT lockid FROM events WHERE eventid > ? AND event_type = 'locked' AND lockid IN (SELECT value FROM json_each(?))`)
        .pluck()
        .all(since, JSON.stringify(firstIn));
      expect(relocked).toEqual([]);
      const open = p.db.prepare('SELECT lock_open_status FROM locks WHERE lockid IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(firstIn));
      expect(open).toEqual(firstIn.map(() => 1));
    } finally {
      await p.close();
    }
  }, 30_000);
});
