import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform } from '../platform/platform';
import { DEMO_CREDENTIALS } from '../platform/testing';
import { type RunningGateway, signIn, startGateway } from '../../test-support/gateway';
import { raw } from '../../test-support/raw-http';

const SHELL = '<!doctype html><html lang="en"><head><title>Lockboard</title></head><body><div id="root"></div></body></html>';

/**
 * A built SPA whose server renderer (the SPA's part, not the gateway's) renders the locks page
 * from one read of the lock list: `<main data-read="…">` says whether the read brought data.
 */
function builtSpa(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lockboard-ssr-access-'));
  mkdirSync(join(dir, 'server'));
  writeFileSync(join(dir, 'index.html'), SHELL);
  writeFileSync(
    join(dir, 'server', 'entry-server.js'),
    `export const ssrRouteOf = (p) => (p === '/login' ? 'login' : p === '/locks' ? 'locks' : null);
     export const signedInNext = () => '/locks';
     export const render = async ({ getJson }) => {
       const list = await getJson('/api/locks?pagenumber=1&limit=25');
       return { html: '<main data-read="' + (list && Array.isArray(list.lockslist) ? 'data' : 'none') + '"></main>', state: '{}' };
     };`,
  );
  return dir;
}

const readOf = (html: string) => /data-read="(\w+)"/.exec(html)?.[1];

let platform: Awaited<ReturnType<typeof startPlatform>>;
let spaDir: string;
const gateways: RunningGateway[] = [];

beforeAll(async () => {
  platform = await startPlatform({ dbPath: join(mkdtempSync(join(tmpdir(), 'lockboard-ssr-access-')), 'platform.sqlite'), simulator: false, seed: { locks: 30, historyDays: 1 } });
  spaDir = builtSpa();
});
afterEach(async () => {
  while (gateways.length) await gateways.pop()?.close();
});
afterAll(async () => {
  await platform.close();
  rmSync(spaDir, { recursive: true, force: true });
});

async function gatewayWith(requestsPerMinute?: number) {
  const gateway = await startGateway(platform.url, { mode: 'embedded', spaDir, requestsPerMinute });
  gateways.push(gateway);
  const session = await signIn(gateway.url, DEMO_CREDENTIALS.manager.email, DEMO_CREDENTIALS.manager.password);
  return { gateway, session };
}

const page = (gateway: RunningGateway, session: Record<string, string>) => raw(gateway.url, 'GET', '/locks', { cookie: session.cookie ?? '', accept: 'text/html' });

describe('server-rendered pages read the platform through the access hook (issue 22)', () => {
  it('renders with the session\'s data while its token is good', async () => {
    const { gateway, session } = await gatewayWith();
    const rendered = await page(gateway, session);
    expect(rendered.status).toBe(200);
    expect(readOf(rendered.body)).toBe('data');
    expect((await raw(gateway.url, 'GET', '/api/me', session)).status).toBe(200);
  });

  it('ends the session when the platform refuses its token during a render, as a proxied 401 does', async () => {
    const { gateway, session } = await gatewayWith();
    expect((await raw(gateway.url, 'GET', '/api/me', session)).status).toBe(200);
    // The platform revokes every token (an administrator signed the account out there).
    platform.db.prepare('DELETE FROM tokens').run();
    const rendered = await page(gateway, session);
    expect(rendered.status).toBe(200);
    expect(readOf(rendered.body)).toBe('none');
    // The same cookie has no session any more: the gateway learnt it from the render's read.
    const me = await raw(gateway.url, 'GET', '/api/me', session);
    expect(me.status).toBe(401);
    expect(me.json).toEqual({ status: 0, msg: expect.any(String) });
  });

  it('counts a render\'s reads against the session\'s request limit, the one /api requests use', async () => {
    const limit = 5;
    const { gateway, session } = await gatewayWith(limit);
    const reads: string[] = [];
    // Each render that read data made one counted request; a render past the limit reads nothing.
    for (let i = 0; i < limit * 2 && reads.filter((r) => r === 'data').length < limit; i++) {
      reads.push(readOf((await page(gateway, session)).body) ?? 'missing');
    }
    expect(reads).toContain('data');
    const api = await raw(gateway.url, 'GET', '/api/locks?pagenumber=1&limit=10', session);
    expect(api.status).toBe(429);
    expect(Number(api.headers['retry-after'])).toBeGreaterThan(0);
    // And a render over the limit does not read the platform either.
    expect(readOf((await page(gateway, session)).body)).toBe('none');
  });
});
