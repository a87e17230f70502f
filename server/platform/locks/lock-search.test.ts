import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockListResponseSchema } from '../../../contract/locks';
import type { Lock, LockListParams } from '../../../contract/locks';
import { createRng } from '../db/prng';
import { startPlatform } from '../platform';
import { call } from '../testing';
import { asciiLower, bigramTokens, normalizeSearchKey, planSearch } from './lock-search';

/**
 * The search, filters, sorting and paging of `GET /api/locks` against a plain reference
 * implementation over the whole fleet, for many generated queries. The fleet (1,500 locks) is big
 * enough for every query strategy of the repository to be used.
 */
let platform: Awaited<ReturnType<typeof startPlatform>>;
const fleet: Lock[] = [];

beforeAll(async () => {
  platform = await startPlatform({
    dbPath: ':memory:',
    simulator: false,
    requireAuth: false,
    seed: { locks: 1500, historyDays: 0 },
    now: () => new Date('2025-06-02T10:00:00Z'),
  });
  for (let page = 1; ; page += 1) {
    const { body } = await call(platform.url, 'GET', `/api/locks?pagenumber=${page}&limit=100`);
    const list = lockListResponseSchema.parse(body).lockslist;
    fleet.push(...list);
    if (list.length < 100) break;
  }
}, 60_000);
afterAll(() => platform.close());

function reference(q: LockListParams): { total: number; ids: string[] } {
  const key = normalizeSearchKey(q.searchkey);
  const fields = (l: Lock) => [l.lockname, l.lockid, l.lock_ssid, l.mac_address ?? '', l.lock_model];
  let rows = fleet.filter((l) => key === '' || fields(l).some((f) => asciiLower(f).includes(key)));
  if (q.online !== undefined) rows = rows.filter((l) => l.lock_online_status === q.online);
  if (q.open !== undefined) rows = rows.filter((l) => l.lock_open_status === q.open);
  if (q.batterybelow !== undefined) rows = rows.filter((l) => l.battery_level !== null && l.battery_level < (q.batterybelow as number));
  const dir = q.sortorder === 'desc' ? -1 : 1;
  const value = (l: Lock): string | number | null => {
    switch (q.sortby ?? 'lockname') {
      case 'lockname':
        return asciiLower(l.lockname);
      case 'battery_level':
        return l.battery_level;
      case 'temperature':
        return l.temperature === null ? null : Number(l.temperature);
      case 'online_updated_date':
        return l.online_updated_date;
    }
  };
  rows.sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null || vb === null) {
      if (va !== vb) return va === null ? 1 : -1; // NULLs last in both orders
    } else if (va !== vb) {
      return (va < vb ? -1 : 1) * dir;
    }
    return (a.lockid < b.lockid ? -1 : 1) * dir;
  });
  const start = (q.pagenumber - 1) * q.limit;
  return { total: rows.length, ids: rows.slice(start, start + q.limit).map((l) => l.lockid) };
}

function randomQueries(count: number): LockListParams[] {
  const rng = createRng(42);
  const queries: LockListParams[] = [];
  for (let i = 0; i < count; i += 1) {
    const lock = rng.pick(fleet);
    const field = rng.pick([lock.lockname, lock.lockid, lock.lock_ssid, lock.mac_address ?? 'A4:C1', lock.lock_model]);
    const length = rng.pick([1, 2, 2, 3, 4, 6, 9]);
    const start = rng.int(0, Math.max(0, field.length - length));
    let key = field.slice(start, start + length);
    if (rng.chance(0.3)) key = key.toUpperCase();
    if (rng.chance(0.3)) key = key.toLowerCase();
    if (rng.chance(0.05)) key = 'qqzz';
    const q: LockListParams = { pagenumber: 1, limit: rng.pick([5, 25, 100]) };
    if (rng.chance(0.85)) q.searchkey = key;
    if (rng.chance(0.3)) q.online = rng.pick([0, 1] as const);
    if (rng.chance(0.2)) q.open = rng.pick([0, 1] as const);
    if (rng.chance(0.25)) q.batterybelow = rng.pick([11, 21, 50, 101, 0]);
    if (rng.chance(0.7)) q.sortby = rng.pick(['lockname', 'battery_level', 'temperature', 'online_updated_date'] as const);
    if (rng.chance(0.5)) q.sortorder = rng.pick(['asc', 'desc'] as const);
    q.pagenumber = rng.pick([1, 1, 1, 2, 3, 7, 30]);
    queries.push(q);
  }
  return queries;
}

describe('search, filters, sorting and paging agree with a reference implementation', () => {
  it('has the whole fleet to compare with', () => {
    expect(fleet).toHaveLength(1500);
  });

  it('answers 400 generated queries exactly like the reference', async () => {
    for (const q of randomQueries(400)) {
      const params = new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)]));
      const { status, body } = await call(platform.url, 'GET', `/api/locks?${params}`);
      expect(status, params.toString()).toBe(200);
      const page = lockListResponseSchema.parse(body);
      const expected = reference(q);
      expect({ q: params.toString(), total: page.totalCount }).toEqual({ q: params.toString(), total: expected.total });
      expect({ q: params.toString(), ids: page.lockslist.map((l) => l.lockid) }).toEqual({ q: params.toString(), ids: expected.ids });
    }
  }, 60_000);
});

describe('the search indexes follow state changes', () => {
  it('still agrees with the reference after locks open, go offline and drain', async () => {
    const rng = createRng(9);
    const update = platform.db.prepare(
      'UPDATE locks SET lock_open_status = ?, lock_online_status = ?, battery_level = ? WHERE lockid = ?',
    );
    for (let i = 0; i < 300; i += 1) {
      const lock = rng.pick(fleet);
      const battery = rng.pick([null, 5, 10, 11, 20, 21, 60]);
      const open = rng.pick([0, 1] as const);
      const online = rng.pick([0, 1] as const);
      update.run(open, online, battery, lock.lockid);
      Object.assign(lock, { lock_open_status: open, lock_online_status: online, battery_level: battery });
    }
    for (const q of randomQueries(150).filter((x) => x.online !== undefined || x.open !== undefined || x.batterybelow !== undefined)) {
      const params = new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)]));
      const page = lockListResponseSchema.parse((await call(platform.url, 'GET', `/api/locks?${params}`)).body);
      const expected = reference(q);
      expect({ q: params.toString(), total: page.totalCount, ids: page.lockslist.map((l) => l.lockid) }).toEqual({
        q: params.toString(),
        total: expected.total,
        ids: expected.ids,
      });
    }
  }, 60_000);
});

describe('renaming a lock', () => {
  it('re-indexes its name and stops name-sorted pages relying on id order', async () => {
    const flag = platform.db.prepare(`SELECT value FROM platform_meta WHERE key = 'ids_in_name_order'`).pluck();
    expect(flag.get()).toBe(1);
    const rename = platform.db.prepare('UPDATE locks SET lockname = ? WHERE lockid = ?');
    const targets = [fleet[3], fleet[700], fleet[1400]] as Lock[];
    targets.forEach((lock, i) => {
      const name = `Aardvark Depot · Gate ${i}`;
      rename.run(name, lock.lockid);
      lock.lockname = name;
    });
    expect(flag.get()).toBe(0);
    for (const q of [
      { pagenumber: 1, limit: 10, searchkey: 'aardvark' },
      { pagenumber: 1, limit: 25, searchkey: 'a' },
      { pagenumber: 1, limit: 25, searchkey: 'Gate', sortorder: 'desc' as const },
      { pagenumber: 2, limit: 25, searchkey: 'ar', online: 1 as const },
    ]) {
      const params = new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)]));
      const page = lockListResponseSchema.parse((await call(platform.url, 'GET', `/api/locks?${params}`)).body);
      const expected = reference(q);
      expect({ total: page.totalCount, ids: page.lockslist.map((l) => l.lockid) }).toEqual({ total: expected.total, ids: expected.ids });
    }
    expect(reference({ pagenumber: 1, limit: 10, searchkey: 'aardvark' }).total).toBe(3);
  });
});

describe('lock-search helpers', () => {
  it('normalizes keys: trims, drops control characters, lowercases ASCII only', () => {
    expect(normalizeSearchKey('  HQ · Main\u001f ')).toBe('hq · main');
    expect(normalizeSearchKey('ÉCOLE')).toBe('École');
    expect(normalizeSearchKey(undefined)).toBe('');
  });

  it('encodes every character pair as a token, never one starting at a field separator', () => {
    expect(bigramTokens('ab\u001fc:\u001f')).toBe('ab b_000v c_001m _001m_000v');
  });

  it('plans 1–2 character keys on the bigram index and longer ones on the trigram index', () => {
    expect(planSearch('')).toEqual({ kind: 'none' });
    expect(planSearch('h')).toMatchObject({ table: 'locks_short', match: '"h"*' });
    expect(planSearch('hq', ['n0'])).toMatchObject({ table: 'locks_short', match: '"hq" AND "zn0"' });
    expect(planSearch('say "hi"')).toMatchObject({ table: 'locks_fts', match: '"say ""hi"""' });
  });
});
