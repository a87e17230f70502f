import type { Features } from '@contract/app-config';
import { LOCK_SORT_FIELDS, LOW_BATTERY_LEVEL, type LockSortField, type SortOrder } from '@contract/constants';
import type { LockListParams } from '@contract/locks';

/**
 * The URL is the state of the list: `?q=&page=&limit=&status=&group=&sort=&order=`. Pure functions (no
 * React), so that the boot script can compute the first request before the app has loaded.
 * `status` holds the chips that are on, comma-separated (`status=offline,lowbattery`): they combine
 * (AND).
 */
export const PAGE_SIZES = [10, 25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;
export const STATUS_FILTERS = ['offline', 'unlocked', 'lowbattery', 'lockdown'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export interface LockListView {
  q: string;
  page: number;
  limit: number;
  /** The chips that are on, in STATUS_FILTERS order; empty = all locks. */
  status: StatusFilter[];
  /** One lock group's locks only (`groupid`), or null for every lock. */
  group: number | null;
  sort: LockSortField | null;
  order: SortOrder;
}

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | null =>
  value !== null && (values as readonly string[]).includes(value) ? (value as T) : null;

/** `offline,lowbattery` → the known chips, once each, in a fixed order (so that one view has one URL). */
function readStatus(value: string | null): StatusFilter[] {
  const parts = new Set((value ?? '').split(',').map((part) => part.trim()));
  return STATUS_FILTERS.filter((status) => parts.has(status));
}

/** Reads the view from a query string; anything odd falls back to the default rather than failing. */
export function readLockListView(search: URLSearchParams): LockListView {
  const page = Number(search.get('page'));
  const limit = Number(search.get('limit'));
  const group = Number(search.get('group'));
  return {
    q: (search.get('q') ?? '').trim().slice(0, 100),
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    limit: (PAGE_SIZES as readonly number[]).includes(limit) ? limit : DEFAULT_PAGE_SIZE,
    status: readStatus(search.get('status')),
    group: Number.isSafeInteger(group) && group >= 1 ? group : null,
    sort: oneOf(LOCK_SORT_FIELDS, search.get('sort')),
    order: search.get('order') === 'desc' ? 'desc' : 'asc',
  };
}

const STATUS_PARAMS: Record<StatusFilter, Partial<LockListParams>> = {
  offline: { online: 0 },
  unlocked: { open: 1 },
  lowbattery: { batterybelow: LOW_BATTERY_LEVEL + 1 },
  lockdown: { lockdown: 1 },
};

/**
 * The platform query for a view. Filters and sorting are sent only when the upstream has them
 * (before the features are known, the URL is trusted, which is what the boot prefetch does too).
 */
export function toLockListParams(
  view: LockListView,
  features?: Partial<Pick<Features, 'lockFilters' | 'lockSorting' | 'lockGroups' | 'lockdowns'>>,
): LockListParams {
  const params: LockListParams = { pagenumber: view.page, limit: view.limit };
  Object.assign(params, toLockFilterParams(view, features));
  if (view.sort && (features?.lockSorting ?? true)) {
    params.sortby = view.sort;
    params.sortorder = view.order;
  }
  return params;
}

export type LockFilterParams = Pick<LockListParams, 'searchkey' | 'online' | 'open' | 'batterybelow' | 'groupid' | 'lockdown'>;

/**
 * The search, the group and the chips alone, as the platform takes them: what the list and the chip counts
 * (`/api/locks/summary`) share. `status` overrides the view's chips (the "All" count asks without).
 */
export function toLockFilterParams(
  view: Pick<LockListView, 'q' | 'status' | 'group'>,
  features?: Partial<Pick<Features, 'lockFilters' | 'lockGroups' | 'lockdowns'>>,
): LockFilterParams {
  const params: LockFilterParams = {};
  if (view.q) params.searchkey = view.q;
  if (view.group !== null && (features?.lockGroups ?? true)) params.groupid = view.group;
  if (features?.lockFilters ?? true) {
    // `lockdown=1` only where the platform has lockdowns (a shared link may come from one that has).
    for (const status of view.status) if (status !== 'lockdown' || (features?.lockdowns ?? true)) Object.assign(params, STATUS_PARAMS[status]);
  }
  return params;
}

/** Writes the parts of the view that change; anything but a page change goes back to page 1. */
export function writeLockListView(current: URLSearchParams, patch: Partial<LockListView>): URLSearchParams {
  const next = new URLSearchParams(current);
  const view = { ...readLockListView(current), ...patch };
  if (!('page' in patch)) view.page = 1;
  const set = (key: string, value: string | null) => (value === null ? next.delete(key) : next.set(key, value));
  set('q', view.q || null);
  set('page', view.page > 1 ? String(view.page) : null);
  set('limit', view.limit !== DEFAULT_PAGE_SIZE ? String(view.limit) : null);
  set('status', view.status.length > 0 ? STATUS_FILTERS.filter((s) => view.status.includes(s)).join(',') : null);
  set('group', view.group !== null ? String(view.group) : null);
  set('sort', view.sort);
  set('order', view.sort && view.order === 'desc' ? 'desc' : null);
  return next;
}
