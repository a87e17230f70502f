import type Database from 'better-sqlite3';
import type { LockSortField, PlatformLock, SortOrder } from '../../../contract/locks';
import { LOCK_COLUMNS, toLock } from './lock-row';
import type { LockRow } from './lock-row';
import { BATTERY_MARKERS, planSearch, searchableText } from './lock-search';
import type { SearchPlan } from './lock-search';

export interface LockFilters {
  online?: 0 | 1;
  open?: 0 | 1;
  batterybelow?: number;
  /** Only the members of this lock group. */
  groupid?: number;
  /** Only the locks a lockdown holds (1), or those it does not (0). */
  lockdown?: 0 | 1;
}

/** One of the ways a page of the lock list is read (see chooseStrategy). */
export type ListStrategy =
  | 'index-walk'
  | 'filter-and-sort'
  | 'group-members'
  | 'rowid-order'
  | 'ordered-walk'
  | 'collect-matches';

/**
 * A row read in sort order (index entry, row, substring test) costs about this many times a match
 * collected from a full-text index and sorted. Each page picks the cheaper of the two ways.
 */
export const SCAN_ROW_COST = 2;

/**
 * Without a search, a set this much larger than the rows a walk of the sort index expects to read
 * is still walked: sorting a few thousand filtered rows costs about as much as the walk's misses.
 */
export const UNSEARCHED_WALK_SLACK = 2000;

/** A bounded walk reads at most this many times the rows it expects, plus WALK_BOUND_SLACK. */
export const WALK_BOUND_FACTOR = 3;
export const WALK_BOUND_SLACK = 1000;

/** ORDER BY per sort, and the index that yields exactly that order (see db/migrations.ts). */
export const ORDERS: Record<LockSortField, Record<SortOrder, { sql: string; index: string }>> = {
  lockname: {
    asc: { sql: 'l.name_key ASC, l.lockid ASC', index: 'locks_by_name' },
    desc: { sql: 'l.name_key DESC, l.lockid DESC', index: 'locks_by_name' },
  },
  battery_level: {
    asc: { sql: '(l.battery_level IS NULL), l.battery_level ASC, l.lockid ASC', index: 'locks_by_battery_asc' },
    desc: { sql: '(l.battery_level IS NULL), l.battery_level DESC, l.lockid DESC', index: 'locks_by_battery_desc' },
  },
  temperature: {
    asc: { sql: '(l.temperature IS NULL), l.temperature ASC, l.lockid ASC', index: 'locks_by_temperature_asc' },
    desc: { sql: '(l.temperature IS NULL), l.temperature DESC, l.lockid DESC', index: 'locks_by_temperature_desc' },
  },
  online_updated_date: {
    asc: { sql: 'l.online_updated_date ASC, l.lockid ASC', index: 'locks_by_online_date' },
    desc: { sql: 'l.online_updated_date DESC, l.lockid DESC', index: 'locks_by_online_date' },
  },
};

export interface FilterParts {
  /** SQL conditions on `l` and their parameters. */
  sql: string[];
  params: number[];
  /** The same filters as search_state markers, when every state filter has a marker. */
  markers: string[] | null;
  /** Conditions no marker stands for (the group), checked row by row even with markers. */
  unmarked: { sql: string[]; params: number[] };
}

/** The group filter (one parameter, the groupid), always the last condition of a FilterParts. */
const GROUP_CONDITION = 'l.id IN (SELECT lock_id FROM lockgroup_members WHERE groupid = ?)';

export function filterParts(f: LockFilters): FilterParts {
  const sql: string[] = [];
  const params: number[] = [];
  let markers: string[] | null = [];
  if (f.online !== undefined) {
    sql.push('l.lock_online_status = ?');
    params.push(f.online);
    markers.push(`n${f.online}`);
  }
  if (f.open !== undefined) {
    sql.push('l.lock_open_status = ?');
    params.push(f.open);
    markers.push(`p${f.open}`);
  }
  if (f.batterybelow !== undefined) {
    sql.push('l.battery_level < ?');
    params.push(f.batterybelow);
    const marker = BATTERY_MARKERS.get(f.batterybelow);
    if (marker) markers.push(marker);
    else markers = null;
  }
  const unmarked: FilterParts['unmarked'] = { sql: [], params: [] };
  if (f.lockdown !== undefined) {
    // No search marker stands for it: checked row by row, with or without a search.
    unmarked.sql.push('l.lockdown = ?');
    unmarked.params.push(f.lockdown);
  }
  if (f.groupid !== undefined) {
    // The members by the primary key (groupid, lock_id): a sorted list SQLite probes by id.
    unmarked.sql.push(GROUP_CONDITION);
    unmarked.params.push(f.groupid);
  }
  sql.push(...unmarked.sql);
  params.push(...unmarked.params);
  return { sql, params, markers, unmarked };
}

export const where = (conditions: string[]) => (conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '');

/** A search resolved: the index query, and the filters it does not already apply. */
export interface SearchSet {
  plan: Exclude<SearchPlan, { kind: 'none' }>;
  residual: { sql: string[]; params: number[] };
  /** `SELECT rowid AS id` of the index matches (one parameter: plan.match). */
  matches: string;
}

export function searchSet(words: string[], filters: FilterParts): SearchSet | null {
  const plan = planSearch(words, filters.markers ?? []);
  if (plan.kind === 'none') return null;
  // Filters the index knows as markers cost nothing more; any other is checked row by row.
  const residual = filters.markers ? filters.unmarked : filters;
  return { plan, residual, matches: `SELECT rowid AS id FROM ${plan.table} WHERE ${plan.table} MATCH ?` };
}

/** What the planner knows about one page before it reads it. */
export type PlanFacts =
  | { searched: false; rowsToRead: number; totalCount: number }
  | {
      searched: true;
      /** A group was asked for and it has fewer locks than the search index matches. */
      groupSmallerThanMatches: boolean;
      /** Sorted by name, no filter beyond the index, and lock ids follow the name order. */
      indexYieldsNameOrder: boolean;
      rowsToRead: number;
      totalCount: number;
    };

/**
 * Rows a walk of the sort order expects to read before it has filled the page: the page's end in
 * the set, scaled up by how sparse the set is in the fleet (a set of a tenth of the fleet needs
 * ten rows read per row kept).
 */
export function rowsToRead(offset: number, limit: number, fleet: number, totalCount: number): number {
  return ((offset + limit) * fleet) / totalCount;
}

/**
 * The cheapest way to read a page. Without a search: walk the sort order's index (each row read is
 * tested against the filters) while that reads about as few rows as the set holds, else let SQLite
 * filter first and sort what is left. With a search: a group smaller than the index's matches is
 * the cheaper set to test word by word; sorted by name while ids follow the name order, the index
 * yields its matches already in order (by rowid); else walk the sort order testing each lock's
 * text for every word while the rows read (each costing SCAN_ROW_COST times a collected match) are
 * no more than the matches, which is cheap when they are dense; else collect every match and sort.
 */
export function chooseStrategy(facts: PlanFacts): ListStrategy {
  const walkCost = facts.rowsToRead * SCAN_ROW_COST;
  if (!facts.searched) return walkCost <= facts.totalCount + UNSEARCHED_WALK_SLACK ? 'index-walk' : 'filter-and-sort';
  if (facts.groupSmallerThanMatches) return 'group-members';
  if (facts.indexYieldsNameOrder) return 'rowid-order';
  return walkCost <= facts.totalCount ? 'ordered-walk' : 'collect-matches';
}

/** One page to read: the options resolved, and the statements to read it with. */
export interface PageQuery {
  limit: number;
  offset: number;
  fleet: number;
  order: { sql: string; index: string };
  descending: boolean;
  filters: FilterParts;
  prepare: (sql: string) => Database.Statement;
}

export function readPage(query: Pick<PageQuery, 'prepare'>, sql: string, ...args: unknown[]): PlatformLock[] {
  return (query.prepare(sql).all(...args) as LockRow[]).map(toLock);
}

export function count(query: Pick<PageQuery, 'prepare'>, sql: string, ...args: unknown[]): number {
  return query.prepare(sql).pluck().get(...args) as number;
}

const wordTests = (plan: SearchSet['plan']) => plan.words.map(() => `instr(${searchableText('l.search_text')}, ?) > 0`);

/** No search, walking the sort order's index and testing each row against the filters. */
export function indexWalk(query: PageQuery): PlatformLock[] {
  return unsearchedPage(query, `INDEXED BY ${query.order.index}`);
}

/** No search, SQLite's own plan: the filters first, then a sort of what they leave. */
export function filterAndSort(query: PageQuery): PlatformLock[] {
  return unsearchedPage(query, '');
}

function unsearchedPage(query: PageQuery, indexed: string): PlatformLock[] {
  const { sql, params } = query.filters;
  return readPage(
    query,
    `SELECT ${LOCK_COLUMNS} FROM locks l ${indexed} ${where(sql)} ORDER BY ${query.order.sql} LIMIT ? OFFSET ?`,
    ...params,
    query.limit,
    query.offset,
  );
}

/**
 * `SELECT id` of a group's locks that match every word and the state filters: the cheaper set
 * when the group has fewer locks than the index matches (a site's 12,500 locks and a key such as
 * "7" that matches most of the fleet).
 */
export function groupMatchesSql(groupid: number, plan: SearchSet['plan'], filters: FilterParts): { sql: string; params: unknown[] } {
  // Every filter but the group itself (the last), which the members already are.
  const others = filters.sql.at(-1) === GROUP_CONDITION ? filters.sql.length - 1 : filters.sql.length;
  return {
    sql: `SELECT m.lock_id AS id FROM lockgroup_members m CROSS JOIN locks l ON l.id = m.lock_id
          WHERE ${['m.groupid = ?', ...filters.sql.slice(0, others), ...wordTests(plan)].join(' AND ')}`,
    params: [groupid, ...filters.params.slice(0, others), ...plan.words],
  };
}

/** A search within a group: the group's matching locks (groupMatchesSql), sorted. */
export function groupMembers(query: PageQuery, inGroup: { sql: string; params: unknown[] }): PlatformLock[] {
  const { order } = query;
  return readPage(
    query,
    `SELECT ${LOCK_COLUMNS} FROM locks l WHERE l.id IN (
       SELECT l.id FROM (${inGroup.sql}) m CROSS JOIN locks l INDEXED BY locks_state ON l.id = m.id
       ORDER BY ${order.sql} LIMIT ? OFFSET ?
     ) ORDER BY ${order.sql}`,
    ...inGroup.params,
    query.limit,
    query.offset,
  );
}

/** A search sorted by name while ids follow the name order: the index yields matches in rowid order. */
export function rowidOrder(query: PageQuery, search: SearchSet): PlatformLock[] {
  const { plan } = search;
  const dir = query.descending ? 'DESC' : 'ASC';
  return readPage(
    query,
    `SELECT ${LOCK_COLUMNS} FROM locks l WHERE l.id IN (
       SELECT rowid FROM ${plan.table} WHERE ${plan.table} MATCH ? ORDER BY rowid ${dir} LIMIT ? OFFSET ?
     ) ORDER BY l.id ${dir}`,
    plan.match,
    query.limit,
    query.offset,
  );
}

/**
 * A search walking the sort order and testing each lock's text for every word. The walk is
 * bounded: when matches cluster late in the order (a site's names sort together), it gives up
 * after a few times the expected rows (null) and the matches are collected instead.
 */
export function orderedWalk(query: PageQuery, search: SearchSet, expectedRows: number): PlatformLock[] | null {
  const { order, filters } = query;
  const bound = Math.ceil(expectedRows * WALK_BOUND_FACTOR + WALK_BOUND_SLACK);
  const locks = readPage(
    query,
    `SELECT ${LOCK_COLUMNS} FROM (
       SELECT l.id, ${LOCK_COLUMNS}, name_key, search_text FROM locks l INDEXED BY ${order.index} ORDER BY ${order.sql} LIMIT ?
     ) l ${where([...filters.sql, ...wordTests(search.plan)])} ORDER BY ${order.sql} LIMIT ? OFFSET ?`,
    bound,
    ...filters.params,
    ...search.plan.words,
    query.limit,
    query.offset,
  );
  return locks.length === query.limit || bound >= query.fleet ? locks : null;
}

/** A search collecting every match from the index (and the filters it leaves), then sorting them. */
export function collectMatches(query: PageQuery, search: SearchSet): PlatformLock[] {
  const { order } = query;
  return readPage(
    query,
    `SELECT ${LOCK_COLUMNS} FROM locks l WHERE l.id IN (
       SELECT l.id FROM (${search.matches}) m CROSS JOIN locks l INDEXED BY locks_state ON l.id = m.id
       ${where(search.residual.sql)}
       ORDER BY ${order.sql} LIMIT ? OFFSET ?
     ) ORDER BY ${order.sql}`,
    search.plan.match,
    ...search.residual.params,
    query.limit,
    query.offset,
  );
}
