import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loginResponseSchema } from '../../../contract/auth';
import { envelopeSchema } from '../../../contract/envelope';
import { z } from 'zod';
import { listResponseSchema } from '../../../contract/envelope';
import { lockListResponseSchema, lockSchema } from '../../../contract/locks';

/** What a support token reads: locks without their password (never sent to it). */
const hiddenLock = lockSchema.omit({ lock_password: true });
const hiddenListSchema = listResponseSchema('lockslist', hiddenLock);
const hiddenDetailSchema = z.object({ status: z.literal(1), msg: z.string(), lock: hiddenLock });
import { startPlatform } from '../platform';
import { DEMO_CREDENTIALS, call, loginAs } from '../testing';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password';
import type * as PasswordModule from './password';
import { TOKEN_TTL_MS } from './tokens-repository';

// Counts the password checks the platform runs (the answers alone cannot tell a check from none).
const passwordChecks = vi.hoisted(() => ({ count: 0 }));
vi.mock('./password', async (importOriginal) => {
  const original = await importOriginal<typeof PasswordModule>();
  return {
    ...original,
    verifyPassword: (...args: Parameters<typeof original.verifyPassword>) => {
      passwordChecks.count += 1;
      return original.verifyPassword(...args);
    },
  };
});

let clock = new Date('2025-06-02T10:00:00Z');
let platform: Awaited<ReturnType<typeof startPlatform>>;

async function expectError(res: { status: number; body: unknown }, status: number, msg?: RegExp | string) {
  expect(res.status).toBe(status);
  const body = envelopeSchema.parse(res.body);
  expect(body.status).toBe(0);
  if (typeof msg === 'string') expect(body.msg).toBe(msg);
  else if (msg) expect(body.msg).toMatch(msg);
}

beforeAll(async () => {
  platform = await startPlatform({ dbPath: ':memory:', simulator: false, seed: { historyDays: 0 }, now: () => clock });
});
afterAll(() => platform.close());

describe('passwords', () => {
  it('hashes with scrypt and a random salt, in a self-describing string', async () => {
    const [a, b] = [await hashPassword('correct horse'), await hashPassword('correct horse')];
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('correct horsE', a)).toBe(false);
    expect(await verifyPassword('anything', null)).toBe(false);
    expect(await verifyPassword('anything', 'garbage')).toBe(false);
    expect(await verifyPassword('anything', DUMMY_HASH)).toBe(false);
  });
});

describe('POST /api/login', () => {
  it('signs in both demo accounts (email case-insensitive)', async () => {
    const res = await call(platform.url, 'POST', '/api/login', {
      body: { email: 'Manager@LockBoard.local', password: DEMO_CREDENTIALS.manager.password },
    });
    expect(res.status).toBe(200);
    const body = loginResponseSchema.parse(res.body);
    expect(body).toMatchObject({ status: 1, msg: '', user: { name: 'Demo Manager', email: 'manager@lockboard.local', role: 'manager' } });
    expect(body.token).toMatch(/^[\w-]{43}$/);
    const support = await call(platform.url, 'POST', '/api/login', { body: DEMO_CREDENTIALS.support });
    expect(loginResponseSchema.parse(support.body).user).toMatchObject({ name: 'Demo Support', role: 'support' });
  });

  it('answers the same 401 for a wrong password and an unknown email, in about the same time', async () => {
    const timed = async (body: object) => {
      const start = performance.now();
      const res = await call(platform.url, 'POST', '/api/login', { body });
      await expectError(res, 401, 'Invalid email or password');
      return performance.now() - start;
    };
    const wrong = await timed({ email: DEMO_CREDENTIALS.manager.email, password: 'nope' });
    const unknown = await timed({ email: 'nobody@lockboard.local', password: 'nope' });
    // Both run scrypt (tens of ms): an unknown email is not answered early.
    expect(unknown).toBeGreaterThan(wrong / 4);
  });

  it('refuses people (no password) and bad bodies', async () => {
    await expectError(await call(platform.url, 'POST', '/api/login', { body: { email: 'x', password: 'y' } }), 400, /email/);
    await expectError(await call(platform.url, 'POST', '/api/login', { body: { email: 'a@b.co' } }), 400, /password/);
    await expectError(await call(platform.url, 'POST', '/api/login', { body: { email: 'a@b.co', password: 'p', extra: 1 } }), 400);
    await expectError(await call(platform.url, 'POST', '/api/login', { body: '{"email":' }), 400, /JSON/);
    await expectError(await call(platform.url, 'POST', '/api/login', { body: 'email=a', headers: { 'content-type': 'text/plain' } }), 415);
    await expectError(await call(platform.url, 'POST', '/api/login', { body: { email: 'a@b.co', password: 'x'.repeat(70_000) } }), 413);
  });
});

describe('tokens', () => {
  it('are required on every /api route but login and the pictures', async () => {
    for (const path of ['/api/locks?pagenumber=1&limit=1', '/api/locks/summary', '/api/locks/EM000000', '/api/events?pagenumber=1&limit=1', '/api/nowhere']) {
      await expectError(await call(platform.url, 'GET', path), 401, /Bearer/);
      await expectError(await call(platform.url, 'GET', path, { token: 'x'.repeat(43) }), 401);
    }
    await expectError(await call(platform.url, 'POST', '/api/locks/EM000000/unlock'), 401);
    const pic = await fetch(`${platform.url}/api/uploads/product_images/arh3em.jpg`);
    expect(pic.status).toBe(200);
  });

  it('open the API, expire after 12 hours, and die on logout', async () => {
    const token = await loginAs(platform.url, 'manager');
    const ok = await call(platform.url, 'GET', '/api/locks?pagenumber=1&limit=2', { token });
    expect(lockListResponseSchema.parse(ok.body).lockslist).toHaveLength(2);

    const start = clock;
    clock = new Date(start.getTime() + TOKEN_TTL_MS - 1000);
    expect((await call(platform.url, 'GET', '/api/locks/summary', { token })).status).toBe(200);
    clock = new Date(start.getTime() + TOKEN_TTL_MS + 1000);
    await expectError(await call(platform.url, 'GET', '/api/locks/summary', { token }), 401, /expired/);
    clock = start;

    const other = await loginAs(platform.url, 'manager');
    const out = await call(platform.url, 'POST', '/api/logout', { token: other });
    expect(out.status).toBe(200);
    expect(envelopeSchema.parse(out.body)).toEqual({ status: 1, msg: '' });
    await expectError(await call(platform.url, 'GET', '/api/locks/summary', { token: other }), 401);
    await expectError(await call(platform.url, 'POST', '/api/logout', { token: other }), 401);
  });

  it('are stored only as SHA-256 hashes', async () => {
    const token = await loginAs(platform.url, 'manager');
    const stored = platform.db.prepare('SELECT token_hash FROM tokens').pluck().all() as Buffer[];
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.every((h) => h.length === 32)).toBe(true);
    expect(stored.some((h) => h.toString('base64url') === token)).toBe(false);
  });

  it('of a support account read but never change anything (403)', async () => {
    const token = await loginAs(platform.url, 'support');
    const lock = hiddenListSchema.parse((await call(platform.url, 'GET', '/api/locks?pagenumber=1&limit=1&online=1', { token })).body)
      .lockslist[0];
    expect(lock).toBeDefined();
    expect(lock).not.toHaveProperty('lock_password');
    const before = await call(platform.url, 'GET', `/api/locks/${lock?.lockid}`, { token });
    await expectError(await call(platform.url, 'POST', `/api/locks/${lock?.lockid}/unlock`, { token }), 403, /support/);
    await expectError(await call(platform.url, 'POST', `/api/locks/${lock?.lockid}/lock`, { token }), 403);
    await expectError(await call(platform.url, 'DELETE', `/api/locks/${lock?.lockid}`, { token }), 403);
    await expectError(await call(platform.url, 'PUT', `/api/locks/${lock?.lockid}`, { token, body: { lockname: 'x' } }), 403);
    await expectError(await call(platform.url, 'PATCH', `/api/locks/${lock?.lockid}`, { token, body: { lockname: 'x' } }), 403);
    // Reading is fine, whatever the route.
    await expectError(await call(platform.url, 'GET', '/api/nowhere', { token }), 404);
    const after = await call(platform.url, 'GET', `/api/locks/${lock?.lockid}`, { token });
    expect(hiddenDetailSchema.parse(after.body)).toEqual(hiddenDetailSchema.parse(before.body));
    expect((await call(platform.url, 'POST', '/api/logout', { token })).status).toBe(200);
  });
});

describe('the sign-in limit (direct sign-ins to the platform port)', () => {
  let limitClock = new Date('2025-06-02T10:00:00Z');
  let limited: Awaited<ReturnType<typeof startPlatform>>;
  const wrong = { email: DEMO_CREDENTIALS.manager.email, password: 'not-the-password' };
  const signIn = (body: object) => call(limited.url, 'POST', '/api/login', { body });
  const later = (ms: number) => {
    limitClock = new Date(limitClock.getTime() + ms);
  };

  beforeAll(async () => {
    limited = await startPlatform({ dbPath: ':memory:', simulator: false, seed: { locks: 10, historyDays: 0 }, now: () => limitClock });
  });
  afterAll(() => limited.close());

  it('checks at most 5 of 100 wrong passwords sent at once; the rest get 429 with Retry-After', async () => {
    const checksBefore = passwordChecks.count;
    const answers = await Promise.all(Array.from({ length: 100 }, () => signIn(wrong)));
    expect(passwordChecks.count - checksBefore).toBe(5);
    const checked = answers.filter((a) => a.status === 401);
    const refused = answers.filter((a) => a.status === 429);
    expect(checked).toHaveLength(5);
    expect(refused).toHaveLength(95);
    for (const answer of checked) await expectError(answer, 401, 'Invalid email or password');
    for (const answer of refused) {
      await expectError(answer, 429, /Too many failed sign-ins/);
      expect(Number(answer.headers.get('retry-after'))).toBe(60);
    }
    // The right password waits too (for this IP and email), until the window has passed.
    await expectError(await signIn(DEMO_CREDENTIALS.manager), 429);
    later(30_000);
    const waiting = await signIn(DEMO_CREDENTIALS.manager);
    expect(waiting.headers.get('retry-after')).toBe('30');
    later(30_000);
    expect((await signIn(DEMO_CREDENTIALS.manager)).status).toBe(200);
  });

  it('does not count a successful sign-in', async () => {
    later(60_000);
    for (let i = 0; i < 4; i += 1) await expectError(await signIn(wrong), 401);
    for (let i = 0; i < 3; i += 1) expect((await signIn(DEMO_CREDENTIALS.manager)).status).toBe(200);
    await expectError(await signIn(wrong), 401);
    await expectError(await signIn(wrong), 429);
  });

  it('allows 4× the limit per IP across emails', async () => {
    later(60_000);
    for (let i = 0; i < 20; i += 1) await expectError(await signIn({ email: `nobody${i}@lockboard.local`, password: 'x' }), 401);
    await expectError(await signIn({ email: 'someone-else@lockboard.local', password: 'x' }), 429);
    await expectError(await signIn(DEMO_CREDENTIALS.support), 429);
    later(60_000);
    expect((await signIn(DEMO_CREDENTIALS.support)).status).toBe(200);
  });

  it('takes its limit from loginRateLimit', async () => {
    const loose = await startPlatform({ dbPath: ':memory:', simulator: false, loginRateLimit: 2, seed: { locks: 10, historyDays: 0 } });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i += 1) statuses.push((await call(loose.url, 'POST', '/api/login', { body: wrong })).status);
      expect(statuses).toEqual([401, 401, 429]);
    } finally {
      await loose.close();
    }
  });
});

describe('requireAuth: false', () => {
  it('lets requests without a token through, but still stops a support token from changing state', async () => {
    const open = await startPlatform({ dbPath: ':memory:', simulator: false, requireAuth: false, seed: { locks: 20, historyDays: 0 } });
    try {
      expect((await call(open.url, 'GET', '/api/locks/summary')).status).toBe(200);
      const token = await loginAs(open.url, 'support');
      const lock = lockListResponseSchema.parse((await call(open.url, 'GET', '/api/locks?pagenumber=1&limit=1&online=1')).body).lockslist[0];
      await expectError(await call(open.url, 'POST', `/api/locks/${lock?.lockid}/unlock`, { token }), 403);
    } finally {
      await open.close();
    }
  }, 30_000);
});
