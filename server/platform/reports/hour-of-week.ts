import { HOURS_IN_WEEK } from '../../../contract/reports';
import { zoneOffsetMs, wallTimeMs } from '../../../contract/wall-clock';

const HOUR_MS = 3_600_000;
const CACHE_LIMIT = 100_000;
const byZone = new Map<string, Map<string, number>>();

/** The hour of the week in `timeZone` at an instant: 0 is Monday 00:00–00:59, 167 Sunday 23:00. */
export function hourOfWeek(instant: number, timeZone: string): number {
  const wall = new Date(wallTimeMs(instant, timeZone));
  return ((wall.getUTCDay() + 6) % 7) * 24 + wall.getUTCHours();
}

/**
 * How many characters of an event date make a bucket that falls in one local hour: the UTC hour
 * ("YYYY-MM-DD HH", 13) when the zone is a whole number of hours from UTC over the period, else
 * the minute (16) — India's +05:30 splits a UTC hour between two local ones.
 */
export function bucketLength(fromMs: number, toMs: number, timeZone: string): 13 | 16 {
  const whole = (at: number) => zoneOffsetMs(at, timeZone) % HOUR_MS === 0;
  return whole(fromMs) && whole(toMs) ? 13 : 16;
}

function bucketHour(bucket: string, timeZone: string): number {
  let cache = byZone.get(timeZone);
  if (!cache) {
    cache = new Map();
    byZone.set(timeZone, cache);
  }
  let hour = cache.get(bucket);
  if (hour === undefined) {
    const iso = `${bucket.replace(' ', 'T')}${bucket.length === 13 ? ':00:00' : ':00'}Z`;
    hour = hourOfWeek(Date.parse(iso), timeZone);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(bucket, hour);
  }
  return hour;
}

/** 168 counts by local hour of the week from counts by UTC bucket (a prefix of "YYYY-MM-DD HH:mm"). */
export function hoursOfWeek(buckets: readonly (readonly [bucket: string, count: number])[], timeZone: string): number[] {
  const hours = new Array<number>(HOURS_IN_WEEK).fill(0);
  for (const [bucket, count] of buckets) {
    const hour = bucketHour(bucket, timeZone);
    hours[hour] = (hours[hour] ?? 0) + count;
  }
  return hours;
}
