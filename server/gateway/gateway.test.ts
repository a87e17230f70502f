import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import vendorSample from '../../contract/vendor-sample.json';
import { PROBE_PATH } from './signed-out';
import { FAKE_ACCOUNTS, FakeTokens, fakeLocks, fullPlatform, withSignIn } from '../../test-support/fake-fleet';
import { type RunningGateway, signIn, startGateway } from '../../test-support/gateway';
import { type Handler, StandInUpstream, sendJson } from '../../test-support/stand-in-upstream';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

let session: Record<string, string> = {};

/** A stand-in upstream (which signs people in like the contract says) and a gateway, signed in as a manager. */
async function setUp(makeHandler: (tokens: FakeTokens) => Handler = (tokens) => fullPlatform(fakeLocks(), tokens), options: Parameters<typeof startGateway>[1] = {}) {
  const tokens = new FakeTokens();
  const upstream = await new StandInUpstream(withSignIn(makeHandler(tokens), tokens)).start();
  const gateway = await startGateway(upstream.url, options);
  cleanups.push(() => upstream.stop(), () => gateway.close());
  session = await signIn(gateway.url, FAKE_ACCOUNTS.manager.email, FAKE_ACCOUNTS.manager.password);
  return { upstream, gateway, tokens, use: (next: Handler) => upstream.use(withSignIn(next, tokens)) };
}

const get = (gateway: RunningGateway, path: string, headers: Record<string, string> = {}) =>
  fetch(`${gateway.url}${path}`, { headers: { accept: 'application/json', ...session, ...headers } });

describe('the /api proxy', () => {
  it('passes the vendor list call through with its query, and strips lock_password', async () => {
    const { upstream, gateway } = await setUp();
    const response = await get(gateway, '/api/locks?pagenumber=1&limit=10&searchkey=HQ');
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(upstream.requests.some((r) => r.url === '/api/locks?pagenumber=1&limit=10&searchkey=HQ')).toBe(true);
    expect(body.totalCount).toBe(3);
    expect(body.lockslist).toHaveLength(3);
    for (const lock of body.lockslist) expect(lock).not.toHaveProperty('lock_password');
    expect(JSON.stringify(body)).not.toContain('secret-');
    expect(body.lockslist[0]).toMatchObject({ lockid: 'EM000001', lockname: 'HQ · Main Entrance', lock_ssid: 'SSID-EM000001' });
  });

  it('strips lock_password from a single lock and from the vendor sample', async () => {
    const { gateway, use } = await setUp();
    const detail = await (await get(gateway, '/api/locks/EM000002')).json();
    expect(detail.lock.lockid).toBe('EM000002');
    expect(detail.lock).not.toHaveProperty('lock_password');

    use((_req, res) => sendJson(res, 200, vendorSample));
    const first = await get(gateway, '/api/locks?pagenumber=1&limit=10');
    const text = await first.text();
    expect(text).toContain('EMXXXX10');
    expect(text).not.toContain('j2ibxr6o');
    expect(text).not.toContain('lock_password');
    // The same upstream bytes again (another dashboard's first poll) get the answer kept from the
    // first time: stripped the same, with the same ETag.
    const again = await get(gateway, '/api/locks?pagenumber=1&limit=10');
    expect(again.status).toBe(200);
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(await again.text()).toBe(text);
  });

  it('sends an answer it has seen before from the stripped body it kept, compressed as each browser asks', async () => {
    const fleet = Array.from({ length: 8 }, (_, i) => fakeLocks().map((lock) => ({ ...lock, lockid: `${lock.lockid}${i}` }))).flat();
    const { gateway } = await setUp((tokens) => fullPlatform(fleet, tokens));
    const first = await get(gateway, '/api/locks?pagenumber=1&limit=50', { 'accept-encoding': 'identity' });
    const text = await first.text();
    expect(text.length).toBeGreaterThan(1024);
    expect(text).not.toContain('lock_password');
    const support = (await signIn(gateway.url, FAKE_ACCOUNTS.support.email, FAKE_ACCOUNTS.support.password)).cookie ?? '';
    for (const [accepted, encoding] of [
      ['br', 'br'],
      ['gzip', 'gzip'],
      ['gzip, br;q=0', 'gzip'],
      ['identity', null],
    ] as const) {
      const again = await get(gateway, '/api/locks?pagenumber=1&limit=50', { cookie: support, 'accept-encoding': accepted });
      expect(again.status).toBe(200);
      expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
      expect(again.headers.get('content-encoding')).toBe(encoding);
      expect(await again.text()).toBe(text);
    }
  });

  it("sends the session's token upstream, never the browser's cookie or a client-supplied Authorization", async () => {
    const { gateway, upstream, tokens } = await setUp();
    await get(gateway, '/api/locks?pagenumber=1&limit=10', { authorization: 'Bearer forged' });
    const headers = upstream.requests.find((r) => r.url === '/api/locks?pagenumber=1&limit=10')?.headers ?? {};
    expect(headers.cookie).toBeUndefined();
    expect(headers.authorization).toMatch(/^Bearer fake-token-manager-/);
    expect(tokens.live.has(headers.authorization!.slice(7))).toBe(true);
  });

  it('answers an unchanged poll with 304 and a changed one with 200', async () => {
    const locks = fakeLocks();
    const { gateway } = await setUp((tokens) => fullPlatform(locks, tokens));
    const first = await get(gateway, '/api/locks?pagenumber=1&limit=10');
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    expect(first.headers.get('cache-control')).toBe('private, no-cache');

    const again = await get(gateway, '/api/locks?pagenumber=1&limit=10', { 'if-none-match': etag ?? '' });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');

    locks[0]!.lock_online_status = 0;
    const changed = await get(gateway, '/api/locks?pagenumber=1&limit=10', { 'if-none-match': etag ?? '' });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  it('passes a refusal sent as HTTP 200 with status 0 on as 400, with its msg for the browser', async () => {
    // The token is still good (the probe of signed-out.ts is answered): the refusal is about the request.
    const { gateway } = await setUp(() => (req, res) =>
      req.url === PROBE_PATH ? sendJson(res, 200, vendorSample) : sendJson(res, 200, { status: 0, msg: 'Token expired on the platform' }),
    );
    const response = await get(gateway, '/api/locks?pagenumber=1&limit=10');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ status: 0, msg: 'Token expired on the platform' });
  });

  it('answers 502 saying so when the upstream is down', async () => {
    const { gateway, upstream } = await setUp();
    await upstream.stop();
    const response = await get(gateway, '/api/locks?pagenumber=1&limit=10');
    expect(response.status).toBe(502);
    const body = await response.json();
    expect(body.status).toBe(0);
    expect(body.msg).toMatch(/cannot be reached/);
  });

  it('answers 502 saying so when the upstream is too slow', async () => {
    const { gateway } = await setUp(
      () => async (req, res) => {
        if (req.url === '/api/locks?pagenumber=1&limit=10') await new Promise((resolve) => setTimeout(resolve, 1500));
        sendJson(res, 200, vendorSample);
      },
      { upstreamTimeoutMs: 300 },
    );
    const started = Date.now();
    const response = await get(gateway, '/api/locks?pagenumber=1&limit=10');
    expect(response.status).toBe(502);
    expect((await response.json()).msg).toMatch(/did not answer within/);
    expect(Date.now() - started).toBeLessThan(1400);
  });

  it('answers 502 saying so when the upstream answers something that is not JSON', async () => {
    const { gateway } = await setUp(() => (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>Maintenance</body></html>');
    });
    const response = await get(gateway, '/api/locks?pagenumber=1&limit=10');
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({ status: 0, msg: expect.stringMatching(/not JSON/) });
  });

  it('streams pictures through with their content type', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const { gateway, upstream } = await setUp(() => (req, res) => {
      if (req.url.startsWith('/api/uploads/')) {
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(png.length), 'set-cookie': 'upstream=1' });
        res.end(png);
        return;
      }
      sendJson(res, 404, { status: 0, msg: 'no' });
    });
    const response = await fetch(`${gateway.url}/api/uploads/product_images/x.png`, { headers: session });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(Buffer.from(await response.arrayBuffer()).equals(png)).toBe(true);
    expect(upstream.requests.at(-1)?.url).toBe('/api/uploads/product_images/x.png');
  });

  it('keeps the path prefix of PLUS_API_URL', async () => {
    const tokens = new FakeTokens();
    const upstream = await new StandInUpstream((req, res) =>
      withSignIn((_r, answer) => sendJson(answer, 200, vendorSample), tokens)({ ...req, url: req.url.replace(/^\/plus\/v1/, '') }, res),
    ).start();
    const gateway = await startGateway(`${upstream.url}/plus/v1`);
    cleanups.push(() => upstream.stop(), () => gateway.close());
    session = await signIn(gateway.url, FAKE_ACCOUNTS.manager.email, FAKE_ACCOUNTS.manager.password);
    await get(gateway, '/api/locks?pagenumber=2&limit=5');
    expect(upstream.requests.at(-1)?.url).toBe('/plus/v1/api/locks?pagenumber=2&limit=5');
    expect(upstream.requests.some((r) => r.url === '/plus/v1/api/login')).toBe(true);
  });

  it('refuses a malformed JSON body with 400 {status: 0, msg}', async () => {
    const { gateway } = await setUp();
    const response = await fetch(`${gateway.url}/api/locks/EM000001/lock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...session },
      body: '{"oops": ',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ status: 0, msg: 'The request body is not valid JSON' });
  });
});

describe('features discovery', () => {
  it('finds filters, sorting, summary and detail on an upstream that has them', async () => {
    const { gateway } = await setUp();
    // This upstream wants sign-in: its features are found with the first session's token.
    const features = () => fetch(`${gateway.url}/app-config.json`).then(async (r) => (await r.json()).features);
    await vi.waitFor(async () => expect((await features()).lockDetail).toBe(true));
    expect(await features()).toEqual({
      lockFilters: true,
      lockSorting: true,
      lockSummary: true,
      lockDetail: true,
      lockCommands: true,
      timedUnlock: false,
      eventHistory: false,
      eventFeed: false,
      lockGroups: false,
      access: false,
      schedules: false,
      lockdowns: false,
      roles: false,
      passes: false,
      accessCheck: false,
      readings: false,
      reports: false,
    });
  });

  it('finds nothing optional on an upstream that only knows the documented list call', async () => {
    const vendorOnly = (req: { url: string }, res: Parameters<typeof sendJson>[0]) =>
      new URL(req.url, 'http://x').pathname === '/api/locks'
        ? sendJson(res, 200, { ...vendorSample, totalCount: 3, lockslist: fakeLocks() })
        : sendJson(res, 404, { status: 0, msg: 'Not found' });
    const { gateway } = await setUp(() => vendorOnly);
    await gateway.capabilities.refresh();
    const config = await (await fetch(`${gateway.url}/app-config.json`)).json();
    expect(Object.values(config.features).some(Boolean)).toBe(false);
  });
});

describe('lock groups discovery', () => {
  const withGroups = (rowsNameGroups: boolean) => (req: { url: string }, res: Parameters<typeof sendJson>[0]) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (path === '/api/lockgroups') return sendJson(res, 200, { status: 1, msg: 'ok', totalCount: 0, totalPage: 0, currentPage: 1, lockgroupslist: [] });
    if (path === '/api/locks') {
      const locks = fakeLocks().map((lock) => (rowsNameGroups ? { ...lock, lockgroups: [] } : lock));
      return sendJson(res, 200, { ...vendorSample, totalCount: locks.length, lockslist: locks });
    }
    return sendJson(res, 404, { status: 0, msg: 'Not found' });
  };

  it('finds groups only when the group list answers and the lock rows name their groups', async () => {
    for (const [rowsNameGroups, expected] of [
      [true, true],
      [false, false],
    ] as const) {
      const { gateway } = await setUp(() => withGroups(rowsNameGroups));
      await gateway.capabilities.refresh();
      const config = await (await fetch(`${gateway.url}/app-config.json`)).json();
      expect(config.features.lockGroups, `rows ${rowsNameGroups ? 'with' : 'without'} lockgroups`).toBe(expected);
    }
  });
});

describe('app-config, health and the SPA', () => {
  it('publishes the poll interval, mode, zone and upstream origin', async () => {
    const { gateway, upstream } = await setUp();
    const response = await fetch(`${gateway.url}/app-config.json`);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.json()).toMatchObject({
      mode: 'proxy',
      pollIntervalMs: 1000,
      offlineAlertAfterS: 300,
      timezone: 'UTC',
      upstreamOrigin: upstream.url,
    });
  });

  it('reports health with the upstream state', async () => {
    const { gateway, upstream } = await setUp();
    const up = await fetch(`${gateway.url}/healthz`);
    expect(up.status).toBe(200);
    expect(await up.json()).toMatchObject({ gateway: 'up', upstream: 'reachable' });
    await upstream.stop();
    const down = await fetch(`${gateway.url}/healthz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ gateway: 'up', upstream: 'unreachable' });
  });

  it('says when the platform answers but its answers fail (garbage), and when it is back', async () => {
    const { gateway, use, tokens } = await setUp();
    const healthz = async () => {
      const response = await fetch(`${gateway.url}/healthz`);
      return { code: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    // The ping is answered (HTTP), the lock list with garbage.
    use((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('<html>oops</html>');
    });
    const broken = await get(gateway, '/api/locks?pagenumber=1&limit=10');
    expect(broken.status).toBe(502);
    const failing = await healthz();
    expect(failing.code).toBe(200);
    expect(failing.body).toMatchObject({ status: 0, gateway: 'up', upstream: 'failing', upstreamFailure: { kind: 'invalid' } });
    expect(String(failing.body.msg)).toMatch(/^The Plus Platform answers, but its last answers failed: /);
    expect(Date.parse(String((failing.body.upstreamFailure as { at: string }).at))).toBeGreaterThan(Date.now() - 60_000);

    use(fullPlatform(fakeLocks(), tokens));
    expect((await get(gateway, '/api/locks?pagenumber=1&limit=10')).status).toBe(200);
    const back = await healthz();
    expect(back.body).toMatchObject({ status: 1, msg: 'ok', upstream: 'reachable' });
    expect(back.body).not.toHaveProperty('upstreamFailure');
  });

  it('serves index.html for deep links, and the not-found page with a 404 for any other address', async () => {
    const spaDir = mkdtempSync(join(tmpdir(), 'lockboard-spa-'));
    writeFileSync(join(spaDir, 'index.html'), '<!doctype html><title>Lockboard</title>');
    const { gateway } = await setUp(undefined, { spaDir });
    const page = await fetch(`${gateway.url}/locks?page=2`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Lockboard</title>');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const missing = await fetch(`${gateway.url}/nothing.js`, { headers: { accept: '*/*' } });
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('<title>Lockboard</title>');
    // A refused, non-canonical page address still gets the app (with 400), which says "No lock …".
    for (const path of ['/locks/..%2F..', '/locks/a%2Fb']) {
      const refused = await fetch(`${gateway.url}${path}`, { headers: { accept: 'text/html' } });
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain('<title>Lockboard</title>');
    }
  });

  it('sends the security headers of DESIGN.md, without HSTS over plain http', async () => {
    const { gateway, upstream } = await setUp();
    const response = await fetch(`${gateway.url}/app-config.json`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain(`img-src 'self' data: ${upstream.url}`);
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });
});
