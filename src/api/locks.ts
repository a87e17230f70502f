import { type QueryClient, queryOptions } from '@tanstack/react-query';
import * as v from 'valibot';
import type { LockListParams, LockSummary } from '@contract/locks';
import { ApiError, getJson } from './client';
import { celsius, count, flag, identifier, percent, platformDate, read, readPaging, readRows, rowsOf, text } from './parse';

/** What `/api/locks/summary` takes: the list's search and filters. */
export type LockSummaryParams = Pick<LockListParams, 'searchkey' | 'online' | 'open' | 'batterybelow' | 'groupid' | 'lockdown'>;

/** A group a lock belongs to, as its row names it. */
export interface LockGroupRef {
  groupid: number;
  name: string;
}

/**
 * A lock as the SPA sees it: clean values or null for anything the platform did not say clearly.
 * Plain data only (no Date objects), so that TanStack Query's structural sharing keeps unchanged
 * locks identical between polls and their rows do not re-render.
 */
export interface Lock {
  lockid: string;
  name: string | null;
  /** null: the platform did not say. */
  online: boolean | null;
  /** true = open (Unlocked). For an offline lock this is the last known state. */
  open: boolean | null;
  battery: number | null;
  temperature: number | null;
  model: string | null;
  mac: string | null;
  ssid: string | null;
  /** "YYYY-MM-DD HH:mm:ss" in the platform's zone, or followed by the zone the host wrote ("Z", "+02:00"). */
  lastSeen: string | null;
  /** As sent; checked against the allowed origins before it is shown. */
  picture: string | null;
  /**
   * "YYYY-MM-DD HH:mm:ss" in the platform's zone: when a timed unlock relocks the door by itself.
   * null when none is running, or the platform does not say (absent, empty, unreadable).
   */
  relockAt: string | null;
  /** The groups the lock is in, by name; empty when none or the platform has no groups. */
  groups: LockGroupRef[];
  /** A lockdown holds it (`lockdown: 1`); anything else, or a platform without lockdowns, is false. */
  lockdown: boolean;
  /** The schedule driving the door now; null when none does, or the platform does not say clearly. */
  schedule?: LockSchedule | null;
}

/** A lock row's `schedule`: what the schedule does to the door now, and until when (platform's zone). */
export interface LockSchedule {
  scheduleid: number;
  name: string;
  state: 'unlocked' | 'locked' | 'waiting' | 'overridden';
  until: string | null;
}

const lockRowSchema = v.looseObject({
  lockid: identifier,
  lockname: text,
  lock_online_status: flag,
  lock_open_status: flag,
  battery_level: percent,
  temperature: celsius,
  lock_model: text,
  mac_address: text,
  lock_ssid: text,
  online_updated_date: platformDate,
  lock_pic: text,
  relock_at: platformDate,
  lockgroups: v.fallback(v.array(v.unknown()), []),
  lockdown: flag,
  schedule: v.fallback(
    v.nullable(
      v.looseObject({
        scheduleid: v.pipe(v.union([v.number(), v.pipe(v.string(), v.regex(/^\d+$/))]), v.transform(Number), v.safeInteger(), v.minValue(1)),
        name: text,
        state: v.picklist(['unlocked', 'locked', 'waiting', 'overridden']),
        until: platformDate,
      }),
    ),
    null,
  ),
});

const groupRefSchema = v.looseObject({
  groupid: v.pipe(v.union([v.number(), v.pipe(v.string(), v.regex(/^\d+$/))]), v.transform(Number), v.safeInteger(), v.minValue(1)),
  groupname: text,
});

/** The groups a row names; entries without a usable id are left out, a nameless one is called by its id. */
function parseGroupRefs(rows: unknown[]): LockGroupRef[] {
  const refs: LockGroupRef[] = [];
  for (const row of rows) {
    const parsed = v.safeParse(groupRefSchema, row);
    if (parsed.success && !refs.some((r) => r.groupid === parsed.output.groupid)) {
      refs.push({ groupid: parsed.output.groupid, name: parsed.output.groupname ?? `Group ${parsed.output.groupid}` });
    }
  }
  return refs;
}

/** One lock row, or null when it has no usable lockid. */
export function parseLock(row: unknown): Lock | null {
  const parsed = v.safeParse(lockRowSchema, row);
  if (!parsed.success) return null;
  const r = parsed.output;
  return {
    lockid: r.lockid,
    name: r.lockname,
    online: r.lock_online_status,
    open: r.lock_open_status,
    battery: r.battery_level,
    temperature: r.temperature,
    model: r.lock_model,
    mac: r.mac_address,
    ssid: r.lock_ssid,
    lastSeen: r.online_updated_date,
    picture: r.lock_pic,
    relockAt: r.relock_at,
    groups: parseGroupRefs(r.lockgroups),
    lockdown: r.lockdown === true,
    schedule: r.schedule && { ...r.schedule, name: r.schedule.name ?? `Schedule ${r.schedule.scheduleid}` },
  };
}

export interface LockPage {
  locks: Lock[];
  /** Rows left out for want of a usable lockid. */
  skipped: number;
  /** Rows whose lockid was already on the page: shown once. */
  repeated: number;
  /** null when the platform did not send a usable count. */
  totalCount: number | null;
  totalPages: number;
  currentPage: number;
  /** The places of this page's rows in the whole list ("Showing 51–100"), null for an empty page. */
  range: { first: number; last: number } | null;
}

/** One page of locks; its paging as parse.ts `readPaging` says (a host's cap on `limit` included). */
export function parseLockPage(body: Record<string, unknown>, params: Pick<LockListParams, 'pagenumber' | 'limit'>): LockPage {
  const rows = rowsOf(body, 'lockslist');
  const { items, unusable, repeated } = readRows(rows, parseLock, (lock) => lock.lockid);
  const { totalCount, totalPages, offset } = readPaging(body, rows.length, params);
  return {
    locks: items,
    skipped: unusable,
    repeated,
    totalCount,
    totalPages,
    currentPage: read(count, body.currentPage) ?? params.pagenumber,
    // A row sent twice takes one place in the list.
    range: rows.length > repeated ? { first: offset + 1, last: offset + rows.length - repeated } : null,
  };
}

export function parseSummary(body: Record<string, unknown>): LockSummary | null {
  const s = body.summary;
  if (typeof s !== 'object' || s === null) return null;
  const field = (name: keyof LockSummary) => read(count, (s as Record<string, unknown>)[name]) ?? 0;
  return {
    total: field('total'),
    online: field('online'),
    offline: field('offline'),
    unlocked: field('unlocked'),
    lowbattery: field('lowbattery'),
    // Only a platform with lockdowns counts them: absent stays absent (no chip count), not 0.
    ...(read(count, (s as Record<string, unknown>).lockdown) === null ? {} : { lockdown: field('lockdown') }),
  };
}

/** Query keys and fetchers for locks: nothing else writes a lock query key. */
export const lockQueries = {
  all: () => ['locks'] as const,
  lists: () => [...lockQueries.all(), 'list'] as const,
  list: (params: LockListParams) =>
    queryOptions({
      queryKey: [...lockQueries.lists(), params] as const,
      queryFn: async ({ signal }) => parseLockPage(await getJson('/api/locks', { ...params }, signal), params),
    }),
  summaries: () => [...lockQueries.all(), 'summary'] as const,
  /** Counts for the filter chips, for the same search and filters as the list (DESIGN). */
  summary: (params: LockSummaryParams = {}) =>
    queryOptions({
      queryKey: [...lockQueries.summaries(), params] as const,
      queryFn: async ({ signal }) => parseSummary(await getJson('/api/locks/summary', { ...params }, signal)),
    }),
  details: () => [...lockQueries.all(), 'detail'] as const,
  /**
   * One lock. Without the platform's detail endpoint (`viaList`), it is found with the documented
   * list call and `searchkey=<lockid>`, as an exact lockid match.
   */
  detail: (lockid: string, viaList = false) =>
    queryOptions({
      queryKey: [...lockQueries.details(), lockid, viaList] as const,
      queryFn: async ({ signal }) => (viaList ? findLockByList(lockid, signal) : fetchLock(lockid, signal)),
    }),
};

async function fetchLock(lockid: string, signal: AbortSignal): Promise<Lock> {
  const body = await getJson(`/api/locks/${encodeURIComponent(lockid)}`, {}, signal);
  const lock = parseLock(body.lock);
  if (!lock) throw new ApiError(200, 'The platform sent this lock without a usable lock ID.');
  return lock;
}

async function findLockByList(lockid: string, signal: AbortSignal): Promise<Lock> {
  const body = await getJson('/api/locks', { pagenumber: 1, limit: 100, searchkey: lockid }, signal);
  const locks = parseLockPage(body, { pagenumber: 1, limit: 100 }).locks;
  // Lock ids are matched without regard to case, as the platform's search does; an exact match wins.
  const wanted = lockid.toLowerCase();
  const lock = locks.find((l) => l.lockid === lockid) ?? locks.find((l) => l.lockid.toLowerCase() === wanted);
  if (!lock) throw new ApiError(404, `No lock ${lockid} on this platform`);
  return lock;
}

/** A lock as some cached list page has it: the detail page opens instantly from the list. */
export function lockFromLists(queryClient: QueryClient, lockid: string): Lock | undefined {
  for (const [, page] of queryClient.getQueriesData<LockPage>({ queryKey: lockQueries.lists() })) {
    const lock = page?.locks.find((l) => l.lockid === lockid);
    if (lock) return lock;
  }
  return undefined;
}

/** Puts a lock the platform just returned into every cached list page and detail that shows it. */
export function storeLock(queryClient: QueryClient, lock: Lock) {
  queryClient.setQueriesData<LockPage>({ queryKey: lockQueries.lists() }, (page) =>
    page?.locks.some((l) => l.lockid === lock.lockid)
      ? { ...page, locks: page.locks.map((l) => (l.lockid === lock.lockid ? lock : l)) }
      : page,
  );
  queryClient.setQueriesData<Lock>({ queryKey: [...lockQueries.details(), lock.lockid] }, (current) => (current ? lock : current));
}

/**
 * A lock's password, fetched on purpose by a manager. Deliberately not a query: a secret is never
 * put in the cache; the caller shows it briefly and forgets it.
 */
export async function fetchLockPassword(lockid: string): Promise<string> {
  const body = await getJson(`/api/locks/${encodeURIComponent(lockid)}/password`);
  if (typeof body.lock_password !== 'string') throw new ApiError(200, 'The platform sent no password for this lock.');
  return body.lock_password;
}
