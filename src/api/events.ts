import { queryOptions } from '@tanstack/react-query';
import * as v from 'valibot';
import { DENIAL_REASONS, type DenialReason, EVENT_METHODS, EVENT_TYPES, type EventMethod, type EventType } from '@contract/constants';
import { getJson } from './client';
import { count, identifier, percent, platformDate, readPaging, readRows, rowsOf, text } from './parse';

/**
 * Something that happened to a lock, or to a group's access, as the SPA sees it: every event has a
 * `lockid` or a `groupid` (a grant to a group names the group and no lock), but for `access_expired`
 * (a visitor pass ran out), which names only its visitor.
 */
export interface LockEvent {
  eventid: number;
  lockid: string | null;
  lockName: string | null;
  groupid: number | null;
  groupName: string | null;
  type: EventType | null;
  userid: number | null;
  username: string | null;
  method: EventMethod | null;
  /** "YYYY-MM-DD HH:mm:ss" in the platform's zone. */
  date: string | null;
  battery: number | null;
  /** Why an `access_denied` was refused; null otherwise or when the platform did not say. */
  reason: DenialReason | null;
  /** The dashboard account behind a remote command or an access change. */
  actor: string | null;
}

const positiveId = v.pipe(v.union([v.number(), v.pipe(v.string(), v.regex(/^\d+$/))]), v.transform(Number), v.safeInteger(), v.minValue(1));

const eventRowSchema = v.looseObject({
  eventid: v.pipe(v.union([v.number(), v.pipe(v.string(), v.regex(/^\d+$/))]), v.transform(Number), v.integer(), v.minValue(1)),
  lockid: v.fallback(v.nullable(identifier), null),
  lockname: text,
  groupid: v.fallback(v.nullable(positiveId), null),
  groupname: text,
  reason: v.fallback(v.nullable(v.picklist(DENIAL_REASONS)), null),
  actor: text,
  event_type: v.fallback(v.nullable(v.picklist(EVENT_TYPES)), null),
  userid: count,
  username: text,
  method: v.fallback(v.nullable(v.picklist(EVENT_METHODS)), null),
  event_date: platformDate,
  battery_level: percent,
});

export function parseEvent(row: unknown): LockEvent | null {
  const parsed = v.safeParse(eventRowSchema, row);
  if (!parsed.success) return null;
  const r = parsed.output;
  if (r.lockid === null && r.groupid === null && r.event_type !== 'access_expired') return null;
  return {
    eventid: r.eventid,
    lockid: r.lockid,
    lockName: r.lockname,
    groupid: r.groupid,
    groupName: r.groupname,
    reason: r.reason,
    actor: r.actor,
    type: r.event_type,
    userid: r.userid,
    username: r.username,
    method: r.method,
    date: r.event_date,
    battery: r.battery_level,
  };
}

export interface EventPage {
  events: LockEvent[];
  /** Rows left out as incomplete (no usable id, lock or type). */
  skipped: number;
  /** Rows whose eventid was already on the page: shown once. */
  repeated: number;
  totalCount: number | null;
  totalPages: number;
  /** Events on a full page: the limit asked for, or fewer on a host that caps it. */
  pageSize: number;
}

export function parseEventPage(body: Record<string, unknown>, limit: number, pagenumber = 1): EventPage {
  const rows = rowsOf(body, 'eventslist');
  const { items, unusable, repeated } = readRows(rows, parseEvent, (event) => event.eventid);
  const { totalCount, totalPages, pageSize } = readPaging(body, rows.length, { pagenumber, limit });
  return { events: items, skipped: unusable, repeated, totalCount, totalPages, pageSize };
}

/** The filters of a history view, as the platform takes them (`from`/`to` are UTC platform dates). */
export interface EventFilter {
  pagenumber: number;
  limit: number;
  type?: EventType;
  from?: string;
  to?: string;
  /** Matches lock names and IDs, and the names of people. */
  searchkey?: string;
  /** Only events with an id below this one: a history pinned while new events arrive. */
  beforeid?: number;
  /** One person's events (the door users of events and people, not dashboard accounts). */
  userid?: number;
}

export const eventQueries = {
  all: () => ['events'] as const,
  /** A history, newest first: one lock's (`lockid`), or the fleet's (null). */
  history: (lockid: string | null, filter: EventFilter) =>
    queryOptions({
      queryKey: [...eventQueries.all(), 'history', lockid, filter] as const,
      queryFn: async ({ signal }) =>
        parseEventPage(
          lockid === null
            ? await getJson('/api/events', { ...filter }, signal)
            : await getJson(`/api/locks/${encodeURIComponent(lockid)}/events`, { ...filter, searchkey: undefined }, signal),
          filter.limit,
          filter.pagenumber,
        ),
    }),
};


/** The Activity export for the same filters (all pages), streamed by the gateway as CSV. */
export function exportCsvUrl(filter: EventFilter, timeZone: string): string {
  const { pagenumber: _page, limit: _limit, beforeid: _before, ...filters } = filter;
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, tz: timeZone })) if (value) query.set(key, String(value));
  return `/api/events/export.csv?${query}`;
}
