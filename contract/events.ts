import { z } from 'zod';
import { DENIAL_REASONS, EVENT_METHODS, EVENT_TYPES, MAX_PAGE_SIZE, type EventType } from './constants';
import { PLATFORM_DATE, listResponseSchema, platformDateSchema, queryInt, searchKeySchema } from './envelope';

export { DENIAL_REASONS, EVENT_METHODS, EVENT_TYPES, type DenialReason, type EventMethod, type EventType } from './constants';

/**
 * The event types that may name neither a lock nor a group: a fleet lockdown's start and lift are
 * one event each for the whole fleet, and a visitor pass running out is one event for the pass
 * (its visitor in `userid`/`username`).
 */
export const FLEET_EVENT_TYPES = ['lockdown_started', 'lockdown_lifted'] as const satisfies readonly EventType[];
export const UNPLACED_EVENT_TYPES = [...FLEET_EVENT_TYPES, 'access_expired'] as const satisfies readonly EventType[];
const isUnplacedEventType = (type: EventType) => (UNPLACED_EVENT_TYPES as readonly EventType[]).includes(type);

/**
 * One thing that happened to a lock, or to someone's access. `userid`/`username` are null when no
 * person acted. Group-level events (an access change of a group grant, a group's lockdown) have
 * `lockid`/`lockname` null and `groupid`/`groupname` set; a fleet lockdown's `lockdown_started`/
 * `lockdown_lifted` names neither (the whole fleet), and so does `access_expired` (a visitor pass ran
 * out: only its visitor); every other event names its lock.
 */
export const lockEventSchema = z
  .strictObject({
    eventid: z.number().int().min(1),
    lockid: z.string().min(1).nullable(),
    lockname: z.string().nullable(),
    event_type: z.enum(EVENT_TYPES),
    userid: z.number().int().nullable(),
    username: z.string().nullable(),
    method: z.enum(EVENT_METHODS),
    event_date: platformDateSchema,
    /** Set on battery events (and on any event where the lock reported it). */
    battery_level: z.number().int().min(0).max(100).nullable(),
    /** The dashboard account behind a remote command or an access change; null for door events. */
    actor: z.string().nullable(),
    /** Why the door refused: set on `access_denied` only. */
    reason: z.enum(DENIAL_REASONS).nullable(),
    /** Set on group-level access events. */
    groupid: z.number().int().min(1).nullable(),
    groupname: z.string().nullable(),
  })
  .refine((e) => e.lockid !== null || e.groupid !== null || isUnplacedEventType(e.event_type), {
    error: 'an event names a lock or a group (only a fleet lockdown event names neither)',
  });
export type LockEvent = z.infer<typeof lockEventSchema>;

/** `from`/`to` take "YYYY-MM-DD HH:mm:ss" (UTC) or a whole day "YYYY-MM-DD"; both ends inclusive. */
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const dateBound = (name: string) =>
  z
    .string()
    .refine((v) => (DAY.test(v) || PLATFORM_DATE.test(v)) && !Number.isNaN(Date.parse(`${v.slice(0, 10)}T00:00:00Z`)), {
      message: `${name} must be a date "YYYY-MM-DD" or "YYYY-MM-DD HH:mm:ss"`,
    });

/** `type` takes one event type or several separated by commas. */
const eventTypeList = z
  .string()
  .transform((v) => v.split(',').map((t) => t.trim()).filter(Boolean))
  .pipe(z.array(z.enum(EVENT_TYPES, { error: `type must be one of ${EVENT_TYPES.join(', ')}` })).min(1, 'type is empty'));

/**
 * `GET /api/events` and `GET /api/locks/:lockid/events`: pages newest first; or, with `beforeid`,
 * the page of events older than that id (newest first; `pagenumber` is ignored), so that events
 * arriving meanwhile never shift a page; or, with `afterid`, the feed: events after that id, oldest
 * first (no `pagenumber`). `searchkey` (fleet history): every word must appear in the lock's name
 * or lockid or in the person's name (`username`); `:`, `-`, `.` and apostrophes are ignored. `userid`: one
 * person's events.
 */
export const eventListQuerySchema = z
  .object({
    pagenumber: queryInt('pagenumber', 1, 1_000_000).optional(),
    limit: queryInt('limit', 1, 500),
    afterid: queryInt('afterid', 0, Number.MAX_SAFE_INTEGER).optional(),
    beforeid: queryInt('beforeid', 1, Number.MAX_SAFE_INTEGER).optional(),
    type: eventTypeList.optional(),
    from: dateBound('from').optional(),
    to: dateBound('to').optional(),
    searchkey: searchKeySchema,
    userid: queryInt('userid', 1, Number.MAX_SAFE_INTEGER).optional(),
  })
  .superRefine((q, ctx) => {
    if (q.afterid !== undefined && q.beforeid !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['beforeid'], message: 'beforeid cannot be combined with afterid' });
    }
    if (q.afterid === undefined && q.beforeid === undefined && q.pagenumber === undefined) {
      ctx.addIssue({ code: 'custom', path: ['pagenumber'], message: 'pagenumber is required (or beforeid, or afterid for the feed)' });
    }
    if (q.afterid === undefined && q.limit > MAX_PAGE_SIZE) {
      ctx.addIssue({ code: 'custom', path: ['limit'], message: `limit must be at most ${MAX_PAGE_SIZE}` });
    }
  });
export type EventListQuery = z.infer<typeof eventListQuerySchema>;
export type EventListParams = {
  pagenumber: number;
  limit: number;
  /** Events older than this id instead of `pagenumber` (stable paging). */
  beforeid?: number;
  type?: EventType[];
  from?: string;
  to?: string;
  searchkey?: string;
  userid?: number;
};

export const eventListResponseSchema = listResponseSchema('eventslist', lockEventSchema);
export type EventListResponse = z.infer<typeof eventListResponseSchema>;
