import { z } from 'zod';
import {
  LOCK_SORT_FIELDS,
  MAX_UNLOCK_DURATION_S,
  MIN_UNLOCK_DURATION_S,
  SORT_ORDERS,
  type LockSortField,
  type SortOrder,
} from './constants';
import { listResponseSchema, pagingQueryShape, platformDateSchema, queryFlag, queryInt, searchKeySchema } from './envelope';
import { lockGroupRefSchema } from './lockgroups';
import { lockScheduleSchema, overrideReasonSchema } from './schedules';

export {
  CRITICAL_BATTERY_LEVEL,
  LOCK_COMMANDS,
  LOCK_SORT_FIELDS,
  LOW_BATTERY_LEVEL,
  MAX_PAGE_SIZE,
  MAX_SEARCH_LENGTH,
  MAX_UNLOCK_DURATION_S,
  MIN_UNLOCK_DURATION_S,
  SORT_ORDERS,
  type LockCommand,
  type LockSortField,
  type SortOrder,
} from './constants';

/**
 * A lock as the vendor documents it (`GET /api/locks`). Field names and types are the vendor's:
 * `temperature` is a string such as "25", `lock_open_status` 1 = open (Unlocked), 0 = closed (Locked).
 * `lock_password` is a credential: the gateway strips it before anything reaches a browser.
 * `relock_at` is ours (a platform capability, absent on the vendor's sample): when a timed unlock
 * relocks by itself, UTC; null when none is pending. Overdue while the lock is offline: it relocks
 * as soon as it is back.
 */
export const lockSchema = z.strictObject({
  lockuserid: z.number().int(),
  lockid: z.string().min(1),
  lockname: z.string(),
  lock_open_status: z.union([z.literal(0), z.literal(1)]),
  lock_online_status: z.union([z.literal(0), z.literal(1)]),
  battery_level: z.number().int().min(0).max(100).nullable(),
  lock_ssid: z.string(),
  lock_password: z.string(),
  mac_address: z.string().nullable(),
  temperature: z.string().nullable(),
  lock_model: z.string(),
  online_updated_date: platformDateSchema,
  lock_pic: z.string(),
  relock_at: platformDateSchema.nullable(),
  /** Ours: the groups the lock is in, by name (this platform always sends it; a vendor host may not). */
  lockgroups: z.array(lockGroupRefSchema).optional(),
  /** Ours (schedules and lockdown): 1 while a lockdown holds the lock. */
  lockdown: z.union([z.literal(0), z.literal(1)]).optional(),
  /** Ours: the schedule driving the door now, or null when none covers it. */
  schedule: lockScheduleSchema.nullable().optional(),
});
/** A lock as this platform sends it: always with `relock_at`. */
export type PlatformLock = z.infer<typeof lockSchema>;
/** A lock as any host may send it: `relock_at` only from one that relocks by itself. */
export type Lock = Omit<PlatformLock, 'relock_at'> & { relock_at?: string | null };

/**
 * The set of locks a list or a summary is about. `searchkey`: every word (split at white space) must
 * appear, case-insensitively, in the lock's name, lockid, SSID, MAC or model; `:`, `-`, `.` and
 * apostrophes are ignored on both sides, so a MAC is found with or without separators. Filters
 * combine (AND).
 */
export const lockSetQuerySchema = z.object({
  searchkey: searchKeySchema,
  online: queryFlag('online').optional(),
  open: queryFlag('open').optional(),
  batterybelow: queryInt('batterybelow', 0, 101).optional(),
  /** Only the locks of this group. */
  groupid: queryInt('groupid', 1, Number.MAX_SAFE_INTEGER).optional(),
  /** Only the locks a lockdown holds (1) or those it does not (0). */
  lockdown: queryFlag('lockdown').optional(),
});
export type LockSetQuery = z.infer<typeof lockSetQuerySchema>;

/** `GET /api/locks` query: the vendor's three parameters plus our optional filters and sorting. */
export const lockListQuerySchema = z.object({
  ...pagingQueryShape,
  ...lockSetQuerySchema.shape,
  sortby: z.enum(LOCK_SORT_FIELDS, { error: `sortby must be one of ${LOCK_SORT_FIELDS.join(', ')}` }).optional(),
  sortorder: z.enum(SORT_ORDERS, { error: 'sortorder must be asc or desc' }).optional(),
});
export type LockListQuery = z.infer<typeof lockListQuerySchema>;
/** The same query as the client writes it (everything optional but the paging). */
export type LockListParams = {
  pagenumber: number;
  limit: number;
  searchkey?: string;
  online?: 0 | 1;
  open?: 0 | 1;
  batterybelow?: number;
  groupid?: number;
  lockdown?: 0 | 1;
  sortby?: LockSortField;
  sortorder?: SortOrder;
};

export const lockListResponseSchema = listResponseSchema('lockslist', lockSchema);
export type LockListResponse = z.infer<typeof lockListResponseSchema>;

export const lockSummarySchema = z.strictObject({
  total: z.number().int().min(0),
  online: z.number().int().min(0),
  offline: z.number().int().min(0),
  unlocked: z.number().int().min(0),
  lowbattery: z.number().int().min(0),
  /** Locks in lockdown (a platform with lockdowns). */
  lockdown: z.number().int().min(0).optional(),
});
export type LockSummary = z.infer<typeof lockSummarySchema>;

/** `GET /api/locks/summary` query: the same search and filters as the list (no paging, no sorting). */
export const lockSummaryQuerySchema = lockSetQuerySchema;
export type LockSummaryParams = Pick<LockListParams, 'searchkey' | 'online' | 'open' | 'batterybelow' | 'groupid' | 'lockdown'>;

export const lockSummaryResponseSchema = z.object({
  status: z.literal(1),
  msg: z.string(),
  summary: lockSummarySchema,
});

export const lockResponseSchema = z.object({
  status: z.literal(1),
  msg: z.string(),
  lock: lockSchema,
});
export type LockResponse = z.infer<typeof lockResponseSchema>;

/** A lock's address in a path; the platform finds the lock whatever the case of `lockid`. */
export const lockIdParamsSchema = z.object({
  lockid: z.string().min(1).max(64, 'lockid is too long'),
});

/**
 * `POST /api/locks/:lockid/unlock` body, optional: with `duration_s` the platform relocks the lock
 * by itself that many seconds later (the lock carries `relock_at` until then). Without it (or with
 * a manual lock) any pending relock is cancelled.
 */
export const unlockBodySchema = z.strictObject({
  duration_s: z
    .number({ error: 'duration_s must be a whole number of seconds' })
    .int('duration_s must be a whole number of seconds')
    .min(MIN_UNLOCK_DURATION_S, `duration_s must be at least ${MIN_UNLOCK_DURATION_S} seconds`)
    .max(MAX_UNLOCK_DURATION_S, `duration_s must be at most ${MAX_UNLOCK_DURATION_S} seconds`)
    .optional(),
  /** During a lockdown only a manager's unlock with a reason opens the door (audited). */
  override_reason: overrideReasonSchema.optional(),
});
export type UnlockBody = z.infer<typeof unlockBodySchema>;
/** `POST /api/locks/:lockid/lock` takes no parameters (an empty object or no body). */
export const lockBodySchema = z.strictObject({
  duration_s: z.never({ error: 'only an unlock can have a duration' }).optional(),
});
