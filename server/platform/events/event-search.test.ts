import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envelopeSchema } from '../../../contract/envelope';
import { eventListResponseSchema } from '../../../contract/events';
import type { EventType, LockEvent } from '../../../contract/events';
import { asciiLower, normalizeSearchKey } from '../locks/lock-search';
import { startPlatform } from '../platform';
import { call, loginAs } from '../testing';

/**
 * The fleet history's search (lock and person names, words in any order), its person filter and
 * its stable cursor (`beforeid`), against a reference computed from the database.
 */
const NOW = new Date('2025-06-02T10:00:00Z');
let platform: Awaited<ReturnType<typeof startPlatform>>;
let token: string;
/** Every event, newest first, with the current name of its lock. */
let history: (LockEvent & { current_name: string })[] = [];

async function events(query: string, path = '/api/events') {
  const res = await call(platform.url, 'GET', `${path}?${query}`, { token });
  expect(res.status, query).toBe(200);
  return eventListResponseSchema.parse(res.body);
}
const readHistory = () =>
  platform.db
    // Group-level access events name no lock: no lock name for them (a person's name still finds them).
    .prepare(`SELECT e.*, coalesce(l.lockname, '') AS current_name FROM events e LEFT JOIN locks l ON l.lockid = e.lockid
      ORDER BY e.event_date DESC, e.eventid DESC`)
    .all() as (LockEvent & { current_name: string })[];

beforeAll(async () => {
  platform = await startPlatform({ dbPath: ':memory:', simulator: false, seed: { historyDays: 14 }, now: () => NOW });
  token = await loginAs(platform.url, 'manager');
  history = readHistory();
}, 30_000);
afterAll(() => platform.close());

/** The search as the contract words it: every word in the lock's name or lockid or the person's name. */
const IGNORED = /[:.\-'\u2019]/g;
const texts = new Map<string, string>();
const searchable = (t: string) => texts.get(t) ?? texts.set(t, asciiLower(t).replace(IGNORED, '')).get(t) as string;
function matches(e: (typeof history)[number], key: string): boolean {
  const words = normalizeSearchKey(key).split(/\s+/).map((w) => w.replace(IGNORED, '')).filter(Boolean);
  const fields = [searchable(e.current_name), searchable(e.lockid ?? ''), searchable(e.username ?? '')];
  return words.every((w) => fields.some((t) => t.includes(w)));
}

interface Query {
  searchkey?: string;
  userid?: number;
  type?: EventType;
}
function reference(q: Query, beforeid = Infinity) {
  return history.filter(
    (e) =>
      e.eventid < beforeid &&
      (q.searchkey === undefined || matches(e, q.searchkey)) &&
      (q.userid === undefined || e.userid === q.userid) &&
      (q.type === undefined || e.event_type === q.type),
  );
}
const params = (q: Query, extra: Record<string, string>) => {
  const p = new URLSearchParams(extra);
  for (const [k, v] of Object.entries(q)) if (v !== undefined) p.set(k, String(v));
  return p.toString();
};

describe('GET /api/events?searchkey', () => {
  it('finds a person by name, words in any order, apostrophes and case ignored', async () => {
    const jamal = history.filter((e) => e.username === 'Jamal Carter');
    expect(jamal.length).toBeGreaterThan(20);
    for (const key of ['Jamal Carter', 'carter JAMAL', 'jamal', 'Carter']) {
      const page = await events(params({ searchkey: key }, { pagenumber: '1', limit: '100' }));
      expect(page.totalCount, key).toBe(reference({ searchkey: key }).length);
      expect(page.totalCount, key).toBeGreaterThanOrEqual(jamal.length);
      expect(page.eventslist.map((e) => e.eventid), key).toEqual(reference({ searchkey: key }).slice(0, 100).map((e) => e.eventid));
    }
    const both = await events('pagenumber=1&limit=100&searchkey=Jamal%20Carter');
    expect(both.eventslist.map((e) => e.username)).toEqual(both.eventslist.map(() => 'Jamal Carter'));
    const liam = await events(`pagenumber=1&limit=5&searchkey=${encodeURIComponent("liam o'connor")}`);
    expect(liam.totalCount).toBe(history.filter((e) => e.username === 'Liam O\u2019Connor').length);
    expect(liam.totalCount).toBeGreaterThan(0);
  }, 30_000);

  it('matches each word in the lock name, the lockid or the person, exactly like the reference', async () => {
    const someLock = history.find((e) => e.current_name.startsWith('Cedar Court Offices · Lobby')) as LockEvent & { lockid: string };
    const keys = [
      'riverside', 'RIVERSIDE warehouse', 'warehouse riverside', 'riverside jamal', 'jamal riverside', 'hq a', 'hq',
      'e', someLock.lockid.toLowerCase(), `${someLock.lockid.slice(3)} lobby`, 'Lobby Cedar', 'Cedar Lobby Amara',
      'gym elm', 'zzzz', 'jamal zzzz', 'arc7rf', 'amara okafor grace', 'o\u2019connor',
    ];
    let found = 0;
    for (const key of keys) {
      for (const type of [undefined, 'unlocked', 'locked'] as const) {
        const q: Query = { searchkey: key, type };
        const page = await events(params(q, { pagenumber: '1', limit: '50' }));
        const expected = reference(q);
        expect({ q, total: page.totalCount }).toEqual({ q, total: expected.length });
        expect({ q, ids: page.eventslist.map((e) => e.eventid) }).toEqual({ q, ids: expected.slice(0, 50).map((e) => e.eventid) });
        if (expected.length > 0) found += 1;
      }
    }
    expect(found).toBeGreaterThan(30);
    // An SSID or a model is not a lock name.
    expect(reference({ searchkey: 'arc7rf' })).toEqual([]);
  }, 30_000);
});

describe('GET /api/events?userid', () => {
  it("lists one person's events, alone or with a search and a type", async () => {
    const amara = history.find((e) => e.username === 'Amara Okafor')?.userid as number;
    expect(amara).toBeGreaterThan(100);
    for (const q of [{ userid: amara }, { userid: amara, type: 'locked' as const }, { userid: amara, searchkey: 'hq' }, { userid: amara, searchkey: 'jamal' }]) {
      const page = await events(params(q, { pagenumber: '1', limit: '100' }));
      const expected = reference(q);
      expect(page.totalCount, JSON.stringify(q)).toBe(expected.length);
      expect(page.eventslist.map((e) => e.eventid)).toEqual(expected.slice(0, 100).map((e) => e.eventid));
    }
    expect(reference({ userid: amara }).length).toBeGreaterThan(20);
    expect((await events(`pagenumber=1&limit=10&userid=99999`)).totalCount).toBe(0);
  }, 30_000);
});

describe('GET /api/events?beforeid', () => {
  it('pages by event id: the events before it, newest first, unmoved by new events', async () => {
    const first = await events('pagenumber=1&limit=50');
    const cursor = (first.eventslist.at(-1) as LockEvent).eventid;
    const second = await events(`beforeid=${cursor}&limit=50`);
    expect(second.eventslist.map((e) => e.eventid)).toEqual((await events('pagenumber=2&limit=50')).eventslist.map((e) => e.eventid));
    expect(second).toMatchObject({ currentPage: 1, totalCount: reference({}, cursor).length });
    expect(second.totalPage).toBe(Math.ceil(second.totalCount / 50));
    // `pagenumber` is not the cursor's.
    expect(await events(`beforeid=${cursor}&limit=50&pagenumber=3`)).toEqual(second);

    // New events arrive: offset pages shift, the cursor page does not.
    const lock = first.eventslist[0] as LockEvent;
    for (let i = 0; i < 3; i += 1) await call(platform.url, 'POST', `/api/locks/${lock.lockid}/lock`, { token });
    history = readHistory();
    expect((await events('pagenumber=2&limit=50')).eventslist[0]?.eventid).not.toBe(second.eventslist[0]?.eventid);
    expect(await events(`beforeid=${cursor}&limit=50`)).toEqual(second);
  });

  it('walks a filtered history to its start without gaps or repeats', async () => {
    const amara = history.find((e) => e.username === 'Amara Okafor')?.userid as number;
    for (const q of [{ type: 'unlocked' as const }, { searchkey: 'riverside' }, { userid: amara }, { searchkey: 'riverside jamal', type: 'locked' as const }, {}]) {
      const seen: number[] = [];
      let page = await events(params(q, { pagenumber: '1', limit: '100' }));
      const total = page.totalCount;
      for (let guard = 0; page.eventslist.length > 0 && guard < 1000; guard += 1) {
        seen.push(...page.eventslist.map((e) => e.eventid));
        const cursor = (page.eventslist.at(-1) as LockEvent).eventid;
        page = await events(params(q, { beforeid: String(cursor), limit: '100' }));
        expect(page.totalCount, JSON.stringify(q)).toBe(reference(q, cursor).length);
      }
      expect(seen, JSON.stringify(q)).toEqual(reference(q).map((e) => e.eventid));
      expect(seen.length).toBe(total);
      expect(total, JSON.stringify(q)).toBeGreaterThan(q.type === 'locked' ? 0 : 100);
    }
  }, 60_000);

  it("pages one lock's history too, and is empty before the first event", async () => {
    const lock = history.find((e) => e.event_type === 'unlocked') as LockEvent & { lockid: string };
    const all = history.filter((e) => e.lockid === lock.lockid);
    expect(all.length).toBeGreaterThan(4);
    const cursor = (all[2] as LockEvent).eventid;
    const page = await events(`beforeid=${cursor}&limit=2`, `/api/locks/${lock.lockid.toLowerCase()}/events`);
    expect(page.eventslist.map((e) => e.eventid)).toEqual(all.slice(3, 5).map((e) => e.eventid));
    expect(page.totalCount).toBe(all.length - 3);
    const oldest = Math.min(...history.map((e) => e.eventid));
    expect(await events(`beforeid=${oldest}&limit=10`)).toMatchObject({ totalCount: 0, eventslist: [] });
    expect(await events('beforeid=1&limit=10')).toMatchObject({ totalCount: 0, eventslist: [] });
  });

  it('refuses a bad beforeid or userid, and beforeid with afterid, naming the parameter', async () => {
    for (const [query, name] of [
      ['beforeid=0&limit=10', /beforeid/],
      ['beforeid=abc&limit=10', /beforeid/],
      ['beforeid=10&afterid=5&limit=10', /beforeid/],
      ['beforeid=10&limit=101', /limit/],
      ['pagenumber=1&limit=10&userid=0', /userid/],
      ['pagenumber=1&limit=10&userid=x', /userid/],
    ] as const) {
      const res = await call(platform.url, 'GET', `/api/events?${query}`, { token });
      expect(res.status, query).toBe(400);
      expect(envelopeSchema.parse(res.body).msg, query).toMatch(name);
    }
  });
});
