import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open-database';
import { seedDatabase } from '../db/seed';
import { createLockList } from './lock-list';
import type { LockListOptions } from './lock-list';
import { type ListStrategy, chooseStrategy } from './lock-list-strategies';

/**
 * Every way the lock list can read a page gives the same page for the same query: each strategy is
 * forced on queries it suits and compared with the one the planner picks by itself, page by page.
 */
let db: Database.Database;
let lockList: ReturnType<typeof createLockList>;
let siteGroup: number;

beforeAll(() => {
  db = openDatabase(':memory:');
  seedDatabase(db, { locks: 1500, historyDays: 0, now: new Date('2025-06-02T10:00:00Z') });
  lockList = createLockList(db);
  siteGroup = db
    .prepare(`SELECT groupid FROM lockgroups WHERE lock_count > 50 ORDER BY lock_count DESC LIMIT 1`)
    .pluck()
    .get() as number;
}, 60_000);
afterAll(() => db.close());

/** The first pages of a query, read the planner's way and each forced way. */
function expectSamePages(query: Omit<LockListOptions, 'pagenumber'>, strategies: readonly ListStrategy[]) {
  for (const pagenumber of [1, 2, 5]) {
    const opts = { ...query, pagenumber };
    const chosen = lockList.list(opts);
    for (const strategy of strategies) {
      const forced = lockList.list(opts, strategy);
      expect(forced.totalCount, `${strategy} ${JSON.stringify(opts)}`).toBe(chosen.totalCount);
      expect(forced.locks, `${strategy} ${JSON.stringify(opts)}`).toEqual(chosen.locks);
    }
  }
}

describe('the lock list read each way', () => {
  it('is seeded so that every strategy applies (ids in name order, a large group)', () => {
    expect(db.prepare(`SELECT value FROM platform_meta WHERE key = 'ids_in_name_order'`).pluck().get()).toBe(1);
    expect(siteGroup).toBeGreaterThan(0);
    expect(lockList.list({ pagenumber: 1, limit: 10, searchkey: 'room' }).locks).toHaveLength(10);
  });

  it('without a search: walking the sort index or filtering then sorting', () => {
    const both = ['index-walk', 'filter-and-sort'] as const;
    expectSamePages({ limit: 10 }, both);
    expectSamePages({ limit: 25, sortby: 'battery_level', sortorder: 'desc', online: 1 }, both);
    expectSamePages({ limit: 10, sortby: 'temperature', open: 1, batterybelow: 30 }, both);
    expectSamePages({ limit: 10, sortby: 'online_updated_date', groupid: siteGroup }, both);
  });

  it('a name-sorted search without filters: rowid order, a walk, or collecting the matches', () => {
    const all = ['rowid-order', 'ordered-walk', 'collect-matches'] as const;
    expectSamePages({ limit: 10, searchkey: 'room' }, all);
    expectSamePages({ limit: 10, searchkey: 'ro', sortorder: 'desc' }, all);
    expectSamePages({ limit: 20, searchkey: '7' }, all);
  });

  it('a search with another sort or filters: a walk or collecting the matches', () => {
    const both = ['ordered-walk', 'collect-matches'] as const;
    expectSamePages({ limit: 10, searchkey: 'door', sortby: 'battery_level' }, both);
    expectSamePages({ limit: 10, searchkey: 'room', online: 1, open: 0 }, both);
    expectSamePages({ limit: 10, searchkey: '1', batterybelow: 37, sortby: 'temperature', sortorder: 'desc' }, both);
  });

  it('a search in a group: the group’s members, a walk, or collecting the matches', () => {
    const all = ['group-members', 'ordered-walk', 'collect-matches'] as const;
    expectSamePages({ limit: 10, searchkey: '1', groupid: siteGroup }, all);
    expectSamePages({ limit: 5, searchkey: 'room', groupid: siteGroup, sortby: 'battery_level', online: 1 }, all);
  });

  it('refuses a forced way that cannot answer the query', () => {
    expect(() => lockList.list({ pagenumber: 1, limit: 10 }, 'collect-matches')).toThrow();
    expect(() => lockList.list({ pagenumber: 1, limit: 10, searchkey: 'room' }, 'index-walk')).toThrow();
    expect(() => lockList.list({ pagenumber: 1, limit: 10, searchkey: 'room' }, 'group-members')).toThrow();
  });
});

describe('chooseStrategy', () => {
  const searched = { searched: true, groupSmallerThanMatches: false, indexYieldsNameOrder: false } as const;

  it('walks an unsearched sort index unless the set is much sparser than the rows it would read', () => {
    expect(chooseStrategy({ searched: false, rowsToRead: 100, totalCount: 100 })).toBe('index-walk');
    expect(chooseStrategy({ searched: false, rowsToRead: 1100, totalCount: 200 })).toBe('index-walk');
    expect(chooseStrategy({ searched: false, rowsToRead: 1101, totalCount: 200 })).toBe('filter-and-sort');
  });

  it('prefers a small group, then the index’s own order, then the cheaper of a walk and collecting', () => {
    expect(chooseStrategy({ ...searched, groupSmallerThanMatches: true, indexYieldsNameOrder: true, rowsToRead: 1, totalCount: 9 })).toBe('group-members');
    expect(chooseStrategy({ ...searched, indexYieldsNameOrder: true, rowsToRead: 1e6, totalCount: 9 })).toBe('rowid-order');
    expect(chooseStrategy({ ...searched, rowsToRead: 50, totalCount: 100 })).toBe('ordered-walk');
    expect(chooseStrategy({ ...searched, rowsToRead: 51, totalCount: 100 })).toBe('collect-matches');
  });
});
