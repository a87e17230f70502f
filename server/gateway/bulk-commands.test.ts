import { mkdtempSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FAKE_ACCOUNTS, FakeTokens, withSignIn } from '../../test-support/fake-fleet';
import { signIn, startGateway, testConfig } from '../../test-support/gateway';
import { type RecordedRequest, StandInUpstream, sendJson } from '../../test-support/stand-in-upstream';
import { startPlatform } from '../platform/platform';
import { DEMO_CREDENTIALS } from '../platform/testing';
import { SESSION_COOKIE } from './session';
import { TEST_QUIRKS } from '../../test-support/platform-quirks';

/** `POST /api/commands` through the real gateway, against a stand-in upstream on port 0 and the embedded platform. */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  while (cleanups.length) await cleanups.pop()?.();
});

type Behaviour = 'ok' | 'offline' | 'fail' | 'slow' | 'unauthorized';
interface FleetLock {
  lockid: string;
  lockname: string;
  lock_password: string;
  lockgroups: { groupid: number; groupname: string }[];
}

const fleetOf = (n: number, groupOf: (i: number) => number = () => 1): FleetLock[] =>
  Array.from({ length: n }, (_, i) => {
    const lockid = `EM${String(i + 1).padStart(6, '0')}`;
    const groupid = groupOf(i);
    return { lockid, lockname: `Door ${i + 1}`, lock_password: `secret-${lockid}`, lockgroups: [{ groupid, groupname: `Site ${groupid}` }] };
  });

interface Options {
  behaviour?: (lockid: string) => Behaviour;
  /** Send no totals (a real host's null): the gateway reads until a short page. */
  nullTotals?: boolean;
  /** A host that ignores `groupid`. */
  ignoresGroup?: boolean;
  /** The list call's answer instead of the fleet: [HTTP status, body]. */
  listAnswer?: [number, unknown];
}

/** A stand-in platform that serves `fleet`, answers each command by its lock's behaviour, and counts commands in flight. */
async function setUp(fleet: FleetLock[], options: Options = {}) {
  const tokens = new FakeTokens();
  const state = { inFlight: 0, maxInFlight: 0, finished: 0 };
  const slow: (() => void)[] = [];
  const commands: string[] = [];
  const handler = withSignIn(async (request: RecordedRequest, response: ServerResponse) => {
    const url = new URL(request.url, 'http://upstream');
    if (!tokens.roleOf(request)) return sendJson(response, 401, { status: 0, msg: 'Sign in first' });
    if (request.method === 'GET' && url.pathname === '/api/locks') {
      if (options.listAnswer && url.searchParams.get('limit') === '100') return sendJson(response, ...options.listAnswer);
      const groupid = url.searchParams.get('groupid');
      const list = groupid && !options.ignoresGroup ? fleet.filter((l) => l.lockgroups.some((g) => String(g.groupid) === groupid)) : fleet;
      const limit = Number(url.searchParams.get('limit'));
      const page = Number(url.searchParams.get('pagenumber'));
      const totals = options.nullTotals ? { totalCount: null, totalPage: null } : { totalCount: list.length, totalPage: Math.ceil(list.length / limit) };
      return sendJson(response, 200, { status: 1, msg: '', ...totals, currentPage: page, lockslist: list.slice((page - 1) * limit, page * limit) });
    }
    const command = /^\/api\/locks\/([^/]+)\/(lock|unlock)$/.exec(url.pathname);
    if (request.method !== 'POST' || !command) return sendJson(response, 404, { status: 0, msg: 'Not found' });
    const lockid = decodeURIComponent(command[1] ?? '');
    commands.push(`${command[2]} ${lockid}`);
    state.inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    response.on('close', () => {
      state.inFlight--;
      state.finished++;
    });
    const lock = fleet.find((l) => l.lockid === lockid);
    if (!lock) return sendJson(response, 404, { status: 0, msg: `No lock ${lockid} on this platform` });
    switch (options.behaviour?.(lockid) ?? 'ok') {
      case 'offline':
        return sendJson(response, 409, { status: 0, msg: `${lock.lockname} is offline` });
      case 'fail':
        return sendJson(response, 500, { status: 0, msg: 'Database busy', stack: 'at db.js:1' });
      case 'unauthorized':
        return sendJson(response, 401, { status: 0, msg: 'Token revoked' });
      case 'slow':
        // Held until the test is over: the gateway's per-lock timeout must give up on it.
        return new Promise<void>((release) => slow.push(release));
      default:
        return sendJson(response, 200, { status: 1, msg: `${lock.lockname} ${command[2]}ed`, lock: { ...lock, lock_open_status: command[2] === 'unlock' ? 1 : 0 } });
    }
  }, tokens);
  const upstream = await new StandInUpstream(handler).start();
  const audit: Record<string, unknown>[] = [];
  const gateway = await startGateway(upstream.url, {
    config: testConfig(),
    upstreamTimeoutMs: 500,
    auditStream: { write: (line: string) => audit.push(JSON.parse(line) as Record<string, unknown>) },
  });
  cleanups.push(
    () => upstream.stop(),
    () => gateway.close(),
    async () => slow.forEach((release) => release()),
  );
  const manager = await signIn(gateway.url, FAKE_ACCOUNTS.manager.email, FAKE_ACCOUNTS.manager.password);
  const send = (body: unknown, headers: Record<string, string> = manager) =>
    fetch(`${gateway.url}/api/commands`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  return { upstream, gateway, audit, manager, send, state, commands };
}

describe('POST /api/commands against a stand-in platform', () => {
  it('answers each lock\'s outcome: done, offline (409), failed (500), timeout (slow), with the summary and the audit lines', async () => {
    const fleet = fleetOf(20);
    const behaviours: Record<string, Behaviour> = { EM000003: 'offline', EM000007: 'offline', EM000010: 'fail', EM000012: 'slow', EM000015: 'slow' };
    const { send, audit } = await setUp(fleet, { behaviour: (lockid) => behaviours[lockid] ?? 'ok' });
    const response = await send({ action: 'lock', lockids: fleet.map((l) => l.lockid) });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();
    expect(text).not.toContain('secret-');
    expect(text).not.toContain('stack');
    const body = JSON.parse(text);
    expect(body.status).toBe(0);
    expect(body.msg).toBe('15 locked · 2 offline, not reached · 1 failed · 2 did not answer in time');
    expect(body.summary).toEqual({ done: 15, offline: 2, failed: 3 });
    expect(body.results).toHaveLength(20);
    expect(body.results.map((r: { lockid: string }) => r.lockid)).toEqual(fleet.map((l) => l.lockid));
    const byId = Object.fromEntries(body.results.map((r: { lockid: string }) => [r.lockid, r]));
    expect(byId.EM000001).toEqual({ lockid: 'EM000001', lockname: 'Door 1', status: 1, outcome: 'done', msg: 'Door 1 locked' });
    expect(byId.EM000003).toEqual({ lockid: 'EM000003', lockname: null, status: 0, outcome: 'offline', msg: 'Door 3 is offline' });
    expect(byId.EM000010).toMatchObject({ status: 0, outcome: 'failed', msg: 'Database busy' });
    expect(byId.EM000012).toMatchObject({ status: 0, outcome: 'timeout', msg: expect.stringMatching(/did not answer/) });
    expect(byId.EM000015).toMatchObject({ status: 0, outcome: 'timeout' });

    const lockLines = audit.filter((l) => l.action === 'lock-command');
    expect(lockLines).toHaveLength(20);
    expect(lockLines.find((l) => l.lockid === 'EM000001')).toMatchObject({ command: 'lock', result: 'ok', user: { email: FAKE_ACCOUNTS.manager.email, role: 'manager' } });
    expect(lockLines.find((l) => l.lockid === 'EM000003')).toMatchObject({ result: 'failed', detail: expect.stringContaining('offline') });
    expect(lockLines.find((l) => l.lockid === 'EM000012')).toMatchObject({ result: 'failed', detail: expect.stringContaining('timeout') });
    const bulkLines = audit.filter((l) => l.action === 'bulk-command');
    expect(bulkLines).toEqual([
      expect.objectContaining({ command: 'lock', result: 'failed', detail: '20 lockids: 15 done, 2 offline, 3 failed (2 timed out)', ip: '127.0.0.1', user: expect.objectContaining({ role: 'manager' }) }),
    ]);
    expect(JSON.stringify(audit)).not.toContain('secret-');
  });

  it('never has more than 8 commands in flight', async () => {
    // Every command hangs until the gateway's per-lock timeout gives up on it: 20 locks go in waves of 8.
    const fleet = fleetOf(20);
    const { send, state, gateway } = await setUp(fleet, { behaviour: () => 'slow' });
    // The stand-in sees an aborted command's connection close a little late, so it over-counts; the
    // exact count is the commands the gateway has started and not yet settled, at its upstream adapter.
    const adapter = { inFlight: 0, max: 0 };
    const request = gateway.upstream.request.bind(gateway.upstream);
    vi.spyOn(gateway.upstream, 'request').mockImplementation(async (path, options) => {
      if (options?.method !== 'POST') return request(path, options);
      adapter.max = Math.max(adapter.max, ++adapter.inFlight);
      try {
        return await request(path, options);
      } finally {
        adapter.inFlight--;
      }
    });
    const body = await (await send({ action: 'unlock', lockids: fleet.map((l) => l.lockid) })).json();
    expect(body).toMatchObject({ status: 0, msg: '0 unlocked · 20 did not answer in time', summary: { done: 0, offline: 0, failed: 20 } });
    expect(body.results.map((r: { outcome: string }) => r.outcome)).toEqual(Array(20).fill('timeout'));
    expect(adapter.max).toBe(8);
    // The commands really overlapped at the platform too (its own count lags behind aborted ones).
    expect(state.maxInFlight).toBeGreaterThan(1);
  });

  it('refuses more than 1,000 locks, lockids or a whole fleet, before any command', async () => {
    const fleet = fleetOf(1001);
    const { send, commands, audit, upstream } = await setUp(fleet);
    const tooMany = await send({ action: 'lock', lockids: fleet.map((_, i) => `L${i}`) });
    expect(tooMany.status).toBe(400);
    expect((await tooMany.json()).msg).toMatch(/^lockids: at most 1,000 locks a request.*batches/);
    const all = await send({ action: 'lock', all: true });
    expect(all.status).toBe(400);
    expect((await all.json()).msg).toBe('The fleet has more than 1,000 locks: send the command in batches of lockids');
    // The total on the first page says so: no further page is read.
    expect(upstream.requests.filter((r) => r.url.includes('limit=100')).map((r) => r.url)).toEqual(['/api/locks?pagenumber=1&limit=100']);
    const thousand = await send({ action: 'lock', lockids: fleet.slice(0, 1000).map((l) => l.lockid) });
    expect(thousand.status).toBe(200);
    expect((await thousand.json()).summary).toEqual({ done: 1000, offline: 0, failed: 0 });
    expect(commands).toHaveLength(1000);
    // 1,000 lockids of 64 characters fit in one request (beyond the gateway's usual 16 KB body).
    const long = Array.from({ length: 1000 }, (_, i) => String(i).padStart(64, 'L'));
    const longIds = await send({ action: 'lock', lockids: long });
    expect(longIds.status).toBe(200);
    expect((await longIds.json()).summary).toEqual({ done: 0, offline: 0, failed: 1000 });
    expect(audit.filter((l) => l.action === 'bulk-command').map((l) => l.result)).toEqual(['failed', 'ok', 'failed']);
  }, 30_000);

  it('refuses a group of more than 1,000 when the host sends no totals (read until a short page)', async () => {
    const { send, commands, upstream } = await setUp(fleetOf(1001, () => 4), { nullTotals: true });
    const response = await send({ action: 'unlock', groupid: 4 });
    expect(response.status).toBe(400);
    expect((await response.json()).msg).toMatch(/This group has more than 1,000 locks/);
    expect(commands).toHaveLength(0);
    expect(upstream.requests.filter((r) => r.url.includes('limit=100')).length).toBeLessThanOrEqual(11);
  });

  it('commands every lock of the fleet (all: true) and of a group, paging without totals', async () => {
    const fleet = fleetOf(250, (i) => (i % 2 ? 7 : 8));
    const { send, commands, upstream } = await setUp(fleet, { nullTotals: true, behaviour: (id) => (id === 'EM000002' ? 'offline' : 'ok') });
    const all = await (await send({ action: 'lock', all: true })).json();
    expect(all.summary).toEqual({ done: 249, offline: 1, failed: 0 });
    expect(all.msg).toBe('249 locked · 1 offline, not reached');
    expect(all.results.find((r: { lockid: string }) => r.lockid === 'EM000002')).toMatchObject({ lockname: 'Door 2', outcome: 'offline' });
    expect(upstream.requests.filter((r) => r.url.includes('limit=100')).map((r) => r.url)).toEqual([1, 2, 3].map((p) => `/api/locks?pagenumber=${p}&limit=100`));
    commands.length = 0;
    const group = await (await send({ action: 'unlock', groupid: 7 })).json();
    expect(group).toMatchObject({ status: 0, summary: { done: 124, offline: 1, failed: 0 } });
    expect(new Set(commands)).toEqual(new Set(fleet.filter((_, i) => i % 2).map((l) => `unlock ${l.lockid}`)));
    expect(upstream.requests.some((r) => r.url === '/api/locks?pagenumber=2&limit=100&groupid=7')).toBe(true);
  });

  it('sends nothing to a host that ignores the group filter', async () => {
    const { send, commands } = await setUp(fleetOf(30, (i) => (i < 10 ? 1 : 2)), { ignoresGroup: true });
    const response = await send({ action: 'unlock', groupid: 1 });
    expect(response.status).toBe(502);
    expect((await response.json()).msg).toMatch(/did not filter the locks by group/);
    expect(commands).toHaveLength(0);
  });

  it('ends the session when the platform answers a command with 401, and stops sending', async () => {
    const fleet = fleetOf(40);
    const { send, commands, audit } = await setUp(fleet, { behaviour: (id) => (id === 'EM000001' ? 'unauthorized' : 'ok') });
    const response = await send({ action: 'lock', lockids: fleet.map((l) => l.lockid) });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ status: 0, msg: expect.stringMatching(/session has expired/) });
    expect(response.headers.get('set-cookie')).toMatch(new RegExp(`${SESSION_COOKIE}=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)`, 'i'));
    expect(commands.length).toBeLessThan(40);
    expect(audit.filter((l) => l.action === 'bulk-command')).toEqual([expect.objectContaining({ result: 'failed', detail: expect.stringContaining('session rejected') })]);
  });

  it('refuses support with 403 before anything reaches the platform', async () => {
    const { gateway, send, upstream, audit } = await setUp(fleetOf(3));
    const support = await signIn(gateway.url, FAKE_ACCOUNTS.support.email, FAKE_ACCOUNTS.support.password);
    const before = upstream.requests.length;
    const response = await send({ action: 'unlock', all: true }, support);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ status: 0, msg: 'Support accounts can look but not change anything' });
    expect(upstream.requests.length).toBe(before);
    expect(audit.at(-1)).toMatchObject({ action: 'access-denied', user: { role: 'support' } });
  });

  it('refuses a form or text body, and a JSON body that is not exactly one command, naming the field', async () => {
    const { gateway, manager, send, commands } = await setUp(fleetOf(3));
    for (const [type, body] of [
      ['application/x-www-form-urlencoded', 'action=unlock&all=true'],
      ['text/plain', '{"action":"unlock","all":true}'],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="action"\r\n\r\nunlock\r\n--x--'],
    ] as const) {
      const response = await fetch(`${gateway.url}/api/commands`, { method: 'POST', headers: { ...manager, 'content-type': type }, body });
      expect(response.status, type).toBe(415);
    }
    for (const [body, msg] of [
      [{ action: 'open', all: true }, /^action: action must be "lock" or "unlock"/],
      [{ action: 'lock' }, /exactly one of lockids, groupid or all/],
      [{ action: 'lock', lockids: ['EM000001'], all: true }, /exactly one of lockids, groupid or all/],
      [{ action: 'lock', lockids: [] }, /^lockids: lockids must name at least one lock/],
      [{ action: 'lock', lockids: [7] }, /^lockids\.0: each lockid must be a string/],
      [{ action: 'lock', all: false }, /^all: all must be true/],
      [{ action: 'lock', groupid: '7' }, /^groupid: groupid must be a positive whole number/],
      [{ action: 'lock', groupid: 1.5 }, /^groupid:/],
      [{ action: 'lock', all: true, force: 1 }, /force/],
      [{ action: 'lock', lockids: ['EM000001', '..'] }, /^lockids\.1: lockid must be 1 to 64 characters/],
      [{ action: 'lock', lockids: ['x'.repeat(65)] }, /^lockids\.0: lockid must be 1 to 64 characters/],
      [[], /request/],
    ] as const) {
      const response = await send(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect((await response.json()).msg, JSON.stringify(body)).toMatch(msg);
    }
    expect(commands).toHaveLength(0);
  });

  it('passes a timed unlock\'s duration_s to every lock\'s unlock, and audits it', async () => {
    const fleet = fleetOf(12, (i) => (i < 5 ? 7 : 8));
    const { send, upstream, audit } = await setUp(fleet);
    for (const body of [
      { action: 'unlock', lockids: fleet.slice(5).map((l) => l.lockid), duration_s: 60 },
      { action: 'unlock', groupid: 7, duration_s: 3600 },
    ]) {
      const before = upstream.requests.length;
      const response = await send(body);
      expect(response.status).toBe(200);
      expect((await response.json()).summary).toEqual({ done: body.lockids?.length ?? 5, offline: 0, failed: 0 });
      const unlocks = upstream.requests.slice(before).filter((r) => r.method === 'POST' && r.url.endsWith('/unlock'));
      expect(unlocks).toHaveLength(body.lockids?.length ?? 5);
      for (const request of unlocks) expect(JSON.parse(request.body)).toEqual({ duration_s: body.duration_s });
    }
    expect(audit.filter((l) => l.action === 'lock-command').at(-1)).toMatchObject({ detail: expect.stringMatching(/\(relocks after 3600 s\)$/) });
    expect(audit.filter((l) => l.action === 'bulk-command').at(-1)).toMatchObject({ detail: expect.stringContaining('group 7 (relocks after 3600 s)') });

    // Without it, an unlock sends no body (the platform's plain unlock).
    const before = upstream.requests.length;
    await send({ action: 'unlock', lockids: [fleet[0]!.lockid] });
    const plain = upstream.requests.slice(before).filter((r) => r.method === 'POST');
    expect(plain.map((r) => r.body)).toEqual(['']);
  });

  it('refuses a duration_s out of 60–3600, not whole, not a number, or on a lock, before any command; support still gets 403', async () => {
    const { gateway, send, commands } = await setUp(fleetOf(3));
    for (const [body, msg] of [
      [{ action: 'unlock', all: true, duration_s: 59 }, 'duration_s: duration_s must be at least 60 seconds'],
      [{ action: 'unlock', all: true, duration_s: 3601 }, 'duration_s: duration_s must be at most 3600 seconds'],
      [{ action: 'unlock', all: true, duration_s: 90.5 }, 'duration_s: duration_s must be a whole number of seconds'],
      [{ action: 'unlock', all: true, duration_s: '300' }, 'duration_s: duration_s must be a whole number of seconds'],
      [{ action: 'unlock', all: true, duration_s: null }, 'duration_s: duration_s must be a whole number of seconds'],
      [{ action: 'lock', all: true, duration_s: 300 }, 'duration_s: only an unlock can have a duration'],
    ] as const) {
      const response = await send(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(await response.json(), JSON.stringify(body)).toEqual({ status: 0, msg });
    }
    const support = await signIn(gateway.url, FAKE_ACCOUNTS.support.email, FAKE_ACCOUNTS.support.password);
    expect((await send({ action: 'unlock', all: true, duration_s: 300 }, support)).status).toBe(403);
    expect(commands).toHaveLength(0);
  });

  it('answers the list call failing (502) or rejecting the session (401) without sending a command', async () => {
    const failing = await setUp(fleetOf(3), { listAnswer: [500, { status: 0, msg: 'Database busy' }] });
    const refused = await failing.send({ action: 'lock', all: true });
    expect(refused.status).toBe(502);
    expect(await refused.json()).toEqual({ status: 0, msg: 'Database busy' });
    expect(failing.commands).toHaveLength(0);
    expect(failing.audit.at(-1)).toMatchObject({ action: 'bulk-command', result: 'failed', detail: 'all locks: Database busy' });

    const revoked = await setUp(fleetOf(3), { listAnswer: [401, { status: 0, msg: 'Token revoked' }] });
    const ended = await revoked.send({ action: 'lock', groupid: 1 });
    expect(ended.status).toBe(401);
    expect(ended.headers.get('set-cookie')).toMatch(new RegExp(`${SESSION_COOKIE}=;`));
    expect(revoked.commands).toHaveLength(0);
  });

  it('re-encodes each lockid into the upstream path, and sends a repeated lockid once', async () => {
    const { send, upstream } = await setUp(fleetOf(1));
    const body = await (await send({ action: 'lock', lockids: ['a?b#c', 'EM000001', 'EM000001'] })).json();
    expect(body.results.map((r: { lockid: string }) => r.lockid)).toEqual(['a?b#c', 'EM000001']);
    const posts = upstream.requests.filter((r) => r.method === 'POST' && r.url !== '/api/login').map((r) => r.url);
    expect(posts.sort()).toEqual(['/api/locks/EM000001/lock', '/api/locks/a%3Fb%23c/lock']);
  });
});

describe('POST /api/commands against the embedded platform', () => {
  it('locks a selection and the whole fleet, and reports the offline locks as not reached', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lockboard-bulk-'));
    const platform = await startPlatform({ dbPath: join(dir, 'platform.sqlite'), simulator: false, quirks: TEST_QUIRKS, seed: { locks: 30, historyDays: 1 } });
    const audit: Record<string, unknown>[] = [];
    const gateway = await startGateway(platform.url, {
      mode: 'embedded',
      config: testConfig({ DATA_DIR: dir }),
      auditStream: { write: (line: string) => audit.push(JSON.parse(line) as Record<string, unknown>) },
    });
    cleanups.push(() => platform.close(), () => gateway.close());
    const manager = await signIn(gateway.url, DEMO_CREDENTIALS.manager.email, DEMO_CREDENTIALS.manager.password);
    const rows = platform.db.prepare('SELECT lockid, lockname, lock_online_status AS online FROM locks ORDER BY lockid').all() as { lockid: string; lockname: string; online: number }[];
    const offline = rows.filter((r) => r.online === 0);
    expect(offline.length).toBeGreaterThan(0);
    const send = (body: unknown) =>
      fetch(`${gateway.url}/api/commands`, { method: 'POST', headers: { ...manager, 'content-type': 'application/json' }, body: JSON.stringify(body) });

    const selection = [...rows.filter((r) => r.online === 1).slice(0, 4), offline[0]!];
    const picked = await (await send({ action: 'unlock', lockids: selection.map((r) => r.lockid) })).json();
    expect(picked.summary).toEqual({ done: 4, offline: 1, failed: 0 });
    expect(picked.msg).toBe('4 unlocked · 1 offline, not reached');
    expect(picked.results.at(-1)).toEqual({ lockid: offline[0]!.lockid, lockname: null, status: 0, outcome: 'offline', msg: `${offline[0]!.lockname} is offline` });
    const open = (lockid: string) => (platform.db.prepare('SELECT lock_open_status AS o FROM locks WHERE lockid = ?').get(lockid) as { o: number }).o;
    for (const row of selection.slice(0, 4)) expect(open(row.lockid)).toBe(1);

    const lockdown = await (await send({ action: 'lock', all: true })).json();
    expect(lockdown.summary).toEqual({ done: rows.length - offline.length, offline: offline.length, failed: 0 });
    expect(lockdown.results).toHaveLength(rows.length);
    expect(lockdown.results.find((r: { lockid: string }) => r.lockid === offline[0]!.lockid)).toMatchObject({ lockname: offline[0]!.lockname, outcome: 'offline' });
    for (const row of rows.filter((r) => r.online === 1)) expect(open(row.lockid)).toBe(0);
    expect(JSON.stringify(lockdown)).not.toMatch(/lock_password/);
    expect(audit.filter((l) => l.action === 'bulk-command').map((l) => l.detail)).toEqual([
      '5 lockids: 4 done, 1 offline, 0 failed',
      `all locks: ${rows.length - offline.length} done, ${offline.length} offline, 0 failed`,
    ]);
    expect(audit.filter((l) => l.action === 'lock-command')).toHaveLength(5 + rows.length);

    // A group's unlock reaches exactly its members (the platform's groupid filter and lockgroups on each row).
    const group = platform.db
      .prepare('SELECT g.groupid, count(*) AS n FROM lockgroups g JOIN lockgroup_members m ON m.groupid = g.groupid GROUP BY g.groupid ORDER BY n DESC LIMIT 1')
      .get() as { groupid: number; n: number };
    const members = platform.db
      .prepare('SELECT l.lockid, l.lock_online_status AS online FROM locks l JOIN lockgroup_members m ON m.lock_id = l.id WHERE m.groupid = ? ORDER BY l.lockid')
      .all(group.groupid) as { lockid: string; online: number }[];
    expect(members.length).toBeGreaterThan(1);
    const site = await (await send({ action: 'unlock', groupid: group.groupid })).json();
    expect(site.results.map((r: { lockid: string }) => r.lockid).sort()).toEqual(members.map((m) => m.lockid));
    expect(site.summary).toEqual({ done: members.filter((m) => m.online).length, offline: members.filter((m) => !m.online).length, failed: 0 });
    for (const row of rows.filter((r) => r.online === 1)) expect(open(row.lockid)).toBe(members.some((m) => m.lockid === row.lockid) ? 1 : 0);
  });
});
