const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** About 5 s, 30 s, 2 min, 10 min, 1 h, then hourly (the last delay repeats) until the window ends. */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [5 * SECOND, 30 * SECOND, 2 * MINUTE, 10 * MINUTE, HOUR];

/** How long after its creation a message is still retried; then it is dead. */
export const RETRY_WINDOW_MS = 24 * HOUR;

/**
 * When the next attempt after failed attempt number `attempt` (1-based) falls due, with ±10 %
 * jitter so that many receivers failing together do not come back together; null when that would
 * be past the retry window (the message is dead).
 */
export function nextAttemptAt(
  attempt: number,
  now: number,
  createdAt: number,
  delays: readonly number[] = DEFAULT_RETRY_DELAYS_MS,
  random: () => number = Math.random,
): number | null {
  const base = delays[Math.min(attempt, delays.length) - 1] ?? delays[delays.length - 1] ?? HOUR;
  const jittered = Math.round(base * (0.9 + 0.2 * random()));
  const at = now + Math.max(1, jittered);
  return at > createdAt + RETRY_WINDOW_MS ? null : at;
}
