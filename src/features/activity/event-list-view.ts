import { EVENT_TYPES, type EventType } from '@contract/constants';
import type { EventFilter } from '@/api/events';

/** A history's state in the URL: `?type=&from=&to=&page=` (and `q=` on Activity). Dates are local days. */
export interface EventListView {
  q: string;
  type: EventType | null;
  /** "YYYY-MM-DD", a day in the viewer's zone. */
  from: string | null;
  to: string | null;
  page: number;
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
  const type = search.get('type');
  return {
    q: (search.get('q') ?? '').trim().slice(0, 100),
    type: type && (EVENT_TYPES as readonly string[]).includes(type) ? (type as EventType) : null,
    from: day(search.get('from')),
    to: day(search.get('to')),
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

export function writeEventListView(current: URLSearchParams, patch: Partial<EventListView>): URLSearchParams {
  const next = new URLSearchParams(current);
  const view = { ...readEventListView(current), ...patch };
  if (!('page' in patch)) view.page = 1;
  const set = (key: string, value: string | null) => (value ? next.set(key, value) : next.delete(key));
  set('q', view.q || null);
  set('type', view.type);
  set('from', view.from);
  set('to', view.to);
  set('page', view.page > 1 ? String(view.page) : null);
  return next;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A local moment as the platform's UTC "YYYY-MM-DD HH:mm:ss". */
function platformUtc(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

/** The platform query: local days become the UTC instants of their first and last second. */
export function toEventFilter(view: EventListView, limit = EVENTS_PER_PAGE): EventFilter {
  const filter: EventFilter = { pagenumber: view.page, limit };
  if (view.type) filter.type = view.type;
  if (view.q) filter.searchkey = view.q;
  if (view.from) {
    const [y, m, d] = view.from.split('-').map(Number) as [number, number, number];
    filter.from = platformUtc(new Date(y, m - 1, d, 0, 0, 0));
  }
  if (view.to) {
    const [y, m, d] = view.to.split('-').map(Number) as [number, number, number];
    filter.to = platformUtc(new Date(y, m - 1, d, 23, 59, 59));
  }
  return filter;
}
