import type Database from 'better-sqlite3';
import type { EventMethod, EventType, LockEvent } from '../../../contract/events';
import { normalizeSearchKey, planSearch } from '../locks/lock-search';
import { statementCache } from '../db/statement-cache';

export interface NewEvent {
  lockid: string;
  lockname: string;
  event_type: EventType;
  userid: number | null;
  username: string | null;
  method: EventMethod;
  event_date: string;
  battery_level: number | null;
}

export interface EventFilters {
  lockid?: string;
  type?: EventType[];
  from?: string;
  to?: string;
  searchkey?: string;
}

const COLUMNS = 'eventid, lockid, lockname, event_type, userid, username, method, event_date, battery_level';

/** `from`/`to` as given ("YYYY-MM-DD" or "YYYY-MM-DD HH:mm:ss"), as inclusive bounds. */
const lowerBound = (value: string) => (value.length === 10 ? `${value} 00:00:00` : value);
const upperBound = (value: string) => (value.length === 10 ? `${value} 23:59:59` : value);

export type EventsRepository = ReturnType<typeof createEventsRepository>;

export function createEventsRepository(db: Database.Database) {
  const prepare = statementCache(db);
  const insert = db.prepare(`
    INSERT INTO events (lockid, lockname, event_type, userid, username, method, event_date, battery_level)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const run = (e: NewEvent) =>
    insert.run(e.lockid, e.lockname, e.event_type, e.userid, e.username, e.method, e.event_date, e.battery_level);

  const latestId = db.prepare('SELECT max(eventid) FROM events').pluck();
  const countAll = db.prepare('SELECT count(*) FROM events').pluck();
  const countUpTo = db.prepare('SELECT count(*) FROM events WHERE eventid <= ?').pluck();

  /** Share of the fleet a search key names, to pick between walking dates and walking locks. */
  const fleetSize = db.prepare('SELECT max(id) FROM locks').pluck();

  function where(f: EventFilters): { sql: string; params: unknown[]; manyLocks: boolean } {
    let manyLocks = false;
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (f.lockid !== undefined) {
      conditions.push('e.lockid = ?');
      params.push(f.lockid);
    }
    if (f.type && f.type.length > 0) {
      const types = [...new Set(f.type)];
      conditions.push(types.length === 1 ? 'e.event_type = ?' : `e.event_type IN (${types.map(() => '?').join(', ')})`);
      params.push(...types);
    }
    if (f.from !== undefined) {
      conditions.push('e.event_date >= ?');
      params.push(lowerBound(f.from));
    }
    if (f.to !== undefined) {
      conditions.push('e.event_date <= ?');
      params.push(upperBound(f.to));
    }
    const key = normalizeSearchKey(f.searchkey);
    const plan = planSearch(key);
    if (plan.kind !== 'none') {
      // The lock search index finds candidates; the key must be in the lock's name or id.
      conditions.push(`e.lockid IN (
        SELECT l.lockid FROM (SELECT rowid AS id FROM ${plan.table} WHERE ${plan.table} MATCH ?) m
        CROSS JOIN locks l ON l.id = m.id
        WHERE instr(lower(l.lockname), ?) > 0 OR instr(lower(l.lockid), ?) > 0)`);
      params.push(plan.match, key, key);
      const matched = prepare(`SELECT count(*) FROM ${plan.table} WHERE ${plan.table} MATCH ?`).pluck().get(plan.match) as number;
      manyLocks = matched > 50 && matched * 50 > ((fleetSize.get() as number | null) ?? 0);
    }
    return { sql: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', params, manyLocks };
  }

  return {
    insert: (event: NewEvent): number => Number(run(event).lastInsertRowid),
    /** Many events in one go (call inside a transaction). */
    insertMany: (list: readonly NewEvent[]) => {
      for (const event of list) run(event);
    },
    /** Newest first. */
    page(filters: EventFilters, pagenumber: number, limit: number): { totalCount: number; events: LockEvent[] } {
      const w = where(filters);
      const totalCount = prepare(`SELECT count(*) FROM events e ${w.sql}`).pluck().get(...w.params) as number;
      const offset = (pagenumber - 1) * limit;
      if (offset >= totalCount) return { totalCount, events: [] };
      // Events of many locks: walk the dates newest first, testing the lock inside the index,
      // rather than gathering every event of every lock and sorting them.
      const indexed = w.manyLocks && (filters.type?.length ?? 0) !== 1 ? 'INDEXED BY events_by_date' : '';
      const events = prepare(
        `SELECT ${COLUMNS} FROM events e ${indexed} ${w.sql} ORDER BY e.event_date DESC, e.eventid DESC LIMIT ? OFFSET ?`,
      ).all(...w.params, limit, offset) as LockEvent[];
      return { totalCount, events };
    },
    /** The feed: events after `afterid`, oldest first. */
    after(filters: EventFilters, afterid: number, limit: number): { totalCount: number; events: LockEvent[] } {
      const w = where(filters);
      const sql = w.sql ? `${w.sql} AND e.eventid > ?` : 'WHERE e.eventid > ?';
      // Without filters and far back, counting the events up to the id is the shorter walk.
      const latest = latestId.get() as number | null;
      const totalCount =
        !w.sql && latest !== null && afterid < latest / 2
          ? (countAll.get() as number) - (countUpTo.get(afterid) as number)
          : (prepare(`SELECT count(*) FROM events e ${sql}`).pluck().get(...w.params, afterid) as number);
      const events = prepare(`SELECT ${COLUMNS} FROM events e ${sql} ORDER BY e.eventid ASC LIMIT ?`).all(
        ...w.params,
        afterid,
        limit,
      ) as LockEvent[];
      return { totalCount, events };
    },
    latestId: (): number => (latestId.get() as number | null) ?? 0,
  };
}
