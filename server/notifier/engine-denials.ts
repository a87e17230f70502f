/**
 * Times of recent refusals at one lock, kept in ascending order so that a burst window is found by
 * two binary searches: each denial costs O(log n), not a pass over every refusal kept (which made
 * a flood of refusals quadratic).
 */

/** The first index whose time is at least `from` (times ascending). */
function firstAtOrAfter(times: readonly number[], from: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] as number) < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index whose time is after `to` (times ascending). */
function firstAfter(times: readonly number[], to: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] as number) <= to) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Adds a refusal, keeping the order (in-order times, the usual case, are appended). */
export function recordDenial(times: number[], at: number): void {
  const last = times.length > 0 ? (times[times.length - 1] as number) : Number.NEGATIVE_INFINITY;
  if (at >= last) times.push(at);
  else times.splice(firstAfter(times, at), 0, at);
}

/** How many refusals fall in [from, to], and the earliest of them (undefined when none). */
export function denialsWithin(times: readonly number[], from: number, to: number): { count: number; first: number | undefined } {
  const start = firstAtOrAfter(times, from);
  const count = Math.max(0, firstAfter(times, to) - start);
  return { count, first: count > 0 ? times[start] : undefined };
}

/** The refusals at or after `from`, a new array. */
export function denialsSince(times: readonly number[], from: number): number[] {
  return times.slice(firstAtOrAfter(times, from));
}

/** A copy in ascending order (a state written before the order was kept may hold any order). */
export function sortedDenials(times: readonly number[]): number[] {
  return [...times].sort((a, b) => a - b);
}
