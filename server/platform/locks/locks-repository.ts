import type Database from 'better-sqlite3';
import { LOW_BATTERY_LEVEL } from '../../../contract/locks';
import type { Lock, LockSortField, LockSummary, SortOrder } from '../../../contract/locks';
import { LOCK_COLUMNS, toLock } from './lock-row';
import type { LockRow } from './lock-row';
import { BATTERY_MARKERS, normalizeSearchKey, planSearch } from './lock-search';
import { statementCache } from '../db/statement-cache';

export interface LockFilters {
  online?: 0 | 1;
  open?: 0 | 1;
  batterybelow?: number;
}

export interface LockListOptions extends LockFilters {
  pagenumber: number;
  limit: number;
  searchkey?: string;
  sortby?: LockSortField;
  sortorder?: SortOrder;
}

export interface LockPage {
  totalCount: number;
  locks: Lock[];
}

/** ORDER BY per sort, and the index that yields exactly that order (see db/migrations.ts). */
const ORDERS: Record<LockSortField, Record<SortOrder, { sql: string; index: string }>> = {
  lockname: {
    asc: { sql: 'l.lockname COLLATE NOCASE ASC, l.lockid ASC', index: 'locks_by_name' },
    desc: { sql: 'l.lockname COLLATE NOCASE DESC, l.lockid DESC', index: 'locks_by_name' },
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
  /** The same filters as search_state markers, when every one has a marker. */
  markers: string[] | null;
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
  return { sql, params, markers };
}

const where = (conditions: string[]) => (conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '');

export type LocksRepository = ReturnType<typeof createLocksRepository>;

export function createLocksRepository(db: Database.Database) {
  const prepare = statementCache(db);
  const byLockid = db.prepare<[string], LockRow>(`SELECT ${LOCK_COLUMNS} FROM locks WHERE lockid = ?`);
  const fleetSize = db.prepare<[], { n: number | null }>('SELECT max(id) AS n FROM locks');
  const summary = db.prepare<[number], LockSummary>(`
    SELECT count(*) AS total,
      coalesce(sum(lock_online_status), 0) AS online,
      coalesce(sum(1 - lock_online_status), 0) AS offline,
      coalesce(sum(lock_open_status), 0) AS unlocked,
      coalesce(sum(battery_level <= ?), 0) AS lowbattery
    FROM locks INDEXED BY locks_filters`);
  const idsInNameOrder = db
    .prepare<[]>(`SELECT value FROM platform_meta WHERE key = 'ids_in_name_order'`)
    .pluck();
  const exists = db.prepare<[string]>('SELECT 1 FROM locks WHERE lockid = ?').pluck();
  const byId = db.prepare<[number], LockRow & { id: number }>(`SELECT id, ${LOCK_COLUMNS} FROM locks WHERE id = ?`);
  const setOpen = db.prepare<[number, string]>('UPDATE locks SET lock_open_status = ? WHERE lockid = ?');
  const setOnline = db.prepare<[number, string, string]>(
    'UPDATE locks SET lock_online_status = ?, online_updated_date = ? WHERE lockid = ?',
  );
  const setBattery = db.prepare<[number | null, string]>('UPDATE locks SET battery_level = ? WHERE lockid = ?');
  const setTemperature = db.prepare<[number | null, string]>('UPDATE locks SET temperature = ? WHERE lockid = ?');
  const findIds = db.prepare<[number, number, number, number]>(`
    SELECT lockid FROM locks WHERE lock_online_status = 1 AND battery_level BETWEEN ? AND ?
    AND id >= ? ORDER BY id LIMIT ?`).pluck();

  function list(opts: LockListOptions): LockPage {
    const filters = filterParts(opts);
    const { sql: conditions, params } = filters;
    const order = ORDERS[opts.sortby ?? 'lockname'][opts.sortorder ?? 'asc'];
    const offset = (opts.pagenumber - 1) * opts.limit;
    const key = normalizeSearchKey(opts.searchkey);
    const plan = planSearch(key, filters.markers ?? []);
    const fleet = fleetSize.get()?.n ?? 0;
    const page = (sql: string, ...args: unknown[]): LockPage['locks'] =>
      (prepare(sql).all(...args) as LockRow[]).map(toLock);

    if (plan.kind === 'none') {
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

    // Filters the index knows as markers cost nothing more; any other is checked row by row.
    const residual = filters.markers ? { sql: [] as string[], params: [] as number[] } : filters;
    const matches = `SELECT rowid AS id FROM ${plan.table} WHERE ${plan.table} MATCH ?`;
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

    // Either walk the sort order testing each lock's search_text (cheap when matches are dense and
    // spread out), or collect every match and sort them (cheap when they are few). The walk is
    // bounded: when matches cluster late in the order (a site's names sort together), it gives up
    // after a few times the expected rows and the matches are collected instead.
    const expected = ((offset + opts.limit) * fleet) / totalCount;
    if (expected * SCAN_ROW_COST <= totalCount) {
      const bound = Math.ceil(expected * 3 + 1000);
      const locks = page(
        `SELECT ${LOCK_COLUMNS} FROM (
           SELECT ${LOCK_COLUMNS}, search_text FROM locks l INDEXED BY ${order.index} ORDER BY ${order.sql} LIMIT ?
         ) l ${where([...conditions, 'instr(l.search_text, ?) > 0'])} ORDER BY ${order.sql} LIMIT ? OFFSET ?`,
        bound,
        ...params,
        key,
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

  return {
    list,
    summary: (): LockSummary => summary.get(LOW_BATTERY_LEVEL) as LockSummary,
    get: (lockid: string): Lock | undefined => {
      const row = byLockid.get(lockid);
      return row ? toLock(row) : undefined;
    },
    exists: (lockid: string) => exists.get(lockid) !== undefined,
    /** The raw row (numeric temperature) by internal id, for the simulator. */
    rowById: (id: number) => byId.get(id),
    rowByLockid: (lockid: string) => byLockid.get(lockid),
    fleetSize: () => fleetSize.get()?.n ?? 0,
    /** Online locks with a battery in [min, max], from internal id `fromId` on. */
    onlineWithBattery: (min: number, max: number, fromId: number, limit: number) =>
      findIds.all(min, max, fromId, limit) as string[],
    setOpen: (lockid: string, open: 0 | 1) => setOpen.run(open, lockid).changes > 0,
    setOnline: (lockid: string, online: 0 | 1, date: string) => setOnline.run(online, date, lockid).changes > 0,
    setBattery: (lockid: string, level: number | null) => setBattery.run(level, lockid).changes > 0,
    setTemperature: (lockid: string, value: number | null) => setTemperature.run(value, lockid).changes > 0,
  };
}
