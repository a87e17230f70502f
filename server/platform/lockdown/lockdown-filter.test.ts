import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open-database';
import { seedDatabase } from '../db/seed';
import { createLockList } from '../locks/lock-list';
import type { LockListOptions } from '../locks/lock-list';
import type { ListStrategy } from '../locks/lock-list-strategies';
import { LOCK_COLUMNS, toLock } from '../locks/lock-row';
import type { LockRow } from '../locks/lock-row';
import { lockMatchesSearch } from '../testing';

/**
 * The `lockdown` filter has no search marker and no index of the list's: every way of reading a
 * page must still apply it (a lock list of 1,500 locks, every 7th in lockdown).
 */
let db: Database.Database;
let lockList: ReturnType<typeof createLockList>;
let siteGroup: number;

beforeAll(() => {
  db = openDatabase(':memory:');
  seedDatabase(db, { locks: 1500, historyDays: 0, now: new Date('2025-06-02T10:00:00Z') });
  db.prepare('UPDATE locks SET lockdown = 1 WHERE id % 7 = 0').run();
  lockList = createLockList(db);
  siteGroup = db.prepare('SELECT groupid FROM lockgroups WHERE lock_count > 50 ORDER BY lock_count DESC LIMIT 1').pluck().get() as number;
}, 60_000);
afterAll(() => db.close());

/** The locks a query means, found without the list's code. */
function expected(query: Omit<LockListOptions, 'pagenumber'>) {
  const members = new Set(db.prepare('SELECT lock_id FROM lockgroup_members WHERE groupid = ?').pluck().all(query.groupid ?? -1) as number[]);
  const rows = db.prepare(`SELECT id, ${LOCK_COLUMNS} FROM locks`).all() as (LockRow & { id: number })[];
  return rows
    .filter((r) => (query.groupid === undefined || members.has(r.id)) && (query.online === undefined || r.lock_online_status === query.online))
    .map(({ id: _id, ...row }) => toLock(row))
    .filter((l) => l.lockdown === query.lockdown && lockMatchesSearch({ ...l, lockgroups: [] }, query.searchkey));
}

function expectFiltered(query: Omit<LockListOptions, 'pagenumber'>, strategies: readonly ListStrategy[]) {
  const want = expected(query);
  const wanted = new Set(want.map((l) => l.lockid));
  expect(want.length, JSON.stringify(query)).toBeGreaterThan(query.limit);
  for (const pagenumber of [1, 2]) {
    const opts = { ...query, pagenumber };
    const chosen = lockList.list(opts);
    expect(chosen.totalCount, JSON.stringify(opts)).toBe(want.length);
    expect(chosen.locks).toHaveLength(query.limit);
    expect(chosen.locks.filter((l) => !wanted.has(l.lockid))).toEqual([]);
    for (const strategy of strategies) expect(lockList.list(opts, strategy), `${strategy} ${JSON.stringify(opts)}`).toEqual(chosen);
  }
  const summary = lockList.summary(query);
  expect(summary.total).toBe(want.length);
  expect(summary.lockdown).toBe(query.lockdown === 1 ? want.length : 0);
}

describe('GET /api/locks?lockdown=0|1 through each way of reading a page', () => {
  it('without a search: walking the sort index or filtering then sorting', () => {
    const both = ['index-walk', 'filter-and-sort'] as const;
    expectFiltered({ limit: 10, lockdown: 1 }, both);
    expectFiltered({ limit: 10, lockdown: 0, sortby: 'battery_level', online: 1 }, both);
    expectFiltered({ limit: 5, lockdown: 1, groupid: siteGroup }, both);
  });

  it('with a search: a walk or collecting the matches (never rowid order, which cannot filter)', () => {
    const both = ['ordered-walk', 'collect-matches'] as const;
    expectFiltered({ limit: 10, lockdown: 1, searchkey: 'room' }, both);
    expectFiltered({ limit: 10, lockdown: 0, searchkey: 'room', online: 1, sortorder: 'desc' }, both);
  });

  it('with a search in a group: the group’s members, a walk, or collecting the matches', () => {
    expectFiltered({ limit: 3, lockdown: 1, searchkey: '1', groupid: siteGroup }, ['group-members', 'ordered-walk', 'collect-matches']);
  });

  it('counts the locks in lockdown in the summary, with and without a search', () => {
    expect(lockList.summary({}).lockdown).toBe(Math.floor(1500 / 7));
    expect(lockList.summary({ searchkey: 'room' }).lockdown).toBe(expected({ limit: 1, lockdown: 1, searchkey: 'room' }).length);
  });
});
