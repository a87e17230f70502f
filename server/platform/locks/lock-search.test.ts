import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockListResponseSchema } from '../../../contract/locks';
import type { Lock, LockListParams } from '../../../contract/locks';
import { createRng } from '../db/prng';
import { startPlatform } from '../platform';
import { call, lockMatchesSearch, naturalCompare } from '../testing';
import { bigramTokens, normalizeSearchKey, planSearch, searchWords } from './lock-search';
import { naturalSortKey } from './natural-sort';

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
  let rows = fleet.filter((l) => lockMatchesSearch(l, q.searchkey));
  if (q.online !== undefined) rows = rows.filter((l) => l.lock_online_status === q.online);
  if (q.open !== undefined) rows = rows.filter((l) => l.lock_open_status === q.open);
  if (q.batterybelow !== undefined) rows = rows.filter((l) => l.battery_level !== null && l.battery_level < (q.batterybelow as number));
  const dir = q.sortorder === 'desc' ? -1 : 1;
  const value = (l: Lock): string | number | null => {
    switch (q.sortby ?? 'lockname') {
      case 'lockname':
        return null; // compared below
      case 'battery_level':
        return l.battery_level;
      case 'temperature':
        return l.temperature === null ? null : Number(l.temperature);
      case 'online_updated_date':
        return l.online_updated_date;
    }
  };
  rows.sort((a, b) => {
    if ((q.sortby ?? 'lockname') === 'lockname') {
      const byName = naturalCompare(a.lockname, b.lockname);
      return (byName !== 0 ? byName : a.lockid < b.lockid ? -1 : 1) * dir;
    }
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

/** A key people would type for this lock: a fragment, several words in any order, a MAC written some way. */
function randomKey(rng: ReturnType<typeof createRng>, lock: Lock): string {
  const fragment = (field: string) => {
    const length = rng.pick([1, 2, 2, 3, 4, 6, 9]);
    const start = rng.int(0, Math.max(0, field.length - length));
    return field.slice(start, start + length);
  };
  const mac = lock.mac_address ?? 'A4:C1:38:00:11:22';
  const kind = rng.weighted<string>([['fragment', 6], ['words', 3], ['mac', 2], ['none', 0.3]]);
  if (kind === 'none') return rng.pick(['qqzz', 'Lobby qqzz', 'zz']);
  if (kind === 'mac') {
    const compact = mac.replaceAll(':', '');
    const start = rng.int(0, 8);
    const part = compact.slice(start, start + rng.pick([3, 4, 6, 12]));
    return rng.pick([part, part.toLowerCase(), mac.replaceAll(':', '-').toLowerCase().slice(0, rng.int(4, 17)), mac.slice(3, 11)]);
  }
  if (kind === 'words') {
    const words = lock.lockname.split(' ').filter((w) => w !== '·');
    const picked = Array.from({ length: rng.int(2, 3) }, () => fragment(rng.pick(words)));
    if (rng.chance(0.3)) picked.push(fragment(rng.pick([lock.lock_model, lock.lockid, mac])));
    return rng.chance(0.5) ? picked.reverse().join(' ') : picked.join('  ');
  }
  return fragment(rng.pick([lock.lockname, lock.lockid, lock.lock_ssid, mac, lock.lock_model]));
}

function randomQueries(count: number): LockListParams[] {
  const rng = createRng(42);
  const queries: LockListParams[] = [];
  for (let i = 0; i < count; i += 1) {
    const lock = rng.pick(fleet);
    let key = randomKey(rng, lock);
    if (rng.chance(0.3)) key = key.toUpperCase();
    if (rng.chance(0.3)) key = key.toLowerCase();
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

  it('answers 600 generated queries exactly like the reference', async () => {
    const queries = randomQueries(600);
    // The generated keys reach every kind of search: found and not, one word and several.
    const found = (q: LockListParams) => fleet.filter((l) => lockMatchesSearch(l, q.searchkey)).length;
    const totals = queries.filter((q) => q.searchkey !== undefined).map(found);
    expect(totals.filter((t) => t === 0).length).toBeGreaterThan(10);
    expect(totals.filter((t) => t > 0).length).toBeGreaterThan(300);
    expect(queries.filter((q) => (q.searchkey ?? '').trim().includes(' ') && found(q) > 0).length).toBeGreaterThan(50);
    for (const q of queries) {
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
    for (const q of randomQueries(200).filter((x) => x.online !== undefined || x.open !== undefined || x.batterybelow !== undefined)) {
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
  it('re-indexes its name and sort key, and stops name-sorted pages relying on id order', async () => {
    const flag = platform.db.prepare(`SELECT value FROM platform_meta WHERE key = 'ids_in_name_order'`).pluck();
    expect(flag.get()).toBe(1);
    const rename = platform.db.prepare('UPDATE locks SET lockname = ? WHERE lockid = ?');
    const targets = [fleet[3], fleet[700], fleet[1400], fleet[20]] as Lock[];
    const names = ['Aardvark Depot · Gate 10', 'Aardvark Depot · Gate 9', 'aardvark depot · gate 100', 'Aardvark Depot · Gate 9b'];
    targets.forEach((lock, i) => {
      rename.run(names[i], lock.lockid);
      lock.lockname = names[i] as string;
    });
    expect(flag.get()).toBe(0);
    for (const q of [
      { pagenumber: 1, limit: 10, searchkey: 'aardvark' },
      { pagenumber: 1, limit: 10 },
      { pagenumber: 1, limit: 25, searchkey: 'a' },
      { pagenumber: 1, limit: 25, searchkey: 'Gate', sortorder: 'desc' as const },
      { pagenumber: 2, limit: 25, searchkey: 'ar', online: 1 as const },
      { pagenumber: 1, limit: 10, searchkey: 'gate depot' },
    ]) {
      const params = new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)]));
      const page = lockListResponseSchema.parse((await call(platform.url, 'GET', `/api/locks?${params}`)).body);
      const expected = reference(q);
      expect({ q: params.toString(), total: page.totalCount, ids: page.lockslist.map((l) => l.lockid) }).toEqual({
        q: params.toString(),
        total: expected.total,
        ids: expected.ids,
      });
    }
    const first = lockListResponseSchema.parse((await call(platform.url, 'GET', '/api/locks?pagenumber=1&limit=4')).body);
    expect(first.lockslist.map((l) => l.lockname)).toEqual([
      'Aardvark Depot · Gate 9', 'Aardvark Depot · Gate 9b', 'Aardvark Depot · Gate 10', 'aardvark depot · gate 100',
    ]);
  });
});

describe('lock-search helpers', () => {
  it('normalizes keys: trims, drops control characters, lowercases ASCII only', () => {
    expect(normalizeSearchKey('  HQ · Main\u001f ')).toBe('hq · main');
    expect(normalizeSearchKey('ÉCOLE')).toBe('École');
    expect(normalizeSearchKey(undefined)).toBe('');
  });

  it('splits keys into words without MAC separators or apostrophes, each once, none inside another', () => {
    expect(searchWords('  Cedar   LOBBY ')).toEqual(['cedar', 'lobby']);
    expect(searchWords('A4-C1-38-D7 a4:c1:38:d7:57')).toEqual(['a4c138d757']);
    expect(searchWords("o'connor O\u2019Connor")).toEqual(['oconnor']);
    expect(searchWords('room room 2 roo')).toEqual(['room', '2']);
    expect(searchWords(' : - . ')).toEqual([]);
    expect(searchWords(undefined)).toEqual([]);
  });

  it('encodes every character pair as a token, never one starting at a field separator', () => {
    expect(bigramTokens('ab\u001fc:\u001f')).toBe('ab b_000v c_001m _001m_000v');
  });

  it('plans keys of 3+ character words on the trigram index, any other on the bigram index', () => {
    expect(planSearch([])).toEqual({ kind: 'none' });
    expect(planSearch(['h'])).toMatchObject({ table: 'locks_bigram', match: '"h"*' });
    expect(planSearch(['hq'], ['n0'])).toMatchObject({ table: 'locks_bigram', match: '"hq" AND "_zzzzn0"' });
    expect(planSearch(['room', '2'])).toMatchObject({ table: 'locks_bigram', match: '"ro oo om" AND "2"*' });
    expect(planSearch(['say"hi"'])).toMatchObject({ table: 'locks_fts', match: '"say""hi"""' });
    expect(planSearch(['cedar', 'lobby'], ['bl'])).toMatchObject({ table: 'locks_fts', match: '"cedar" AND "lobby" AND "\u0001bl"' });
  });

  it('sorts names naturally: numbers by value, case ignored, digits before letters as before', () => {
    const names = ['Room 12', 'room 2', 'Room 2a', 'Room 1', 'Room', 'Room 002', 'Room a', 'Room 9', 'Room 10', 'Room-3', 'Room 123456789012'];
    const byKey = [...names].sort((a, b) => (naturalSortKey(a) < naturalSortKey(b) ? -1 : naturalSortKey(a) > naturalSortKey(b) ? 1 : 0));
    expect(byKey).toEqual(['Room', 'Room 1', 'room 2', 'Room 002', 'Room 2a', 'Room 9', 'Room 10', 'Room 12', 'Room 123456789012', 'Room a', 'Room-3']);
    for (let i = 1; i < byKey.length; i += 1) expect(naturalCompare(byKey[i - 1] as string, byKey[i] as string)).toBeLessThanOrEqual(0);
    expect(naturalSortKey('Room 2')).toBe(naturalSortKey('ROOM 02'));
  });
});
