import { afterEach, describe, expect, it, vi } from 'vitest';
import { FAKE_ACCOUNTS, FakeTokens, fakeLocks, fullPlatform, withSignIn } from '../../test-support/fake-fleet';
import { signIn, startGateway, testConfig } from '../../test-support/gateway';
import { type Handler, StandInUpstream, sendJson } from '../../test-support/stand-in-upstream';
import { csvCell } from './events-export';
import { SESSION_COOKIE } from './session';

/**
 * What a real vendor host sends, and what the gateway must make of it, against a stand-in
 * upstream on port 0 (DESIGN.md: status 0 with HTTP 200, extra fields, null totals, odd files).
 */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

class AuditCapture {
  readonly lines: Record<string, unknown>[] = [];
  write(line: string) {
    this.lines.push(JSON.parse(line) as Record<string, unknown>);
    return true;
  }
}

async function setUp(handler: Handler, env: Record<string, string> = {}) {
  const upstream = await new StandInUpstream(handler).start();
  const audit = new AuditCapture();
  const gateway = await startGateway(upstream.url, { config: testConfig(env), auditStream: audit });
  cleanups.push(() => upstream.stop(), () => gateway.close());
  return { upstream, gateway, audit };
}

const login = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: url, ...headers }, body: JSON.stringify(body) });

/** A signed-in stand-in that answers `route` with `answer` and everything else like the contract. */
type Answer = (url: URL, request: Parameters<Handler>[0], response: Parameters<Handler>[1]) => ReturnType<Handler> | 'next';

function platformWith(tokens: FakeTokens, answer: Answer): Handler {
  const rest = fullPlatform(fakeLocks(), tokens);
  return withSignIn((request, response) => {
    const result = answer(new URL(request.url, 'http://upstream'), request, response);
    return result === 'next' ? rest(request, response) : result;
  }, tokens);
}

describe('sign-in against a vendor host', () => {
  it('counts the documented failure (HTTP 200, status 0) as a wrong password, and limits it', async () => {
    const { gateway, audit, upstream } = await setUp((request, response) => {
      if (request.url === '/api/login') return sendJson(response, 200, { status: 0, msg: 'Wrong password' });
      sendJson(response, 404, { status: 0, msg: 'none' });
    }, { LOGIN_RATE_LIMIT: '3' });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await login(gateway.url, { email: 'a@b.test', password: `guess-${i}` })).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    expect(upstream.requests.filter((r) => r.url === '/api/login')).toHaveLength(3);
    expect(audit.lines.filter((l) => l.action === 'sign-in-failed')).toHaveLength(3);
  });

  it('signs in a user object with extra fields, and keeps only the known ones', async () => {
    const tokens = new FakeTokens();
    const { gateway } = await setUp((request, response) => {
      if (request.url === '/api/login') {
        const user = { ...FAKE_ACCOUNTS.manager.user, avatar: '/x.png', company_id: 7, last_login: '2026-01-01 00:00:00' };
        return sendJson(response, 200, { status: 1, msg: 'ok', token: tokens.issue('manager'), user, expires_in: 3600 });
      }
      sendJson(response, 404, { status: 0, msg: 'none' });
    });
    const response = await login(gateway.url, { email: FAKE_ACCOUNTS.manager.email, password: 'pw' });
    expect(response.status).toBe(200);
    expect((await response.json()).user).toEqual(FAKE_ACCOUNTS.manager.user);
  });

  it('limits by the address the one trusted proxy saw (TRUST_PROXY=on), not one the client wrote', async () => {
    const tokens = new FakeTokens();
    const { gateway, audit } = await setUp(withSignIn(fullPlatform(fakeLocks(), tokens), tokens), { TRUST_PROXY: 'on', LOGIN_RATE_LIMIT: '2' });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const forwarded = { 'x-forwarded-for': `10.0.0.${i}, 203.0.113.9`, 'x-forwarded-proto': 'https', 'x-forwarded-host': 'lockboard.example' };
      const response = await login(gateway.url, { email: FAKE_ACCOUNTS.manager.email, password: 'wrong' }, { ...forwarded, origin: 'https://lockboard.example' });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 429, 429]);
    const ips = new Set(audit.lines.filter((l) => String(l.action).startsWith('sign-in')).map((l) => l.ip));
    expect([...ips]).toEqual(['203.0.113.9']);
  });
});

describe('answers from a vendor host', () => {
  it('passes on a failure as {status: 0, msg} only: never a stack or anything else it added', async () => {
    const tokens = new FakeTokens();
    const { gateway } = await setUp(
      platformWith(tokens, (url, _request, response) => {
        if (url.pathname !== '/api/locks/summary') return 'next';
        return sendJson(response, 500, { status: 0, msg: 'Database busy', stack: 'Error: at /srv/app/db.js:12', query: 'SELECT *' });
      }),
    );
    const session = await signIn(gateway.url, FAKE_ACCOUNTS.manager.email, FAKE_ACCOUNTS.manager.password);
    const response = await fetch(`${gateway.url}/api/locks/summary`, { headers: session });
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({ status: 0, msg: 'Database busy' });
  });

  it('ends the session when the platform answers a command with 401', async () => {
    const tokens = new FakeTokens();
    const { gateway } = await setUp(
      platformWith(tokens, (url, _request, response) => (url.pathname.endsWith('/unlock') ? sendJson(response, 401, { status: 0, msg: 'Token revoked' }) : 'next')),
    );
    const session = await signIn(gateway.url, FAKE_ACCOUNTS.manager.email, FAKE_ACCOUNTS.manager.password);
    const response = await fetch(`${gateway.url}/api/locks/EM000001/unlock`, { method: 'POST', headers: session });
    expect(response.status).toBe(401);
    expect(response.headers.get('set-cookie')).toMatch(new RegExp(`${SESSION_COOKIE}=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)`, 'i'));
  });

  it('gives the password reveal no ETag (a hash of a password is an oracle)', async () => {
    const tokens = new FakeTokens();
    const { gateway } = await setUp(withSignIn(fullPlatform(fakeLocks(), tokens), tokens));
    const session = await signIn(gateway.url, FAKE_ACCOUNTS.manager.email, FAKE_ACCOUNTS.manager.password);
    const response = await fetch(`${gateway.url}/api/locks/EM000002/password`, { headers: session });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBeNull();
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});

describe('pictures from a vendor host', () => {
  const files: Record<string, [string, string]> = {
    'door.jpg': ['image/jpeg', '\xff\xd8\xff\xe0JFIF'],
    'page.html': ['text/html', '<script>alert(document.cookie)</script>'],
    'run.js': ['text/javascript', 'fetch("/api/locks/x/unlock",{method:"POST"})'],
    'vector.svg': ['image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'],
    'sniff.jpg': ['', '<html><script>alert(1)</script></html>'],
  };

  it('passes raster images only, as images that cannot run, and nothing else', async () => {
    const tokens = new FakeTokens();
    const { gateway } = await setUp(
      platformWith(tokens, (url, _request, response) => {
        const file = files[url.pathname.replace('/api/uploads/product_images/', '')];
        if (!file) return 'next';
        const headers: Record<string, string> = file[0] ? { 'content-type': file[0] } : {};
        response.writeHead(200, headers).end(file[1]);
      }),
    );
    const session = await signIn(gateway.url, FAKE_ACCOUNTS.support.email, FAKE_ACCOUNTS.support.password);
    const picture = await fetch(`${gateway.url}/api/uploads/product_images/door.jpg`, { headers: session });
    expect(picture.status).toBe(200);
    expect(picture.headers.get('content-type')).toBe('image/jpeg');
    expect(picture.headers.get('x-content-type-options')).toBe('nosniff');
    expect(picture.headers.get('content-security-policy')).toContain('sandbox');
    for (const name of ['page.html', 'run.js', 'vector.svg', 'sniff.jpg']) {
      const refused = await fetch(`${gateway.url}/api/uploads/product_images/${name}`, { headers: session });
      expect(refused.status, name).toBe(404);
      expect(refused.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await refused.json()).toEqual({ status: 0, msg: expect.stringMatching(/picture/) });
    }
    expect((await fetch(`${gateway.url}/api/uploads/product_images/door.jpg`)).status).toBe(401);
  });
});

describe('the Activity export against a vendor host', () => {
  const event = (id: number) => ({ eventid: id, lockid: 'EM1', lockname: 'Door', event_type: 'unlocked', userid: null, username: null, method: 'card', event_date: '2026-11-01 10:00:00', battery_level: null });
  /** 250 events in pages of 100, with the totals a real host may leave out. */
  function eventPages(totals: { totalCount: unknown; totalPage: unknown }, failPage?: number): Answer {
    return (url, _request, response) => {
      if (url.pathname !== '/api/events') return 'next';
      const page = Number(url.searchParams.get('pagenumber'));
      if (page === failPage) return sendJson(response, 500, { status: 0, msg: 'Database busy' });
      const ids = Array.from({ length: 250 }, (_, i) => 250 - i).slice((page - 1) * 100, page * 100);
      return sendJson(response, 200, { status: 1, msg: '', ...totals, currentPage: page, eventslist: ids.map(event) });
    };
  }

  it('reads every page when the host sends no totals (null)', async () => {
    const tokens = new FakeTokens();
    const { gateway } = await setUp(platformWith(tokens, eventPages({ totalCount: null, totalPage: null })));
    const session = await signIn(gateway.url, FAKE_ACCOUNTS.manager.email, FAKE_ACCOUNTS.manager.password);
    const response = await fetch(`${gateway.url}/api/events/export.csv`, { headers: session });
    expect(response.status).toBe(200);
    const rows = (await response.text()).trimEnd().split('\r\n');
    expect(rows).toHaveLength(251);
    expect(rows.at(-1)?.startsWith('1,')).toBe(true);
  });

  it('reads totalPage when totalCount is missing, and breaks off visibly when a page fails', async () => {
    const tokens = new FakeTokens();
    const { gateway, audit } = await setUp(platformWith(tokens, eventPages({ totalCount: null, totalPage: 3 }, 2)));
    const session = await signIn(gateway.url, FAKE_ACCOUNTS.manager.email, FAKE_ACCOUNTS.manager.password);
    const response = await fetch(`${gateway.url}/api/events/export.csv`, { headers: session });
    // Either the failure came before any byte went out (a 502 saying why), or the file breaks off:
    // never a complete-looking file with a 200.
    if (response.status === 200) {
      await expect(response.text()).rejects.toThrow();
    } else {
      expect(response.status).toBe(502);
      expect(await response.json()).toEqual({ status: 0, msg: 'The export stopped at page 2: Database busy' });
    }
    // The audit line is written as the stream breaks off, which the client may see first.
    await vi.waitFor(() =>
      expect(audit.lines.some((l) => l.action === 'activity-export' && l.result === 'failed' && String(l.detail).includes('page 2'))).toBe(true),
    );
  });
});

describe('csvCell', () => {
  it.each(['=', '+', '-', '@', '\t', '\r'])('defuses a text starting with %j', (first) => {
    const cell = csvCell(`${first}cmd|' /C calc'!A0`);
    expect(cell.replace(/^"/, '').startsWith(`'${first}`)).toBe(true);
  });
});
