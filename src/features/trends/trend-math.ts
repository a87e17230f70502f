import { SWAP_RISE } from '@contract/constants';
import type { SeriesPoint } from '@/api/readings';

const DAY_MS = 86_400_000;

/** The points since the last battery swap (a rise of SWAP_RISE points or more starts a new series). */
export function sinceLastSwap(points: readonly SeriesPoint[]): readonly SeriesPoint[] {
  let start = 0;
  points.forEach(([, value], i) => {
    const previous = points[i - 1];
    if (previous && value - previous[1] >= SWAP_RISE) start = i;
  });
  return points.slice(start);
}

/** Change per day of a least-squares line through the points; null under a day of points. */
export function slopePerDay(points: readonly SeriesPoint[]): number | null {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last || last[0] - first[0] < DAY_MS) return null;
  const n = points.length;
  const meanX = points.reduce((s, [x]) => s + x, 0) / n;
  const meanY = points.reduce((s, [, y]) => s + y, 0) / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - meanX) * (y - meanY);
    den += (x - meanX) ** 2;
  }
  return den === 0 ? null : (num / den) * DAY_MS;
}

export interface OnlineSpan {
  online: boolean;
  from: number;
  /** The end of its last bucket. */
  to: number;
}

/** Runs of the same online state; a run ends where its last bucket ends (`stepMs` after it starts). */
export function onlineSpans(points: readonly SeriesPoint[], stepMs: number): OnlineSpan[] {
  const spans: OnlineSpan[] = [];
  for (const [ms, value] of points) {
    const last = spans.at(-1);
    const online = value === 1;
    // A gap (no samples) also ends a run: the lock's state in it is unknown.
    if (last && last.online === online && ms <= last.to) last.to = ms + stepMs;
    else spans.push({ online, from: ms, to: ms + stepMs });
  }
  return spans;
}

/**
 * The time one point stands for: the platform's step, or the readings' usual spacing when they are
 * coarser than it (hourly readings in 21-minute buckets leave two empty buckets between points: not
 * a gap). The median spacing, so that a real gap (no samples for hours) still shows as one; an hour
 * when there is neither.
 */
export function stepMsOf(step: number | null, points: readonly SeriesPoint[]): number {
  const gaps = points.slice(1).map(([ms], i) => ms - (points[i] as SeriesPoint)[0]).sort((a, b) => a - b);
  const usual = gaps[Math.floor((gaps.length - 1) / 2)];
  if (step) return Math.max(step * 1000, usual ?? 0);
  return usual ?? 3_600_000;
}

/** Share (0–100) of the buckets in which the lock was online throughout; null without points. */
export function onlineShare(points: readonly SeriesPoint[]): number | null {
  if (points.length === 0) return null;
  return (points.filter(([, value]) => value === 1).length / points.length) * 100;
}

export function extent(points: readonly SeriesPoint[]): { min: number; max: number } | null {
  if (points.length === 0) return null;
  let min = Infinity;
  let max = -Infinity;
  for (const [, y] of points) {
    min = Math.min(min, y);
    max = Math.max(max, y);
  }
  return { min, max };
}
