import { EVENT_TYPES, type EventType } from '@contract/constants';
import { platformDateToMs } from '@contract/platform-date';
import type { EventFilter } from '@/api/events';
import { portableIntl } from '@/lib/portable-intl';

/**
 * A history's state in the URL: `?type=&from=&to=&page=&before=` (and `q=` on Activity). Dates are
 * local days. Page 1 is the live head of the history. Every later page is read by cursor: the events
 * older than the last one on the page before it (`beforeid`), so that events arriving while someone
 * reads page 2 never shift it, and going from 1 to 2 shows none twice. `before` keeps the cursor of
 * each page after the first ("13231.13206" on page 3), so that a reload, a shared link and "Previous
 * page" all find the very same page.
 */
export interface EventListView {
  q: string;
  type: EventType | null;
  /** "YYYY-MM-DD", a day in the viewer's zone. */
  from: string | null;
  to: string | null;
  page: number;
  /** The cursors of pages 2..page (each the id of the last event on the page before). */
  before: number[];
}

export const EVENTS_PER_PAGE = 25;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** Deeper than this, a history is paged by number (a very long address helps nobody). */
const MAX_CURSORS = 200;

function day(value: string | null): string | null {
  if (!value || !DAY.test(value)) return null;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(y, m - 1, d);
  return date.getFullYear() === y && date.getMonth() === m - 1 && date.getDate() === d ? value : null;
}

/** "13231.13206" → [13231, 13206]; anything else (not strictly decreasing ids) → []. */
function cursors(value: string | null): number[] {
  if (!value || !/^\d{1,16}(\.\d{1,16})*$/.test(value)) return [];
  const ids = value.split('.').map(Number);
  const valid = ids.length <= MAX_CURSORS && ids.every((id, i) => Number.isSafeInteger(id) && id > 1 && (i === 0 || id < (ids[i - 1] ?? 0)));
  return valid ? ids : [];
}

export function readEventListView(search: URLSearchParams): EventListView {
  const page = Number(search.get('page'));
  const type = search.get('type');
  const before = cursors(search.get('before'));
  return {
    q: (search.get('q') ?? '').trim().slice(0, 100),
    type: type && (EVENT_TYPES as readonly string[]).includes(type) ? (type as EventType) : null,
    from: day(search.get('from')),
    to: day(search.get('to')),
    // With cursors the page is where they lead; without, a page number (an old link) is paged by offset.
    page: before.length > 0 ? before.length + 1 : Number.isInteger(page) && page >= 1 ? page : 1,
    before,
  };
}

/** A change of filter goes back to the live page 1. */
export function writeEventListView(current: URLSearchParams, patch: Partial<EventListView>): URLSearchParams {
  const next = new URLSearchParams(current);
  const view = { ...readEventListView(current), ...patch };
  if (!('page' in patch)) view.page = 1;
  if (view.page <= 1) view.before = [];
  const set = (key: string, value: string | null) => (value ? next.set(key, value) : next.delete(key));
  set('q', view.q || null);
  set('type', view.type);
  set('from', view.from);
  set('to', view.to);
  set('page', view.page > 1 ? String(view.page) : null);
  set('before', view.before.length > 0 ? view.before.join('.') : null);
  return next;
}

/**
 * The move to another page. Next: the cursor is the id of the last event on this page. Previous:
 * the cursor of this page is dropped. Page 1: none. A page reached by number stays paged by number.
 */
export function pageMove(view: EventListView, to: number, shownIds: readonly number[]): Pick<EventListView, 'page' | 'before'> {
  if (to <= 1) return { page: 1, before: [] };
  const cursorMode = view.page === 1 || view.before.length === view.page - 1;
  const last = shownIds.at(-1);
  if (cursorMode && to === view.page + 1 && last !== undefined && view.before.length < MAX_CURSORS) {
    return { page: to, before: [...view.before, last] };
  }
  if (cursorMode && to === view.page - 1 && view.before.length > 0) return { page: to, before: view.before.slice(0, to - 1) };
  return { page: to, before: [] };
}

/** How many pages and events there are, from the answer for this page (a cursor page counts what is left). */
export function pageTotals(view: EventListView, answer: { totalCount: number | null; totalPages: number }, limit = EVENTS_PER_PAGE) {
  if (view.before.length === 0) return answer;
  const earlier = view.before.length * limit;
  return {
    totalCount: answer.totalCount === null ? null : earlier + answer.totalCount,
    totalPages: view.before.length + Math.max(1, answer.totalPages),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A local moment as the platform's UTC "YYYY-MM-DD HH:mm:ss". */
function platformUtc(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

function localDate(value: string): Date {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
}

/** The dates are the wrong way round: nothing can match, and the page says so. */
export function isBadRange(view: Pick<EventListView, 'from' | 'to'>): boolean {
  return view.from !== null && view.to !== null && view.from > view.to;
}

/** A wall-clock moment of a day in `timeZone` (or, without one, in this runtime's zone). */
function dayMoment(value: string, [h, m, s]: [number, number, number], timeZone?: string): Date {
  if (!timeZone) {
    const date = localDate(value);
    date.setHours(h, m, s);
    return date;
  }
  return new Date(platformDateToMs(`${value} ${pad(h)}:${pad(m)}:${pad(s)}`, timeZone) ?? Number.NaN);
}

/**
 * The platform query: local days become the UTC instants of their first and last second — local
 * to `timeZone` when given (the server renders in the viewer's zone, app/hooks/viewer-intl.tsx ViewerIntl), else to
 * this runtime's.
 */
export function toEventFilter(view: EventListView, limit = EVENTS_PER_PAGE, timeZone?: string): EventFilter {
  const cursor = view.before.at(-1);
  const filter: EventFilter = cursor !== undefined ? { pagenumber: 1, limit, beforeid: cursor } : { pagenumber: view.page, limit };
  if (view.type) filter.type = view.type;
  if (view.q) filter.searchkey = view.q;
  if (view.from) filter.from = platformUtc(dayMoment(view.from, [0, 0, 0], timeZone));
  if (view.to) filter.to = platformUtc(dayMoment(view.to, [23, 59, 59], timeZone));
  return filter;
}

/** The type filter's choices, grouped as a manager thinks of them; every type is in exactly one group. */
export const EVENT_TYPE_GROUPS: readonly { label: string; access?: true; types: readonly EventType[] }[] = [
  { label: 'Door', types: ['unlocked', 'locked'] },
  { label: 'Access', access: true, types: ['access_denied', 'access_granted', 'access_revoked', 'access_expired'] },
  { label: 'Device', types: ['online', 'offline', 'battery_low'] },
  { label: 'Lock groups', types: ['group_locks_changed', 'group_deleted'] },
  { label: 'Schedules and lockdown', types: ['scheduled_unlock', 'scheduled_lock', 'lockdown_started', 'lockdown_lifted'] },
];

/** What a filtered history is called: its heading says what is shown, not "All events". */
const TYPE_HEADINGS: Record<EventType, string> = {
  unlocked: 'Unlocks',
  locked: 'Lock events',
  online: 'Reconnections',
  offline: 'Disconnections',
  battery_low: 'Low-battery warnings',
  access_denied: 'Refused door uses',
  access_granted: 'Access granted',
  access_revoked: 'Access revoked',
  group_locks_changed: 'Group door changes',
  group_deleted: 'Deleted groups',
  scheduled_unlock: 'Scheduled unlocks',
  scheduled_lock: 'Scheduled locks',
  lockdown_started: 'Lockdowns started',
  lockdown_lifted: 'Lockdowns lifted',
  access_expired: 'Expired visitor passes',
};

/** A "YYYY-MM-DD" as that calendar day, written in UTC: the same day in every runtime's zone. */
function calendarDay(value: string): Date {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

/**
 * "1 – 7 Nov", "since 30 Dec 2025": written alike by the server's render and the hydrating browser
 * (no runtime zone, spaces made portable), so the heading never fails hydration (#418).
 */
function dayRange(from: string | null, to: string | null, thisYear: number, locale?: string): string | null {
  if (!from && !to) return null;
  const withYear = [from, to].some((d) => d !== null && calendarDay(d).getUTCFullYear() !== thisYear);
  const format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC', ...(withYear ? { year: 'numeric' } : {}) });
  const text = (day: string) => portableIntl(format.format(calendarDay(day)));
  if (from && to) return from === to ? text(from) : portableIntl(format.formatRange(calendarDay(from), calendarDay(to)));
  return from ? `since ${text(from)}` : `until ${text(to as string)}`;
}

/** The year of `ms` in `timeZone` (the viewer's: the server renders in it, app/hooks/viewer-intl.tsx ViewerIntl). */
export function yearIn(ms: number, timeZone: string): number {
  return Number(new Intl.DateTimeFormat('en-US', { year: 'numeric', timeZone }).format(ms));
}

/**
 * "All events" without filters; under filters what they select: "Unlocks matching “Cedar Court”,
 * 1–7 Nov". `fleet` histories take the search; a lock's does not.
 */
export function describeEventView(
  view: Pick<EventListView, 'q' | 'type' | 'from' | 'to'>,
  { all, thisYear = new Date().getFullYear(), locale }: { all: string; thisYear?: number; locale?: string },
): string {
  const range = isBadRange(view) ? null : dayRange(view.from, view.to, thisYear, locale);
  if (!view.type && !view.q && !range) return all;
  let text = view.type ? TYPE_HEADINGS[view.type] : 'Events';
  if (view.q) text += ` matching “${view.q}”`;
  if (range) text += `, ${range}`;
  return text;
}
