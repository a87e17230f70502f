import { EVENT_TYPES, type EventType } from '@contract/constants';
import type { EventFilter } from '@/api/events';

/**
 * A history's state in the URL: `?type=&from=&to=&page=&before=` (and `q=` on Activity). Dates are
 * local days. Page 1 is the live head of the history. Leaving it for page 2 pins the history at
 * `before`: the first event id not shown (one past the newest on page 1), so that every later page is
 * read among the events older than it (`beforeid`). Events that arrive while someone reads page 2
 * land above the pin, never shift a page, and show up on page 1. The pin is in the URL, so a reload
 * or a shared link shows the very same page.
 */
export interface EventListView {
  q: string;
  type: EventType | null;
  /** "YYYY-MM-DD", a day in the viewer's zone. */
  from: string | null;
  to: string | null;
  page: number;
  /** Pages after the first are read among the events with an id below this one. */
  before: number | null;
}

export const EVENTS_PER_PAGE = 25;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function day(value: string | null): string | null {
  if (!value || !DAY.test(value)) return null;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(y, m - 1, d);
  return date.getFullYear() === y && date.getMonth() === m - 1 && date.getDate() === d ? value : null;
}

export function readEventListView(search: URLSearchParams): EventListView {
  const page = Number(search.get('page'));
  const before = Number(search.get('before'));
  const type = search.get('type');
  const onPage = Number.isInteger(page) && page >= 1 ? page : 1;
  return {
    q: (search.get('q') ?? '').trim().slice(0, 100),
    type: type && (EVENT_TYPES as readonly string[]).includes(type) ? (type as EventType) : null,
    from: day(search.get('from')),
    to: day(search.get('to')),
    page: onPage,
    before: onPage > 1 && Number.isSafeInteger(before) && before > 1 ? before : null,
  };
}

/** A change of filter goes back to the live page 1; page 1 has no pin. */
export function writeEventListView(current: URLSearchParams, patch: Partial<EventListView>): URLSearchParams {
  const next = new URLSearchParams(current);
  const view = { ...readEventListView(current), ...patch };
  if (!('page' in patch)) view.page = 1;
  if (view.page <= 1) view.before = null;
  const set = (key: string, value: string | null) => (value ? next.set(key, value) : next.delete(key));
  set('q', view.q || null);
  set('type', view.type);
  set('from', view.from);
  set('to', view.to);
  set('page', view.page > 1 ? String(view.page) : null);
  set('before', view.before !== null ? String(view.before) : null);
  return next;
}

/**
 * The move to another page: from page 1, the pin is set one past the newest event it shows, so that
 * page 2 starts exactly where page 1 ends; between later pages it stays; back on page 1 it goes.
 */
export function pageMove(view: EventListView, to: number, shownIds: readonly number[]): Pick<EventListView, 'page' | 'before'> {
  if (to <= 1) return { page: 1, before: null };
  if (view.page === 1 || view.before === null) {
    const newest = shownIds.length > 0 ? Math.max(...shownIds) : null;
    return { page: to, before: newest !== null ? newest + 1 : view.before };
  }
  return { page: to, before: view.before };
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

/** The platform query: local days become the UTC instants of their first and last second. */
export function toEventFilter(view: EventListView, limit = EVENTS_PER_PAGE): EventFilter {
  const filter: EventFilter = { pagenumber: view.page, limit };
  if (view.before !== null) filter.beforeid = view.before;
  if (view.type) filter.type = view.type;
  if (view.q) filter.searchkey = view.q;
  if (view.from) filter.from = platformUtc(localDate(view.from));
  if (view.to) {
    const end = localDate(view.to);
    end.setHours(23, 59, 59);
    filter.to = platformUtc(end);
  }
  return filter;
}

/** What a filtered history is called: its heading says what is shown, not "All events". */
const TYPE_HEADINGS: Record<EventType, string> = {
  unlocked: 'Unlocks',
  locked: 'Lock events',
  online: 'Reconnections',
  offline: 'Disconnections',
  battery_low: 'Low-battery warnings',
};

function dayRange(from: string | null, to: string | null, thisYear: number, locale?: string): string | null {
  if (!from && !to) return null;
  const withYear = [from, to].some((d) => d !== null && localDate(d).getFullYear() !== thisYear);
  const format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', ...(withYear ? { year: 'numeric' } : {}) });
  if (from && to) return from === to ? format.format(localDate(from)) : format.formatRange(localDate(from), localDate(to));
  return from ? `since ${format.format(localDate(from))}` : `until ${format.format(localDate(to as string))}`;
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
