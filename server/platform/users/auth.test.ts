import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginResponseSchema } from '../../../contract/auth';
import { envelopeSchema } from '../../../contract/envelope';
import { lockListResponseSchema, lockResponseSchema } from '../../../contract/locks';
import { startPlatform } from '../platform';
import { DEMO_CREDENTIALS, call, loginAs } from '../testing';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password';
import { TOKEN_TTL_MS } from './tokens-repository';

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
    const lock = lockListResponseSchema.parse((await call(platform.url, 'GET', '/api/locks?pagenumber=1&limit=1&online=1', { token })).body)
      .lockslist[0];
    expect(lock).toBeDefined();
    const before = await call(platform.url, 'GET', `/api/locks/${lock?.lockid}`, { token });
    await expectError(await call(platform.url, 'POST', `/api/locks/${lock?.lockid}/unlock`, { token }), 403, /support/);
    await expectError(await call(platform.url, 'POST', `/api/locks/${lock?.lockid}/lock`, { token }), 403);
    await expectError(await call(platform.url, 'DELETE', `/api/locks/${lock?.lockid}`, { token }), 403);
    const after = await call(platform.url, 'GET', `/api/locks/${lock?.lockid}`, { token });
    expect(lockResponseSchema.parse(after.body)).toEqual(lockResponseSchema.parse(before.body));
    expect((await call(platform.url, 'POST', '/api/logout', { token })).status).toBe(200);
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
