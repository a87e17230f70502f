import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toPlatformDate } from '../../../contract/envelope';
import { eventListResponseSchema } from '../../../contract/events';
import { lockListResponseSchema, lockResponseSchema, lockSummaryResponseSchema } from '../../../contract/locks';
import { lockdownListResponseSchema, lockdownResponseSchema } from '../../../contract/schedules';
import type { Lockdown } from '../../../contract/schedules';
import { startPlatform } from '../platform';
import { call, loginAs } from '../testing';

/** Lockdowns on an embedded platform of 240 locks, frozen (no simulator), on a fake clock. */
const START = new Date('2025-06-02T10:00:00Z');
let clock = START;
type Platform = Awaited<ReturnType<typeof startPlatform>>;

async function freshPlatform(): Promise<{ platform: Platform; token: string }> {
  const platform = await startPlatform({ dbPath: ':memory:', simulator: false, seed: { historyDays: 0 }, now: () => clock });
  // The relocker runs only when a test runs it.
  platform.relocker.stop();
  return { platform, token: await loginAs(platform.url, 'manager') };
}

function client(p: { platform: Platform; token: string }) {
  const { platform, token } = p;
  const request = (method: string, path: string, body?: unknown) => call(platform.url, method, path, { token, body });
  const db = platform.db;
  return {
    request,
    async start(body: unknown): Promise<Lockdown> {
      const res = await request('POST', '/api/lockdowns', body);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return lockdownResponseSchema.parse(res.body).lockdown;
    },
    async lift(lockdownid: number): Promise<Lockdown> {
      const res = await request('POST', `/api/lockdowns/${lockdownid}/lift`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return lockdownResponseSchema.parse(res.body).lockdown;
    },
    async lock(lockid: string) {
      return lockResponseSchema.parse((await request('GET', `/api/locks/${lockid}`)).body).lock;
    },
    async events(lockid: string) {
      return eventListResponseSchema.parse((await request('GET', `/api/locks/${lockid}/events?pagenumber=1&limit=50`)).body).eventslist;
    },
    /** The fleet's history of one event type: how many, and the newest. */
    async fleetHistory(type: string) {
      const page = eventListResponseSchema.parse((await request('GET', `/api/events?pagenumber=1&limit=10&type=${type}`)).body);
      return { count: page.totalCount, newest: page.eventslist[0] };
    },
    column: (sql: string, ...args: unknown[]) => db.prepare(sql).pluck().all(...args) as string[],
    run: (sql: string, ...args: unknown[]) => db.prepare(sql).run(...args),
  };
}

describe('a fleet lockdown', () => {
  let p: { platform: Platform; token: string };
  let c: ReturnType<typeof client>;
  let lockdown: Lockdown;
  let openOnline: string[];
  let offline: string[];
  beforeAll(async () => {
    p = await freshPlatform();
    c = client(p);
    // A few doors open, one with a pending timed relock; an offline one open too.
    c.run('UPDATE locks SET lock_open_status = 0, relock_at = NULL');
    c.run(`UPDATE locks SET lock_open_status = 1 WHERE id IN (SELECT id FROM locks WHERE lock_online_status = 1 ORDER BY id LIMIT 5)`);
    c.run(`UPDATE locks SET relock_at = ? WHERE id = (SELECT id FROM locks WHERE lock_open_status = 1 AND lock_online_status = 1 ORDER BY id LIMIT 1)`, toPlatformDate(new Date(START.getTime() + 60_000)));
    c.run(`UPDATE locks SET lock_open_status = 1 WHERE id = (SELECT id FROM locks WHERE lock_online_status = 0 ORDER BY id LIMIT 1)`);
    openOnline = c.column('SELECT lockid FROM locks WHERE lock_open_status = 1 AND lock_online_status = 1 ORDER BY lockid');
    offline = c.column('SELECT lockid FROM locks WHERE lock_online_status = 0 ORDER BY lockid');
    expect(openOnline).toHaveLength(5);
    expect(offline.length).toBeGreaterThan(0);
    lockdown = await c.start({ all: true });
  });
  afterAll(() => p.platform.close());

  it('answers with every lock in scope marked, the online ones locked, the offline ones pending', async () => {
    expect(lockdown).toMatchObject({ scope: { all: true }, started_by: 'Demo Manager', started_date: toPlatformDate(START), lifted_by: null, lifted_date: null, lock_count: 240 });
    expect(lockdown.pending_lockids).toEqual(offline);
    expect(c.column('SELECT lockid FROM locks WHERE lockdown = 0')).toEqual([]);
    expect(c.column('SELECT lockid FROM locks WHERE lock_online_status = 1 AND (lock_open_status = 1 OR relock_at IS NOT NULL)')).toEqual([]);
    // The offline door could not be told yet.
    expect(c.column('SELECT lockid FROM locks WHERE lock_open_status = 1')).toHaveLength(1);
  });

  it('writes one fleet-level lockdown_started (no lock, no group), and locked for the doors it moved', async () => {
    const started = await c.fleetHistory('lockdown_started');
    expect(started.count).toBe(1);
    expect(started.newest).toMatchObject({ lockid: null, lockname: null, groupid: null, groupname: null, actor: 'Demo Manager', method: 'system', userid: null });
    const door = openOnline[0] as string;
    expect(await c.events(door)).toMatchObject([{ event_type: 'locked', actor: 'Demo Manager', method: 'remote', lockid: door }]);
    // Like a group's lockdown event, the fleet's is not in a lock's own history (that lists the lock's events only).
    const closedAlready = c.column('SELECT lockid FROM locks WHERE lock_online_status = 1 ORDER BY id DESC LIMIT 1')[0] as string;
    expect(await c.events(closedAlready)).toEqual([]);
  });

  it('carries lockdown: 1 on the lock rows, filters by it and counts it in the summary', async () => {
    expect((await c.lock(openOnline[0] as string)).lockdown).toBe(1);
    const inLockdown = lockListResponseSchema.parse((await c.request('GET', '/api/locks?pagenumber=1&limit=10&lockdown=1')).body);
    expect(inLockdown.totalCount).toBe(240);
    const outside = lockListResponseSchema.parse((await c.request('GET', '/api/locks?pagenumber=1&limit=10&lockdown=0')).body);
    expect(outside.totalCount).toBe(0);
    const { summary } = lockSummaryResponseSchema.parse((await c.request('GET', '/api/locks/summary')).body);
    expect(summary.lockdown).toBe(240);
  });

  it('locks a pending lock as soon as it is back online, and lists it pending no more', async () => {
    const back = c.column('SELECT lockid FROM locks WHERE lock_online_status = 0 AND lock_open_status = 1')[0] as string;
    c.run(`UPDATE locks SET lock_online_status = 1 WHERE lockid = ?`, back);
    p.platform.relocker.run();
    expect((await c.lock(back)).lock_open_status).toBe(0);
    expect((await c.events(back))[0]).toMatchObject({ event_type: 'locked', method: 'system' });
    const [listed] = lockdownListResponseSchema.parse((await c.request('GET', '/api/lockdowns')).body).lockdownslist;
    expect(listed?.pending_lockids).toEqual(offline.filter((id) => id !== back));
    expect(listed?.pending_lockids).toHaveLength(offline.length - 1);
  });

  it('writes one fleet-level lockdown_lifted when lifted', async () => {
    await c.lift(lockdown.lockdownid);
    const lifted = await c.fleetHistory('lockdown_lifted');
    expect(lifted.count).toBe(1);
    expect(lifted.newest).toMatchObject({ lockid: null, groupid: null, actor: 'Demo Manager', method: 'system' });
    expect((await c.fleetHistory('lockdown_started')).count).toBe(1);
  });
});

describe('a door in lockdown', () => {
  let p: { platform: Platform; token: string };
  let c: ReturnType<typeof client>;
  let holder: { userid: number; lockid: string; method: 'app' | 'keypad' | 'card' | 'fingerprint' };
  let lockdownid: number;
  beforeAll(async () => {
    p = await freshPlatform();
    c = client(p);
    const date = toPlatformDate(START);
    holder = p.platform.db
      .prepare(`SELECT g.userid, l.lockid, g.method FROM grants g
        JOIN locks l ON l.lockid = g.lockid OR l.id IN (SELECT lock_id FROM lockgroup_members m WHERE m.groupid = g.groupid)
        WHERE l.lock_online_status = 1 AND g.revoked_date IS NULL AND g.weekdays IS NULL AND g.start_time IS NULL
        AND (g.start_date IS NULL OR g.start_date <= ?) AND (g.end_date IS NULL OR g.end_date > ?) ORDER BY g.grantid LIMIT 1`)
      .get(date, date) as typeof holder;
    expect(p.platform.useDoor(holder).allowed).toBe(true);
    const group = p.platform.db.prepare('SELECT groupid FROM lockgroup_members WHERE lock_id = (SELECT id FROM locks WHERE lockid = ?)').pluck().get(holder.lockid) as number;
    lockdownid = (await c.start({ groupids: [group] })).lockdownid;
  });
  afterAll(() => p.platform.close());

  it('refuses every door use with reason lockdown, even to a grant that works', () => {
    expect(p.platform.useDoor(holder)).toMatchObject({ allowed: false, reason: 'lockdown' });
  });

  it('answers an unlock 423 without an override reason, and the door stays locked', async () => {
    for (const body of [undefined, { duration_s: 60 }]) {
      const res = await c.request('POST', `/api/locks/${holder.lockid}/unlock`, body);
      expect(res.status).toBe(423);
      expect(res.body).toMatchObject({ status: 0, msg: expect.stringMatching(/ is in lockdown: /) });
    }
    expect((await c.lock(holder.lockid)).lock_open_status).toBe(0);
  });

  it('unlocks for one command with override_reason (on the event), stays in lockdown, and a manual lock works', async () => {
    const res = await c.request('POST', `/api/locks/${holder.lockid}/unlock`, { override_reason: 'Fire brigade access' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(lockResponseSchema.parse(res.body).lock).toMatchObject({ lock_open_status: 1, lockdown: 1 });
    expect((await c.events(holder.lockid))[0]).toMatchObject({ event_type: 'unlocked', actor: 'Demo Manager (lockdown override: Fire brigade access)' });
    expect(p.platform.useDoor(holder)).toMatchObject({ allowed: false, reason: 'lockdown' });
    expect((await c.request('POST', `/api/locks/${holder.lockid}/lock`)).status).toBe(200);
    clock = new Date(clock.getTime() + 3600_000);
    p.platform.relocker.run();
    expect(await c.lock(holder.lockid)).toMatchObject({ lock_open_status: 0, lockdown: 1, relock_at: null });
  });

  it('a timed override unlock is relocked by the relocker and never reopened', async () => {
    const res = await c.request('POST', `/api/locks/${holder.lockid}/unlock`, { override_reason: 'Delivery', duration_s: 60 });
    expect(res.status).toBe(200);
    clock = new Date(clock.getTime() + 61_000);
    p.platform.relocker.run();
    expect(await c.lock(holder.lockid)).toMatchObject({ lock_open_status: 0, lockdown: 1, relock_at: null });
    clock = new Date(clock.getTime() + 61_000);
    p.platform.relocker.run();
    expect((await c.lock(holder.lockid)).lock_open_status).toBe(0);
  });

  it('refuses a too-short override reason with a 400 naming it', async () => {
    const res = await c.request('POST', `/api/locks/${holder.lockid}/unlock`, { override_reason: 'x' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 0, msg: expect.stringMatching(/override_reason/) });
  });

  it('lets the grant work again once lifted', async () => {
    const lifted = await c.lift(lockdownid);
    expect(lifted).toMatchObject({ lifted_by: 'Demo Manager', lifted_date: toPlatformDate(clock), pending_lockids: [] });
    expect((await c.lock(holder.lockid)).lockdown).toBe(0);
    expect(p.platform.useDoor(holder).allowed).toBe(true);
    const unlocked = await c.request('POST', `/api/locks/${holder.lockid}/unlock`);
    expect(unlocked.status).toBe(200);
  });
});

describe('several lockdowns, the list and lifting', () => {
  let p: { platform: Platform; token: string };
  let c: ReturnType<typeof client>;
  let groups: number[];
  beforeAll(async () => {
    p = await freshPlatform();
    c = client(p);
    groups = p.platform.db.prepare('SELECT groupid FROM lockgroups WHERE lock_count > 0 ORDER BY groupid LIMIT 2').pluck().all() as number[];
    expect(groups).toHaveLength(2);
  });
  afterAll(() => p.platform.close());

  const members = (groupid: number) => c.column('SELECT l.lockid FROM lockgroup_members m JOIN locks l ON l.id = m.lock_id WHERE m.groupid = ? ORDER BY l.lockid', groupid);
  const inLockdown = () => c.column('SELECT lockid FROM locks WHERE lockdown = 1 ORDER BY lockid');

  it('refuses bad bodies with a 400 naming the problem, and starts nothing', async () => {
    const cases: [unknown, RegExp][] = [
      [{}, /all: true or groupids/],
      [{ all: true, groupids: [groups[0]] }, /all: true or groupids/],
      [{ all: false }, /all/],
      [{ groupids: [] }, /groupids must not be empty/],
      [{ groupids: 'x' }, /groupids must be a list/],
      [{ groupids: [groups[0], 987654] }, /987654/],
      [{ all: true, extra: 1 }, /extra/],
    ];
    for (const [body, msg] of cases) {
      const res = await c.request('POST', '/api/lockdowns', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body, JSON.stringify(body)).toMatchObject({ status: 0, msg: expect.stringMatching(msg) });
    }
    expect(c.column('SELECT lockdownid FROM lockdowns')).toEqual([]);
    expect(inLockdown()).toEqual([]);
  });

  it('keeps a lock held by another active lockdown when one is lifted', async () => {
    const [a, b] = groups as [number, number];
    const first = await c.start({ groupids: [a] });
    const second = await c.start({ groupids: [a, b] });
    expect(first.lock_count).toBe(members(a).length);
    expect(second.lock_count).toBe(new Set([...members(a), ...members(b)]).size);
    await c.lift(second.lockdownid);
    expect(inLockdown()).toEqual(members(a));
    await c.lift(first.lockdownid);
    expect(inLockdown()).toEqual([]);
  });

  it('lists active lockdowns (the default) or all, newest first', async () => {
    const third = await c.start({ all: true });
    const active = lockdownListResponseSchema.parse((await c.request('GET', '/api/lockdowns?state=active')).body).lockdownslist;
    expect(active.map((l) => l.lockdownid)).toEqual([third.lockdownid]);
    const byDefault = lockdownListResponseSchema.parse((await c.request('GET', '/api/lockdowns')).body).lockdownslist;
    expect(byDefault).toEqual(active);
    const all = lockdownListResponseSchema.parse((await c.request('GET', '/api/lockdowns?state=all')).body).lockdownslist;
    expect(all.map((l) => l.lockdownid)).toEqual([third.lockdownid, third.lockdownid - 1, third.lockdownid - 2]);
    expect(all[1]?.lifted_by).toBe('Demo Manager');
    expect((await c.request('GET', '/api/lockdowns?state=some')).status).toBe(400);
  });

  it('writes lockdown_started and lockdown_lifted per group for a group lockdown', async () => {
    const events = p.platform.db
      .prepare(`SELECT event_type, groupid, lockid, actor FROM events WHERE groupid IS NOT NULL ORDER BY eventid DESC`)
      .all() as { event_type: string; groupid: number; lockid: string | null; actor: string }[];
    expect(events.every((e) => e.lockid === null && e.actor === 'Demo Manager') && events.length > 0).toBe(true);
    expect(events.map((e) => [e.event_type, e.groupid])).toEqual([
      // Newest first: the first lockdown (a) lifted, the second (a, b) lifted, the second started, the first started.
      ['lockdown_lifted', groups[0]],
      ['lockdown_lifted', groups[1]],
      ['lockdown_lifted', groups[0]],
      ['lockdown_started', groups[1]],
      ['lockdown_started', groups[0]],
      ['lockdown_started', groups[0]],
    ]);
  });

  it('answers a lift 404 for an unknown lockdown and 409 for a lifted one', async () => {
    const res404 = await c.request('POST', '/api/lockdowns/9999/lift');
    expect(res404.status).toBe(404);
    expect(res404.body).toMatchObject({ status: 0, msg: 'No lockdown 9999 on this platform' });
    const lifted = c.column('SELECT lockdownid FROM lockdowns WHERE lifted_date IS NOT NULL ORDER BY lockdownid')[0];
    const res409 = await c.request('POST', `/api/lockdowns/${lifted}/lift`);
    expect(res409.status).toBe(409);
    expect(res409.body).toMatchObject({ status: 0, msg: expect.stringMatching(/already lifted/) });
  });

  it('refuses a support account (the platform’s sign-in refuses its state changes)', async () => {
    const support = await loginAs(p.platform.url, 'support');
    const res = await call(p.platform.url, 'POST', '/api/lockdowns', { token: support, body: { all: true } });
    expect(res.status).toBe(403);
  });
});
