import type Database from 'better-sqlite3';
import { LOW_BATTERY_LEVEL } from '../../../contract/locks';
import type { LockSortField, LockSummary, PlatformLock, SortOrder } from '../../../contract/locks';
import { statementCache } from '../db/statement-cache';
import { searchWords } from './lock-search';
import {
  type LockFilters,
  type ListStrategy,
  type PageQuery,
  type SearchSet,
  ORDERS,
  chooseStrategy,
  collectMatches,
  count,
  filterAndSort,
  filterParts,
  groupMatchesSql,
  groupMembers,
  indexWalk,
  orderedWalk,
  rowidOrder,
  rowsToRead,
  searchSet,
  where,
} from './lock-list-strategies';

export type { LockFilters, ListStrategy };

/** A set of locks: a search and filters, all of which a lock must match. */
export interface LockSetOptions extends LockFilters {
  searchkey?: string;
}

export interface LockListOptions extends LockSetOptions {
  pagenumber: number;
  limit: number;
  sortby?: LockSortField;
  sortorder?: SortOrder;
}

export interface LockPage {
  totalCount: number;
  locks: PlatformLock[];
}

const SUMMARY_COLUMNS = `count(*) AS total,
      coalesce(sum(l.lock_online_status), 0) AS online,
      coalesce(sum(1 - l.lock_online_status), 0) AS offline,
      coalesce(sum(l.lock_open_status), 0) AS unlocked,
      coalesce(sum(l.battery_level <= ?), 0) AS lowbattery`;

/** Locks in lockdown are few (usually none): counted from their partial index, not the table. */
const IN_LOCKDOWN = 'SELECT count(*) FROM locks l INDEXED BY locks_in_lockdown';

interface ListReads {
  prepare: (sql: string) => Database.Statement;
  groupSize: (groupid: number) => number;
  fleetSize: () => number;
  idsInNameOrder: () => boolean;
}

function unsearchedPage(query: PageQuery, force: ListStrategy | undefined): LockPage {
  const { sql, params } = query.filters;
  const totalCount = count(query, `SELECT count(*) FROM locks l ${where(sql)}`, ...params);
  if (query.offset >= totalCount) return { totalCount, locks: [] };
  const expected = rowsToRead(query.offset, query.limit, query.fleet, totalCount);
  const strategy = force ?? chooseStrategy({ searched: false, rowsToRead: expected, totalCount });
  if (strategy === 'index-walk') return { totalCount, locks: indexWalk(query) };
  if (strategy === 'filter-and-sort') return { totalCount, locks: filterAndSort(query) };
  throw new Error(`${strategy} needs a search`);
}

/** A group with fewer locks than the index matches: its locks are the cheaper set to test. */
function groupSmallerThanMatches(reads: ListReads, groupid: number | undefined, search: SearchSet): boolean {
  if (groupid === undefined) return false;
  const { plan } = search;
  return reads.groupSize(groupid) < count(reads, `SELECT count(*) FROM ${plan.table} WHERE ${plan.table} MATCH ?`, plan.match);
}

/** How many locks match the search and every filter. */
function matchesCount(query: PageQuery, { plan, residual, matches }: SearchSet): number {
  if (residual.sql.length === 0) return count(query, `SELECT count(*) FROM ${plan.table} WHERE ${plan.table} MATCH ?`, plan.match);
  return count(
    query,
    `SELECT count(*) FROM (${matches}) m CROSS JOIN locks l INDEXED BY locks_state ON l.id = m.id
     ${where(residual.sql)}`,
    plan.match,
    ...residual.params,
  );
}

function searchedPage(reads: ListReads, query: PageQuery, search: SearchSet, opts: LockListOptions, force?: ListStrategy): LockPage {
  const groupFirst = force ? force === 'group-members' : groupSmallerThanMatches(reads, opts.groupid, search);
  if (groupFirst && opts.groupid === undefined) throw new Error('group-members needs a group');
  const inGroup = groupFirst && opts.groupid !== undefined ? groupMatchesSql(opts.groupid, search.plan, query.filters) : null;
  const totalCount = inGroup ? count(query, `SELECT count(*) FROM (${inGroup.sql})`, ...inGroup.params) : matchesCount(query, search);
  if (query.offset >= totalCount) return { totalCount, locks: [] };
  const expected = rowsToRead(query.offset, query.limit, query.fleet, totalCount);
  const sortedByName = (opts.sortby ?? 'lockname') === 'lockname';
  const strategy =
    force ??
    chooseStrategy({
      searched: true,
      groupSmallerThanMatches: groupFirst,
      indexYieldsNameOrder: !groupFirst && sortedByName && search.residual.sql.length === 0 && reads.idsInNameOrder(),
      rowsToRead: expected,
      totalCount,
    });
  if (inGroup) return { totalCount, locks: groupMembers(query, inGroup) };
  if (strategy === 'rowid-order') return { totalCount, locks: rowidOrder(query, search) };
  if (strategy === 'ordered-walk') {
    const locks = orderedWalk(query, search, expected);
    if (locks) return { totalCount, locks };
  } else if (strategy !== 'collect-matches') {
    throw new Error(`${strategy} cannot answer a search`);
  }
  return { totalCount, locks: collectMatches(query, search) };
}

/**
 * The lock list and its filter chips' counts. `list` reads each page the cheapest way
 * (chooseStrategy); `force` makes it read one way, for tests that compare the ways (a forced way
 * must suit the query: rowid-order only sorted by name, with no filter and ids in name order).
 */
export function createLockList(db: Database.Database) {
  const prepare = statementCache(db);
  const groupSize = db.prepare<[number]>('SELECT lock_count FROM lockgroups WHERE groupid = ?').pluck();
  const fleetSize = db.prepare<[], { n: number | null }>('SELECT max(id) AS n FROM locks');
  const idsInNameOrder = db.prepare<[]>(`SELECT value FROM platform_meta WHERE key = 'ids_in_name_order'`).pluck();
  const reads: ListReads = {
    prepare,
    groupSize: (groupid) => (groupSize.get(groupid) as number | undefined) ?? 0,
    fleetSize: () => fleetSize.get()?.n ?? 0,
    idsInNameOrder: () => idsInNameOrder.get() === 1,
  };

  function list(opts: LockListOptions, force?: ListStrategy): LockPage {
    const filters = filterParts(opts);
    const query: PageQuery = {
      limit: opts.limit,
      offset: (opts.pagenumber - 1) * opts.limit,
      fleet: reads.fleetSize(),
      order: ORDERS[opts.sortby ?? 'lockname'][opts.sortorder ?? 'asc'],
      descending: opts.sortorder === 'desc',
      filters,
      prepare,
    };
    const search = searchSet(searchWords(opts.searchkey), filters);
    return search ? searchedPage(reads, query, search, opts, force) : unsearchedPage(query, force);
  }

  /** The counts of the filter chips over one set (the list's search and filters). */
  function summary(opts: LockSetOptions = {}): LockSummary {
    const filters = filterParts(opts);
    const search = searchSet(searchWords(opts.searchkey), filters);
    if (!search) {
      // A group's members are found by id; without a group the filter index covers everything.
      const indexed = filters.unmarked.sql.length > 0 ? '' : 'INDEXED BY locks_filters';
      const counts = prepare(`SELECT ${SUMMARY_COLUMNS} FROM locks l ${indexed} ${where(filters.sql)}`).get(
        LOW_BATTERY_LEVEL,
        ...filters.params,
      ) as LockSummary;
      return { ...counts, lockdown: count(reads, `${IN_LOCKDOWN} ${where(['l.lockdown = 1', ...filters.sql])}`, ...filters.params) };
    }
    const counts = prepare(
      `SELECT ${SUMMARY_COLUMNS} FROM (${search.matches}) m CROSS JOIN locks l INDEXED BY locks_state ON l.id = m.id
       ${where(search.residual.sql)}`,
    ).get(LOW_BATTERY_LEVEL, search.plan.match, ...search.residual.params) as LockSummary;
    const lockdown = count(
      reads,
      `${IN_LOCKDOWN} ${where(['l.lockdown = 1', `l.id IN (${search.matches})`, ...search.residual.sql])}`,
      search.plan.match,
      ...search.residual.params,
    );
    return { ...counts, lockdown };
  }

  return { list, summary, fleetSize: reads.fleetSize };
}
