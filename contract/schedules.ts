import { z } from 'zod';
import { listResponseSchema, platformDateSchema, queryInt } from './envelope';
import { isTimeZone } from './platform-date';

/*
 * Door schedules, holidays and lockdowns (DESIGN.md, "Schedules and lockdown"). A schedule unlocks
 * the doors it drives inside its windows and locks them at each window's end, on the wall clock of
 * its own `timezone`. A window's `days` are ISO weekday digits ("12345" = Mon–Fri); `from` up to (not
 * including) `to`, "HH:mm"; `to` may be "24:00"; a window whose `to` is before its `from` runs overnight
 * and belongs to the day it starts on (as grants' hours do, contract/access.ts). On a holiday the
 * schedules that list it do not unlock. A lockdown is a state: every lock in scope is locked, its grants
 * and schedules suspended, until someone lifts it.
 */

export const MAX_SCHEDULE_NAME_LENGTH = 80;
export const MAX_WINDOWS = 21;
export const MAX_OVERRIDE_REASON_LENGTH = 200;
/** `schedule.state` on a lock row. */
export const SCHEDULE_STATES = ['unlocked', 'locked', 'waiting', 'overridden'] as const;
export type ScheduleState = (typeof SCHEDULE_STATES)[number];
/** What a schedule does at its next boundary. */
export const SCHEDULE_ACTIONS = ['unlock', 'lock'] as const;
export type ScheduleAction = (typeof SCHEDULE_ACTIONS)[number];

const HHMM = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const name = z
  .string({ error: 'name must be text' })
  .trim()
  .min(1, 'name must not be empty')
  .max(MAX_SCHEDULE_NAME_LENGTH, `name must be at most ${MAX_SCHEDULE_NAME_LENGTH} characters`);

export const timeZoneSchema = z.string({ error: 'timezone must be text' }).refine(isTimeZone, 'timezone must be an IANA time zone such as Europe/Berlin');

export const windowSchema = z.strictObject({
  days: z
    .string({ error: 'days must be text' })
    .regex(/^[1-7]{1,7}$/, 'days must be ISO weekday digits such as "12345"')
    .refine((days) => new Set(days).size === days.length, 'days must not repeat a day'),
  from: z.string().regex(HHMM, 'from must be "HH:mm"'),
  to: z.string().regex(HHMM, 'to must be "HH:mm" (or "24:00")'),
}).refine((w) => w.from !== w.to, 'a window must not start and end at the same time');
export type ScheduleWindow = z.infer<typeof windowSchema>;

export const nextChangeSchema = z.strictObject({ date: platformDateSchema, action: z.enum(SCHEDULE_ACTIONS) });
export type NextChange = z.infer<typeof nextChangeSchema>;

export const scheduleSchema = z.strictObject({
  scheduleid: z.number().int().min(1),
  name: z.string(),
  timezone: z.string(),
  windows: z.array(windowSchema),
  first_person_in: z.union([z.literal(0), z.literal(1)]),
  holidayids: z.array(z.number().int().min(1)),
  lockids: z.array(z.string()),
  groupids: z.array(z.number().int().min(1)),
  /** The next time the schedule unlocks or locks, UTC; null when it never will (no windows). */
  next_change: nextChangeSchema.nullable(),
});
export type Schedule = z.infer<typeof scheduleSchema>;

const idList = <T extends z.ZodType>(item: T, what: string) => z.array(item, { error: `${what} must be a list` }).max(1000, `at most 1,000 ${what}`);

export const scheduleBodySchema = z.strictObject({
  name,
  /** Default: PLUS_TIMEZONE. */
  timezone: timeZoneSchema.optional(),
  windows: z.array(windowSchema, { error: 'windows must be a list' }).max(MAX_WINDOWS, `at most ${MAX_WINDOWS} windows`),
  first_person_in: z.union([z.literal(0), z.literal(1), z.boolean()]).optional(),
  holidayids: idList(z.number().int().min(1), 'holidayids').optional(),
  lockids: idList(z.string().min(1), 'lockids').optional(),
  groupids: idList(z.number().int().min(1), 'groupids').optional(),
});
export type ScheduleBody = z.infer<typeof scheduleBodySchema>;
/** `PUT`: any field of the body. */
export const scheduleChangeSchema = scheduleBodySchema.partial();

export const scheduleListResponseSchema = listResponseSchema('scheduleslist', scheduleSchema);
export const scheduleResponseSchema = z.object({ status: z.literal(1), msg: z.string(), schedule: scheduleSchema });
export const scheduleIdParamsSchema = z.object({ scheduleid: queryInt('scheduleid', 1, Number.MAX_SAFE_INTEGER) });

/** A holiday: `start_date` to `end_date` inclusive, whole days on each schedule's wall clock; `yearly` repeats on the same dates. */
export const holidaySchema = z.strictObject({
  holidayid: z.number().int().min(1),
  name: z.string(),
  start_date: z.string().regex(DAY),
  end_date: z.string().regex(DAY),
  yearly: z.union([z.literal(0), z.literal(1)]),
});
export type Holiday = z.infer<typeof holidaySchema>;

/** "YYYY-MM-DD", or "YYYY-MM-DD HH:mm:ss" with its time ignored. */
const day = (field: string) =>
  z
    .string({ error: `${field} must be text` })
    .regex(/^\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2}:\d{2})?$/, `${field} must look like "YYYY-MM-DD"`)
    .transform((value) => value.slice(0, 10))
    .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), `${field} is not a date`);

export const holidayBodySchema = z
  .strictObject({
    name,
    start_date: day('start_date'),
    /** Default: start_date (one day). */
    end_date: day('end_date').optional(),
    yearly: z.union([z.literal(0), z.literal(1), z.boolean()]).optional(),
  })
  .refine((h) => h.end_date === undefined || h.end_date >= h.start_date, { message: 'end_date must not be before start_date', path: ['end_date'] });
export type HolidayBody = z.infer<typeof holidayBodySchema>;

export const holidayListResponseSchema = listResponseSchema('holidayslist', holidaySchema);
export const holidayResponseSchema = z.object({ status: z.literal(1), msg: z.string(), holiday: holidaySchema });
export const holidayIdParamsSchema = z.object({ holidayid: queryInt('holidayid', 1, Number.MAX_SAFE_INTEGER) });

export const lockdownScopeSchema = z.union([z.strictObject({ all: z.literal(true) }), z.strictObject({ groupids: z.array(z.number().int().min(1)).min(1) })]);
export type LockdownScope = z.infer<typeof lockdownScopeSchema>;

export const lockdownSchema = z.strictObject({
  lockdownid: z.number().int().min(1),
  scope: lockdownScopeSchema,
  /** The dashboard account that started it (its name). */
  started_by: z.string(),
  started_date: platformDateSchema,
  lifted_by: z.string().nullable(),
  lifted_date: platformDateSchema.nullable(),
  lock_count: z.number().int().min(0),
  /** Locks in scope that were offline: they lock as soon as they come back. */
  pending_lockids: z.array(z.string()),
});
export type Lockdown = z.infer<typeof lockdownSchema>;

export const lockdownBodySchema = z
  .strictObject({
    all: z.literal(true).optional(),
    groupids: z.array(z.number().int().min(1), { error: 'groupids must be a list' }).min(1, 'groupids must not be empty').max(1000).optional(),
  })
  .refine((b) => (b.all === true) !== (b.groupids !== undefined), 'give either all: true or groupids');
export type LockdownBody = z.infer<typeof lockdownBodySchema>;

export const lockdownListQuerySchema = z.object({ state: z.enum(['active', 'all']).default('active') });
export const lockdownListResponseSchema = listResponseSchema('lockdownslist', lockdownSchema);
export const lockdownResponseSchema = z.object({ status: z.literal(1), msg: z.string(), lockdown: lockdownSchema });
export const lockdownIdParamsSchema = z.object({ lockdownid: queryInt('lockdownid', 1, Number.MAX_SAFE_INTEGER) });

/** `schedule` on a lock row: the schedule driving the door now, what it does, and until when (UTC). */
export const lockScheduleSchema = z.strictObject({
  scheduleid: z.number().int().min(1),
  name: z.string(),
  /** `waiting`: first person in, the window has begun and nobody with access has opened the door yet; `overridden`: a manual command wins until `until`. */
  state: z.enum(SCHEDULE_STATES),
  until: platformDateSchema.nullable(),
});
export type LockSchedule = z.infer<typeof lockScheduleSchema>;

export const overrideReasonSchema = z
  .string({ error: 'override_reason must be text' })
  .trim()
  .min(3, 'override_reason must say why (at least 3 characters)')
  .max(MAX_OVERRIDE_REASON_LENGTH, `override_reason must be at most ${MAX_OVERRIDE_REASON_LENGTH} characters`);
