import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FAKE_ACCOUNTS, FakeTokens, fakeLocks, fullPlatform, withSignIn } from '../test-support/fake-fleet';
import { signIn, startGateway, testConfig } from '../test-support/gateway';
import { StandInUpstream } from '../test-support/stand-in-upstream';
import { startPlatform } from './platform/platform';
import { stopOnce } from './run-service';

/**
 * Stopping a server is prompt whatever its clients are doing (issue 20: an e2e fixture's teardown
 * timed out after 60 s on a loaded machine). Without the fix each case below hangs until the test's
 * time-out: a request under way holds `close()` until it ends (a slow upstream: its full time-out;
 * a streamed page: until rendered), and its keep-alive connection then idles for 72 s more.
 */
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

/** Open sockets, servers and (referenced) timers of this process, by kind. */
function openHandles(): string[] {
  return process.getActiveResourcesInfo().filter((kind) => /TCP|Timeout/.test(kind)).sort();
}

/**
 * The handles open now and not in `before`, once those closing have closed (or after many turns of
 * the event loop): polled with setImmediate, which adds no timer of its own to what is counted.
 */
async function handlesAddedSince(before: string[]): Promise<string[]> {
  const added = () => {
    const left = [...before];
    return openHandles().filter((kind) => {
      const at = left.indexOf(kind);
      if (at >= 0) left.splice(at, 1);
      return at < 0;
    });
  };
  for (let turn = 0; turn < 10_000 && added().length > 0; turn += 1) await new Promise((resolve) => setImmediate(resolve));
  return added();
}

/**
 * A request whose body never arrives in full: the server is waiting on it (a slow client). Resolves
 * once it is sent, with a promise of its connection's end.
 */
function trickledRequest(url: string): Promise<{ closed: Promise<void> }> {
  const { hostname, port, host } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => {
      socket.write(`POST /api/login HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"email":`);
      resolve({ closed });
    });
    const closed = new Promise<void>((ended) => socket.once('close', () => ended()));
    // Read (and drop) whatever comes, so that the server's end of the connection is seen.
    socket.resume();
    socket.on('error', reject);
  });
}

describe('stopping the gateway', () => {
  it('ends a request to a slow upstream and its keep-alive connection, and leaves nothing open', async () => {
    const before = openHandles();
    const tokens = new FakeTokens();
    const platform = withSignIn(fullPlatform(fakeLocks(), tokens), tokens);
    // The second page never comes: the gateway waits for it (up to a minute).
    const upstream = await new StandInUpstream((request, response) => (request.url.includes('pagenumber=2') ? undefined : platform(request, response))).start();
    cleanups.push(() => upstream.stop());
    const gateway = await startGateway(upstream.url, { config: testConfig(), upstreamTimeoutMs: 60_000 });
    const headers = await signIn(gateway.url, FAKE_ACCOUNTS.manager.email, FAKE_ACCOUNTS.manager.password);
    // A keep-alive connection that has had its answer, and one waiting on the slow upstream.
    const first = await fetch(`${gateway.url}/api/locks?pagenumber=1&limit=10`, { headers });
    expect(first.status).toBe(200);
    await first.text();
    const slow = fetch(`${gateway.url}/api/locks?pagenumber=2&limit=10`, { headers }).then(
      (response) => response.status,
      () => 'connection closed',
    );
    await vi.waitFor(() => expect(upstream.requests.some((r) => r.url.includes('pagenumber=2'))).toBe(true));
    const slowClient = await trickledRequest(gateway.url);

    await gateway.close();

    expect(await slow).toBe('connection closed');
    await slowClient.closed;
    await upstream.stop();
    expect(await handlesAddedSince(before)).toEqual([]);
  }, 20_000);

  it('ends a streamed page whose render is still under way', async () => {
    const spaDir = mkdtempSync(join(tmpdir(), 'lockboard-stop-'));
    mkdirSync(join(spaDir, 'server'));
    writeFileSync(join(spaDir, 'index.html'), '<!doctype html><html><head><title>Lockboard</title></head><body><div id="root"></div></body></html>');
    // A render that never finishes: the page's head is out, its body never comes.
    writeFileSync(
      join(spaDir, 'server', 'entry-server.js'),
      `export const ssrRouteOf = (p) => (p === '/login' ? 'login' : null);
       export const signedInNext = () => '/locks';
       export const render = () => new Promise(() => {});`,
    );
    const upstream = await new StandInUpstream(fullPlatform()).start();
    cleanups.push(() => upstream.stop());
    const gateway = await startGateway(upstream.url, { config: testConfig(), spaDir, mode: 'embedded' });
    const page = await fetch(`${gateway.url}/login`, { headers: { accept: 'text/html', 'accept-encoding': 'identity' } });
    expect(page.status).toBe(200);
    const reader = page.body!.getReader();
    const head = new TextDecoder().decode((await reader.read()).value);
    expect(head).toContain('<title>Lockboard</title>');
    const rest = reader.read().then(
      (part) => (part.done ? 'ended' : 'more'),
      () => 'connection closed',
    );

    await gateway.close();

    expect(await rest).toBe('connection closed');
  }, 20_000);
});

describe('stopping the embedded platform', () => {
  it('ends a slow client’s request and stops the simulator and the relocker (no timer of its own left running)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lockboard-stop-'));
    const platform = await startPlatform({ dbPath: join(dir, 'platform.sqlite'), seed: { locks: 20, historyDays: 1 }, simulator: true });
    const idle = await fetch(`${platform.url}/api/locks?pagenumber=1&limit=1`);
    expect(idle.status).toBe(401);
    await idle.text();
    const slowClient = await trickledRequest(platform.url);
    expect(platform.simulator.running).toBe(true);
    expect(platform.relocker.running).toBe(true);

    await platform.close();

    await slowClient.closed;
    expect(platform.simulator.running).toBe(false);
    expect(platform.relocker.running).toBe(false);
  }, 20_000);
});

describe('a service stopped by a signal', () => {
  it('exits with a failure when closing does not finish within its deadline, rather than hanging', async () => {
    const exit = vi.fn();
    const log = vi.fn();
    const stop = stopOnce(() => new Promise(() => {}), { deadlineMs: 50, exit, log });
    void stop();
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(1));
    expect(log.mock.calls.join(' ')).toContain('did not stop');
  });

  it('exits at once, successfully, when closing finishes; a second signal changes nothing', async () => {
    const exit = vi.fn();
    const close = vi.fn(async () => undefined);
    const stop = stopOnce(close, { deadlineMs: 60_000, exit, log: vi.fn() });
    await Promise.all([stop(), stop()]);
    expect(close).toHaveBeenCalledTimes(1);
    expect(exit).toHaveBeenCalledWith(0);
  });
});
