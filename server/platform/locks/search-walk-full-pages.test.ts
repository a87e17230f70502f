import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockGroupListResponseSchema } from '../../../contract/lockgroups';
import { lockListResponseSchema } from '../../../contract/locks';
import type { Lock } from '../../../contract/locks';
import { startPlatform } from '../platform';
import { call, lockMatchesSearch } from '../testing';

/**
 * A searched lock list on a fleet of 5,000 locks, paged to the end: every page but the last is
 * full, and the pages together hold exactly the locks that match. On a fleet this size the
 * repository walks the sort order for the first pages, bounded to a few times the rows it expects
 * to read; when the matches sit later in that order than the bound (a model that some doors of
 * every site use, a site's locks, which sort together), the walk must fall back to collecting the
 * matches, not answer a short page. The test fleets of other suites (≤ 1,500 locks) never bound
 * the walk, so they cannot see it.
 */
let platform: Awaited<ReturnType<typeof startPlatform>>;
const fleet: Lock[] = [];

async function lockPage(query: string, page: number) {
  const res = await call(platform.url, 'GET', `/api/locks?${query}&pagenumber=${page}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return lockListResponseSchema.parse(res.body);
}

/** Every page of a query, in order, with the totalCount of the first. */
async function allPages(query: string): Promise<{ totalCount: number; pages: string[][] }> {
  const first = await lockPage(query, 1);
  const pages = [first.lockslist.map((l) => l.lockid)];
  for (let page = 2; page <= first.totalPage; page += 1) pages.push((await lockPage(query, page)).lockslist.map((l) => l.lockid));
  return { totalCount: first.totalCount, pages };
}

/** Pages of `limit` that together are `expected`, each full but the last. */
function expectFullPages(result: { totalCount: number; pages: string[][] }, expected: string[], limit: number) {
  expect(expected.length).toBeGreaterThan(limit * 10);
  expect(result.totalCount).toBe(expected.length);
  expect(result.pages.length).toBe(Math.ceil(expected.length / limit));
  const sizes = result.pages.map((p) => p.length);
  const last = expected.length - limit * (result.pages.length - 1);
  expect(sizes).toEqual([...Array<number>(result.pages.length - 1).fill(limit), last]);
  expect(result.pages.flat().sort()).toEqual([...expected].sort());
}

beforeAll(async () => {
  platform = await startPlatform({
    dbPath: ':memory:',
    simulator: false,
    requireAuth: false,
    seed: { locks: 5000, historyDays: 0 },
    now: () => new Date('2025-06-02T10:00:00Z'),
  });
  for (let page = 1; ; page += 1) {
    const list = (await lockPage('limit=100', page)).lockslist;
    fleet.push(...list);
    if (list.length < 100) break;
  }
}, 60_000);
afterAll(() => platform.close());

// Each test walks every page of a 5,000-lock fleet over HTTP: more than Vitest's 5 s on a loaded machine.
describe('a searched lock list on a fleet of 5,000 locks, paged to the end', { timeout: 30_000 }, () => {
  it('has the whole fleet to search', () => {
    expect(fleet.length).toBe(5000);
  });

  it('a model at every site, with a filter the search index does not answer (any battery reading), by name', async () => {
    const expected = fleet.filter((l) => lockMatchesSearch(l, 'ARF5LV') && l.battery_level !== null).map((l) => l.lockid);
    for (const limit of [10, 25]) {
      expectFullPages(await allPages(`searchkey=ARF5LV&batterybelow=101&sortby=lockname&sortorder=asc&limit=${limit}`), expected, limit);
    }
  });

  it('a site’s locks searched inside the site’s group (names that sort together), both orders', async () => {
    const groups = await call(platform.url, 'GET', '/api/lockgroups?pagenumber=1&limit=100');
    const list = lockGroupListResponseSchema.parse(groups.body).lockgroupslist;
    for (const [site, key, order] of [['Riverside Warehouse', 'riverside', 'asc'], ['Cedar Court Offices', 'cedar', 'desc']] as const) {
      const group = list.find((g) => g.groupname === site);
      expect(group, site).toBeDefined();
      const groupid = group?.groupid ?? 0;
      const members = new Set((await allPages(`groupid=${groupid}&limit=100`)).pages.flat());
      const expected = fleet.filter((l) => members.has(l.lockid) && lockMatchesSearch(l, key)).map((l) => l.lockid);
      expectFullPages(await allPages(`searchkey=${key}&groupid=${groupid}&sortby=lockname&sortorder=${order}&limit=10`), expected, 10);
    }
  });
});
