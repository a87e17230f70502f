import { type QueryClient, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import * as v from 'valibot';
import { MAX_PAGE_SIZE } from '@contract/constants';
import type { HolidayBody, ScheduleAction, ScheduleBody, ScheduleWindow } from '@contract/schedules';
import { ApiError, getJson, request } from './client';
import { lockQueries } from './locks';
import { flag, platformDate, readPaging, readRows, rowsOf, text } from './parse';

export type { ScheduleWindow } from '@contract/schedules';

/** A door schedule as the SPA sees it: unreadable windows and ids are left out, never fatal. */
export interface Schedule {
  scheduleid: number;
  name: string;
  /** null: the platform did not say (the site's zone applies). */
  timezone: string | null;
  windows: ScheduleWindow[];
  firstPersonIn: boolean;
  holidayids: number[];
  lockids: string[];
  groupids: number[];
  /** "YYYY-MM-DD HH:mm:ss" in the platform's zone, and what happens then; null when it never changes. */
  nextChange: { date: string; action: ScheduleAction } | null;
}

export interface Holiday {
  holidayid: number;
  name: string;
  /** "YYYY-MM-DD", inclusive. */
  startDate: string;
  endDate: string;
  yearly: boolean;
}

const positiveId = v.pipe(v.union([v.number(), v.pipe(v.string(), v.regex(/^\d+$/))]), v.transform(Number), v.safeInteger(), v.minValue(1));
const HHMM = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const DAY = /^\d{4}-\d{2}-\d{2}/;

const windowSchema = v.pipe(
  v.looseObject({
    days: v.pipe(v.union([v.string(), v.number()]), v.transform(String), v.regex(/^[1-7]{1,7}$/)),
    from: v.pipe(v.string(), v.regex(HHMM)),
    to: v.pipe(v.string(), v.regex(HHMM)),
  }),
  v.check((w) => w.from !== w.to && w.from !== '24:00'),
  v.transform((w): ScheduleWindow => ({ days: [...new Set(w.days)].sort().join(''), from: w.from, to: w.to })),
);

/** The items of `list` that `schema` reads, once each; anything that is not a list is empty. */
function readList<T>(list: unknown, schema: v.GenericSchema<unknown, T>): T[] {
  if (!Array.isArray(list)) return [];
  const items: T[] = [];
  for (const item of list) {
    const parsed = v.safeParse(schema, item);
    if (parsed.success && !items.includes(parsed.output)) items.push(parsed.output);
  }
  return items;
}

const nextChangeSchema = v.fallback(
  v.nullable(
    v.pipe(
      v.looseObject({ date: platformDate, action: v.picklist(['unlock', 'lock']) }),
      v.transform((c) => (c.date === null ? null : { date: c.date, action: c.action })),
    ),
  ),
  null,
);

const scheduleRowSchema = v.looseObject({ scheduleid: positiveId, name: text, timezone: text, first_person_in: flag, next_change: nextChangeSchema });

/** One schedule, or null without a usable scheduleid. */
export function parseSchedule(row: unknown): Schedule | null {
  const parsed = v.safeParse(scheduleRowSchema, row);
  if (!parsed.success) return null;
  const r = parsed.output;
  const raw = row as Record<string, unknown>;
  const windows: ScheduleWindow[] = [];
  for (const item of Array.isArray(raw.windows) ? raw.windows : []) {
    const w = v.safeParse(windowSchema, item);
    if (w.success) windows.push(w.output);
  }
  return {
    scheduleid: r.scheduleid,
    name: r.name ?? `Schedule ${r.scheduleid}`,
    timezone: r.timezone,
    windows,
    firstPersonIn: r.first_person_in ?? false,
    holidayids: readList(raw.holidayids, positiveId),
    lockids: readList(raw.lockids, v.pipe(v.union([v.string(), v.number()]), v.transform(String), v.minLength(1))),
    groupids: readList(raw.groupids, positiveId),
    nextChange: r.next_change,
  };
}

const holidayRowSchema = v.looseObject({
  holidayid: positiveId,
  name: text,
  start_date: v.pipe(v.string(), v.regex(DAY), v.transform((d) => d.slice(0, 10))),
  end_date: v.fallback(v.nullable(v.pipe(v.string(), v.regex(DAY), v.transform((d) => d.slice(0, 10)))), null),
  yearly: flag,
});

/** One holiday, or null without a usable id or start date; a missing end is its start (one day). */
export function parseHoliday(row: unknown): Holiday | null {
  const parsed = v.safeParse(holidayRowSchema, row);
  if (!parsed.success) return null;
  const r = parsed.output;
  const endDate = r.end_date !== null && r.end_date >= r.start_date ? r.end_date : r.start_date;
  return { holidayid: r.holidayid, name: r.name ?? `Holiday ${r.holidayid}`, startDate: r.start_date, endDate, yearly: r.yearly ?? false };
}

/** Every row of a list endpoint, page by page (schedules and holidays number tens, not thousands). */
async function fetchAll<T>(path: string, key: string, parse: (row: unknown) => T | null, keyOf: (item: T) => number, signal: AbortSignal): Promise<T[]> {
  const items: T[] = [];
  for (let pagenumber = 1; pagenumber <= 50; pagenumber += 1) {
    const params = { pagenumber, limit: MAX_PAGE_SIZE };
    const body = await getJson(path, params, signal);
    const rows = rowsOf(body, key);
    for (const item of readRows(rows, parse, keyOf).items) if (!items.some((i) => keyOf(i) === keyOf(item))) items.push(item);
    if (rows.length === 0 || pagenumber >= readPaging(body, rows.length, params).totalPages) break;
  }
  return items;
}

/** Query keys and fetchers for schedules and holidays: nothing else writes these keys. */
export const scheduleQueries = {
  all: () => ['schedules'] as const,
  list: () =>
    queryOptions({
      queryKey: [...scheduleQueries.all(), 'list'] as const,
      queryFn: ({ signal }) => fetchAll('/api/schedules', 'scheduleslist', parseSchedule, (s) => s.scheduleid, signal),
    }),
  holidays: () =>
    queryOptions({
      queryKey: [...scheduleQueries.all(), 'holidays'] as const,
      queryFn: ({ signal }) => fetchAll('/api/holidays', 'holidayslist', parseHoliday, (h) => h.holidayid, signal),
    }),
};

function scheduleOf(body: Record<string, unknown>): Schedule {
  const schedule = parseSchedule(body.schedule);
  if (!schedule) throw new ApiError(200, 'The platform did not send the schedule back.');
  return schedule;
}

function holidayOf(body: Record<string, unknown>): Holiday {
  const holiday = parseHoliday(body.holiday);
  if (!holiday) throw new ApiError(200, 'The platform did not send the holiday back.');
  return holiday;
}

/** After a change: schedules and holidays, and lock rows (they carry their schedule's state). */
function refreshAfterChange(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: scheduleQueries.all() });
  void queryClient.invalidateQueries({ queryKey: lockQueries.all() });
}

/** Creates a schedule (no `scheduleid`) or changes one (`PUT`, the whole body). */
export function useSaveSchedule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ scheduleid, body }: { scheduleid?: number; body: ScheduleBody }) =>
      scheduleOf(await request(scheduleid === undefined ? '/api/schedules' : `/api/schedules/${scheduleid}`, { method: scheduleid === undefined ? 'POST' : 'PUT', body })),
    onSuccess: () => refreshAfterChange(queryClient),
  });
}

export function useDeleteSchedule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (scheduleid: number) => request(`/api/schedules/${scheduleid}`, { method: 'DELETE' }),
    onSuccess: () => refreshAfterChange(queryClient),
  });
}

/** Creates a holiday (no `holidayid`) or changes one (`PUT`, the whole body). */
export function useSaveHoliday() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ holidayid, body }: { holidayid?: number; body: HolidayBody }) =>
      holidayOf(await request(holidayid === undefined ? '/api/holidays' : `/api/holidays/${holidayid}`, { method: holidayid === undefined ? 'POST' : 'PUT', body })),
    onSuccess: () => refreshAfterChange(queryClient),
  });
}

export function useDeleteHoliday() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (holidayid: number) => request(`/api/holidays/${holidayid}`, { method: 'DELETE' }),
    onSuccess: () => refreshAfterChange(queryClient),
  });
}
