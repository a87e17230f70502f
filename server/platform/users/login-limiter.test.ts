import { describe, expect, it } from 'vitest';
import { createLoginLimiter, LOGIN_WINDOW_MS } from './login-limiter';

function setUp(perEmail = 3, perIp = 5) {
  const clock = { now: 1_000_000 };
  const limiter = createLoginLimiter({ perEmail, perIp, now: () => clock.now });
  return { clock, limiter };
}

const granted = (attempt: ReturnType<ReturnType<typeof createLoginLimiter>['reserve']>) => {
  if (!attempt.ok) throw new Error(`refused, retry after ${attempt.retryAfterS} s`);
  return attempt;
};

describe('the sign-in limiter', () => {
  it('allows perEmail attempts per IP+email (email case and spaces ignored), then says how long to wait', () => {
    const { clock, limiter } = setUp();
    granted(limiter.reserve('10.0.0.1', 'a@b.co'));
    clock.now += 10_000;
    granted(limiter.reserve('10.0.0.1', ' A@B.co'));
    granted(limiter.reserve('10.0.0.1', 'a@B.CO'));
    expect(limiter.reserve('10.0.0.1', 'a@b.co')).toEqual({ ok: false, retryAfterS: 50 });
    // Another IP, or another email from this IP, has its own allowance.
    expect(limiter.reserve('10.0.0.2', 'a@b.co').ok).toBe(true);
    expect(limiter.reserve('10.0.0.1', 'c@d.co').ok).toBe(true);
  });

  it('allows perIp attempts per IP whatever the emails', () => {
    const { limiter } = setUp(3, 5);
    for (let i = 0; i < 5; i += 1) granted(limiter.reserve('10.0.0.1', `user${i}@b.co`));
    const refused = limiter.reserve('10.0.0.1', 'fresh@b.co');
    expect(refused).toEqual({ ok: false, retryAfterS: 60 });
    expect(limiter.reserve('10.0.0.9', 'fresh@b.co').ok).toBe(true);
  });

  it('slides: each attempt frees its place a window after it was made', () => {
    const { clock, limiter } = setUp();
    granted(limiter.reserve('ip', 'e@x.co'));
    clock.now += 20_000;
    granted(limiter.reserve('ip', 'e@x.co'));
    granted(limiter.reserve('ip', 'e@x.co'));
    clock.now += LOGIN_WINDOW_MS - 20_000 - 1;
    expect(limiter.reserve('ip', 'e@x.co')).toEqual({ ok: false, retryAfterS: 1 });
    clock.now += 1;
    granted(limiter.reserve('ip', 'e@x.co'));
    expect(limiter.reserve('ip', 'e@x.co')).toEqual({ ok: false, retryAfterS: 20 });
  });

  it('gives a released attempt back, once only', () => {
    const { limiter } = setUp(2, 10);
    const first = granted(limiter.reserve('ip', 'e@x.co'));
    granted(limiter.reserve('ip', 'e@x.co'));
    expect(limiter.reserve('ip', 'e@x.co').ok).toBe(false);
    first.release();
    first.release();
    granted(limiter.reserve('ip', 'e@x.co'));
    expect(limiter.reserve('ip', 'e@x.co').ok).toBe(false);
  });

  it('holds its place for attempts still being checked (reserve is synchronous)', () => {
    const { limiter } = setUp(5, 20);
    const answers = Array.from({ length: 100 }, () => limiter.reserve('ip', 'e@x.co'));
    expect(answers.filter((a) => a.ok)).toHaveLength(5);
    expect(answers.filter((a) => !a.ok)).toHaveLength(95);
  });

  it('forgets keys idle for a window, so random emails cannot grow it without bound', () => {
    const { clock, limiter } = setUp(3, 1000);
    for (let i = 0; i < 500; i += 1) limiter.reserve('ip', `random${i}@x.co`);
    expect(limiter.size()).toBe(501);
    clock.now += LOGIN_WINDOW_MS;
    limiter.reserve('other-ip', 'e@x.co');
    expect(limiter.size()).toBe(2);
  });
});
