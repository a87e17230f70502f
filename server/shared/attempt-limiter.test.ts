import { describe, expect, it } from 'vitest';
import { FixedWindow, SlidingWindow, reserveAttempt } from './attempt-limiter';

describe('reserveAttempt', () => {
  it('counts in every limit or in none, and gives the attempt back once', () => {
    const narrow = new FixedWindow(60_000);
    const wide = new FixedWindow(30_000);
    const first = reserveAttempt([narrow.limit(2), wide.limit(5)], 0, 'first');
    expect(first.allowed).toBe(true);
    expect(reserveAttempt([narrow.limit(2), wide.limit(5)], 0, 'first').allowed).toBe(true);
    expect(reserveAttempt([narrow.limit(2), wide.limit(5)], 10_000, 'first')).toEqual({ allowed: false, retryAfterS: 50 });
    expect([narrow.count, wide.count]).toEqual([2, 2]);
    if (first.allowed) {
      first.release();
      first.release();
    }
    expect([narrow.count, wide.count]).toEqual([1, 1]);
  });

  it('tells the first full limit’s wait, or the longest', () => {
    const a = new FixedWindow(20_000);
    const b = new FixedWindow(50_000);
    expect(reserveAttempt([a.limit(0), b.limit(0)], 0, 'first')).toEqual({ allowed: false, retryAfterS: 20 });
    expect(reserveAttempt([a.limit(0), b.limit(0)], 0, 'longest')).toEqual({ allowed: false, retryAfterS: 50 });
  });

  it('slides: an attempt frees its place a window after it was made', () => {
    const window = new SlidingWindow(60_000);
    expect(reserveAttempt([window.limit(2)], 0, 'longest').allowed).toBe(true);
    expect(reserveAttempt([window.limit(2)], 20_000, 'longest').allowed).toBe(true);
    expect(reserveAttempt([window.limit(2)], 59_999, 'longest')).toEqual({ allowed: false, retryAfterS: 1 });
    expect(reserveAttempt([window.limit(2)], 60_000, 'longest').allowed).toBe(true);
    expect(window.idle(140_000)).toBe(true);
  });
});
