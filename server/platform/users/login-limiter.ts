import { SlidingWindow, reserveAttempt } from '../../shared/attempt-limiter';

/** How long a failed sign-in counts against its IP and email. */
export const LOGIN_WINDOW_MS = 60_000;

export type LoginReservation = { ok: true; release(): void } | { ok: false; retryAfterS: number };

export interface LoginLimiter {
  /**
   * Takes one attempt from both the IP+email and the IP allowance, or says how many seconds to
   * wait. Synchronous, so parallel requests can never all read "room left" before any counts.
   * `release()` gives the attempt back (a successful sign-in).
   */
  reserve(ip: string, email: string): LoginReservation;
  /** How many IP and IP+email keys are held (memory stays bounded by the recent ones). */
  size(): number;
}

/**
 * Sliding-window counters kept in memory: `perEmail` attempts a window per IP+email, `perIp` per
 * IP. One process only (the embedded platform is one); keys idle for a window are swept. The
 * reservation itself is the gateway's too (server/shared/attempt-limiter.ts).
 */
export function createLoginLimiter(opts: { perEmail: number; perIp: number; now: () => number; windowMs?: number }): LoginLimiter {
  const windowMs = opts.windowMs ?? LOGIN_WINDOW_MS;
  const byEmail = new Map<string, SlidingWindow>();
  const byIp = new Map<string, SlidingWindow>();
  let lastSweep = opts.now();

  const windowOf = (map: Map<string, SlidingWindow>, key: string): SlidingWindow => {
    let window = map.get(key);
    if (!window) {
      window = new SlidingWindow(windowMs);
      map.set(key, window);
    }
    return window;
  };
  const sweep = (now: number) => {
    for (const map of [byEmail, byIp]) {
      for (const [key, window] of map) if (window.idle(now)) map.delete(key);
    }
    lastSweep = now;
  };

  return {
    reserve(ip, email) {
      const now = opts.now();
      if (now - lastSweep >= windowMs) sweep(now);
      const emailKey = `${ip}\n${email.trim().toLowerCase()}`;
      const limits = [windowOf(byEmail, emailKey).limit(opts.perEmail), windowOf(byIp, ip).limit(opts.perIp)];
      const reservation = reserveAttempt(limits, now, 'longest');
      return reservation.allowed ? { ok: true, release: reservation.release } : { ok: false, retryAfterS: reservation.retryAfterS };
    },
    size: () => byEmail.size + byIp.size,
  };
}
