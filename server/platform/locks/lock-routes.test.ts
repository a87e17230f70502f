import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envelopeSchema, fromPlatformDate } from '../../../contract/envelope';
import { lockListResponseSchema, lockResponseSchema, lockSummaryResponseSchema, LOW_BATTERY_LEVEL } from '../../../contract/locks';
import type { Lock, LockSummary } from '../../../contract/locks';
import { startPlatform } from '../platform';
import { call, lockMatchesSearch, naturalCompare } from '../testing';
import { LOCK_COLUMNS, toLock } from './lock-row';
import type { LockRow } from './lock-row';

const NOW = new Date('2025-06-02T10:00:00Z');
let platform: Awaited<ReturnType<typeof startPlatform>>;
let all: Lock[];

const get = (path: string) => call(platform.url, 'GET', path);
async function list(query: string) {
  const { status, body } = await get(`/api/locks?${query}`);
  expect(status, query).toBe(200);
  return lockListResponseSchema.parse(body);
}
async function error(path: string, expectedStatus: number) {
  const { status, body } = await get(path);
  expect(status, path).toBe(expectedStatus);
  const parsed = envelopeSchema.parse(body);
  expect(parsed.status).toBe(0);
  expect(Object.keys(body as object).sort()).toEqual(['msg', 'status']);
  return parsed.msg;
}

beforeAll(async () => {
  platform = await startPlatform({ dbPath: ':memory:', simulator: false, requireAuth: false, seed: { historyDays: 0 }, now: () => NOW });
  all = (await list('pagenumber=1&limit=100')).lockslist;
  all.push(...(await list('pagenumber=2&limit=100')).lockslist, ...(await list('pagenumber=3&limit=100')).lockslist);
});
afterAll(() => platform.close());

describe('GET /api/locks: the vendor documented list', () => {
  it('answers the vendor envelope with the true totals', async () => {
    const page = await list('pagenumber=1&limit=10');
    expect(page).toMatchObject({ status: 1, msg: '', totalCount: 240, totalPage: 24, currentPage: 1 });
    expect(page.lockslist).toHaveLength(10);
    expect((await list('pagenumber=3&limit=100')).lockslist).toHaveLength(40);
    expect((await list('pagenumber=2&limit=7')).totalPage).toBe(Math.ceil(240 / 7));
  });

  it('names and types every lock field like the vendor sample (strict schema)', () => {
    expect(all).toHaveLength(240);
    const first = all[0] as Lock;
    expect(Object.keys(first)).toEqual([
      'lockuserid', 'lockid', 'lockname', 'lock_open_status', 'lock_online_status', 'battery_level', 'lock_ssid',
      'lock_password', 'mac_address', 'temperature', 'lock_model', 'online_updated_date', 'lock_pic', 'relock_at', 'lockgroups', 'lockdown',
    ]);
    for (const lock of all) {
      expect(lock.lockid).toMatch(/^EM[0-9A-F]{6}$/);
      expect(lock.lockname).toMatch(/^[A-Za-z ]+ · .+$/);
      expect(lock.lock_password).toMatch(/^[a-z0-9]{8}$/);
      expect(lock.lockuserid).toBe(2);
      if (lock.temperature !== null) expect(lock.temperature).toMatch(/^\d+(\.5)?$/);
      if (lock.mac_address !== null) expect(lock.mac_address).toMatch(/^([0-9A-F]{2}:){5}[0-9A-F]{2}$/);
      expect(lock.lock_pic === '' || /^\/api\/uploads\/product_images\/[a-z0-9]+\.jpg$/.test(lock.lock_pic)).toBe(true);
      expect(Number.isNaN(fromPlatformDate(lock.online_updated_date).getTime())).toBe(false);
      expect(lock.relock_at).toBeNull();
    }
  });

  it('seeds a believable mix', () => {
    const count = (f: (l: Lock) => boolean) => all.filter(f).length;
    const sites = new Set(all.map((l) => l.lockname.split(' · ')[0]));
    expect(sites.size).toBeGreaterThanOrEqual(4);
    expect(new Set(all.map((l) => l.lockname)).size).toBe(240);
    expect(new Set(all.map((l) => l.lock_model))).toContain('ARH3EM');
    expect(count((l) => l.lock_online_status === 1) / 240).toBeGreaterThan(0.75);
    expect(count((l) => l.lock_online_status === 0)).toBeGreaterThan(5);
    expect(count((l) => l.lock_open_status === 1)).toBeGreaterThan(5);
    expect(count((l) => l.battery_level !== null && l.battery_level <= 20)).toBeGreaterThan(5);
    expect(count((l) => l.battery_level !== null && l.battery_level <= 10)).toBeGreaterThan(2);
    expect(count((l) => l.battery_level === null)).toBeGreaterThan(2);
    expect(count((l) => l.temperature === null)).toBeGreaterThan(2);
    expect(count((l) => l.mac_address === null)).toBeGreaterThan(2);
    expect(count((l) => l.lock_pic === '')).toBeGreaterThan(0);
  });

  it('searches each field, case-insensitively, with long and short keys', async () => {
    const lock = all.find((l) => l.mac_address !== null && l.lock_ssid !== l.lockid) ?? (all[0] as Lock);
    const keys = [
      'hq · main entrance', 'RIVERSIDE', 'riverside warehouse', lock.lockid.toLowerCase(), lock.lockid.slice(2, 6),
      lock.lock_ssid.toUpperCase(), (lock.mac_address as string).slice(9, 14).toLowerCase(), 'arh3em', 'ArC7',
      'hq', 'Hq', 'q', '·', ':a', 'z',
    ];
    for (const key of keys) {
      const page = await list(`pagenumber=1&limit=100&searchkey=${encodeURIComponent(key)}`);
      const expected = all.filter((l) => lockMatchesSearch(l, key));
      expect(page.totalCount, key).toBe(expected.length);
      expect(page.totalCount, key).toBeGreaterThan(0);
      expect(page.lockslist.map((l) => l.lockid).sort(), key).toEqual(expected.slice(0, 100).map((l) => l.lockid).sort());
      // A plain substring of one field is still found as before.
      const k = key.toLowerCase();
      const substring = all.filter((l) => [l.lockname, l.lockid, l.lock_ssid, l.mac_address ?? '', l.lock_model].some((f) => f.toLowerCase().includes(k)));
      expect(expected.length, key).toBeGreaterThanOrEqual(substring.length);
    }
    expect((await list('pagenumber=1&limit=10&searchkey=zzzz-none')).totalCount).toBe(0);
    expect((await list('pagenumber=1&limit=10&searchkey=%20%20')).totalCount).toBe(240);
    // "z" is in few names: the filter markers of the index never answer a one-letter key.
    expect((await list('pagenumber=1&limit=10&searchkey=z')).totalCount).toBeLessThan(60);
  });

  it('finds a MAC with or without separators, in any case, whole or in part', async () => {
    const lock = all.find((l) => l.mac_address !== null && /[A-F]/.test(l.mac_address)) as Lock;
    const mac = lock.mac_address as string;
    const compact = mac.replaceAll(':', '');
    for (const key of [compact, compact.toLowerCase(), mac.replaceAll(':', '-').toLowerCase(), mac, mac.slice(0, 8), compact.slice(4, 10), mac.slice(6, 14).replaceAll(':', '-'), compact.slice(-4).toLowerCase()]) {
      const page = await list(`pagenumber=1&limit=100&searchkey=${encodeURIComponent(key)}`);
      const expected = all.filter((l) => l.mac_address !== null && l.mac_address.replaceAll(':', '').toLowerCase().includes(key.replace(/[:-]/g, '').toLowerCase()));
      expect(page.lockslist.map((l) => l.lockid), key).toContain(lock.lockid);
      expect(page.totalCount, key).toBeGreaterThanOrEqual(expected.length);
      expect(page.totalCount, key).toBe(all.filter((l) => lockMatchesSearch(l, key)).length);
    }
    const whole = await list(`pagenumber=1&limit=10&searchkey=${compact}`);
    expect(whole.lockslist.map((l) => l.lockid)).toEqual([lock.lockid]);
  });

  it('matches several words in any order, each anywhere in the lock', async () => {
    const lobby = all.find((l) => l.lockname === 'Cedar Court Offices · Lobby') as Lock;
    expect(lobby).toBeDefined();
    for (const key of ['Cedar Lobby', 'Lobby Cedar', 'lobby   CEDAR', 'obb edar', `lobby ${lobby.lock_model}`, `${lobby.lockid} lobby`]) {
      const page = await list(`pagenumber=1&limit=100&searchkey=${encodeURIComponent(key)}`);
      expect(page.lockslist.map((l) => l.lockid), key).toEqual([lobby.lockid]);
    }
    const rooms = await list('pagenumber=1&limit=100&searchkey=hq%20room');
    const expected = all.filter((l) => l.lockname.toLowerCase().includes('hq') && l.lockname.toLowerCase().includes('room'));
    expect(rooms.totalCount).toBe(all.filter((l) => lockMatchesSearch(l, 'hq room')).length);
    expect(rooms.totalCount).toBeGreaterThanOrEqual(expected.length);
    expect(expected.length).toBeGreaterThan(3);
    expect((await list('pagenumber=1&limit=10&searchkey=Lobby%20qqzz')).totalCount).toBe(0);
  });

  it('filters by online, open and batterybelow (a null battery never matches)', async () => {
    for (const [query, predicate] of [
      ['online=0', (l: Lock) => l.lock_online_status === 0],
      ['online=1', (l: Lock) => l.lock_online_status === 1],
      ['open=1', (l: Lock) => l.lock_open_status === 1],
      ['open=0', (l: Lock) => l.lock_open_status === 0],
      ['batterybelow=21', (l: Lock) => l.battery_level !== null && l.battery_level < 21],
      ['batterybelow=101', (l: Lock) => l.battery_level !== null],
      ['batterybelow=37&online=1&open=0', (l: Lock) => l.battery_level !== null && l.battery_level < 37 && l.lock_online_status === 1 && l.lock_open_status === 0],
    ] as const) {
      const page = await list(`pagenumber=1&limit=100&${query}`);
      const expected = all.filter(predicate);
      expect(page.totalCount, query).toBe(expected.length);
      expect(page.lockslist.length, query).toBeGreaterThan(0);
      expect(page.lockslist.every(predicate), query).toBe(true);
    }
  });

  it('sorts by each field both ways, NULLs last, ties broken by lockid', async () => {
    const byName = await list('pagenumber=1&limit=100');
    const names = byName.lockslist.map((l) => l.lockname);
    expect(names).toEqual([...names].sort(naturalCompare));
    for (const [field, order] of [
      ['battery_level', 'asc'], ['battery_level', 'desc'], ['temperature', 'asc'], ['temperature', 'desc'],
      ['online_updated_date', 'asc'], ['online_updated_date', 'desc'], ['lockname', 'desc'],
    ] as const) {
      const rows: Lock[] = [];
      for (let p = 1; p <= 3; p += 1) rows.push(...(await list(`pagenumber=${p}&limit=100&sortby=${field}&sortorder=${order}`)).lockslist);
      expect(rows).toHaveLength(240);
      const value = (l: Lock) => (field === 'temperature' ? (l.temperature === null ? null : Number(l.temperature)) : field === 'lockname' ? l.lockname : l[field]);
      const compare = (va: string | number, vb: string | number) => (field === 'lockname' ? naturalCompare(va as string, vb as string) : va < vb ? -1 : va > vb ? 1 : 0);
      const firstNull = rows.findIndex((l) => value(l) === null);
      if (firstNull >= 0) expect(rows.slice(firstNull).filter((l) => value(l) !== null), `${field} nulls last`).toEqual([]);
      for (let i = 1; i < rows.length; i += 1) {
        const [a, b] = [rows[i - 1] as Lock, rows[i] as Lock];
        const [va, vb] = [value(a), value(b)];
        if (va === null || vb === null) continue;
        const sign = order === 'asc' ? 1 : -1;
        if (compare(va, vb) === 0) expect((a.lockid < b.lockid ? 1 : -1) * sign, `${field} tie-break`).toBe(1);
        else expect(-compare(va, vb) * sign, `${field} ${order}`).toBe(1);
      }
    }
    // Temperatures sort as numbers, not strings ("9.5" < "21").
    const temps = (await list('pagenumber=1&limit=100&sortby=temperature')).lockslist.map((l) => Number(l.temperature));
    expect(temps).toEqual([...temps].sort((x, y) => x - y));
  });

  it('sorts names naturally ("Room 2" before "Room 12"), ignoring case, both ways and by default', async () => {
    const names = async (query: string) => {
      const rows: string[] = [];
      for (let p = 1; p <= 3; p += 1) rows.push(...(await list(`pagenumber=${p}&limit=100${query}`)).lockslist.map((l) => l.lockname));
      return rows;
    };
    const byDefault = await names('');
    expect(await names('&sortby=lockname')).toEqual(byDefault);
    expect(await names('&sortby=lockname&sortorder=asc')).toEqual(byDefault);
    expect(await names('&sortby=lockname&sortorder=desc')).toEqual([...byDefault].reverse());
    // Neighbours "<same words> <number>" ascend by value; the fleet has such pairs where text order
    // would disagree (a 1-digit number before a 2-digit one, or 2 before 3 digits).
    const numbered = byDefault.map((n) => /^(.*\D)(\d+)$/.exec(n)).filter((m) => m !== null);
    let crossings = 0;
    for (let i = 1; i < numbered.length; i += 1) {
      const [a, b] = [numbered[i - 1] as RegExpExecArray, numbered[i] as RegExpExecArray];
      if (a[1]?.toLowerCase() !== b[1]?.toLowerCase()) continue;
      expect(Number(a[2]), `${a[0]} before ${b[0]}`).toBeLessThan(Number(b[2]));
      if ((a[2] as string).length < (b[2] as string).length) crossings += 1;
    }
    expect(crossings).toBeGreaterThan(0);
    expect(byDefault).toEqual([...byDefault].sort(naturalCompare));
    // With a search too, whichever way the page is found.
    const cages = await names('&searchkey=cage');
    expect(cages.length).toBeGreaterThan(5);
    expect(cages).toEqual([...cages].sort(naturalCompare));
    expect(await names('&searchkey=cage&sortorder=desc&online=1')).toEqual(cages.filter((n) => all.find((l) => l.lockname === n)?.lock_online_status === 1).reverse());
  });

  it('combines online, open and batterybelow (AND), with and without a search', async () => {
    let nonEmpty = 0;
    for (const key of ['', 'hq', 'room 2', 'e']) {
      for (const online of [undefined, 0, 1] as const) {
        for (const open of [undefined, 0, 1] as const) {
          for (const below of [undefined, 11, 21, 37, 101] as const) {
            const params = new URLSearchParams({ pagenumber: '1', limit: '100' });
            if (key) params.set('searchkey', key);
            if (online !== undefined) params.set('online', String(online));
            if (open !== undefined) params.set('open', String(open));
            if (below !== undefined) params.set('batterybelow', String(below));
            const page = await list(params.toString());
            const expected = all.filter(
              (l) =>
                lockMatchesSearch(l, key) &&
                (online === undefined || l.lock_online_status === online) &&
                (open === undefined || l.lock_open_status === open) &&
                (below === undefined || (l.battery_level !== null && l.battery_level < below)),
            );
            expect(page.totalCount, params.toString()).toBe(expected.length);
            expect(page.lockslist.map((l) => l.lockid).sort(), params.toString()).toEqual(expected.map((l) => l.lockid).slice(0, 100).sort());
            if (expected.length > 0 && online !== undefined && open !== undefined && below !== undefined) nonEmpty += 1;
          }
        }
      }
    }
    expect(nonEmpty).toBeGreaterThan(10);
  });

  it('answers a page past the end with an empty list and the true totals', async () => {
    const page = await list('pagenumber=99&limit=10&searchkey=hq');
    expect(page).toMatchObject({ totalCount: 30, totalPage: 3, currentPage: 99, lockslist: [] });
  });

  it('ignores unknown query parameters', async () => {
    expect((await list('pagenumber=1&limit=5&colour=blue')).lockslist).toHaveLength(5);
  });

  it('answers 400 naming the parameter for every kind of bad parameter', async () => {
    const cases: [string, RegExp][] = [
      ['limit=10', /pagenumber/],
      ['pagenumber=1', /limit/],
      ['pagenumber=abc&limit=10', /pagenumber/],
      ['pagenumber=0&limit=10', /pagenumber/],
      ['pagenumber=1.5&limit=10', /pagenumber/],
      ['pagenumber=1&limit=0', /limit/],
      ['pagenumber=1&limit=101', /limit/],
      ['pagenumber=1&limit=10&sortby=colour', /sortby/],
      ['pagenumber=1&limit=10&sortorder=up', /sortorder/],
      ['pagenumber=1&limit=10&online=yes', /online/],
      ['pagenumber=1&limit=10&open=2', /open/],
      ['pagenumber=1&limit=10&batterybelow=-1', /batterybelow/],
      [`pagenumber=1&limit=10&searchkey=${'x'.repeat(101)}`, /searchkey/],
      ['pagenumber=1&limit=10&searchkey=a&searchkey=b', /searchkey/],
    ];
    for (const [query, name] of cases) expect(await error(`/api/locks?${query}`, 400), query).toMatch(name);
  });
});

describe('GET /api/locks/summary and /api/locks/:lockid', () => {
  it('counts the fleet like the filters do', async () => {
    const { body } = await get('/api/locks/summary');
    const { summary } = lockSummaryResponseSchema.parse(body);
    const total = async (q: string) => (await list(`pagenumber=1&limit=1&${q}`)).totalCount;
    expect(summary).toEqual({
      total: 240,
      online: await total('online=1'),
      offline: await total('online=0'),
      unlocked: await total('open=1'),
      lowbattery: await total(`batterybelow=${LOW_BATTERY_LEVEL + 1}`),
      lockdown: await total('lockdown=1'),
    });
  });

  it('counts exactly the set the list shows for a search and filters', async () => {
    const rows = (platform.db.prepare(`SELECT ${LOCK_COLUMNS} FROM locks`).all() as LockRow[]).map(toLock);
    const counted = { online: 0, offline: 0, unlocked: 0, lowbattery: 0 };
    for (const key of ['', 'hq', 'room 2', 'a4c1', 'Cedar Lobby', 'riverside dock', 'e', 'zzzz']) {
      for (const filters of ['', 'online=1', 'online=0', 'open=1&online=1', 'batterybelow=21', 'batterybelow=37&online=1&open=0', 'open=0&batterybelow=11']) {
        const query = `${key ? `searchkey=${encodeURIComponent(key)}` : ''}&${filters}`;
        const { status, body } = await get(`/api/locks/summary?${query}`);
        expect(status, query).toBe(200);
        const { summary } = lockSummaryResponseSchema.parse(body);
        const f = new URLSearchParams(filters);
        const set = rows.filter(
          (l) =>
            lockMatchesSearch(l, key) &&
            (!f.has('online') || l.lock_online_status === Number(f.get('online'))) &&
            (!f.has('open') || l.lock_open_status === Number(f.get('open'))) &&
            (!f.has('batterybelow') || (l.battery_level !== null && l.battery_level < Number(f.get('batterybelow')))),
        );
        const expected: LockSummary = {
          total: set.length,
          online: set.filter((l) => l.lock_online_status === 1).length,
          offline: set.filter((l) => l.lock_online_status === 0).length,
          unlocked: set.filter((l) => l.lock_open_status === 1).length,
          lowbattery: set.filter((l) => l.battery_level !== null && l.battery_level <= LOW_BATTERY_LEVEL).length,
          lockdown: set.filter((l) => l.lockdown === 1).length,
        };
        expect(summary, query).toEqual(expected);
        expect((await list(`pagenumber=1&limit=1&${query}`)).totalCount, query).toBe(expected.total);
        for (const k of ['online', 'offline', 'unlocked', 'lowbattery'] as const) if (key && expected[k] > 0 && expected[k] < expected.total) counted[k] += 1;
      }
    }
    // Searched sets where each count is a part of the set, not all or nothing.
    for (const k of ['online', 'offline', 'unlocked', 'lowbattery'] as const) expect(counted[k], k).toBeGreaterThan(3);
  });

  it('answers 400 naming a bad summary parameter', async () => {
    for (const [query, name] of [['online=yes', /online/], ['open=2', /open/], ['batterybelow=-1', /batterybelow/], [`searchkey=${'x'.repeat(101)}`, /searchkey/]] as const) {
      expect(await error(`/api/locks/summary?${query}`, 400), query).toMatch(name);
    }
  });

  it('finds a lock whatever the case of its address, and answers with its real lockid', async () => {
    const lock = all[17] as Lock;
    for (const address of [lock.lockid.toLowerCase(), `em${lock.lockid.slice(2)}`, lock.lockid]) {
      const { status, body } = await get(`/api/locks/${address}`);
      expect(status, address).toBe(200);
      expect(lockResponseSchema.parse(body).lock, address).toEqual(lock);
    }
    expect(await error(`/api/locks/${lock.lockid.toLowerCase()}x`, 404)).toBe(`No lock ${lock.lockid.toLowerCase()}x on this platform`);
  });

  it('answers one lock, and 404 for an unknown one', async () => {
    const lock = all[17] as Lock;
    const { status, body } = await get(`/api/locks/${lock.lockid}`);
    expect(status).toBe(200);
    expect(lockResponseSchema.parse(body)).toEqual({ status: 1, msg: '', lock });
    expect(await error('/api/locks/EMNOPE00', 404)).toBe('No lock EMNOPE00 on this platform');
    expect(await error(`/api/locks/${'E'.repeat(65)}`, 400)).toMatch(/lockid/);
  });

  it('answers unknown routes with 404 {status: 0}', async () => {
    expect(await error('/api/nothing-here', 404)).toMatch(/nothing-here/);
  });
});

describe('polled answers follow every change', () => {
  it('the list and the counts a dashboard polls show a command, a group change and a change made straight in the database', async () => {
    const firstPage = async () => (await list('pagenumber=1&limit=25')).lockslist;
    const counts = async () => lockSummaryResponseSchema.parse((await get('/api/locks/summary')).body).summary;
    const before = await firstPage();
    const online = before.find((l) => l.lock_online_status === 1 && l.lock_open_status === 0);
    if (!online) throw new Error('the first page has no online, locked lock');
    const unlockedBefore = (await counts()).unlocked;
    // Polled twice unchanged: the same answer.
    expect(await firstPage()).toEqual(before);

    expect((await call(platform.url, 'POST', `/api/locks/${online.lockid}/unlock`, { body: {} })).status).toBe(200);
    expect((await firstPage()).find((l) => l.lockid === online.lockid)?.lock_open_status).toBe(1);
    expect((await counts()).unlocked).toBe(unlockedBefore + 1);

    const group = await call(platform.url, 'POST', '/api/lockgroups', { body: { groupname: 'Polled answers' } });
    const { groupid } = (group.body as { lockgroup: { groupid: number } }).lockgroup;
    await call(platform.url, 'PUT', `/api/lockgroups/${groupid}/locks`, { body: { add: [online.lockid] } });
    expect((await firstPage()).find((l) => l.lockid === online.lockid)?.lockgroups).toContainEqual({ groupid, groupname: 'Polled answers' });

    platform.db.prepare('UPDATE locks SET lock_open_status = 0 WHERE lockid = ?').run(online.lockid);
    expect((await firstPage()).find((l) => l.lockid === online.lockid)?.lock_open_status).toBe(0);
    expect((await counts()).unlocked).toBe(unlockedBefore);
    await call(platform.url, 'DELETE', `/api/lockgroups/${groupid}`);
  });
});

describe('the demo seed', () => {
  it('is the same every time (lockids, names, models, MACs, SSIDs, passwords)', async () => {
    const other = await startPlatform({ dbPath: ':memory:', simulator: false, requireAuth: false, seed: { historyDays: 0 }, now: () => NOW });
    try {
      const rows: Lock[] = [];
      for (let p = 1; p <= 3; p += 1) {
        const { body } = await call(other.url, 'GET', `/api/locks?pagenumber=${p}&limit=100`);
        rows.push(...lockListResponseSchema.parse(body).lockslist);
      }
      expect(rows).toEqual(all);
    } finally {
      await other.close();
    }
  }, 30_000);
});

describe('pictures', () => {
  it('serves every model picture as a cacheable JPEG, 404 {status: 0} for a missing one, 400 for an encoded slash', async () => {
    const pictures = new Set(all.map((l) => l.lock_pic).filter(Boolean));
    expect(pictures.size).toBeGreaterThanOrEqual(4);
    for (const pic of pictures) {
      const response = await fetch(platform.url + pic);
      expect(response.status, pic).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/jpeg');
      expect(response.headers.get('cache-control')).toMatch(/max-age=\d+/);
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect([bytes[0], bytes[1]]).toEqual([0xff, 0xd8]);
      expect(bytes.length).toBeLessThan(60 * 1024);
    }
    expect(await error('/api/uploads/product_images/nope.jpg', 404)).toMatch(/nope\.jpg/);
    // Refused before routing: the picture route never sees an encoded slash.
    expect(await error('/api/uploads/product_images/..%2Fplatform.ts', 400)).toMatch(/encoded slash/);
  });
});
