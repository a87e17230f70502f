import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envelopeSchema, fromPlatformDate } from '../../../contract/envelope';
import { lockListResponseSchema, lockResponseSchema, lockSummaryResponseSchema, LOW_BATTERY_LEVEL } from '../../../contract/locks';
import type { Lock } from '../../../contract/locks';
import { startPlatform } from '../platform';
import { call } from '../testing';

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
      'lock_password', 'mac_address', 'temperature', 'lock_model', 'online_updated_date', 'lock_pic',
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
      'hq', 'Hq', 'q', '·', ':a',
    ];
    for (const key of keys) {
      const page = await list(`pagenumber=1&limit=100&searchkey=${encodeURIComponent(key)}`);
      const k = key.toLowerCase();
      const expected = all.filter((l) =>
        [l.lockname, l.lockid, l.lock_ssid, l.mac_address ?? '', l.lock_model].some((f) => f.toLowerCase().includes(k)),
      );
      expect(page.totalCount, key).toBe(expected.length);
      expect(page.totalCount, key).toBeGreaterThan(0);
      expect(page.lockslist.map((l) => l.lockid).sort(), key).toEqual(expected.slice(0, 100).map((l) => l.lockid).sort());
    }
    expect((await list('pagenumber=1&limit=10&searchkey=zzzz-none')).totalCount).toBe(0);
    expect((await list('pagenumber=1&limit=10&searchkey=%20%20')).totalCount).toBe(240);
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
    const names = byName.lockslist.map((l) => l.lockname.toLowerCase());
    expect(names).toEqual([...names].sort());
    for (const [field, order] of [
      ['battery_level', 'asc'], ['battery_level', 'desc'], ['temperature', 'asc'], ['temperature', 'desc'],
      ['online_updated_date', 'asc'], ['online_updated_date', 'desc'], ['lockname', 'desc'],
    ] as const) {
      const rows: Lock[] = [];
      for (let p = 1; p <= 3; p += 1) rows.push(...(await list(`pagenumber=${p}&limit=100&sortby=${field}&sortorder=${order}`)).lockslist);
      expect(rows).toHaveLength(240);
      const value = (l: Lock) => (field === 'temperature' ? (l.temperature === null ? null : Number(l.temperature)) : field === 'lockname' ? l.lockname.toLowerCase() : l[field]);
      const firstNull = rows.findIndex((l) => value(l) === null);
      if (firstNull >= 0) expect(rows.slice(firstNull).filter((l) => value(l) !== null), `${field} nulls last`).toEqual([]);
      for (let i = 1; i < rows.length; i += 1) {
        const [a, b] = [rows[i - 1] as Lock, rows[i] as Lock];
        const [va, vb] = [value(a), value(b)];
        if (va === null || vb === null) continue;
        const sign = order === 'asc' ? 1 : -1;
        if (va === vb) expect((a.lockid < b.lockid ? 1 : -1) * sign, `${field} tie-break`).toBe(1);
        else expect((va < vb ? 1 : -1) * sign, `${field} ${order}`).toBe(1);
      }
    }
    // Temperatures sort as numbers, not strings ("9.5" < "21").
    const temps = (await list('pagenumber=1&limit=100&sortby=temperature')).lockslist.map((l) => Number(l.temperature));
    expect(temps).toEqual([...temps].sort((x, y) => x - y));
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
    });
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
