import type Database from 'better-sqlite3';
import type { DenialReason, EventMethod, EventType, LockEvent } from '../../../contract/events';
import { planSearch, searchableText, searchWords } from '../locks/lock-search';
import { statementCache } from '../db/statement-cache';

export interface NewEvent {
  /**
   * Null on a group-level event (which names its group instead) and on a fleet lockdown's
   * `lockdown_started`/`lockdown_lifted` (neither: the whole fleet).
   */
  lockid: string | null;
  lockname: string | null;
  event_type: EventType;
  userid: number | null;
  username: string | null;
  method: EventMethod;
  event_date: string;
  battery_level: number | null;
  /** The dashboard account behind a remote command or an access change. */
  actor?: string | null;
  /** Set on `access_denied` only. */
  reason?: DenialReason | null;
  groupid?: number | null;
  groupname?: string | null;
}

export interface EventFilters {
  lockid?: string;
  type?: EventType[];
  from?: string;
  to?: string;
  /** Every word in the lock's name or lockid, or in the person's name. */
  searchkey?: string;
  userid?: number;
}

const COLUMNS = 'eventid, lockid, lockname, event_type, userid, username, method, event_date, battery_level, actor, reason, groupid, groupname';

/** `from`/`to` as given ("YYYY-MM-DD" or "YYYY-MM-DD HH:mm:ss"), as inclusive bounds. */
const lowerBound = (value: string) => (value.length === 10 ? `${value} 00:00:00` : value);
const upperBound = (value: string) => (value.length === 10 ? `${value} 23:59:59` : value);

/** A word is in a lock's name or lockid (not its MAC, SSID or model: those are no lock names). */
const IN_LOCK_NAME = `(instr(${searchableText('lower(l.lockname)')}, ?) > 0 OR instr(${searchableText('lower(l.lockid)')}, ?) > 0)`;

/**
 * Walking the date order costs about this many times less per row than collecting the matches of
 * an index and sorting them: a page walks when that is cheaper.
 */
const WALK_ADVANTAGE = 4;

/** One SQL condition and its parameters. */
interface Part {
  sql: string;
  params: unknown[];
}

const PERSON_IN = 'e.userid IN (SELECT value FROM json_each(?))';

interface Where {
  sql: string;
  params: unknown[];
  /** Any condition besides the cursor (`extra`). */
  filtered: boolean;
  /** No event can match (a search word found nowhere). */
  empty: boolean;
  /** The conditions name one person. */
  onePerson: boolean;
  /** The conditions pick events of many locks or people: a page may walk an index in date order. */
  scattered: boolean;
}

export type EventsRepository = ReturnType<typeof createEventsRepository>;

/**
 * Events are written in date order (history is seeded oldest first, the platform's clock moves
 * forward), so eventid grows with event_date: `afterid`/`beforeid` cursors rely on it.
 */
export function createEventsRepository(db: Database.Database) {
  const prepare = statementCache(db);
  const insert = db.prepare(`
    INSERT INTO events (lockid, lockname, event_type, userid, username, method, event_date, battery_level, actor, reason, groupid, groupname)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const run = (e: NewEvent) =>
    insert.run(e.lockid, e.lockname, e.event_type, e.userid, e.username, e.method, e.event_date, e.battery_level,
      e.actor ?? null, e.reason ?? null, e.groupid ?? null, e.groupname ?? null);

  const latestId = db.prepare('SELECT max(eventid) FROM events').pluck();
  const countAll = db.prepare('SELECT count(*) FROM events').pluck();
  const countUpTo = db.prepare('SELECT count(*) FROM events WHERE eventid <= ?').pluck();
  const countFrom = db.prepare('SELECT count(*) FROM events WHERE eventid >= ?').pluck();
  const dateBefore = db.prepare<[number]>('SELECT event_date FROM events WHERE eventid < ? ORDER BY eventid DESC LIMIT 1').pluck();
  const peopleNamed = db
    .prepare<[string]>(`SELECT userid FROM users WHERE instr(${searchableText('lower(name)')}, ?) > 0`)
    .pluck();

  /**
   * The search: each word must be in the lock's name or id, or in the person's name. `person` is
   * set when the search names exactly one person (their events can be walked in date order).
   */
  function searchConditions(key: string | undefined): { parts: Part[]; empty: boolean; person?: number } {
    const parts: Part[] = [];
    const lockWords: string[] = [];
    const personWords: number[][] = [];
    for (const word of searchWords(key)) {
      const plan = planSearch([word]);
      if (plan.kind === 'none') continue;
      const onLocks = prepare(`SELECT 1 FROM ${plan.table} WHERE ${plan.table} MATCH ? LIMIT 1`).pluck().get(plan.match) !== undefined;
      const persons = peopleNamed.all(word) as number[];
      if (!onLocks && persons.length === 0) return { parts, empty: true };
      if (persons.length === 0) {
        lockWords.push(word);
      } else if (!onLocks) {
        personWords.push(persons);
      } else {
        const lock = lockCondition([word]);
        parts.push({ sql: `(${lock.sql} OR ${PERSON_IN})`, params: [...lock.params, JSON.stringify(persons)] });
      }
    }
    // The words only lock names hold narrow down one set of locks together.
    if (lockWords.length > 0) parts.unshift(lockCondition(lockWords));
    if (personWords.length > 0) {
      // The words only person names hold: the people whose name holds all of them.
      const people = personWords.reduce((all, next) => all.filter((id) => next.includes(id)));
      if (people.length === 0) return { parts, empty: true };
      if (people.length === 1) {
        parts.unshift({ sql: 'e.userid = ?', params: people });
        return { parts, empty: false, person: people[0] };
      }
      parts.unshift({ sql: PERSON_IN, params: [JSON.stringify(people)] });
    }
    return { parts, empty: false };
  }

  /** `e.lockid IN (the locks whose name or lockid holds every word)`. */
  function lockCondition(words: string[]): Part {
    const plan = planSearch(words);
    if (plan.kind === 'none') return { sql: '1', params: [] };
    return {
      sql: `e.lockid IN (
        SELECT l.lockid FROM (SELECT rowid AS id FROM ${plan.table} WHERE ${plan.table} MATCH ?) m
        CROSS JOIN locks l ON l.id = m.id
        WHERE ${words.map(() => IN_LOCK_NAME).join(' AND ')})`,
      params: [plan.match, ...words.flatMap((w) => [w, w])],
    };
  }

  function where(f: EventFilters, extra: Part[] = []): Where {
    const search = searchConditions(f.searchkey);
    const conditions = search.parts.map((p) => p.sql);
    const params = search.parts.flatMap((p) => p.params);
    if (f.lockid !== undefined) {
      conditions.push('e.lockid = ?');
      params.push(f.lockid);
    }
    if (f.userid !== undefined) {
      conditions.push('e.userid = ?');
      params.push(f.userid);
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
    const filtered = conditions.length > 0;
    conditions.push(...extra.map((p) => p.sql));
    params.push(...extra.flatMap((p) => p.params));
    return {
      sql: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '',
      params,
      filtered,
      empty: search.empty,
      onePerson: f.userid !== undefined || search.person !== undefined,
      scattered: search.parts.length > 0 && f.lockid === undefined,
    };
  }

  /**
   * The index to walk newest first when the matches are spread thin over many locks or people:
   * one whose order is the date order for the other conditions.
   */
  function walkIndex(f: EventFilters, w: Where): string {
    if (w.onePerson) return 'events_by_user';
    if (f.type?.length === 1) return 'events_by_type';
    return 'events_by_date';
  }

  function newestFirst(f: EventFilters, w: Where, totalCount: number, offset: number, limit: number): LockEvent[] {
    // Walk the date order testing each event (rows walked ≈ page end / share of matches), or let
    // SQLite collect the matches through its indexes and sort them (≈ the matches).
    const walked = ((offset + limit) * ((latestId.get() as number | null) ?? 0)) / Math.max(1, totalCount);
    const indexed = w.scattered && walked <= totalCount * WALK_ADVANTAGE ? `INDEXED BY ${walkIndex(f, w)}` : '';
    return prepare(
      `SELECT ${COLUMNS} FROM events e ${indexed} ${w.sql} ORDER BY e.event_date DESC, e.eventid DESC LIMIT ? OFFSET ?`,
    ).all(...w.params, limit, offset) as LockEvent[];
  }

  const count = (w: Where) => (w.empty ? 0 : (prepare(`SELECT count(*) FROM events e ${w.sql}`).pluck().get(...w.params) as number));

  return {
    insert: (event: NewEvent): number => Number(run(event).lastInsertRowid),
    /** Many events in one go (call inside a transaction). */
    insertMany: (list: readonly NewEvent[]) => {
      for (const event of list) run(event);
    },
    /** Newest first. */
    page(filters: EventFilters, pagenumber: number, limit: number): { totalCount: number; events: LockEvent[] } {
      const w = where(filters);
      const totalCount = count(w);
      const offset = (pagenumber - 1) * limit;
      if (offset >= totalCount) return { totalCount, events: [] };
      return { totalCount, events: newestFirst(filters, w, totalCount, offset, limit) };
    },
    /**
     * The events before `beforeid`, newest first: a page that later events never shift.
     * `totalCount` counts the matching events before that id.
     */
    before(filters: EventFilters, beforeid: number, limit: number): { totalCount: number; events: LockEvent[] } {
      const newest = dateBefore.get(beforeid) as string | undefined;
      if (newest === undefined) return { totalCount: 0, events: [] };
      // The date bound adds nothing to the id bound (ids follow dates) but lets the date-ordered
      // indexes start at the cursor.
      const w = where(filters, [{ sql: 'e.event_date <= ? AND e.eventid < ?', params: [newest, beforeid] }]);
      if (w.empty) return { totalCount: 0, events: [] };
      // Without filters, count the shorter side of the id.
      const latest = latestId.get() as number | null;
      const totalCount = w.filtered
        ? count(w)
        : latest !== null && beforeid > latest / 2
          ? (countAll.get() as number) - (countFrom.get(beforeid) as number)
          : (countUpTo.get(beforeid - 1) as number);
      if (totalCount === 0) return { totalCount, events: [] };
      return { totalCount, events: newestFirst(filters, w, totalCount, 0, limit) };
    },
    /** The feed: events after `afterid`, oldest first. */
    after(filters: EventFilters, afterid: number, limit: number): { totalCount: number; events: LockEvent[] } {
      const w = where(filters, [{ sql: 'e.eventid > ?', params: [afterid] }]);
      if (w.empty) return { totalCount: 0, events: [] };
      // Without filters and far back, counting the events up to the id is the shorter walk.
      const latest = latestId.get() as number | null;
      const totalCount =
        !w.filtered && latest !== null && afterid < latest / 2
          ? (countAll.get() as number) - (countUpTo.get(afterid) as number)
          : count(w);
      const events = prepare(`SELECT ${COLUMNS} FROM events e ${w.sql} ORDER BY e.eventid ASC LIMIT ?`).all(
        ...w.params,
        limit,
      ) as LockEvent[];
      return { totalCount, events };
    },
    latestId: (): number => (latestId.get() as number | null) ?? 0,
  };
}
