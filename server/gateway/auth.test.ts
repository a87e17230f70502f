import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FAKE_ACCOUNTS, FakeTokens, fakeLocks, fullPlatform, withSignIn } from '../../test-support/fake-fleet';
import { type RunningGateway, signIn, startGateway, testConfig } from '../../test-support/gateway';
import { StandInUpstream } from '../../test-support/stand-in-upstream';
import { SESSION_COOKIE } from './session';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

/** Audit lines written by the gateway under test. */
class AuditCapture {
  readonly lines: Record<string, unknown>[] = [];
  readonly raw: string[] = [];
  write(line: string) {
    this.raw.push(line);
    this.lines.push(JSON.parse(line) as Record<string, unknown>);
    return true;
  }
}

async function setUp(env: Record<string, string> = {}) {
  const tokens = new FakeTokens();
  const upstream = await new StandInUpstream(withSignIn(fullPlatform(fakeLocks(), tokens), tokens)).start();
  const audit = new AuditCapture();
  const gateway = await startGateway(upstream.url, { config: testConfig(env), auditStream: audit });
  cleanups.push(() => upstream.stop(), () => gateway.close());
  return { upstream, gateway, tokens, audit };
}

function login(gateway: RunningGateway, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${gateway.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: gateway.url, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const { manager, support } = FAKE_ACCOUNTS;

describe('sign-in', () => {
  it('keeps the token in an httpOnly, SameSite=Strict cookie and answers the user, never the token', async () => {
    const { gateway, tokens } = await setUp();
    const response = await login(gateway, { email: manager.email, password: manager.password });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toEqual({ status: 1, msg: 'Signed in', user: manager.user });
    const [token] = [...tokens.live.keys()];
    expect(JSON.stringify(body)).not.toContain(token);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).toMatch(/Max-Age=43500/);
    expect(cookie).not.toMatch(/Secure/i);
    expect(cookie).not.toContain(token);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('marks the cookie Secure behind a TLS proxy (TRUST_PROXY), and sends HSTS there', async () => {
    const { gateway } = await setUp({ TRUST_PROXY: 'on' });
    const host = new URL(gateway.url).host;
    const response = await login(
      gateway,
      { email: manager.email, password: manager.password },
      { 'x-forwarded-proto': 'https', 'x-forwarded-host': host, origin: `https://${host}` },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toMatch(/Secure/i);
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(response.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
  });

  it('answers a wrong password and an unknown email alike: 401 "Invalid email or password"', async () => {
    const { gateway, audit } = await setUp();
    for (const attempt of [
      { email: manager.email, password: 'wrong' },
      { email: 'nobody@example.com', password: manager.password },
    ]) {
      const response = await login(gateway, attempt);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ status: 0, msg: 'Invalid email or password' });
      expect(response.headers.get('set-cookie')).toBeNull();
    }
    const failed = audit.lines.filter((l) => l.action === 'sign-in-failed');
    expect(failed).toHaveLength(2);
    expect(failed[0]).toMatchObject({ audit: true, result: 'failed', user: { email: manager.email }, ip: '127.0.0.1' });
    expect(failed[0]?.time).toEqual(expect.any(String));
  });

  it('refuses malformed sign-in bodies with 400 {status: 0, msg}', async () => {
    const { gateway } = await setUp();
    for (const [body, msg] of [
      ['{"email": ', 'The request body is not valid JSON'],
      [{ email: 'not-an-email', password: 'x' }, /email/],
      [{ email: manager.email }, /password/],
      [{ email: manager.email, password: 'x', extra: 1 }, /extra|Unrecognized/i],
      [{ email: ['a'], password: 1 }, /email/],
    ] as const) {
      const response = await login(gateway, body);
      expect(response.status).toBe(400);
      const answer = await response.json();
      expect(answer.status).toBe(0);
      expect(answer.msg).toMatch(msg);
    }
  });

  it('limits failed sign-ins per IP+email with 429 and Retry-After, and then per IP', async () => {
    const { gateway, audit } = await setUp({ LOGIN_RATE_LIMIT: '3' });
    for (let i = 0; i < 3; i++) expect((await login(gateway, { email: manager.email, password: 'wrong' })).status).toBe(401);
    const blocked = await login(gateway, { email: manager.email, password: manager.password });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await blocked.json()).msg).toMatch(/Too many failed sign-ins\. Try again in \d+ seconds\./);
    expect(audit.lines.some((l) => l.action === 'sign-in-throttled')).toBe(true);

    // Another email from the same IP still gets its own attempts, until the IP's 4× limit.
    expect((await login(gateway, { email: support.email, password: support.password })).status).toBe(200);
    for (let i = 0; i < 9; i++) await login(gateway, { email: `user${i}@example.com`, password: 'wrong' });
    expect((await login(gateway, { email: support.email, password: support.password })).status).toBe(429);
  });
});

describe('sessions and roles', () => {
  it('answers every /api call without a session 401 {status: 0, msg}', async () => {
    const { gateway, upstream } = await setUp();
    const before = upstream.requests.length;
    for (const path of ['/api/locks?pagenumber=1&limit=10', '/api/me', '/api/locks/EM000001', '/api/uploads/product_images/a.jpg', '/api/locks/EM000001/password']) {
      const response = await fetch(`${gateway.url}${path}`);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ status: 0, msg: 'Sign in to continue' });
    }
    expect(upstream.requests.length).toBe(before);
  });

  it('tells who is signed in on /api/me', async () => {
    const { gateway } = await setUp();
    const headers = await signIn(gateway.url, support.email, support.password);
    const me = await fetch(`${gateway.url}/api/me`, { headers });
    expect(await me.json()).toEqual({ status: 1, msg: '', user: support.user });
  });

  it('lets support read but answers 403 to anything that changes state, without asking upstream', async () => {
    const { gateway, upstream, audit } = await setUp();
    const headers = await signIn(gateway.url, support.email, support.password);
    expect((await fetch(`${gateway.url}/api/locks?pagenumber=1&limit=10`, { headers })).status).toBe(200);
    const before = upstream.requests.length;
    for (const [method, path] of [
      ['POST', '/api/locks/EM000001/unlock'],
      ['POST', '/api/locks/EM000001/lock'],
      ['DELETE', '/api/grants/4'],
      ['PUT', '/api/lockgroups/1'],
    ]) {
      const response = await fetch(`${gateway.url}${path}`, { method, headers });
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ status: 0, msg: 'Support accounts can look but not change anything' });
    }
    expect(upstream.requests.length).toBe(before);
    expect(audit.lines.filter((l) => l.action === 'access-denied')).toHaveLength(4);
  });

  it('lets a manager change state', async () => {
    const { gateway, upstream } = await setUp();
    const headers = await signIn(gateway.url, manager.email, manager.password);
    const response = await fetch(`${gateway.url}/api/locks/EM000001/unlock`, { method: 'POST', headers });
    expect(response.status).toBe(200);
    expect(upstream.requests.some((r) => r.method === 'POST' && r.url === '/api/locks/EM000001/unlock')).toBe(true);
  });

  it('refuses state-changing requests that do not carry the dashboard Origin', async () => {
    const { gateway } = await setUp();
    const cookie = (await signIn(gateway.url, manager.email, manager.password)).cookie!;
    for (const origin of [undefined, 'https://evil.example', 'null']) {
      const response = await fetch(`${gateway.url}/api/locks/EM000001/unlock`, {
        method: 'POST',
        headers: origin ? { cookie, origin } : { cookie },
      });
      expect(response.status).toBe(403);
      expect((await response.json()).msg).toBe('This request did not come from the Lockboard dashboard');
    }
    const crossLogin = await login(gateway, { email: manager.email, password: manager.password }, { origin: 'https://evil.example' });
    expect(crossLogin.status).toBe(403);
  });

  it('signs out: revokes the token upstream and clears the cookie', async () => {
    const { gateway, tokens, upstream, audit } = await setUp();
    const headers = await signIn(gateway.url, manager.email, manager.password);
    expect(tokens.live.size).toBe(1);
    const response = await fetch(`${gateway.url}/api/logout`, { method: 'POST', headers });
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toMatch(new RegExp(`${SESSION_COOKIE}=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)`, 'i'));
    expect(tokens.live.size).toBe(0);
    expect(upstream.requests.some((r) => r.url === '/api/logout' && r.headers.authorization?.startsWith('Bearer '))).toBe(true);
    expect(audit.lines.some((l) => l.action === 'sign-out')).toBe(true);
    // A copy of the old cookie is worthless: its token is dead upstream, and the session ends.
    const replay = await fetch(`${gateway.url}/api/locks?pagenumber=1&limit=10`, { headers });
    expect(replay.status).toBe(401);
    expect(replay.headers.get('set-cookie')).toMatch(new RegExp(`${SESSION_COOKIE}=;`));
  });

  it('ends a session at SESSION_MAX_HOURS, and revokes its platform token', async () => {
    const { gateway, tokens } = await setUp({ SESSION_MAX_HOURS: '1' });
    const headers = await signIn(gateway.url, manager.email, manager.password);
    expect((await fetch(`${gateway.url}/api/me`, { headers })).status).toBe(200);
    expect(tokens.live.size).toBe(1);
    // Only the clock moves (an hour and a second); the servers and sockets stay real.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 3_601_000);
      const expired = await fetch(`${gateway.url}/api/me`, { headers });
      expect(expired.status).toBe(401);
      expect((await expired.json()).msg).toMatch(/session has expired/);
    } finally {
      vi.useRealTimers();
    }
    await vi.waitFor(() => expect(tokens.live.size).toBe(0));
  });

  it('ends the session at once when the upstream answers 401', async () => {
    const { gateway, tokens } = await setUp();
    const headers = await signIn(gateway.url, manager.email, manager.password);
    tokens.live.clear();
    const response = await fetch(`${gateway.url}/api/locks?pagenumber=1&limit=10`, { headers });
    expect(response.status).toBe(401);
    expect(response.headers.get('set-cookie')).toMatch(new RegExp(`${SESSION_COOKIE}=;`));
  });
});

describe('several copies', () => {
  it('serve the same session with the same SESSION_SECRET, and a copy learns the features from it', async () => {
    const { gateway, upstream } = await setUp();
    const headers = await signIn(gateway.url, manager.email, manager.password);
    const second = await startGateway(upstream.url, { config: testConfig() });
    cleanups.push(() => second.close());
    expect((await (await fetch(`${second.url}/app-config.json`)).json()).features.lockDetail).toBe(false);
    expect((await fetch(`${second.url}/api/me`, { headers })).status).toBe(200);
    const config = await (await fetch(`${second.url}/app-config.json`, { headers })).json();
    expect(config.features).toMatchObject({ lockFilters: true, lockSummary: true, lockDetail: true });
  });
});

describe('password reveal', () => {
  it('gives a manager one password, never cached, and audits it without the password', async () => {
    const { gateway, audit } = await setUp();
    const headers = await signIn(gateway.url, manager.email, manager.password);
    const response = await fetch(`${gateway.url}/api/locks/EM000002/password`, { headers });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ status: 1, msg: '', lockid: 'EM000002', lock_password: 'secret-EM000002' });
    const reveal = audit.lines.find((l) => l.action === 'password-reveal');
    expect(reveal).toMatchObject({ result: 'ok', lockid: 'EM000002', user: { email: manager.email, role: 'manager' }, ip: '127.0.0.1' });
    expect(audit.raw.join('\n')).not.toContain('secret-EM000002');
  });

  it('answers 404 for an unknown lock and 403 for support', async () => {
    const { gateway, audit } = await setUp();
    const managerHeaders = await signIn(gateway.url, manager.email, manager.password);
    const missing = await fetch(`${gateway.url}/api/locks/EM999999/password`, { headers: managerHeaders });
    expect(missing.status).toBe(404);
    expect((await missing.json()).msg).toBe('No lock EM999999 on this platform');
    const supportHeaders = await signIn(gateway.url, support.email, support.password);
    const denied = await fetch(`${gateway.url}/api/locks/EM000002/password`, { headers: supportHeaders });
    expect(denied.status).toBe(403);
    expect(await denied.json()).toEqual({ status: 0, msg: 'Only managers can reveal passwords and codes' });
    expect(
      audit.lines.some((l) => l.action === 'access-denied' && l.result === 'denied' && l.lockid === 'EM000002' && String(l.detail).includes('/password')),
    ).toBe(true);
  });
});

describe('the audit log', () => {
  it('is also appended to AUDIT_LOG when set', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lockboard-audit-')), 'audit', 'audit.log');
    const { gateway } = await setUp({ AUDIT_LOG: file });
    await signIn(gateway.url, manager.email, manager.password);
    await gateway.close();
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toEqual([expect.objectContaining({ audit: true, action: 'sign-in', result: 'ok', user: expect.objectContaining({ email: manager.email }) })]);
    expect(readFileSync(file, 'utf8')).not.toContain(manager.password);
  });

  it('writes sign-in, sign-out and reveals with user, IP, time and result, and never a secret', async () => {
    const { gateway, tokens, audit } = await setUp();
    const headers = await signIn(gateway.url, manager.email, manager.password);
    const token = [...tokens.live.keys()][0]!;
    await fetch(`${gateway.url}/api/locks/EM000001/password`, { headers });
    await fetch(`${gateway.url}/api/logout`, { method: 'POST', headers });
    await login(gateway, { email: manager.email, password: 'a-wrong-password' });
    expect(audit.lines.map((l) => l.action)).toEqual(['sign-in', 'password-reveal', 'sign-out', 'sign-in-failed']);
    for (const line of audit.lines) {
      expect(line).toMatchObject({ audit: true, ip: '127.0.0.1', time: expect.any(String), result: expect.any(String) });
    }
    const everything = audit.raw.join('\n');
    for (const secret of [token, manager.password, 'a-wrong-password', 'secret-EM000001']) expect(everything).not.toContain(secret);
  });
});
