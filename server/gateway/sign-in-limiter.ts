import { FixedWindow, once, reserveAttempt, retryAfterSeconds } from '../shared/attempt-limiter';
import type { SharedState } from './shared-state';

/**
 * Failed sign-ins allowed per key (IP+email, IP) in a fixed one-minute window. An attempt is
 * reserved before the platform checks the password and released when it succeeds, so that a burst
 * of parallel guesses can never check more passwords than the limit allows. With Redis the windows
 * are shared by every gateway copy (N copies never allow N times the guesses); without it, or while
 * it is away, each copy counts in its own memory.
 */
export interface Reservation {
  allowed: boolean;
  /** Seconds until the window that refused the attempt ends (when not allowed). */
  retryAfterS: number;
  /** Gives the attempt back (a successful sign-in, or an upstream that could not answer). */
  release(): void;
}

type Limits = readonly (readonly [key: string, max: number])[];

/** Checks every window, then counts the attempt in all of them: atomically, in Redis. */
const RESERVE = `
for i, key in ipairs(KEYS) do
  local count = tonumber(redis.call('GET', key) or '0')
  if count >= tonumber(ARGV[i + 1]) then
    return {0, redis.call('PTTL', key)}
  end
end
for _, key in ipairs(KEYS) do
  if redis.call('INCR', key) == 1 then redis.call('PEXPIRE', key, ARGV[1]) end
end
return {1, 0}`;

/** Gives an attempt back in every window that still exists (never below zero, never a window without expiry). */
const RELEASE = `
for _, key in ipairs(KEYS) do
  local count = tonumber(redis.call('GET', key) or '0')
  if count > 0 then redis.call('DECR', key) end
end
return 1`;

const redisKey = (key: string) => `sign-in:${key}`;

export class SignInLimiter {
  private readonly windows = new Map<string, FixedWindow>();

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly shared: SharedState | null = null,
  ) {}

  /** Reserves one attempt under every `[key, max]`, in Redis when it is there, else in this copy. */
  async reserve(limits: Limits): Promise<Reservation> {
    const redis = this.shared?.available;
    if (redis) {
      const keys = limits.map(([key]) => redisKey(key));
      try {
        const [allowed, ttl] = (await redis.eval(RESERVE, keys.length, ...keys, this.windowMs, ...limits.map(([, max]) => max))) as [number, number];
        if (!allowed) return { allowed: false, retryAfterS: retryAfterSeconds(ttl), release: () => {} };
        const release = once(() => void redis.eval(RELEASE, keys.length, ...keys).catch(() => undefined));
        return { allowed: true, retryAfterS: 0, release };
      } catch {
        // Redis went away mid-request: this copy’s own count decides.
      }
    }
    return this.reserveHere(limits);
  }

  /** Reserves one attempt under every `[key, max]` in this copy; refused (and nothing kept) when any is full. */
  reserveHere(limits: Limits): Reservation {
    const now = this.now();
    this.sweep(now);
    const reservation = reserveAttempt(
      limits.map(([key, max]) => this.windowFor(key, now).limit(max)),
      now,
      'first',
    );
    return reservation.allowed
      ? { allowed: true, retryAfterS: 0, release: reservation.release }
      : { allowed: false, retryAfterS: reservation.retryAfterS, release: () => {} };
  }

  private windowFor(key: string, now: number): FixedWindow {
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = new FixedWindow(now + this.windowMs);
      this.windows.set(key, window);
    }
    return window;
  }

  /** Forgets ended windows now and then, so the map does not grow with every IP ever seen. */
  private sweep(now: number) {
    if (this.windows.size < 10_000) return;
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}
