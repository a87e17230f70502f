import { afterEach, describe, expect, it, vi } from 'vitest';
import { FAKE_ACCOUNTS, FakeTokens, fullPlatform, withSignIn } from '../../test-support/fake-fleet';
import { signIn, startGateway, testConfig } from '../../test-support/gateway';
import { raw } from '../../test-support/raw-http';
import { StandInUpstream, sendJson } from '../../test-support/stand-in-upstream';

/**
 * A copy of a signed-out session's cookie (kept by a browser extension, a proxy log, a shared
 * machine) is refused for as long as the cookie itself could be used: the deny list must remember
 * the session until its expiry, not for a shorter while. The upstream here keeps tokens alive after
 * a sign-out (a host whose logout does nothing), so the deny list is all that stands between the
 * copy and the data. The clock (Date only; timers run for real) is moved past a short TTL and up to
 * the end of the session; the replays are raw HTTP with the old cookie.
 */
const MAX_HOURS = 8;
const T0 = Date.parse('2026-12-07T09:00:00Z');
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
  vi.useRealTimers();
});

async function setUp() {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
  const tokens = new FakeTokens();
  const platform = withSignIn(fullPlatform(undefined, tokens), tokens);
  // A host whose sign-out does not end the token: it works upstream until the end of the test.
  const upstream = await new StandInUpstream((request, response) =>
    request.url === '/api/logout' ? sendJson(response, 200, { status: 1, msg: '' }) : platform(request, response),
  ).start();
  const gateway = await startGateway(upstream.url, { config: testConfig({ SESSION_MAX_HOURS: String(MAX_HOURS) }) });
  cleanups.push(() => upstream.stop(), () => gateway.close());
  const signedIn = () => signIn(gateway.url, FAKE_ACCOUNTS.manager.email, FAKE_ACCOUNTS.manager.password);
  return { gateway, signedIn };
}

describe('a signed-out session’s cookie, replayed later', () => {
  it('is refused (401) after a minute, an hour and until the session would have ended; another session still works', async () => {
    const { gateway, signedIn } = await setUp();
    const leaving = await signedIn();
    const staying = await signedIn();
    expect((await raw(gateway.url, 'GET', '/api/me', { Cookie: leaving.cookie ?? '' })).status).toBe(200);

    const out = await fetch(`${gateway.url}/api/logout`, { method: 'POST', headers: leaving });
    expect(out.status).toBe(200);

    for (const later of [0, 2 * 60_000, 61 * 60_000, MAX_HOURS * 3600_000 - 60_000]) {
      vi.setSystemTime(T0 + later);
      const me = await raw(gateway.url, 'GET', '/api/me', { Cookie: leaving.cookie ?? '' });
      expect(me.status, `/api/me ${later / 60_000} min after sign-out`).toBe(401);
      const locks = await raw(gateway.url, 'GET', '/api/locks?pagenumber=1&limit=10', { Cookie: leaving.cookie ?? '' });
      expect(locks.status, `/api/locks ${later / 60_000} min after sign-out`).toBe(401);
      expect(locks.body).not.toContain('lockslist');
      // The session that did not sign out is unaffected by the clock's move.
      expect((await raw(gateway.url, 'GET', '/api/me', { Cookie: staying.cookie ?? '' })).status).toBe(200);
    }
  });
});
