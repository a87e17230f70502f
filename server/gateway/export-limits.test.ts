import { type Socket, connect } from 'node:net';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { FAKE_ACCOUNTS, FakeTokens, fullPlatform, withSignIn } from '../../test-support/fake-fleet';
import { type RunningGateway, signIn, startGateway, testConfig } from '../../test-support/gateway';
import { raw } from '../../test-support/raw-http';
import { type TestRedis, startRedis } from '../../test-support/redis';
import { type Handler, StandInUpstream, sendJson } from '../../test-support/stand-in-upstream';

/** Audit lines written by a gateway under test. */
class AuditCapture {
  readonly lines: Record<string, unknown>[] = [];
  write(line: string) {
    this.lines.push(JSON.parse(line) as Record<string, unknown>);
    return true;
  }
  exports(result: string) {
    return this.lines.filter((line) => line.action === 'activity-export' && line.result === result);
  }
}

type EventRow = Record<string, unknown>;

/** `count` events, newest first, ids count…1 (or "e-<n>" strings), each `nameLength` characters of lock name. */
function eventRows(count: number, options: { nameLength?: number; stringIds?: boolean } = {}): EventRow[] {
  const name = 'D'.repeat(options.nameLength ?? 8);
  return Array.from({ length: count }, (_, i) => ({
    eventid: options.stringIds ? `e-${count - i}` : count - i,
    lockid: 'EM1',
    lockname: name,
    event_type: 'unlocked',
    userid: null,
    username: null,
    method: 'card',
    event_date: '2026-11-01 10:00:00',
    battery_level: null,
  }));
}

/**
 * A host with the platform's `GET /api/events`: `beforeid` (events older than it, `totalCount` what
 * is left) unless `cursor` is false, else `pagenumber` (a page of `limit`).
 */
function eventsHost(events: EventRow[], options: { cursor: boolean }): Handler {
  const tokens = new FakeTokens();
  const rest = fullPlatform(undefined, tokens);
  return withSignIn((request, response) => {
    const url = new URL(request.url, 'http://upstream');
    if (url.pathname !== '/api/events') return rest(request, response);
    const limit = Number(url.searchParams.get('limit'));
    const beforeid = url.searchParams.get('beforeid');
    if (beforeid !== null && options.cursor) {
      const older = events.filter((event) => Number(event.eventid) < Number(beforeid));
      return sendJson(response, 200, { status: 1, msg: '', totalCount: older.length, totalPage: Math.ceil(older.length / limit), currentPage: 1, eventslist: older.slice(0, limit) });
    }
    const page = Number(url.searchParams.get('pagenumber') ?? 1) || 1;
    const rows = events.slice((page - 1) * limit, page * limit);
    return sendJson(response, 200, { status: 1, msg: '', totalCount: events.length, totalPage: Math.ceil(events.length / limit), currentPage: page, eventslist: rows });
  }, tokens);
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function setUp(handler: Handler, options: { redisUrl?: string; copies?: number } = {}) {
  const upstream = await new StandInUpstream(handler).start();
  cleanups.push(() => upstream.stop());
  const audit = new AuditCapture();
  const env: Record<string, string> = options.redisUrl ? { REDIS_URL: options.redisUrl } : {};
  const secret = { SESSION_SECRET: 'export-limits-secret-that-is-long-enough-0123456789' };
  const gateways: RunningGateway[] = [];
  for (let i = 0; i < (options.copies ?? 1); i++) {
    const gateway = await startGateway(upstream.url, { config: testConfig({ ...env, ...secret }), auditStream: audit, exportWriteTimeoutMs: 200 });
    cleanups.push(() => gateway.close());
    gateways.push(gateway);
  }
  if (options.redisUrl) {
    await vi.waitFor(() => expect(gateways.every((g) => g.shared.status === 'up')).toBe(true), { timeout: 5_000 });
  }
  const session = await signIn(gateways[0]!.url, FAKE_ACCOUNTS.manager.email, FAKE_ACCOUNTS.manager.password);
  return { upstream, gateways, gateway: gateways[0]!, audit, session };
}

/**
 * An export asked for over a raw socket that is then not read (paused: the gateway's writes fill
 * the socket's buffers). Resolves once the answer's head came; `readToEnd` then reads what the
 * gateway had sent, until the connection closes.
 */
async function unreadExport(baseUrl: string, session: Record<string, string>) {
  const { hostname, port } = new URL(baseUrl);
  const socket: Socket = connect({ host: hostname, port: Number(port) });
  cleanups.push(async () => void socket.destroy());
  const received: Buffer[] = [];
  socket.on('error', () => undefined);
  await new Promise<void>((resolve) => {
    socket.on('connect', () => socket.write(`GET /api/events/export.csv HTTP/1.1\r\nHost: ${hostname}:${port}\r\nCookie: ${session.cookie}\r\n\r\n`));
    const onData = (chunk: Buffer) => {
      received.push(chunk);
      if (!Buffer.concat(received).includes('\r\n\r\n')) return;
      socket.off('data', onData);
      socket.pause();
      resolve();
    };
    socket.on('data', onData);
  });
  const head = Buffer.concat(received).toString('latin1');
  const readToEnd = () =>
    new Promise<string>((resolve) => {
      socket.on('data', (chunk: Buffer) => received.push(chunk));
      socket.on('close', () => resolve(Buffer.concat(received).toString('latin1')));
      socket.resume();
    });
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]), chunked: /transfer-encoding: chunked/i.test(head), readToEnd };
}

/** The export's reads (the gateway's feature discovery reads `limit=1`). */
const eventsRequests = (upstream: StandInUpstream) => upstream.requests.filter((r) => r.url.startsWith('/api/events?') && r.url.includes('limit=100'));

describe('one Activity export at a time per user', () => {
  // Filling the socket buffers of a reader that stopped (some MB) takes seconds on a busy machine.
  it('answers a second export while one runs 429 {status: 0, msg} with Retry-After; a browser that stops reading frees the slot', { timeout: 60_000 }, async () => {
    // About 40 MB of CSV: far more than the socket buffers of a reader that stopped.
    const { gateway, upstream, audit, session } = await setUp(eventsHost(eventRows(20_000, { nameLength: 2_000 }), { cursor: true }));
    const stuck = await unreadExport(gateway.url, session);
    expect(stuck.status).toBe(200);

    const second = await raw(gateway.url, 'GET', '/api/events/export.csv', session);
    expect(second.status).toBe(429);
    expect(second.json).toEqual({ status: 0, msg: expect.stringMatching(/export/i) });
    expect(Number(second.headers['retry-after'])).toBeGreaterThan(0);
    expect(audit.exports('denied')).toHaveLength(1);

    // The write timeout (200 ms here) ends the unread export: 'failed' is audited, and the file
    // breaks off (the connection closes without the last chunk).
    await vi.waitFor(() => expect(audit.exports('failed')).toHaveLength(1), { timeout: 30_000 });
    expect(String(audit.exports('failed')[0]?.detail)).toMatch(/read nothing/);
    expect(stuck.chunked).toBe(true);
    const file = await stuck.readToEnd();
    expect(file.length).toBeGreaterThan(100_000);
    expect(file.endsWith('\r\n0\r\n\r\n')).toBe(false);
    // It stopped reading the platform long before the end (200 pages of 100).
    const readByStuck = eventsRequests(upstream).length;
    expect(readByStuck).toBeLessThan(100);

    // The slot is free: a new export runs, and to its end.
    await vi.waitFor(async () => {
      const again = await fetch(`${gateway.url}/api/events/export.csv`, { headers: session });
      expect(again.status).toBe(200);
      await again.body?.cancel();
    }, { timeout: 5_000 });
  });

  it('holds across gateway copies sharing Redis', { timeout: 60_000 }, async () => {
    const redis: TestRedis = await startRedis();
    cleanups.push(() => redis.stop());
    const { gateways, session, audit } = await setUp(eventsHost(eventRows(20_000, { nameLength: 2_000 }), { cursor: true }), { redisUrl: redis.url, copies: 2 });
    const [a, b] = gateways as [RunningGateway, RunningGateway];
    const stuck = await unreadExport(a.url, session);
    expect(stuck.status).toBe(200);
    const other = await raw(b.url, 'GET', '/api/events/export.csv', session);
    expect(other.status).toBe(429);
    expect(other.json).toEqual({ status: 0, msg: expect.any(String) });
    await vi.waitFor(() => expect(audit.exports('failed')).toHaveLength(1), { timeout: 30_000 });
    await vi.waitFor(async () => {
      const again = await fetch(`${b.url}/api/events/export.csv`, { headers: session });
      expect(again.status).toBe(200);
      await again.body?.cancel();
    }, { timeout: 5_000 });
  });

  it('frees the slot when an export completes', async () => {
    const { gateway, session } = await setUp(eventsHost(eventRows(250), { cursor: true }));
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${gateway.url}/api/events/export.csv`, { headers: session });
      expect(response.status).toBe(200);
      expect((await response.text()).trimEnd().split('\r\n')).toHaveLength(251);
    }
  });
});

describe('the Activity export pages the platform', () => {
  it('by beforeid (the last event id seen) after a first page without it, each event once', async () => {
    const events = eventRows(250);
    const { gateway, upstream, session } = await setUp(eventsHost(events, { cursor: true }));
    const response = await fetch(`${gateway.url}/api/events/export.csv?type=unlocked`, { headers: session });
    expect(response.status).toBe(200);
    const ids = (await response.text()).trimEnd().split('\r\n').slice(1).map((row) => Number(row.split(',')[0]));
    expect(ids).toEqual(events.map((event) => event.eventid));
    const urls = eventsRequests(upstream).map((r) => new URL(r.url, 'http://upstream').searchParams);
    expect(urls.map((q) => [q.get('pagenumber'), q.get('beforeid'), q.get('type')])).toEqual([
      ['1', null, 'unlocked'],
      [null, '151', 'unlocked'],
      [null, '51', 'unlocked'],
    ]);
  });

  it('by pagenumber on a host whose events carry no numeric ids', async () => {
    const events = eventRows(250, { stringIds: true });
    const { gateway, upstream, session } = await setUp(eventsHost(events, { cursor: true }));
    const response = await fetch(`${gateway.url}/api/events/export.csv`, { headers: session });
    expect((await response.text()).trimEnd().split('\r\n')).toHaveLength(251);
    const urls = eventsRequests(upstream).map((r) => new URL(r.url, 'http://upstream').searchParams);
    expect(urls.map((q) => [q.get('pagenumber'), q.get('beforeid')])).toEqual([
      ['1', null],
      ['2', null],
      ['3', null],
    ]);
  });

  it('by pagenumber on a host that ignores beforeid, each event once', async () => {
    const events = eventRows(250);
    const { gateway, upstream, session } = await setUp(eventsHost(events, { cursor: false }));
    const response = await fetch(`${gateway.url}/api/events/export.csv`, { headers: session });
    const ids = (await response.text()).trimEnd().split('\r\n').slice(1).map((row) => Number(row.split(',')[0]));
    expect(ids).toEqual(events.map((event) => event.eventid));
    // One cursor request shows the host does not take it (it answered its first page again).
    const pages = eventsRequests(upstream).map((r) => new URL(r.url, 'http://upstream').searchParams.get('pagenumber'));
    expect(pages).toEqual(['1', null, '2', '3']);
  });
});

afterAll(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});
