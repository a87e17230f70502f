import type Database from 'better-sqlite3';
import { LOW_BATTERY_LEVEL } from '../../../contract/locks';
import type { LockSortField, LockSummary, PlatformLock, SortOrder } from '../../../contract/locks';
import { LOCK_COLUMNS, toLock } from './lock-row';
import type { LockRow } from './lock-row';
import { BATTERY_MARKERS, planSearch, searchableText, searchWords } from './lock-search';
import type { SearchPlan } from './lock-search';
import { statementCache } from '../db/statement-cache';

export interface LockFilters {
  online?: 0 | 1;
  open?: 0 | 1;
  batterybelow?: number;
  /** Only the members of this lock group. */
  groupid?: number;
}

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

/** ORDER BY per sort, and the index that yields exactly that order (see db/migrations.ts). */
const ORDERS: Record<LockSortField, Record<SortOrder, { sql: string; index: string }>> = {
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

/**
 * A row read in sort order (index entry, row, substring test) costs about this many times a match
 * collected from a full-text index and sorted. Each page picks the cheaper of the two ways.
 */
export const SCAN_ROW_COST = 2;

interface FilterParts {
  /** SQL conditions on `l` and their parameters. */
  sql: string[];
  params: number[];
  /** The same filters as search_state markers, when every state filter has a marker. */
  markers: string[] | null;
  /** Conditions no marker stands for (the group), checked row by row even with markers. */
  unmarked: { sql: string[]; params: number[] };
}

function filterParts(f: LockFilters): FilterParts {
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
  if (f.groupid !== undefined) {
    // The members by the primary key (groupid, lock_id): a sorted list SQLite probes by id.
    unmarked.sql.push('l.id IN (SELECT lock_id FROM lockgroup_members WHERE groupid = ?)');
    unmarked.params.push(f.groupid);
    sql.push(...unmarked.sql);
    params.push(...unmarked.params);
  }
  return { sql, params, markers, unmarked };
}

const where = (conditions: string[]) => (conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '');

/** A search resolved: the index query, and the filters it does not already apply. */
interface SearchSet {
  plan: Exclude<SearchPlan, { kind: 'none' }>;
  residual: { sql: string[]; params: number[] };
  /** `SELECT rowid AS id` of the index matches (one parameter: plan.match). */
  matches: string;
}

export type LocksRepository = ReturnType<typeof createLocksRepository>;

export function createLocksRepository(db: Database.Database) {
  const prepare = statementCache(db);
  const byLockid = db.prepare<[string], LockRow>(`SELECT ${LOCK_COLUMNS} FROM locks WHERE lockid = ?`);
  // Several locks may differ only in case: an exact match is preferred, then the first by lockid.
  const byLockidIgnoringCase = db.prepare<[string], LockRow>(
    `SELECT ${LOCK_COLUMNS} FROM locks WHERE lockid = ? COLLATE NOCASE ORDER BY lockid LIMIT 1`,
  );
  const groupSize = db.prepare<[number]>('SELECT lock_count FROM lockgroups WHERE groupid = ?').pluck();
  const fleetSize = db.prepare<[], { n: number | null }>('SELECT max(id) AS n FROM locks');
  const SUMMARY_COLUMNS = `count(*) AS total,
      coalesce(sum(l.lock_online_status), 0) AS online,
      coalesce(sum(1 - l.lock_online_status), 0) AS offline,
      coalesce(sum(l.lock_open_status), 0) AS unlocked,
      coalesce(sum(l.battery_level <= ?), 0) AS lowbattery`;
  const idsInNameOrder = db
    .prepare<[]>(`SELECT value FROM platform_meta WHERE key = 'ids_in_name_order'`)
    .pluck();
  const byId = db.prepare<[number], LockRow & { id: number }>(`SELECT id, ${LOCK_COLUMNS} FROM locks WHERE id = ?`);
  const setOpen = db.prepare<[number, string | null, string]>(
    'UPDATE locks SET lock_open_status = ?, relock_at = ? WHERE lockid = ?',
  );
  const setOnline = db.prepare<[number, string, string]>(
    'UPDATE locks SET lock_online_status = ?, online_updated_date = ? WHERE lockid = ?',
  );
  const setBattery = db.prepare<[number | null, string]>('UPDATE locks SET battery_level = ? WHERE lockid = ?');
  const setTemperature = db.prepare<[number | null, string]>('UPDATE locks SET temperature = ? WHERE lockid = ?');
  const findIds = db.prepare<[number, number, number, number]>(`
    SELECT lockid FROM locks WHERE lock_online_status = 1 AND battery_level BETWEEN ? AND ?
    AND id >= ? ORDER BY id LIMIT ?`).pluck();
  const dueRelocks = db.prepare<[string, number], LockRow>(`
    SELECT ${LOCK_COLUMNS} FROM locks INDEXED BY locks_relock
    WHERE relock_at IS NOT NULL AND relock_at <= ? AND lock_online_status = 1 ORDER BY relock_at LIMIT ?`);
  const relock = db.prepare<[string, string]>(
    'UPDATE locks SET lock_open_status = 0, relock_at = NULL WHERE lockid = ? AND relock_at = ?',
  );

  function searchSet(words: string[], filters: FilterParts): SearchSet | null {
    const plan = planSearch(words, filters.markers ?? []);
    if (plan.kind === 'none') return null;
    // Filters the index knows as markers cost nothing more; any other is checked row by row.
    const residual = filters.markers ? filters.unmarked : filters;
    return { plan, residual, matches: `SELECT rowid AS id FROM ${plan.table} WHERE ${plan.table} MATCH ?` };
  }

  /**
   * A group with fewer locks than the search index matches (a site's 12,500 locks and a key such as
   * "7" that matches most of the fleet): its locks, each tested for every word and the filters, are
   * the cheaper set. `SELECT id` of them; null when the index matches are fewer.
   */
  function groupMatches(
    groupid: number,
    plan: SearchSet['plan'],
    filters: FilterParts,
  ): { sql: string; params: unknown[] } | null {
    const members = (groupSize.get(groupid) as number | undefined) ?? 0;
    const indexed = prepare(`SELECT count(*) FROM ${plan.table} WHERE ${plan.table} MATCH ?`).pluck().get(plan.match) as number;
    if (members >= indexed) return null;
    const state = filters.sql.length - filters.unmarked.sql.length;
    const wordTests = plan.words.map(() => `instr(${searchableText('l.search_text')}, ?) > 0`);
    return {
      sql: `SELECT m.lock_id AS id FROM lockgroup_members m CROSS JOIN locks l ON l.id = m.lock_id
            WHERE ${['m.groupid = ?', ...filters.sql.slice(0, state), ...wordTests].join(' AND ')}`,
      params: [groupid, ...filters.params.slice(0, state), ...plan.words],
    };
  }

  function list(opts: LockListOptions): LockPage {
    const filters = filterParts(opts);
    const { sql: conditions, params } = filters;
    const order = ORDERS[opts.sortby ?? 'lockname'][opts.sortorder ?? 'asc'];
    const offset = (opts.pagenumber - 1) * opts.limit;
    const words = searchWords(opts.searchkey);
    const search = searchSet(words, filters);
    const fleet = fleetSize.get()?.n ?? 0;
    const page = (sql: string, ...args: unknown[]): LockPage['locks'] =>
      (prepare(sql).all(...args) as LockRow[]).map(toLock);

    if (!search) {
      const totalCount = prepare(`SELECT count(*) FROM locks l ${where(conditions)}`).pluck().get(...params) as number;
      if (offset >= totalCount) return { totalCount, locks: [] };
      const expected = ((offset + opts.limit) * fleet) / totalCount;
      const indexed = expected * SCAN_ROW_COST <= totalCount + 2000 ? `INDEXED BY ${order.index}` : '';
      return {
        totalCount,
        locks: page(
          `SELECT ${LOCK_COLUMNS} FROM locks l ${indexed} ${where(conditions)} ORDER BY ${order.sql} LIMIT ? OFFSET ?`,
          ...params,
          opts.limit,
          offset,
        ),
      };
    }

    const { plan, residual, matches } = search;
    if (opts.groupid !== undefined) {
      const inGroup = groupMatches(opts.groupid, plan, filters);
      if (inGroup) {
        const totalCount = prepare(`SELECT count(*) FROM (${inGroup.sql})`).pluck().get(...inGroup.params) as number;
        if (offset >= totalCount) return { totalCount, locks: [] };
        return {
          totalCount,
          locks: page(
            `SELECT ${LOCK_COLUMNS} FROM locks l WHERE l.id IN (
               SELECT l.id FROM (${inGroup.sql}) m CROSS JOIN locks l INDEXED BY locks_state ON l.id = m.id
               ORDER BY ${order.sql} LIMIT ? OFFSET ?
             ) ORDER BY ${order.sql}`,
            ...inGroup.params,
            opts.limit,
            offset,
          ),
        };
      }
    }
    const totalCount =
      residual.sql.length === 0
        ? (prepare(`SELECT count(*) FROM ${plan.table} WHERE ${plan.table} MATCH ?`).pluck().get(plan.match) as number)
        : (prepare(
            `SELECT count(*) FROM (${matches}) m CROSS JOIN locks l INDEXED BY locks_state ON l.id = m.id
             ${where(residual.sql)}`,
          )
            .pluck()
            .get(plan.match, ...residual.params) as number);
    if (offset >= totalCount) return { totalCount, locks: [] };

    // Sorted by name while ids follow the name order: the index yields matches in rowid order.
    if ((opts.sortby ?? 'lockname') === 'lockname' && residual.sql.length === 0 && idsInNameOrder.get() === 1) {
      const dir = opts.sortorder === 'desc' ? 'DESC' : 'ASC';
      return {
        totalCount,
        locks: page(
          `SELECT ${LOCK_COLUMNS} FROM locks l WHERE l.id IN (
             SELECT rowid FROM ${plan.table} WHERE ${plan.table} MATCH ? ORDER BY rowid ${dir} LIMIT ? OFFSET ?
           ) ORDER BY l.id ${dir}`,
          plan.match,
          opts.limit,
          offset,
        ),
      };
    }

    // Either walk the sort order testing each lock's text for every word (cheap when matches are
    // dense and spread out), or collect every match and sort them (cheap when they are few). The
    // walk is bounded: when matches cluster late in the order (a site's names sort together), it
    // gives up after a few times the expected rows and the matches are collected instead.
    const expected = ((offset + opts.limit) * fleet) / totalCount;
    if (expected * SCAN_ROW_COST <= totalCount) {
      const bound = Math.ceil(expected * 3 + 1000);
      const wordTests = plan.words.map(() => `instr(${searchableText('l.search_text')}, ?) > 0`);
      const locks = page(
        `SELECT ${LOCK_COLUMNS} FROM (
           SELECT l.id, ${LOCK_COLUMNS}, name_key, search_text FROM locks l INDEXED BY ${order.index} ORDER BY ${order.sql} LIMIT ?
         ) l ${where([...conditions, ...wordTests])} ORDER BY ${order.sql} LIMIT ? OFFSET ?`,
        bound,
        ...params,
        ...plan.words,
        opts.limit,
        offset,
      );
      if (locks.length === opts.limit || bound >= fleet) return { totalCount, locks };
    }
    return {
      totalCount,
      locks: page(
        `SELECT ${LOCK_COLUMNS} FROM locks l WHERE l.id IN (
           SELECT l.id FROM (${matches}) m CROSS JOIN locks l INDEXED BY locks_state ON l.id = m.id
           ${where(residual.sql)}
           ORDER BY ${order.sql} LIMIT ? OFFSET ?
         ) ORDER BY ${order.sql}`,
        plan.match,
        ...residual.params,
        opts.limit,
        offset,
      ),
    };
  }

  /** The counts of the filter chips over one set (the list's search and filters). */
  function summary(opts: LockSetOptions = {}): LockSummary {
    const filters = filterParts(opts);
    const search = searchSet(searchWords(opts.searchkey), filters);
    if (!search) {
      // A group's members are found by id; without a group the filter index covers everything.
      const indexed = filters.unmarked.sql.length > 0 ? '' : 'INDEXED BY locks_filters';
      return prepare(`SELECT ${SUMMARY_COLUMNS} FROM locks l ${indexed} ${where(filters.sql)}`).get(
        LOW_BATTERY_LEVEL,
        ...filters.params,
      ) as LockSummary;
    }
    return prepare(
      `SELECT ${SUMMARY_COLUMNS} FROM (${search.matches}) m CROSS JOIN locks l INDEXED BY locks_state ON l.id = m.id
       ${where(search.residual.sql)}`,
    ).get(LOW_BATTERY_LEVEL, search.plan.match, ...search.residual.params) as LockSummary;
  }

  /** A lock by its address, whatever its case (an exact match first). */
  function find(lockid: string): LockRow | undefined {
    return byLockid.get(lockid) ?? byLockidIgnoringCase.get(lockid);
  }

  return {
    list,
    summary,
    get: (lockid: string): PlatformLock | undefined => {
      const row = find(lockid);
      return row ? toLock(row) : undefined;
    },
    /** The lockid a path names (its real case), or undefined. */
    resolve: (lockid: string): string | undefined => find(lockid)?.lockid,
    /** The raw row (numeric temperature) by internal id, for the simulator. */
    rowById: (id: number) => byId.get(id),
    rowByLockid: (lockid: string) => byLockid.get(lockid),
    fleetSize: () => fleetSize.get()?.n ?? 0,
    /** Online locks with a battery in [min, max], from internal id `fromId` on. */
    onlineWithBattery: (min: number, max: number, fromId: number, limit: number) =>
      findIds.all(min, max, fromId, limit) as string[],
    /** Opens or closes a lock; `relockAt` (open only) is when the platform closes it again. */
    setOpen: (lockid: string, open: 0 | 1, relockAt: string | null = null) =>
      setOpen.run(open, open === 1 ? relockAt : null, lockid).changes > 0,
    setOnline: (lockid: string, online: 0 | 1, date: string) => setOnline.run(online, date, lockid).changes > 0,
    setBattery: (lockid: string, level: number | null) => setBattery.run(level, lockid).changes > 0,
    setTemperature: (lockid: string, value: number | null) => setTemperature.run(value, lockid).changes > 0,
    /** Online locks whose relock time has come (at `now`, a platform date), oldest first. */
    dueRelocks: (now: string, limit: number) => dueRelocks.all(now, limit),
    /** Closes a lock whose relock is still the one given (false when it changed meanwhile). */
    relock: (lockid: string, relockAt: string) => relock.run(lockid, relockAt).changes > 0,
  };
}
