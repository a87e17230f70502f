import { z } from 'zod';
import { DENIAL_REASONS } from './constants';
import { PLATFORM_DATE, listResponseSchema, pagingQueryShape, platformDateSchema, queryInt } from './envelope';

/*
 * Readings and reports (DESIGN.md, "Readings and reports"): the fleet over time.
 * - Readings are samples of a lock's battery, temperature and online state, kept every 15 min for
 *   7 days and hourly for 90 (READINGS_KEPT_DAYS). A series is downsampled to at most MAX_SERIES_POINTS
 *   points: a bucket's battery and temperature are the mean of its samples (one decimal), its online
 *   value is 0 when the lock was offline in any sample of the bucket. A bucket without samples has no
 *   point. A range longer than kept is clipped, not refused.
 * - A battery forecast reads the lock's current series: the readings since the last battery swap (a
 *   rise of SWAP_RISE points or more between two readings starts a new series) and fits a straight line
 *   to them. `drain_per_day` is percentage points lost per day (null with fewer than two days of
 *   readings, or when the level does not fall); `critical_date` is when the line reaches
 *   CRITICAL_BATTERY_LEVEL (a lock already at or below it is due at the reading that got there).
 * - Reports count events of the platform's history between `from` and `to` (UTC, inclusive, at most
 *   MAX_REPORT_DAYS apart). `hours` is a week of 168 counts by hour of the week in PLUS_TIMEZONE:
 *   index 0 is Monday 00:00–00:59, 24 is Tuesday 00:00, 167 is Sunday 23:00.
 *   - uptime: the share of the period each lock was online, from its `offline`/`online` events (a lock
 *     offline 6 h of 24 is 75 %); `hours` counts the outages that began in each hour.
 *   - usage: door uses are `unlocked` events of any method but `system`.
 *   - denials: `access_denied` events, by reason and by door.
 * Percentages are 0–100 with two decimals.
 */

export const MAX_SERIES_POINTS = 500;
export const READINGS_KEPT_DAYS = 90;
/** Readings are taken every 15 minutes; kept at that step for this many days, then hourly. */
export const READING_STEP_S = 15 * 60;
export const FINE_READINGS_DAYS = 7;
export { SWAP_RISE } from './constants';
export const MAX_REPORT_DAYS = 366;
export const HOURS_IN_WEEK = 168;
/** How many locks a report lists (busiest, most offline, most refused) unless `limit` says otherwise. */
export const DEFAULT_REPORT_ROWS = 10;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** "YYYY-MM-DD HH:mm:ss" (UTC) or a whole day "YYYY-MM-DD" (its start as `from`, its end as `to`). */
const dateBound = (name: string) =>
  z
    .string({ error: `${name} must be a date "YYYY-MM-DD" or "YYYY-MM-DD HH:mm:ss"` })
    .refine((v) => (DAY.test(v) || PLATFORM_DATE.test(v)) && !Number.isNaN(Date.parse(`${v.slice(0, 10)}T00:00:00Z`)), {
      message: `${name} must be a date "YYYY-MM-DD" or "YYYY-MM-DD HH:mm:ss"`,
    });

const lockidParam = z.string({ error: 'lockid must be text' }).min(1, 'lockid must not be empty').max(64, 'lockid is too long');
const idParam = (name: string) => queryInt(name, 1, Number.MAX_SAFE_INTEGER);

// ---- Readings ------------------------------------------------------------------------------------

/** `GET /api/locks/:lockid/readings?from&to&step`: `to` defaults to now, `from` to 7 days before `to`. */
export const readingsQuerySchema = z.object({
  from: dateBound('from').optional(),
  to: dateBound('to').optional(),
  /** Seconds between points; raised so that the range fits MAX_SERIES_POINTS. Default: the finest that fits. */
  step: queryInt('step', 60, 7 * 86_400).optional(),
});
export type ReadingsQuery = z.infer<typeof readingsQuerySchema>;

/** `[date, value]`: the start of the bucket (UTC) and its value. */
export const seriesPointSchema = z.tuple([platformDateSchema, z.number()]);
export type SeriesPoint = z.infer<typeof seriesPointSchema>;

export const readingsSchema = z.strictObject({
  lockid: z.string(),
  /** The range answered, after clipping to what is kept. */
  from: platformDateSchema,
  to: platformDateSchema,
  /** Seconds per point. */
  step: z.number().int().min(60),
  series: z.strictObject({
    battery: z.array(seriesPointSchema),
    temperature: z.array(seriesPointSchema),
    online: z.array(z.tuple([platformDateSchema, z.union([z.literal(0), z.literal(1)])])),
  }),
});
export type Readings = z.infer<typeof readingsSchema>;
export const readingsResponseSchema = readingsSchema.extend({ status: z.literal(1), msg: z.string() });
export type ReadingsResponse = z.infer<typeof readingsResponseSchema>;

// ---- Battery forecast ----------------------------------------------------------------------------

/** `GET /api/reports/battery-forecast?pagenumber&limit[&groupid&due_within_days]`: soonest due first, locks without a forecast last. */
export const forecastQuerySchema = z.object({
  ...pagingQueryShape,
  groupid: idParam('groupid').optional(),
  /** Only the locks whose `critical_date` is at most this many days from now (those already due included). */
  due_within_days: queryInt('due_within_days', 0, 3650).optional(),
});
export type ForecastQuery = z.infer<typeof forecastQuerySchema>;

export const forecastSchema = z.strictObject({
  lockid: z.string(),
  lockname: z.string(),
  battery_level: z.number().int().min(0).max(100).nullable(),
  /** Percentage points lost a day over the current series; null when there is no forecast. */
  drain_per_day: z.number().nullable(),
  /** When the battery reaches (or reached) CRITICAL_BATTERY_LEVEL, UTC; null when there is no forecast. */
  critical_date: platformDateSchema.nullable(),
  /** The first reading of the current series (after the last swap), UTC; null without readings. */
  series_start: platformDateSchema.nullable(),
  lockgroups: z.array(z.strictObject({ groupid: z.number().int().min(1), groupname: z.string() })),
});
export type Forecast = z.infer<typeof forecastSchema>;

// ---- Reports over the event history -------------------------------------------------------------

const reportRange = {
  from: dateBound('from'),
  to: dateBound('to'),
};
const reportLimit = { limit: queryInt('limit', 1, 100).optional() };

/** `GET /api/reports/uptime?from&to[&groupid&lockid&limit]` */
export const uptimeQuerySchema = z.object({ ...reportRange, ...reportLimit, groupid: idParam('groupid').optional(), lockid: lockidParam.optional() });
/** `GET /api/reports/usage?from&to[&groupid&lockid&limit]` */
export const usageQuerySchema = uptimeQuerySchema;
/** `GET /api/reports/denials?from&to[&groupid&lockid&limit]` */
export const denialsQuerySchema = uptimeQuerySchema;
export type ReportQuery = z.infer<typeof uptimeQuerySchema>;

const hoursSchema = z.array(z.number().int().min(0)).length(HOURS_IN_WEEK);
const pct = z.number().min(0).max(100);

export const uptimeSchema = z.strictObject({
  from: platformDateSchema,
  to: platformDateSchema,
  lock_count: z.number().int().min(0),
  uptime_pct: pct,
  offline_s: z.number().int().min(0),
  outage_count: z.number().int().min(0),
  /** Outages that began in each hour of the week. */
  hours: hoursSchema,
  /** The locks offline longest in the period, most first (up to `limit`, only locks with an outage). */
  lockslist: z.array(
    z.strictObject({ lockid: z.string(), lockname: z.string(), uptime_pct: pct, offline_s: z.number().int().min(0), outage_count: z.number().int().min(0) }),
  ),
  /** Every group (or the one asked for), lowest uptime first (up to 100). */
  groupslist: z.array(z.strictObject({ groupid: z.number().int().min(1), groupname: z.string(), lock_count: z.number().int().min(0), uptime_pct: pct })),
});
export type Uptime = z.infer<typeof uptimeSchema>;
export const uptimeResponseSchema = z.object({ status: z.literal(1), msg: z.string(), uptime: uptimeSchema });

export const usageSchema = z.strictObject({
  from: platformDateSchema,
  to: platformDateSchema,
  total: z.number().int().min(0),
  hours: hoursSchema,
  /** The busiest doors, most uses first (up to `limit`). */
  lockslist: z.array(z.strictObject({ lockid: z.string(), lockname: z.string(), uses: z.number().int().min(0) })),
});
export type Usage = z.infer<typeof usageSchema>;
export const usageResponseSchema = z.object({ status: z.literal(1), msg: z.string(), usage: usageSchema });

const reasonCounts = z.array(z.strictObject({ reason: z.enum(DENIAL_REASONS), count: z.number().int().min(1) }));
export const denialsSchema = z.strictObject({
  from: platformDateSchema,
  to: platformDateSchema,
  total: z.number().int().min(0),
  hours: hoursSchema,
  /** Refusals by reason, most first (reasons with none are left out). */
  reasons: reasonCounts,
  /** The doors refusing most, most first (up to `limit`), each with its reasons. */
  lockslist: z.array(z.strictObject({ lockid: z.string(), lockname: z.string(), count: z.number().int().min(1), reasons: reasonCounts })),
});
export type Denials = z.infer<typeof denialsSchema>;
export const denialsResponseSchema = z.object({ status: z.literal(1), msg: z.string(), denials: denialsSchema });

/** The "Replace soon" export (gateway): `GET /api/reports/battery-forecast/export.csv?due_within_days[&groupid]`. */
export const FORECAST_CSV_COLUMNS = ['lockid', 'lockname', 'groups', 'battery_level', 'drain_per_day', 'critical_date'] as const;
export const forecastListResponseSchema = listResponseSchema('forecastslist', forecastSchema);
export type ForecastListResponse = z.infer<typeof forecastListResponseSchema>;
