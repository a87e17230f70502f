import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startPlatform } from '../platform/platform';
import { type RunningGateway, signIn, startGateway, testConfig } from '../../test-support/gateway';
import { type TestRedis, startRedis } from '../../test-support/redis';
import { TEST_QUIRKS } from '../../test-support/platform-quirks';

const MANAGER = { email: 'manager@lockboard.local', password: 'lockboard-manager' };
const SUPPORT = { email: 'support@lockboard.local', password: 'lockboard-support' };

let dir: string;
let platform: Awaited<ReturnType<typeof startPlatform>>;
let redis: TestRedis;
let a: RunningGateway;
let b: RunningGateway;

/** One platform on its own, Redis, and two gateway copies with the same SESSION_SECRET and REDIS_URL. */
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lockboard-copies-'));
  redis = await startRedis();
  platform = await startPlatform({ dbPath: join(dir, 'platform.sqlite'), simulator: false, quirks: TEST_QUIRKS, seed: { historyDays: 0 }, loginRateLimit: 50 });
  const config = () => testConfig({ REDIS_URL: redis.url, LOGIN_RATE_LIMIT: '3' });
  [a, b] = await Promise.all([startGateway(platform.url, { config: config() }), startGateway(platform.url, { config: config() })]);
  await vi.waitFor(() => expect([a.shared.status, b.shared.status]).toEqual(['up', 'up']), { timeout: 5_000 });
}, 30_000);

afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await platform?.close();
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The session cookie of a fresh sign-in on `gateway`. */
async function signedIn(gateway: RunningGateway, account: { email: string; password: string }): Promise<string> {
  const { cookie } = await signIn(gateway.url, account.email, account.password);
  if (!cookie) throw new Error('no session cookie');
  return cookie;
}

const me = (gateway: RunningGateway, cookie: string) => fetch(`${gateway.url}/api/me`, { headers: { cookie } });
const health = async (gateway: RunningGateway) => (await (await fetch(`${gateway.url}/healthz`)).json()) as { redis: string; msg: string };
const logout = (gateway: RunningGateway, cookie: string) =>
  fetch(`${gateway.url}/api/logout`, { method: 'POST', headers: { cookie, origin: gateway.url } });
function wrongPassword(gateway: RunningGateway, email: string) {
  return fetch(`${gateway.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: gateway.url },
    body: JSON.stringify({ email, password: 'not-the-password' }),
  });
}

describe('two gateway copies sharing one platform and Redis', () => {
  it('serve a session signed in on either copy', async () => {
    const cookie = await signedIn(a, MANAGER);
    const onB = await me(b, cookie);
    expect(onB.status).toBe(200);
    expect((await onB.json()).user.email).toBe(MANAGER.email);
    const locks = await fetch(`${b.url}/api/locks?pagenumber=1&limit=5`, { headers: { cookie } });
    expect(locks.status).toBe(200);
  });

  it('add up wrong passwords across the copies: 3 a minute in all, not 3 each', async () => {
    const email = 'guess-across@lockboard.local';
    expect((await wrongPassword(a, email)).status).toBe(401);
    expect((await wrongPassword(b, email)).status).toBe(401);
    expect((await wrongPassword(a, email)).status).toBe(401);
    const fourth = await wrongPassword(b, email);
    expect(fourth.status).toBe(429);
    expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await wrongPassword(a, email)).status).toBe(429);
  });

  it('end a signed-out session on every copy at once, even for a copied cookie', async () => {
    const cookie = await signedIn(a, MANAGER);
    expect((await me(b, cookie)).status).toBe(200);
    expect((await logout(a, cookie)).status).toBe(200);
    // The browser's cookie is cleared; a copy of it kept elsewhere is dead on both copies.
    for (const gateway of [a, b]) {
      const answer = await me(gateway, cookie);
      expect(answer.status).toBe(401);
      expect(answer.headers.get('set-cookie') ?? '').toMatch(/lockboard_session=;/);
    }
    const other = await signedIn(b, SUPPORT);
    expect((await me(a, other)).status).toBe(200);
  });

  it('refuse an expired session on the copy that did not sign it in', async () => {
    const cookie = await signedIn(a, MANAGER);
    expect((await me(b, cookie)).status).toBe(200);
    // The session's life (SESSION_MAX_HOURS, 12 by default) has run out on every copy's clock.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 12 * 3600_000 + 60_000 });
    try {
      const answer = await me(b, cookie);
      expect(answer.status).toBe(401);
      expect(((await answer.json()) as { msg: string }).msg).toMatch(/session has expired/);
      expect((await fetch(`${b.url}/api/locks?pagenumber=1&limit=1`, { headers: { cookie } })).status).toBe(401);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keep serving when Redis stops, with per-copy limits, and share again once it is back', { timeout: 30_000 }, async () => {
    const before = await signedIn(a, MANAGER);
    await redis.stop();
    await vi.waitFor(async () => expect((await health(a)).redis).toBe('down'), { timeout: 5_000 });
    expect((await health(b)).msg).toMatch(/Redis is down/);

    // Sessions and sign-in still work; limits are per copy now (3 on each).
    expect((await me(b, before)).status).toBe(200);
    const during = await signedIn(b, SUPPORT);
    expect((await me(a, during)).status).toBe(200);
    const email = 'guess-while-down@lockboard.local';
    for (let i = 0; i < 3; i += 1) expect((await wrongPassword(a, email)).status).toBe(401);
    expect((await wrongPassword(a, email)).status).toBe(429);
    expect((await wrongPassword(b, email)).status).toBe(401);

    // A sign-out while Redis is away ends the session on that copy at once, and on the other once Redis is back.
    await logout(a, before);
    expect((await me(a, before)).status).toBe(401);

    await redis.start();
    await vi.waitFor(async () => expect([(await health(a)).redis, (await health(b)).redis]).toEqual(['up', 'up']), { timeout: 10_000 });
    await vi.waitFor(async () => expect((await me(b, before)).status).toBe(401), { timeout: 5_000 });
    expect((await me(b, during)).status).toBe(200);

    const shared = 'guess-after-return@lockboard.local';
    expect((await wrongPassword(a, shared)).status).toBe(401);
    expect((await wrongPassword(b, shared)).status).toBe(401);
    expect((await wrongPassword(a, shared)).status).toBe(401);
    expect((await wrongPassword(b, shared)).status).toBe(429);
  });
});

describe('one copy without REDIS_URL', () => {
  it('says redis: off and still refuses a signed-out cookie', async () => {
    const alone = await startGateway(platform.url, { config: testConfig() });
    try {
      expect((await health(alone)).redis).toBe('off');
      const cookie = await signedIn(alone, MANAGER);
      await logout(alone, cookie);
      expect((await me(alone, cookie)).status).toBe(401);
    } finally {
      await alone.close();
    }
  });
});
