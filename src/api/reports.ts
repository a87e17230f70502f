import { queryOptions } from '@tanstack/react-query';
import * as v from 'valibot';
import { DENIAL_REASONS, type DenialReason } from '@contract/constants';
import { formatInZone } from '@contract/platform-date';
import { getJson } from './client';
import { count, identifier, percent, platformDate, readPaging, readRows, rowsOf, text } from './parse';

/*
 * The fleet over time (contract/reports.ts), read leniently: a row without a usable lock id is left
 * out, any other unreadable value is null ("—" on screen) or 0 for a count.
 */

export interface ReportGroup {
  groupid: number;
  name: string;
}

export interface Forecast {
  lockid: string;
  lockName: string;
  battery: number | null;
  /** Percentage points lost a day; null when there is no forecast. */
  drainPerDay: number | null;
  /** When the battery reaches the critical level, "YYYY-MM-DD HH:mm:ss" UTC; null without a forecast. */
  criticalDate: string | null;
  groups: ReportGroup[];
}

/** contract/reports.ts HOURS_IN_WEEK (not imported: that module brings zod into the browser). */
export const HOURS_IN_WEEK = 168;

const positiveId = v.pipe(v.union([v.number(), v.pipe(v.string(), v.regex(/^\d+$/))]), v.transform(Number), v.safeInteger(), v.minValue(1));
const decimal = v.fallback(v.nullable(v.pipe(v.union([v.pipe(v.number(), v.finite()), v.pipe(v.string(), v.regex(/^\s*-?\d+(?:\.\d+)?\s*$/))]), v.transform(Number))), null);
const pct = v.fallback(v.nullable(v.pipe(decimal, v.number(), v.minValue(0), v.maxValue(100))), null);
const anyArray = v.fallback(v.array(v.unknown()), []);

function readGroups(value: unknown): ReportGroup[] {
  const rows = v.parse(anyArray, value);
  const groups: ReportGroup[] = [];
  for (const row of rows) {
    const parsed = v.safeParse(v.looseObject({ groupid: positiveId, groupname: text }), row);
    if (parsed.success && !groups.some((g) => g.groupid === parsed.output.groupid)) {
      groups.push({ groupid: parsed.output.groupid, name: parsed.output.groupname ?? `Group ${parsed.output.groupid}` });
    }
  }
  return groups;
}

const forecastRow = v.looseObject({ lockid: identifier, lockname: text, battery_level: percent, drain_per_day: decimal, critical_date: platformDate });

export function parseForecast(row: unknown): Forecast | null {
  const parsed = v.safeParse(forecastRow, row);
  if (!parsed.success) return null;
  const r = parsed.output;
  const groups = readGroups((row as Record<string, unknown>).lockgroups);
  return { lockid: r.lockid, lockName: r.lockname ?? r.lockid, battery: r.battery_level, drainPerDay: r.drain_per_day, criticalDate: r.critical_date, groups };
}

/** `hours`: 168 counts from Monday 00:00; null when the platform did not send a full week. */
export function readHours(value: unknown): number[] | null {
  if (!Array.isArray(value) || value.length !== HOURS_IN_WEEK) return null;
  return value.map((n) => v.parse(count, n) ?? 0);
}

export interface LockUptime {
  lockid: string;
  lockName: string;
  uptimePct: number | null;
  offlineS: number;
  outages: number;
}
export interface GroupUptime {
  groupid: number;
  name: string;
  lockCount: number;
  uptimePct: number | null;
}
export interface Uptime {
  lockCount: number;
  uptimePct: number | null;
  offlineS: number;
  outages: number;
  hours: number[] | null;
  locks: LockUptime[];
  groups: GroupUptime[];
}

const lockRow = v.looseObject({ lockid: identifier, lockname: text });
/** The rows with a usable lock id, each once, read by `read`. */
function lockRows<T extends { lockid: string }>(value: unknown, read: (row: Record<string, unknown>, lockid: string, name: string) => T): T[] {
  return readRows(
    Array.isArray(value) ? value : [],
    (row) => {
      const parsed = v.safeParse(lockRow, row);
      return parsed.success ? read(row as Record<string, unknown>, parsed.output.lockid, parsed.output.lockname ?? parsed.output.lockid) : null;
    },
    (item) => item.lockid,
  ).items;
}

const num = (value: unknown) => v.parse(count, value) ?? 0;
const objectOf = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

export function parseUptime(body: Record<string, unknown>): Uptime {
  const u = objectOf(body.uptime);
  const groups = readRows(
    Array.isArray(u.groupslist) ? u.groupslist : [],
    (row) => {
      const parsed = v.safeParse(v.looseObject({ groupid: positiveId, groupname: text }), row);
      if (!parsed.success) return null;
      const r = row as Record<string, unknown>;
      return { groupid: parsed.output.groupid, name: parsed.output.groupname ?? `Group ${parsed.output.groupid}`, lockCount: num(r.lock_count), uptimePct: v.parse(pct, r.uptime_pct) };
    },
    (group) => group.groupid,
  ).items;
  return {
    lockCount: num(u.lock_count),
    uptimePct: v.parse(pct, u.uptime_pct),
    offlineS: num(u.offline_s),
    outages: num(u.outage_count),
    hours: readHours(u.hours),
    locks: lockRows(u.lockslist, (r, lockid, lockName) => ({ lockid, lockName, uptimePct: v.parse(pct, r.uptime_pct), offlineS: num(r.offline_s), outages: num(r.outage_count) })),
    groups,
  };
}

export interface Usage {
  total: number;
  hours: number[] | null;
  locks: { lockid: string; lockName: string; uses: number }[];
}

export function parseUsage(body: Record<string, unknown>): Usage {
  const u = objectOf(body.usage);
  return { total: num(u.total), hours: readHours(u.hours), locks: lockRows(u.lockslist, (r, lockid, lockName) => ({ lockid, lockName, uses: num(r.uses) })) };
}

export interface ReasonCount {
  reason: DenialReason;
  count: number;
}
export interface Denials {
  total: number;
  hours: number[] | null;
  reasons: ReasonCount[];
  locks: { lockid: string; lockName: string; count: number; reasons: ReasonCount[] }[];
}

/** Known reasons with a count above 0, each once (an unknown reason is left out: it has no words). */
function readReasons(value: unknown): ReasonCount[] {
  const reasons: ReasonCount[] = [];
  for (const row of v.parse(anyArray, value)) {
    const parsed = v.safeParse(v.looseObject({ reason: v.picklist(DENIAL_REASONS), count }), row);
    if (parsed.success && parsed.output.count && !reasons.some((r) => r.reason === parsed.output.reason)) reasons.push({ reason: parsed.output.reason, count: parsed.output.count });
  }
  return reasons;
}

export function parseDenials(body: Record<string, unknown>): Denials {
  const d = objectOf(body.denials);
  return {
    total: num(d.total),
    hours: readHours(d.hours),
    reasons: readReasons(d.reasons),
    locks: lockRows(d.lockslist, (r, lockid, lockName) => ({ lockid, lockName, count: num(r.count), reasons: readReasons(r.reasons) })),
  };
}

/** A report over the last `days` days (to now), of the fleet, one group or one door. */
export interface ReportParams {
  days: number;
  groupid?: number;
  lockid?: string;
  limit?: number;
}

export interface ForecastParams {
  dueWithinDays: number;
  groupid?: number;
}

/** The platform's range for the last `days` days: UTC dates, as the contract takes them. */
export function reportRange(days: number, now: number): { from: string; to: string } {
  return { from: formatInZone(now - days * 86_400_000, 'UTC'), to: formatInZone(now, 'UTC') };
}

const FORECAST_PAGE = 100;
/** More pages than this (10,000 locks due) is not a list anyone reads; the count still says how many. */
const MAX_FORECAST_PAGES = 100;

export interface ForecastList {
  forecasts: Forecast[];
  /** As the platform counts them (null when it did not say). */
  totalCount: number | null;
}

async function fetchForecasts({ dueWithinDays, groupid }: ForecastParams, signal: AbortSignal): Promise<ForecastList> {
  const forecasts: Forecast[] = [];
  const seen = new Set<string>();
  let totalCount: number | null = null;
  for (let pagenumber = 1; pagenumber <= MAX_FORECAST_PAGES; pagenumber += 1) {
    const params = { pagenumber, limit: FORECAST_PAGE };
    const body = await getJson('/api/reports/battery-forecast', { ...params, due_within_days: dueWithinDays, groupid }, signal);
    const rows = rowsOf(body, 'forecastslist');
    const paging = readPaging(body, rows.length, params);
    totalCount ??= paging.totalCount;
    for (const forecast of readRows(rows, parseForecast, (f) => f.lockid).items) {
      if (!seen.has(forecast.lockid)) {
        seen.add(forecast.lockid);
        forecasts.push(forecast);
      }
    }
    if (rows.length === 0 || pagenumber >= paging.totalPages) break;
  }
  return { forecasts, totalCount };
}

const reportQuery = (params: ReportParams) => ({ groupid: params.groupid, lockid: params.lockid, limit: params.limit });

/** Query keys and fetchers for reports: nothing else writes a report query key. */
export const reportQueries = {
  all: () => ['reports'] as const,
  /** Every lock due within the days (all pages), soonest first. */
  forecast: (params: ForecastParams) =>
    queryOptions({
      queryKey: [...reportQueries.all(), 'forecast', params] as const,
      queryFn: ({ signal }) => fetchForecasts(params, signal),
    }),
  uptime: (params: ReportParams) =>
    queryOptions({
      queryKey: [...reportQueries.all(), 'uptime', params] as const,
      queryFn: async ({ signal }) => parseUptime(await getJson('/api/reports/uptime', { ...reportRange(params.days, Date.now()), ...reportQuery(params) }, signal)),
    }),
  usage: (params: ReportParams) =>
    queryOptions({
      queryKey: [...reportQueries.all(), 'usage', params] as const,
      queryFn: async ({ signal }) => parseUsage(await getJson('/api/reports/usage', { ...reportRange(params.days, Date.now()), ...reportQuery(params) }, signal)),
    }),
  denials: (params: ReportParams) =>
    queryOptions({
      queryKey: [...reportQueries.all(), 'denials', params] as const,
      queryFn: async ({ signal }) => parseDenials(await getJson('/api/reports/denials', { ...reportRange(params.days, Date.now()), ...reportQuery(params) }, signal)),
    }),
};

/** The gateway's "Replace soon" CSV for the same filters (every lock due, not a page). */
export function forecastCsvUrl({ dueWithinDays, groupid }: ForecastParams): string {
  const query = new URLSearchParams({ due_within_days: String(dueWithinDays) });
  if (groupid !== undefined) query.set('groupid', String(groupid));
  return `/api/reports/battery-forecast/export.csv?${query}`;
}
