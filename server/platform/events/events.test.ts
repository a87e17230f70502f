import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envelopeSchema, toPlatformDate } from '../../../contract/envelope';
import { EVENT_METHODS, eventListResponseSchema } from '../../../contract/events';
import type { LockEvent } from '../../../contract/events';
import { lockListResponseSchema, lockResponseSchema } from '../../../contract/locks';
import type { Lock } from '../../../contract/locks';
import { startPlatform } from '../platform';
import { call, loginAs } from '../testing';

const NOW = new Date('2025-06-02T10:00:00Z');
let platform: Awaited<ReturnType<typeof startPlatform>>;
let token: string;

const get = (path: string) => call(platform.url, 'GET', path, { token });
async function events(path: string) {
  const res = await get(path);
  expect(res.status, path).toBe(200);
  return eventListResponseSchema.parse(res.body);
}
async function expectError(res: { status: number; body: unknown }, status: number, msg?: RegExp | string) {
  expect(res.status).toBe(status);
  const body = envelopeSchema.parse(res.body);
  expect(body.status).toBe(0);
  if (typeof msg === 'string') expect(body.msg).toBe(msg);
  else if (msg) expect(body.msg).toMatch(msg);
}
const eventCount = () => platform.db.prepare('SELECT count(*) FROM events').pluck().get() as number;
async function firstLock(query: string): Promise<Lock> {
  const list = lockListResponseSchema.parse((await get(`/api/locks?pagenumber=1&limit=1&${query}`)).body);
  const lock = list.lockslist[0];
  if (!lock) throw new Error(`no lock for ${query}`);
  return lock;
}

beforeAll(async () => {
  platform = await startPlatform({ dbPath: ':memory:', simulator: false, seed: { historyDays: 7 }, now: () => NOW });
  token = await loginAs(platform.url, 'manager');
});
afterAll(() => platform.close());

describe('remote commands', () => {
  it('unlock and lock change the lock and write exactly one event each', async () => {
    const lock = await firstLock('online=1&open=0');
    const before = eventCount();
    const unlocked = await call(platform.url, 'POST', `/api/locks/${lock.lockid}/unlock`, { token });
    expect(unlocked.status).toBe(200);
    const body = lockResponseSchema.parse(unlocked.body);
    expect(body.msg).toBe(`${lock.lockname} unlocked`);
    expect(body.lock).toEqual({ ...lock, lock_open_status: 1 });
    expect(eventCount()).toBe(before + 1);

    const latest = (await events(`/api/locks/${lock.lockid}/events?pagenumber=1&limit=1`)).eventslist[0];
    expect(latest).toMatchObject({
      lockid: lock.lockid, lockname: lock.lockname, event_type: 'unlocked', method: 'remote',
      userid: 2, username: 'Demo Manager', event_date: toPlatformDate(NOW),
    });

    const locked = lockResponseSchema.parse((await call(platform.url, 'POST', `/api/locks/${lock.lockid}/lock`, { token })).body);
    expect(locked).toMatchObject({ msg: `${lock.lockname} locked`, lock: { lock_open_status: 0 } });
    expect(eventCount()).toBe(before + 2);
    // Idempotent: locking a locked lock still answers 1 and is recorded.
    expect((await call(platform.url, 'POST', `/api/locks/${lock.lockid}/lock`, { token })).status).toBe(200);
    expect(eventCount()).toBe(before + 3);
  });

  it('accept an empty JSON body, and refuse a malformed one', async () => {
    const lock = await firstLock('online=1');
    const json = { 'content-type': 'application/json' };
    expect((await call(platform.url, 'POST', `/api/locks/${lock.lockid}/lock`, { token, headers: json })).status).toBe(200);
    await expectError(await call(platform.url, 'POST', `/api/locks/${lock.lockid}/lock`, { token, body: '{"a":' }), 400, /JSON/);
  });

  it('answers 409 for an offline lock and changes nothing', async () => {
    const lock = await firstLock('online=0');
    const before = eventCount();
    for (const command of ['unlock', 'lock']) {
      await expectError(await call(platform.url, 'POST', `/api/locks/${lock.lockid}/${command}`, { token }), 409, `${lock.lockname} is offline`);
    }
    expect(eventCount()).toBe(before);
    expect(lockResponseSchema.parse((await get(`/api/locks/${lock.lockid}`)).body).lock).toEqual(lock);
  });

  it('find the lock whatever the case of its address, and record its real lockid', async () => {
    const lock = await firstLock('online=1&open=0');
    const address = lock.lockid.toLowerCase();
    expect(address).not.toBe(lock.lockid);
    const unlocked = await call(platform.url, 'POST', `/api/locks/${address}/unlock`, { token });
    expect(unlocked.status).toBe(200);
    expect(lockResponseSchema.parse(unlocked.body).lock).toEqual({ ...lock, lock_open_status: 1 });
    const locked = await call(platform.url, 'POST', `/api/locks/${address.slice(0, 4)}${lock.lockid.slice(4)}/lock`, { token });
    expect(lockResponseSchema.parse(locked.body).lock).toEqual(lock);
    const history = await events(`/api/locks/${address}/events?pagenumber=1&limit=2`);
    expect(history.eventslist.map((e) => [e.lockid, e.event_type])).toEqual([[lock.lockid, 'locked'], [lock.lockid, 'unlocked']]);
    expect(history.totalCount).toBe((await events(`/api/locks/${lock.lockid}/events?pagenumber=1&limit=1`)).totalCount);
  });

  it('answers 404 for an unknown lock and 403 for a support token', async () => {
    await expectError(await call(platform.url, 'POST', '/api/locks/EMFFFFFF/unlock', { token }), 404, 'No lock EMFFFFFF on this platform');
    const support = await loginAs(platform.url, 'support');
    const lock = await firstLock('online=1');
    const before = eventCount();
    await expectError(await call(platform.url, 'POST', `/api/locks/${lock.lockid}/unlock`, { token: support }), 403);
    expect(eventCount()).toBe(before);
  });
});

describe('event history', () => {
  it('seeds believable history: named people, methods that fit the door, system relocks', async () => {
    const page = await events('/api/events?pagenumber=1&limit=100');
    expect(page.totalCount).toBeGreaterThan(1000);
    for (let p = 2; p <= 5; p += 1) page.eventslist.push(...(await events(`/api/events?pagenumber=${p}&limit=100`)).eventslist);
    const unlocks = page.eventslist.filter((e) => e.event_type === 'unlocked' && e.method !== 'remote');
    expect(unlocks.length).toBeGreaterThan(50);
    expect(unlocks.every((e) => e.userid !== null && e.username !== null)).toBe(true);
    expect(new Set(unlocks.map((e) => e.username)).size).toBeGreaterThan(10);
    expect(page.eventslist.some((e) => e.event_type === 'locked' && e.method === 'system' && e.userid === null)).toBe(true);
    const all = platform.db.prepare('SELECT event_type, method FROM events').all() as Pick<LockEvent, 'event_type' | 'method'>[];
    for (const type of ['offline', 'online', 'battery_low'] as const) expect(all.some((e) => e.event_type === type), type).toBe(true);
    const cardDoors = platform.db.prepare(`SELECT e.method FROM events e JOIN locks l ON l.lockid = e.lockid
      WHERE l.lock_model = 'ARC7RF' AND e.event_type = 'unlocked' AND e.userid > 100`).pluck().all() as string[];
    expect(cardDoors.length).toBeGreaterThan(0);
    expect(cardDoors.filter((m) => m === 'card').length / cardDoors.length).toBeGreaterThan(0.6);
    expect(cardDoors.every((m) => m === 'card' || m === 'app')).toBe(true);
  });

  it('lists newest first with true totals and paging', async () => {
    const first = await events('/api/events?pagenumber=1&limit=50');
    const second = await events('/api/events?pagenumber=2&limit=50');
    const rows = [...first.eventslist, ...second.eventslist];
    for (let i = 1; i < rows.length; i += 1) {
      const [a, b] = [rows[i - 1] as LockEvent, rows[i] as LockEvent];
      expect(a.event_date > b.event_date || (a.event_date === b.event_date && a.eventid > b.eventid)).toBe(true);
    }
    expect(first).toMatchObject({ currentPage: 1, totalPage: Math.ceil(first.totalCount / 50) });
    expect(EVENT_METHODS).toContain(rows[0]?.method);
    const past = await events(`/api/events?pagenumber=${first.totalPage + 1}&limit=50`);
    expect(past).toMatchObject({ totalCount: first.totalCount, eventslist: [] });
  });

  it('filters by one type, a comma list of types, and from/to in both forms (inclusive)', async () => {
    const total = (await events('/api/events?pagenumber=1&limit=1')).totalCount;
    const byType = (t: string) => platform.db.prepare('SELECT count(*) FROM events WHERE event_type = ?').pluck().get(t) as number;
    const offline = await events('/api/events?pagenumber=1&limit=100&type=offline');
    expect(offline.totalCount).toBe(byType('offline'));
    expect(offline.eventslist.length).toBeGreaterThan(0);
    expect(offline.eventslist.every((e) => e.event_type === 'offline' && e.method === 'system')).toBe(true);
    const both = await events('/api/events?pagenumber=1&limit=100&type=offline,%20battery_low');
    expect(both.totalCount).toBe(byType('offline') + byType('battery_low'));
    const low = (await events('/api/events?pagenumber=1&limit=100&type=battery_low')).eventslist;
    expect(low.length).toBeGreaterThan(0);
    expect(low.every((e) => e.battery_level === 20 || e.battery_level === 10)).toBe(true);

    const day = '2025-05-30';
    const inDay = platform.db.prepare(`SELECT count(*) FROM events WHERE event_date BETWEEN ? AND ?`).pluck();
    const wholeDay = await events(`/api/events?pagenumber=1&limit=100&from=${day}&to=${day}`);
    expect(wholeDay.totalCount).toBe(inDay.get(`${day} 00:00:00`, `${day} 23:59:59`));
    expect(wholeDay.eventslist.length).toBeGreaterThan(3);
    expect(wholeDay.eventslist.every((e) => e.event_date.startsWith(day))).toBe(true);
    const edge = wholeDay.eventslist[3] as LockEvent;
    const exact = await events(`/api/events?pagenumber=1&limit=100&from=${encodeURIComponent(edge.event_date)}&to=${encodeURIComponent(edge.event_date)}`);
    expect(exact.eventslist.length).toBeGreaterThan(0);
    expect(exact.eventslist.map((e) => e.eventid)).toContain(edge.eventid);
    expect(exact.eventslist.every((e) => e.event_date === edge.event_date)).toBe(true);
    const after = await events(`/api/events?pagenumber=1&limit=1&from=2025-05-31`);
    expect(after.totalCount).toBeLessThan(total);
  });

  it('searches the fleet history by lock name or lockid, case-insensitively', async () => {
    const lock = await firstLock('searchkey=riverside');
    const byName = await events('/api/events?pagenumber=1&limit=100&searchkey=RIVERSIDE%20warehouse');
    const sql = `SELECT count(*) FROM events WHERE lockname LIKE '%riverside warehouse%'`;
    expect(byName.totalCount).toBe(platform.db.prepare(sql).pluck().get());
    expect(byName.eventslist.length).toBeGreaterThan(0);
    expect(byName.eventslist.every((e) => e.lockname?.startsWith('Riverside Warehouse'))).toBe(true);
    const byId = await events(`/api/events?pagenumber=1&limit=100&searchkey=${lock.lockid.toLowerCase()}`);
    expect(byId.eventslist.length).toBeGreaterThan(0);
    expect(byId.eventslist.every((e) => e.lockid === lock.lockid)).toBe(true);
    const short = await events('/api/events?pagenumber=1&limit=100&searchkey=hq&type=unlocked');
    expect(short.eventslist.length).toBeGreaterThan(0);
    expect(short.eventslist.every((e) => e.lockname?.toLowerCase().includes('hq') && e.event_type === 'unlocked')).toBe(true);
    // An SSID or a model is not a lock name: no events by model.
    expect((await events('/api/events?pagenumber=1&limit=1&searchkey=ARC7RF')).totalCount).toBe(0);
  });

  it("lists one lock's history, and 404 for an unknown lock", async () => {
    const lock = await firstLock('online=1');
    const list = await events(`/api/locks/${lock.lockid}/events?pagenumber=1&limit=100&type=unlocked,locked`);
    expect(list.eventslist.length).toBeGreaterThan(0);
    expect(list.eventslist.every((e) => e.lockid === lock.lockid && ['unlocked', 'locked'].includes(e.event_type))).toBe(true);
    await expectError(await get('/api/locks/EMFFFFFF/events?pagenumber=1&limit=10'), 404, /No lock EMFFFFFF/);
  });

  it('serves the feed after an id, oldest first, up to 500', async () => {
    const newest = (await events('/api/events?pagenumber=1&limit=1')).eventslist[0] as LockEvent;
    const start = newest.eventid - 700;
    const feed = await events(`/api/events?afterid=${start}&limit=500`);
    expect(feed).toMatchObject({ totalCount: 700, currentPage: 1, totalPage: 2 });
    expect(feed.eventslist).toHaveLength(500);
    expect(feed.eventslist.map((e) => e.eventid)).toEqual(Array.from({ length: 500 }, (_, i) => start + 1 + i));
    const end = await events(`/api/events?afterid=${newest.eventid}&limit=10`);
    expect(end).toMatchObject({ totalCount: 0, eventslist: [] });
    const typed = await events(`/api/events?afterid=0&limit=20&type=battery_low`);
    expect(typed.eventslist.length).toBeGreaterThan(0);
    expect(typed.eventslist.every((e) => e.event_type === 'battery_low')).toBe(true);
  });

  it('a feed polled from the same cursor shows each new event, whoever wrote it', async () => {
    const newest = (await events('/api/events?pagenumber=1&limit=1')).eventslist[0] as LockEvent;
    const feed = `/api/events?afterid=${newest.eventid}&limit=500`;
    expect((await events(feed)).eventslist).toEqual([]);
    expect((await events(feed)).eventslist).toEqual([]);
    const lock = await firstLock('online=1&open=0');
    expect((await call(platform.url, 'POST', `/api/locks/${lock.lockid}/unlock`, { token, body: {} })).status).toBe(200);
    const afterCommand = await events(feed);
    expect(afterCommand.eventslist.map((e) => [e.lockid, e.event_type])).toEqual([[lock.lockid, 'unlocked']]);
    platform.db
      .prepare(`INSERT INTO events (lockid, lockname, event_type, method, event_date) VALUES (?, ?, 'locked', 'system', ?)`)
      .run(lock.lockid, lock.lockname, toPlatformDate(NOW));
    expect((await events(feed)).eventslist.map((e) => e.event_type)).toEqual(['unlocked', 'locked']);
    expect((await events(feed)).totalCount).toBe(2);
  });

  it('answers 400 naming the parameter for bad event queries', async () => {
    const cases: [string, RegExp][] = [
      ['limit=10', /pagenumber/],
      ['pagenumber=1', /limit/],
      ['pagenumber=1&limit=101', /limit/],
      ['afterid=0&limit=501', /limit/],
      ['afterid=-1&limit=10', /afterid/],
      ['pagenumber=1&limit=10&type=opened', /type/],
      ['pagenumber=1&limit=10&type=', /type/],
      ['pagenumber=1&limit=10&from=yesterday', /from/],
      ['pagenumber=1&limit=10&to=2025-13-45', /to/],
      ['pagenumber=1&limit=10&from=2025-05-01T10:00:00', /from/],
    ];
    for (const [query, name] of cases) await expectError(await get(`/api/events?${query}`), 400, name);
    await expectError(await get('/api/locks/EM000000/events?pagenumber=0&limit=10'), 400, /pagenumber/);
  });
});

describe('the events table', () => {
  const insert = (type: string) =>
    platform.db
      .prepare(`INSERT INTO events (lockid, lockname, event_type, userid, username, method, event_date, battery_level, groupid)
        VALUES (NULL, NULL, ?, NULL, NULL, 'system', ?, NULL, NULL)`)
      .run(type, toPlatformDate(NOW));

  it('refuses a door event naming neither a lock nor a group, and takes a fleet lockdown event', () => {
    const before = eventCount();
    for (const type of ['unlocked', 'locked', 'scheduled_unlock', 'access_granted']) expect(() => insert(type), type).toThrow(/CHECK constraint failed/);
    expect(eventCount()).toBe(before);
    for (const type of ['lockdown_started', 'lockdown_lifted']) insert(type);
    expect(eventCount()).toBe(before + 2);
  });
});
