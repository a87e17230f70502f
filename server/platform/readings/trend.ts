import { CRITICAL_BATTERY_LEVEL } from '../../../contract/constants';
import { SWAP_RISE } from '../../../contract/reports';

/**
 * A lock's current battery series as running least-squares sums (x: days since the series began,
 * y: battery %), the way `battery_trends` keeps it. Two places write it: the sampler in SQL (every
 * lock at once; TREND_UPSERT / TREND_FORECAST below) and the demo backfill in JS (`addReading`,
 * `forecastOf`); a test holds them to the same answers.
 */
export interface TrendSums {
  series_start: number;
  last_at: number;
  last_battery: number;
  reached_at: number | null;
  n: number;
  sx: number;
  sy: number;
  sxx: number;
  sxy: number;
}

export const DAY_S = 86_400;
/** A forecast needs at least this much of a series. */
export const MIN_SERIES_S = 2 * DAY_S;

/** The next state after a reading; a rise of SWAP_RISE or more starts a new series. */
export function addReading(trend: TrendSums | null, at: number, battery: number): TrendSums {
  const reached = battery <= CRITICAL_BATTERY_LEVEL ? at : null;
  if (trend === null || battery >= trend.last_battery + SWAP_RISE) {
    return { series_start: at, last_at: at, last_battery: battery, reached_at: reached, n: 1, sx: 0, sy: battery, sxx: 0, sxy: 0 };
  }
  if (at <= trend.last_at) return trend;
  const x = (at - trend.series_start) / DAY_S;
  return {
    series_start: trend.series_start,
    last_at: at,
    last_battery: battery,
    reached_at: trend.reached_at ?? reached,
    n: trend.n + 1,
    sx: trend.sx + x,
    sy: trend.sy + battery,
    sxx: trend.sxx + x * x,
    sxy: trend.sxy + x * battery,
  };
}

/** Points lost a day and when the line reaches CRITICAL_BATTERY_LEVEL (unix s); nulls when there is no forecast. */
export function forecastOf(t: TrendSums): { drain_per_day: number | null; critical_at: number | null } {
  const covariance = t.n * t.sxy - t.sx * t.sy;
  const spread = t.n * t.sxx - t.sx * t.sx;
  const fits = t.n >= 2 && t.last_at - t.series_start >= MIN_SERIES_S && covariance < 0;
  const slope = fits ? covariance / spread : null;
  if (t.reached_at !== null) return { drain_per_day: slope === null ? null : -slope, critical_at: t.reached_at };
  if (slope === null) return { drain_per_day: null, critical_at: null };
  const intercept = (t.sy - slope * t.sx) / t.n;
  return { drain_per_day: -slope, critical_at: t.series_start + Math.round(((CRITICAL_BATTERY_LEVEL - intercept) / slope) * DAY_S) };
}

const SWAPPED = `excluded.last_battery >= battery_trends.last_battery + ${SWAP_RISE}`;
const X = `((excluded.last_at - battery_trends.series_start) / ${DAY_S}.0)`;
const Y = 'excluded.last_battery';
const keepOrAdd = (column: string, term: string) => `${column} = CASE WHEN ${SWAPPED} THEN excluded.${column} ELSE battery_trends.${column} + ${term} END`;

/** Adds the reading at `?` (unix s) of every lock with a battery level to its series (SQL twin of addReading). */
export const TREND_UPSERT = `
  INSERT INTO battery_trends (lock_id, series_start, last_at, last_battery, reached_at, n, sx, sy, sxx, sxy)
  SELECT id, @at, @at, battery_level, CASE WHEN battery_level <= ${CRITICAL_BATTERY_LEVEL} THEN @at END, 1, 0, battery_level, 0, 0
  FROM locks WHERE battery_level IS NOT NULL
  ON CONFLICT (lock_id) DO UPDATE SET
    series_start = CASE WHEN ${SWAPPED} THEN excluded.series_start ELSE battery_trends.series_start END,
    reached_at = CASE WHEN ${SWAPPED} THEN excluded.reached_at ELSE coalesce(battery_trends.reached_at, excluded.reached_at) END,
    ${keepOrAdd('n', '1')},
    ${keepOrAdd('sx', X)},
    ${keepOrAdd('sy', Y)},
    ${keepOrAdd('sxx', `${X} * ${X}`)},
    ${keepOrAdd('sxy', `${X} * ${Y}`)},
    last_at = excluded.last_at,
    last_battery = excluded.last_battery
  WHERE excluded.last_at > battery_trends.last_at`;

const COV = '(n * sxy - sx * sy)';
const SLOPE = `(${COV} / (n * sxx - sx * sx))`;
const FITS = `(n >= 2 AND last_at - series_start >= ${MIN_SERIES_S} AND ${COV} < 0)`;

/** Recomputes the forecast of the series read at `?` (SQL twin of forecastOf). */
export const TREND_FORECAST = `
  UPDATE battery_trends SET
    drain_per_day = CASE WHEN ${FITS} THEN -${SLOPE} END,
    critical_at = CASE
      WHEN reached_at IS NOT NULL THEN reached_at
      WHEN ${FITS} THEN series_start + round(((${CRITICAL_BATTERY_LEVEL} - (sy - ${SLOPE} * sx) / n) / ${SLOPE}) * ${DAY_S})
    END
  WHERE last_at = ?`;
