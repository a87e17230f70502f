import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { envelopeSchema, toPlatformDate } from '../../../contract/envelope';
import { eventListResponseSchema } from '../../../contract/events';
import type { LockEvent } from '../../../contract/events';
import { lockListResponseSchema, lockResponseSchema } from '../../../contract/locks';
import type { Lock } from '../../../contract/locks';
import { startPlatform } from '../platform';
import { TICK_MS } from '../simulator/simulator';
import { call, loginAs } from '../testing';
import { RELOCK_CHECK_MS } from './relocker';

/** Unlock for a while (`duration_s`, `relock_at`) on a fake clock; the relocker is run by hand. */
const START = new Date('2025-06-02T10:00:00Z');
let clock = START;
const later = (seconds: number) => new Date(clock.getTime() + seconds * 1000);
let platform: Awaited<ReturnType<typeof startPlatform>>;
let token: string;

beforeAll(async () => {
  platform = await startPlatform({ dbPath: ':memory:', simulator: false, seed: { historyDays: 0 }, now: () => clock });
  // Relocks happen only when a test runs the relocker (its own timer is tested on another platform).
  platform.relocker.stop();
  token = await loginAs(platform.url, 'manager');
});
afterAll(() => platform.close());

const get = async (lockid: string) => lockResponseSchema.parse((await call(platform.url, 'GET', `/api/locks/${lockid}`, { token })).body).lock;
const command = (lockid: string, name: 'lock' | 'unlock', body?: unknown) =>
  call(platform.url, 'POST', `/api/locks/${lockid}/${name}`, { token, body });
async function unlock(lockid: string, body?: unknown): Promise<Lock> {
  const res = await command(lockid, 'unlock', body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return lockResponseSchema.parse(res.body).lock;
}
async function lockEvents(lockid: string): Promise<LockEvent[]> {
  const res = await call(platform.url, 'GET', `/api/locks/${lockid}/events?pagenumber=1&limit=100`, { token });
  return eventListResponseSchema.parse(res.body).eventslist;
}
/** A different online, locked lock each time (so no test sees another's relocks). */
const used = new Set<string>();
async function freshLock(): Promise<Lock> {
  const page = lockListResponseSchema.parse((await call(platform.url, 'GET', '/api/locks?pagenumber=1&limit=100&online=1&open=0', { token })).body);
  const lock = page.lockslist.find((l) => !used.has(l.lockid));
  if (!lock) throw new Error('no online locked lock left');
  used.add(lock.lockid);
  return lock;
}

describe('POST /api/locks/:lockid/unlock {duration_s}', () => {
  it('unlocks and carries relock_at (now + duration, UTC) in every answer until then', async () => {
    const lock = await freshLock();
    const res = await command(lock.lockid, 'unlock', { duration_s: 300 });
    expect(res.status).toBe(200);
    const body = lockResponseSchema.parse(res.body);
    const relockAt = toPlatformDate(later(300));
    expect(body.msg).toBe(`${lock.lockname} unlocked for 5 minutes`);
    expect(body.lock).toEqual({ ...lock, lock_open_status: 1, relock_at: relockAt });
    expect(await get(lock.lockid)).toEqual(body.lock);
    const listed = lockListResponseSchema.parse(
      (await call(platform.url, 'GET', `/api/locks?pagenumber=1&limit=5&searchkey=${lock.lockid}`, { token })).body,
    );
    expect(listed.lockslist.find((l) => l.lockid === lock.lockid)?.relock_at).toBe(relockAt);
    const [latest] = await lockEvents(lock.lockid);
    expect(latest).toMatchObject({ event_type: 'unlocked', method: 'remote', userid: 2, event_date: toPlatformDate(clock) });
  });

  it('relocks by itself when the time comes: a system "locked" event, no person, relock_at cleared', async () => {
    const lock = await freshLock();
    await unlock(lock.lockid, { duration_s: 120 });
    const before = (await lockEvents(lock.lockid)).length;
    const unlockedAt = clock;
    try {
      clock = new Date(unlockedAt.getTime() + 119_000);
      platform.relocker.run();
      expect(await get(lock.lockid)).toMatchObject({ lock_open_status: 1, relock_at: toPlatformDate(new Date(unlockedAt.getTime() + 120_000)) });
      clock = new Date(unlockedAt.getTime() + 120_000);
      expect(platform.relocker.run()).toBeGreaterThanOrEqual(1);
      expect(await get(lock.lockid)).toEqual({ ...lock, lock_open_status: 0, relock_at: null });
      const events = await lockEvents(lock.lockid);
      expect(events).toHaveLength(before + 1);
      expect(events[0]).toMatchObject({
        lockid: lock.lockid, lockname: lock.lockname, event_type: 'locked', method: 'system',
        userid: null, username: null, event_date: toPlatformDate(clock),
      });
      // Once only.
      clock = new Date(clock.getTime() + 60_000);
      platform.relocker.run();
      expect(await lockEvents(lock.lockid)).toHaveLength(before + 1);
    } finally {
      clock = START;
    }
  });

  it('is replaced by a new timed unlock, and cancelled by an unlock without duration or a lock', async () => {
    const [a, b, c] = [await freshLock(), await freshLock(), await freshLock()];
    await unlock(a.lockid, { duration_s: 600 });
    expect((await unlock(a.lockid, { duration_s: 60 })).relock_at).toBe(toPlatformDate(later(60)));
    await unlock(b.lockid, { duration_s: 60 });
    expect((await unlock(b.lockid)).relock_at).toBeNull();
    await unlock(c.lockid, { duration_s: 60 });
    const locked = await command(c.lockid, 'lock');
    expect(lockResponseSchema.parse(locked.body).lock).toMatchObject({ lock_open_status: 0, relock_at: null });
    const counts = await Promise.all([a, b, c].map(async (l) => (await lockEvents(l.lockid)).length));
    try {
      clock = later(61);
      platform.relocker.run();
      expect(await get(a.lockid)).toMatchObject({ lock_open_status: 0, relock_at: null });
      expect(await get(b.lockid)).toMatchObject({ lock_open_status: 1, relock_at: null });
      expect(await get(c.lockid)).toMatchObject({ lock_open_status: 0, relock_at: null });
      const after = await Promise.all([a, b, c].map(async (l) => (await lockEvents(l.lockid)).length));
      expect(after).toEqual([(counts[0] as number) + 1, counts[1], counts[2]]);
    } finally {
      clock = START;
    }
  });

  it('answers 409 for an offline lock; a lock that drops offline relocks once it is back', async () => {
    const offline = lockListResponseSchema.parse(
      (await call(platform.url, 'GET', '/api/locks?pagenumber=1&limit=1&online=0&open=0', { token })).body,
    ).lockslist[0] as Lock;
    const res = await command(offline.lockid, 'unlock', { duration_s: 60 });
    expect(res.status).toBe(409);
    expect(envelopeSchema.parse(res.body)).toEqual({ status: 0, msg: `${offline.lockname} is offline` });
    expect(await get(offline.lockid)).toEqual(offline);

    const lock = await freshLock();
    const { relock_at } = await unlock(lock.lockid, { duration_s: 60 });
    const setOnline = platform.db.prepare('UPDATE locks SET lock_online_status = ? WHERE lockid = ?');
    setOnline.run(0, lock.lockid);
    try {
      clock = later(300);
      platform.relocker.run();
      // Overdue: still open, still saying when it was due.
      expect(await get(lock.lockid)).toMatchObject({ lock_open_status: 1, relock_at });
      setOnline.run(1, lock.lockid);
      platform.relocker.run();
      expect(await get(lock.lockid)).toMatchObject({ lock_open_status: 0, relock_at: null });
      expect((await lockEvents(lock.lockid))[0]).toMatchObject({ event_type: 'locked', method: 'system', event_date: toPlatformDate(clock) });
    } finally {
      clock = START;
    }
  });

  it('takes duration_s from 60 to 3600 whole seconds; anything else is 400 naming it, and changes nothing', async () => {
    const lock = await freshLock();
    const events = (await lockEvents(lock.lockid)).length;
    const cases: [unknown, RegExp][] = [
      [{ duration_s: 59 }, /^duration_s: .*at least 60/],
      [{ duration_s: 3601 }, /^duration_s: .*at most 3600/],
      [{ duration_s: 90.5 }, /^duration_s: .*whole number/],
      [{ duration_s: '300' }, /^duration_s: /],
      [{ duration_s: null }, /^duration_s: /],
      [{ duration_s: true }, /^duration_s: /],
      [{ duration_s: 300, reason: 'delivery' }, /reason/],
      [[300], /request/],
      ['300', /request/],
    ];
    for (const [body, msg] of cases) {
      const res = await command(lock.lockid, 'unlock', typeof body === 'string' ? JSON.stringify(body) : body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(envelopeSchema.parse(res.body).msg, JSON.stringify(body)).toMatch(msg);
    }
    const onLock = await command(lock.lockid, 'lock', { duration_s: 60 });
    expect(onLock.status).toBe(400);
    expect(envelopeSchema.parse(onLock.body).msg).toMatch(/^duration_s: only an unlock/);
    expect(await get(lock.lockid)).toEqual(lock);
    expect(await lockEvents(lock.lockid)).toHaveLength(events);
    expect((await unlock(lock.lockid, { duration_s: 60 })).relock_at).toBe(toPlatformDate(later(60)));
    const hour = await unlock(lock.lockid, { duration_s: 3600 });
    expect(hour.relock_at).toBe(toPlatformDate(later(3600)));
    expect((await command(lock.lockid, 'unlock', { duration_s: 90 })).body).toMatchObject({ msg: `${lock.lockname} unlocked for 90 seconds` });
  });

  it('is left to the platform by the simulator: a door held open is not relocked by the simulated people', async () => {
    const latestId = platform.db.prepare('SELECT max(eventid) FROM events').pluck();
    let target: string | undefined;
    for (let i = 1; i <= 60 && target === undefined; i += 1) {
      clock = new Date(START.getTime() + i * 1000);
      const before = latestId.get() as number;
      platform.simulator.tick();
      const feed = eventListResponseSchema.parse((await call(platform.url, 'GET', `/api/events?afterid=${before}&limit=50`, { token })).body);
      // Someone used a door: the simulator will relock it within seconds unless told otherwise.
      target = feed.eventslist.find((e) => e.event_type === 'unlocked' && e.method !== 'remote')?.lockid ?? undefined;
    }
    expect(target).toBeDefined();
    const lockid = target as string;
    try {
      const { relock_at } = await unlock(lockid, { duration_s: 600 });
      const held = clock;
      for (let s = 30; s <= 300; s += TICK_MS / 1000) {
        clock = new Date(held.getTime() + s * 1000);
        platform.simulator.tick();
      }
      expect(await get(lockid)).toMatchObject({ lock_open_status: 1, relock_at });
      clock = new Date(held.getTime() + 600_000);
      platform.relocker.run();
      expect(await get(lockid)).toMatchObject({ lock_open_status: 0, relock_at: null });
    } finally {
      clock = START;
    }
  });
});

describe("the platform's relock timer", () => {
  it('relocks on its own, with the simulator off', async () => {
    let now = START;
    const other = await startPlatform({ dbPath: ':memory:', simulator: false, requireAuth: false, seed: { locks: 60, historyDays: 0 }, now: () => now });
    try {
      expect(other.simulator.running).toBe(false);
      expect(other.relocker.running).toBe(true);
      const lock = lockListResponseSchema.parse((await call(other.url, 'GET', '/api/locks?pagenumber=1&limit=1&online=1&open=0')).body).lockslist[0] as Lock;
      const res = await call(other.url, 'POST', `/api/locks/${lock.lockid}/unlock`, { body: { duration_s: 60 } });
      expect(lockResponseSchema.parse(res.body).lock.lock_open_status).toBe(1);
      now = new Date(START.getTime() + 61_000);
      // A condition, not a fixed wait: the timer looks every RELOCK_CHECK_MS.
      await vi.waitFor(
        async () => {
          const { body } = await call(other.url, 'GET', `/api/locks/${lock.lockid}`);
          expect(lockResponseSchema.parse(body).lock).toMatchObject({ lock_open_status: 0, relock_at: null });
        },
        { timeout: 10 * RELOCK_CHECK_MS, interval: 100 },
      );
    } finally {
      await other.close();
    }
  }, 30_000);
});
