import { queryOptions, useQuery } from '@tanstack/react-query';
import * as v from 'valibot';
import { platformDateToMs } from '@contract/platform-date';
import { useLiveUpdatesPaused } from '@/lib/live-updates';
import { appConfigQuery } from './app-config';
import { getJson } from './client';
import { parseTeamAlert, teamAlertQueries } from './team-alerts';
import { readRows, rowsOf } from './parse';

/**
 * A lock's readings over time (contract/reports.ts, `readingsResponseSchema`): battery, temperature
 * and online samples, downsampled by the platform. Read leniently: a point whose date or value is
 * unusable is dropped (numbers as strings are read), a missing series is empty. Dates are UTC on the
 * wire and epoch ms here; points are kept in time order.
 */
export type SeriesPoint = readonly [ms: number, value: number];

export interface Readings {
  lockid: string;
  /** The range the platform answered (after clipping to what it keeps), epoch ms; null if unreadable. */
  from: number | null;
  to: number | null;
  /** Seconds per point. */
  step: number | null;
  battery: SeriesPoint[];
  temperature: SeriesPoint[];
  /** 1 online, 0 offline in some sample of the bucket. */
  online: SeriesPoint[];
}

export const READINGS_RANGES = ['7d', '30d', '90d'] as const;
export type ReadingsRange = (typeof READINGS_RANGES)[number];
export const RANGE_DAYS: Record<ReadingsRange, number> = { '7d': 7, '30d': 30, '90d': 90 };

/** Charts change slowly (a reading every 15 minutes): no faster than this, whatever the app polls at. */
export const READINGS_MIN_POLL_MS = 60_000;

const number = v.union([v.pipe(v.number(), v.finite()), v.pipe(v.string(), v.regex(/^\s*[-+]?\d+(?:\.\d+)?\s*$/), v.transform(Number))]);
const utcMs = v.pipe(v.string(), v.transform((value) => platformDateToMs(value, 'UTC')), v.number());
const pointSchema = v.pipe(v.tuple([utcMs, number]), v.transform(([ms, value]) => [ms, value] as const));

const inRange = { battery: (n: number) => n >= 0 && n <= 100, temperature: (n: number) => n >= -60 && n <= 150, online: (n: number) => n === 0 || n === 1 };

/** A series' usable points in time order (one per date: the first wins). */
export function readSeries(value: unknown, kind: keyof typeof inRange): SeriesPoint[] {
  if (!Array.isArray(value)) return [];
  const byTime = new Map<number, SeriesPoint>();
  for (const raw of value) {
    const parsed = v.safeParse(pointSchema, raw);
    if (parsed.success && inRange[kind](parsed.output[1]) && !byTime.has(parsed.output[0])) byTime.set(parsed.output[0], parsed.output);
  }
  return [...byTime.values()].sort((a, b) => a[0] - b[0]);
}

const orNull = <T>(value: T | undefined | null) => value ?? null;

export function parseReadings(body: Record<string, unknown>, lockid: string): Readings {
  const series = typeof body.series === 'object' && body.series !== null ? (body.series as Record<string, unknown>) : {};
  const step = v.safeParse(v.pipe(number, v.integer(), v.minValue(1)), body.step);
  return {
    lockid: typeof body.lockid === 'string' && body.lockid ? body.lockid : lockid,
    from: typeof body.from === 'string' ? platformDateToMs(body.from, 'UTC') : null,
    to: typeof body.to === 'string' ? platformDateToMs(body.to, 'UTC') : null,
    step: orNull(step.success ? step.output : null),
    battery: readSeries(series.battery, 'battery'),
    temperature: readSeries(series.temperature, 'temperature'),
    online: readSeries(series.online, 'online'),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
/** "YYYY-MM-DD HH:mm:ss" in UTC, as the platform takes dates. */
export function utcPlatformDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** The range's bounds for a fetch at `now`: up to now (to the minute), back its number of days. */
export function rangeBounds(range: ReadingsRange, now: number): { from: string; to: string } {
  const to = Math.floor(now / 60_000) * 60_000;
  return { from: utcPlatformDate(to - RANGE_DAYS[range] * 86_400_000), to: utcPlatformDate(to) };
}

export const readingsQueries = {
  all: () => ['readings'] as const,
  /**
   * One lock's series over the last 7, 30 or 90 days. The key names the range, not its dates, so it
   * stays the same across renders and polls; each fetch computes the dates from the clock.
   */
  series: ({ lockid, range }: { lockid: string; range: ReadingsRange }) =>
    queryOptions({
      queryKey: [...readingsQueries.all(), lockid, range] as const,
      queryFn: async ({ signal }) =>
        parseReadings(await getJson(`/api/locks/${encodeURIComponent(lockid)}/readings`, rangeBounds(range, Date.now()), signal), lockid),
    }),
  /** The team alerts about one lock (the gateway filters by `lockid`), newest first: markers on its charts. */
  lockAlerts: (lockid: string) =>
    queryOptions({
      queryKey: [...teamAlertQueries.all(), 'lock', lockid] as const,
      queryFn: async ({ signal }) =>
        readRows(rowsOf(await getJson('/api/team-alerts', { state: 'all', lockid, limit: 100 }, signal), 'alertslist'), parseTeamAlert, (a) => a.alertid).items,
    }),
};

/** A lock's series, polled at the app's interval but no faster than once a minute (not while live updates are paused). */
export function useReadings(lockid: string, range: ReadingsRange, enabled = true) {
  const config = useQuery(appConfigQuery).data;
  const paused = useLiveUpdatesPaused();
  return useQuery({
    ...readingsQueries.series({ lockid, range }),
    enabled: enabled && !!config?.features.readings,
    refetchInterval: config && !paused ? Math.max(config.pollIntervalMs, READINGS_MIN_POLL_MS) : false,
  });
}
