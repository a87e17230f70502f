import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeTokens, fakeLocks, fullPlatform, withSignIn } from '../../test-support/fake-fleet';
import { signIn, startGateway } from '../../test-support/gateway';
import { MANAGER, SIGN_IN_PAGE, expiringHost } from '../../test-support/odd-host';
import { type Handler, StandInUpstream, sendJson } from '../../test-support/stand-in-upstream';
import { SESSION_COOKIE } from './session';
import { PROBE_PATH } from './signed-out';

/**
 * A host says a token is no longer good in its own ways (DESIGN.md, Security): the session must end
 * as for a 401 — the browser gets 401 "Your session has expired", the cookie is cleared and refused
 * from then on — and a refusal that is not about the token must not end it.
 */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function setUp(handler: Handler) {
  const upstream = await new StandInUpstream(handler).start();
  const gateway = await startGateway(upstream.url);
  cleanups.push(() => upstream.stop(), () => gateway.close());
  const session = await signIn(gateway.url, MANAGER.email, MANAGER.password);
  return { upstream, gateway, session };
}

const EXPIRED = { status: 0, msg: expect.stringMatching(/^Your session has expired/) };
const cleared = new RegExp(`${SESSION_COOKIE}=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)`, 'i');
const json = { 'content-type': 'application/json' };

/** Each gateway request that reads from the platform with the session's token, and how to send it. */
const TOKEN_REQUESTS: [string, string, RequestInit][] = [
  ['a proxied poll', '/api/locks?pagenumber=1&limit=25', {}],
  ['the password reveal', '/api/locks/EM000001/password', {}],
  ['a lock command', '/api/locks/EM000001/unlock', { method: 'POST' }],
  ['a bulk command for all locks', '/api/commands', { method: 'POST', headers: json, body: JSON.stringify({ action: 'lock', all: true }) }],
  ['the Activity export', '/api/events/export.csv', {}],
  ['a new grant', '/api/grants', { method: 'POST', headers: json, body: JSON.stringify({ userid: 1, lockid: 'EM000001', method: 'app' }) }],
];

describe('a token that expires into HTTP 200 with status 0', () => {
  it.each(TOKEN_REQUESTS)('ends the session on %s', async (_name, path, init) => {
    const host = expiringHost((tokens) => fullPlatform(fakeLocks(), tokens));
    const { gateway, session, upstream } = await setUp(host.handler);
    host.expire();
    const headers = { ...session, ...(init.headers as Record<string, string> | undefined) };
    const response = await fetch(`${gateway.url}${path}`, { ...init, headers });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual(EXPIRED);
    expect(response.headers.get('set-cookie')).toMatch(cleared);
    // The cookie, replayed, is no session any more: refused here, without asking the platform.
    const asked = upstream.requests.length;
    const replayed = await fetch(`${gateway.url}/api/locks?pagenumber=1&limit=25`, { headers: session });
    expect(replayed.status).toBe(401);
    await replayed.body?.cancel();
    expect(upstream.requests.length).toBe(asked);
  });

  it('says so on the relay with the header the browser reads', async () => {
    const host = expiringHost((tokens) => fullPlatform(fakeLocks(), tokens));
    const { gateway, session } = await setUp(host.handler);
    expect((await fetch(`${gateway.url}/api/locks?pagenumber=1&limit=25`, { headers: session })).status).toBe(200);
    host.expire();
    const response = await fetch(`${gateway.url}/api/locks/summary`, { headers: session });
    expect(response.status).toBe(401);
    expect(response.headers.get('x-lockboard-session')).toBe('ended');
    expect(await response.json()).toEqual(EXPIRED);
  });
});

describe('other ways a host says "signed out"', () => {
  const ways: [string, (response: ServerResponse) => void][] = [
    ['a redirect to its sign-in page', (response) => response.writeHead(302, { location: '/login?next=/api/locks' }).end()],
    ['its sign-in page with HTTP 200', (response) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(SIGN_IN_PAGE)],
    ['403 with status 0', (response) => sendJson(response, 403, { status: 0, msg: 'Forbidden: invalid credentials' })],
    ['401 with no JSON at all', (response) => response.writeHead(401, { 'www-authenticate': 'Bearer' }).end('Unauthorized')],
  ];
  it.each(ways)('ends the session on %s', async (_name, answer) => {
    const host = expiringHost((tokens) => fullPlatform(fakeLocks(), tokens));
    const { gateway } = await setUp(host.handler);
    for (const path of ['/api/locks?pagenumber=1&limit=25', '/api/locks/EM000001/password']) {
      const session = await signIn(gateway.url, MANAGER.email, MANAGER.password);
      host.expire(answer);
      const response = await fetch(`${gateway.url}${path}`, { headers: session });
      expect(response.status, path).toBe(401);
      expect(await response.json()).toEqual(EXPIRED);
    }
  });
});

describe('a refusal that is not about the token', () => {
  /** Answers searches with the vendor's refusal; everything else, the probe included, as the contract says. */
  function refusingSearches(probe: (response: ServerResponse) => void = () => {}) {
    const tokens = new FakeTokens();
    const rest = fullPlatform(fakeLocks(), tokens);
    const probeDown = { on: false };
    // Not while the gateway discovers the features at sign-in: the refusals of the test come after.
    const refusing = { on: false };
    const handler: Handler = withSignIn((request, response) => {
      if (request.url === PROBE_PATH && probeDown.on) return probe(response);
      if (refusing.on && request.url.includes('searchkey=')) return sendJson(response, 200, { status: 0, msg: 'searchkey must be at least 3 characters' });
      if (refusing.on && request.url.startsWith('/api/locks/summary')) return sendJson(response, 403, { status: 0, msg: 'Your plan has no summary' });
      return rest(request, response);
    }, tokens);
    return { handler, probeDown, refusing };
  }

  it('passes it on and keeps the session, probing the token once for many refusals', async () => {
    const { handler, refusing } = refusingSearches();
    const { gateway, session, upstream } = await setUp(handler);
    refusing.on = true;
    const probes = () => upstream.requests.filter((r) => r.url === PROBE_PATH).length;
    const before = probes();
    for (const q of ['ab', 'a', 'x']) {
      const response = await fetch(`${gateway.url}/api/locks?pagenumber=1&limit=25&searchkey=${q}`, { headers: session });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ status: 0, msg: 'searchkey must be at least 3 characters' });
    }
    const forbidden = await fetch(`${gateway.url}/api/locks/summary`, { headers: session });
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toEqual({ status: 0, msg: 'Your plan has no summary' });
    expect(probes() - before).toBe(1);
    expect((await fetch(`${gateway.url}/api/locks?pagenumber=1&limit=25`, { headers: session })).status).toBe(200);
  });

  it('keeps the session when the probe itself fails (the platform, not the token)', async () => {
    const { handler, probeDown, refusing } = refusingSearches((response) => sendJson(response, 503, { status: 0, msg: 'Maintenance' }));
    const { gateway, session } = await setUp(handler);
    probeDown.on = true;
    refusing.on = true;
    const response = await fetch(`${gateway.url}/api/locks?pagenumber=1&limit=25&searchkey=ab`, { headers: session });
    expect(response.status).toBe(400);
    await response.body?.cancel();
    expect((await fetch(`${gateway.url}/api/locks/EM000001`, { headers: session })).status).toBe(200);
  });
});

describe('a host that wants sign-in and says so as it says every failure', () => {
  it('has its features discovered with the session’s token, not taken as having none', async () => {
    const tokens = new FakeTokens();
    const rest = fullPlatform(fakeLocks(), tokens);
    const handler = withSignIn((request, response) => {
      if (!request.url.startsWith('/api/uploads/') && !tokens.roleOf(request)) return sendJson(response, 200, { status: 0, msg: 'please login first' });
      return rest(request, response);
    }, tokens);
    const { gateway, session } = await setUp(handler);
    const config = (await (await fetch(`${gateway.url}/app-config.json`, { headers: session })).json()) as { features: Record<string, boolean> };
    expect(config.features).toMatchObject({ lockDetail: true, lockSummary: true, lockFilters: true });
  });
});
