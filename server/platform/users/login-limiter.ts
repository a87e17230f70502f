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
 * IP. One process only (the embedded platform is one); keys idle for a window are swept.
 */
export function createLoginLimiter(opts: { perEmail: number; perIp: number; now: () => number; windowMs?: number }): LoginLimiter {
  const windowMs = opts.windowMs ?? LOGIN_WINDOW_MS;
  const byEmail = new Map<string, number[]>();
  const byIp = new Map<string, number[]>();
  let lastSweep = opts.now();

  const live = (map: Map<string, number[]>, key: string, now: number): number[] => {
    const kept = (map.get(key) ?? []).filter((at) => at > now - windowMs);
    map.set(key, kept);
    return kept;
  };
  const sweep = (now: number) => {
    for (const map of [byEmail, byIp]) {
      for (const [key, times] of map) if (times.every((at) => at <= now - windowMs)) map.delete(key);
    }
    lastSweep = now;
  };
  const drop = (times: number[], at: number) => {
    const index = times.indexOf(at);
    if (index !== -1) times.splice(index, 1);
  };

  return {
    reserve(ip, email) {
      const now = opts.now();
      if (now - lastSweep >= windowMs) sweep(now);
      const emailKey = `${ip}\n${email.trim().toLowerCase()}`;
      const emailTimes = live(byEmail, emailKey, now);
      const ipTimes = live(byIp, ip, now);
      const full = [
        ...(emailTimes.length >= opts.perEmail ? [emailTimes] : []),
        ...(ipTimes.length >= opts.perIp ? [ipTimes] : []),
      ];
      if (full.length > 0) {
        const waitMs = Math.max(...full.map((times) => Math.min(...times) + windowMs - now));
        return { ok: false, retryAfterS: Math.max(1, Math.ceil(waitMs / 1000)) };
      }
      emailTimes.push(now);
      ipTimes.push(now);
      let released = false;
      return {
        ok: true,
        release() {
          if (released) return;
          released = true;
          // The arrays may have been replaced by a later prune; release from the current ones.
          drop(byEmail.get(emailKey) ?? [], now);
          drop(byIp.get(ip) ?? [], now);
        },
      };
    },
    size: () => byEmail.size + byIp.size,
  };
}
