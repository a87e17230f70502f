import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_PATHS } from '../../contract/page-paths';
import { FAKE_ACCOUNTS, FakeTokens, fakeLocks, fullPlatform, withSignIn } from '../../test-support/fake-fleet';
import { type RunningGateway, signIn, startGateway } from '../../test-support/gateway';
import { type RawResponse, raw } from '../../test-support/raw-http';
import { StandInUpstream } from '../../test-support/stand-in-upstream';

const SHELL = '<!doctype html><html lang="en"><head><title>Lockboard</title></head><body><div id="root"></div></body></html>';

/**
 * A built SPA with a stand-in for its server renderer that renders the same pages as the real one
 * (src/entry-server.tsx ssrRouteOf): so every kind of answer a page can get is met (rendered, the
 * shell, a redirect to sign-in or on from it).
 */
function builtSpa(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lockboard-spa-'));
  mkdirSync(join(dir, 'server'));
  writeFileSync(join(dir, 'index.html'), SHELL);
  writeFileSync(
    join(dir, 'server', 'entry-server.js'),
    `export const ssrRouteOf = (p) => p === '/login' ? 'login' : p === '/locks' ? 'locks' : p === '/activity' ? 'activity' : /^\\/locks\\/[^/]+$/.test(p) ? 'lock' : null;
     export const signedInNext = () => '/locks';
     export const render = async () => ({ html: '<main>rendered</main>', state: '{}' });`,
  );
  return dir;
}

/** Each page of the app (contract/page-paths, which the app's routes are checked against), with its parameters filled in. */
const PAGES = Object.values(PAGE_PATHS).map((path) => path.replace(/:\w+/g, '7'));
/** What clients that are not browsers send: curl, no Accept at all (a load balancer's probe), a JSON client. */
const PLAIN_ACCEPTS: (string | null)[] = ['*/*', null, 'application/json'];

let spaDir = '';
let upstream: StandInUpstream;
let gateway: RunningGateway;
let signedIn: Record<string, string> = {};

beforeAll(async () => {
  spaDir = builtSpa();
  const tokens = new FakeTokens();
  upstream = await new StandInUpstream(withSignIn(fullPlatform(fakeLocks(), tokens), tokens)).start();
  gateway = await startGateway(upstream.url, { spaDir });
  signedIn = { Cookie: (await signIn(gateway.url, FAKE_ACCOUNTS.manager.email, FAKE_ACCOUNTS.manager.password)).cookie ?? '' };
});
afterAll(async () => {
  await gateway.close();
  await upstream.stop();
  rmSync(spaDir, { recursive: true, force: true });
});

const get = (target: string, accept: string | null, headers: Record<string, string> = {}, method = 'GET') =>
  raw(gateway.url, method, target, { ...(accept === null ? {} : { Accept: accept }), ...headers });

/** What a client can tell apart in an answer: its status, where it is sent, and whether it got the app's page or JSON. */
function gist(response: RawResponse) {
  const type = response.headers['content-type'] ?? '';
  return {
    status: response.status,
    location: response.headers.location ?? null,
    kind: type.startsWith('text/html') && response.body.includes('<div id="root">') ? 'page' : type.startsWith('application/json') ? 'json' : type || 'none',
  };
}

describe('a client that does not ask for HTML (curl, a load balancer, a link preview)', () => {
  it('gets every page of the app as a browser gets it: the page, or a redirect to sign-in', async () => {
    expect(PAGES.length).toBeGreaterThan(5);
    for (const [who, headers] of [
      ['signed out', {}],
      ['signed in', signedIn],
    ] as const) {
      for (const path of PAGES) {
        const target = `${path}${path === '/' ? '' : '?from=x'}`;
        const browser = gist(await get(target, 'text/html,application/xhtml+xml,*/*;q=0.8', headers));
        expect(browser.status === 200 ? browser.kind : browser.location, `${who} browser ${target}`).toMatch(/^page$|^\/(login|locks)\b/);
        for (const accept of PLAIN_ACCEPTS) {
          expect(gist(await get(target, accept, headers)), `${who} ${target} with Accept ${String(accept)}`).toEqual(browser);
        }
        const head = await get(target, null, headers, 'HEAD');
        expect({ status: head.status, location: head.headers.location ?? null }, `${who} HEAD ${target}`).toEqual({ status: browser.status, location: browser.location });
      }
    }
  });

  it('is sent to sign-in from `/` and from a page behind it, and gets the sign-in page itself', async () => {
    const index = await get('/', '*/*');
    expect(index.status).toBe(302);
    expect(index.headers.location).toBe('/login?next=%2F');
    const locks = await get('/locks?page=2', null);
    expect(locks.status).toBe(302);
    expect(locks.headers.location).toBe(`/login?${new URLSearchParams({ next: '/locks?page=2' })}`);
    const login = await get('/login', '*/*');
    expect(login.status).toBe(200);
    expect(login.body).toContain('<main>rendered</main>');
    // A HEAD (a load balancer's probe) gets what its GET would: the page's headers, or the same redirect.
    const head = await get('/groups', null, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toMatch(/^text\/html/);
    const headLocks = await get('/locks', null, {}, 'HEAD');
    expect(headLocks.status).toBe(302);
    expect(headLocks.headers.location).toBe('/login?next=%2Flocks');
    expect((await get('/locks', null, signedIn, 'HEAD')).status).toBe(200);
  });

  it('gets the HTML not-found page with a 404 for an address that is no page, and JSON 404 under /api only', async () => {
    for (const accept of [...PLAIN_ACCEPTS, 'text/html']) {
      for (const [path, headers] of [
        ['/nothing', {}],
        ['/locks/7/extra', signedIn],
        ['/favicon.ico', {}],
        ['/assets/gone-abc123.js', {}],
      ] as const) {
        const answer = await get(path, accept, headers);
        expect(gist(answer), `${path} with Accept ${String(accept)}`).toEqual({ status: 404, location: null, kind: 'page' });
      }
      for (const path of ['/api/nothing', '/api/locks/7/nothing', '/api']) {
        const answer = await get(path, accept, signedIn);
        expect(answer.status, path).toBe(404);
        expect(answer.json, path).toMatchObject({ status: 0 });
      }
    }
    // A POST is never a page view: JSON, as for the API.
    const posted = await raw(gateway.url, 'POST', '/locks', { 'Content-Type': 'application/json' }, '{}');
    expect(posted.status).toBe(404);
    expect(posted.json).toMatchObject({ status: 0 });
  });
});
