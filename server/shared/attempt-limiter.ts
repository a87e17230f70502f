/**
 * The core of a sign-in limiter, shared by the gateway (server/gateway/sign-in-limiter.ts, fixed
 * windows, in Redis when it is there) and the embedded platform (server/platform/users/
 * login-limiter.ts, sliding windows in memory): one attempt is reserved under several limits at
 * once (IP+email, IP) before the password is checked, and given back when the sign-in succeeds.
 * Checking every limit before counting in any, synchronously, means parallel guesses can never all
 * read "room left" before one counts, and a refused attempt counts nowhere.
 */

/** One limit's count of recent attempts, however it keeps them. */
export interface AttemptLimit {
  /** Milliseconds until there is room for one more attempt; 0 when there is room now. */
  waitMs(now: number): number;
  /** Counts an attempt made at `at`. */
  add(at: number): void;
  /** Gives back the attempt counted at `at` (never below zero). */
  remove(at: number): void;
}

export type AttemptReservation = { allowed: true; release(): void } | { allowed: false; retryAfterS: number };

/** Whole seconds to wait, at least 1 (a Retry-After header). */
export const retryAfterSeconds = (waitMs: number) => Math.max(1, Math.ceil(waitMs / 1000));

/** A function that does its work the first time it is called only. */
export function once(work: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    work();
  };
}

/**
 * Reserves one attempt at `now` under every limit, or refuses (and counts nothing) when any is
 * full. The wait told is that of the first full limit (`first`, the gateway's, as its Redis script
 * answers) or the longest (`longest`, the platform's: the attempt is refused until all have room).
 */
export function reserveAttempt(limits: readonly AttemptLimit[], now: number, wait: 'first' | 'longest'): AttemptReservation {
  const waits = limits.map((limit) => limit.waitMs(now)).filter((ms) => ms > 0);
  if (waits.length > 0) return { allowed: false, retryAfterS: retryAfterSeconds(wait === 'first' ? (waits[0] as number) : Math.max(...waits)) };
  for (const limit of limits) limit.add(now);
  return { allowed: true, release: once(() => limits.forEach((limit) => limit.remove(now))) };
}

/** A fixed window: at most `max` attempts until `resetAt`; a new window (object) begins after it. */
export class FixedWindow {
  count = 0;
  constructor(readonly resetAt: number) {}

  limit(max: number): AttemptLimit {
    return {
      waitMs: (now) => (this.count >= max ? this.resetAt - now : 0),
      add: () => {
        this.count++;
      },
      remove: () => {
        this.count = Math.max(0, this.count - 1);
      },
    };
  }
}

/** A sliding window: the times of the attempts of the last `windowMs`, at most `max` of them. */
export class SlidingWindow {
  private times: number[] = [];
  constructor(private readonly windowMs: number) {}

  /** Forgets attempts older than the window; true when none is left. */
  prune(now: number): boolean {
    this.times = this.times.filter((at) => at > now - this.windowMs);
    return this.times.length === 0;
  }

  /** True when every attempt kept is older than the window (without forgetting them). */
  idle(now: number): boolean {
    return this.times.every((at) => at <= now - this.windowMs);
  }

  limit(max: number): AttemptLimit {
    return {
      waitMs: (now) => {
        this.prune(now);
        return this.times.length >= max ? Math.min(...this.times) + this.windowMs - now : 0;
      },
      add: (at) => {
        this.times.push(at);
      },
      remove: (at) => {
        const index = this.times.indexOf(at);
        if (index !== -1) this.times.splice(index, 1);
      },
    };
  }
}
