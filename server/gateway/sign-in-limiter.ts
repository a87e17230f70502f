/**
 * Failed sign-ins allowed per key (IP+email, IP) in a fixed one-minute window. An attempt is
 * reserved before the platform checks the password and released when it succeeds, so that a burst
 * of parallel guesses can never check more passwords than the limit allows.
 */
export interface Reservation {
  allowed: boolean;
  /** Seconds until the window that refused the attempt ends (when not allowed). */
  retryAfterS: number;
  /** Gives the attempt back (a successful sign-in, or an upstream that could not answer). */
  release(): void;
}

interface Window {
  count: number;
  resetAt: number;
}

export class SignInLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Reserves one attempt under every `[key, max]`; refused (and nothing kept) when any is full. */
  reserve(limits: readonly (readonly [key: string, max: number])[]): Reservation {
    const now = this.now();
    this.sweep(now);
    const windows = limits.map(([key, max]) => ({ window: this.windowFor(key, now), max }));
    const full = windows.find(({ window, max }) => window.count >= max);
    if (full) {
      return { allowed: false, retryAfterS: Math.max(1, Math.ceil((full.window.resetAt - now) / 1000)), release: () => {} };
    }
    for (const { window } of windows) window.count++;
    let released = false;
    return {
      allowed: true,
      retryAfterS: 0,
      release: () => {
        if (released) return;
        released = true;
        for (const { window } of windows) window.count = Math.max(0, window.count - 1);
      },
    };
  }

  private windowFor(key: string, now: number): Window {
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + this.windowMs };
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
