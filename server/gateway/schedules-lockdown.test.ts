import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_ACCOUNTS, FakeTokens } from '../../test-support/fake-fleet';
import { type RunningGateway, signIn, startGateway, testConfig } from '../../test-support/gateway';
import { raw } from '../../test-support/raw-http';
import { StandInUpstream } from '../../test-support/stand-in-upstream';
import { OFFICE_HOURS, type ScheduleHostOptions, scheduleHost } from './schedules-host.test-support';

/**
 * Door schedules, holidays and lockdowns through the real gateway, against a stand-in platform on
 * port 0 that answers DESIGN.md's "Schedules and lockdown" routes in contract/schedules.ts's shapes.
 */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

type AuditLine = Record<string, unknown>;

async function setUp(options: ScheduleHostOptions = {}, spaDir: string | null = null) {
  const tokens = new FakeTokens();
  const upstream = await new StandInUpstream(scheduleHost(tokens, options)).start();
  const audit: AuditLine[] = [];
  const gateway = await startGateway(upstream.url, {
    config: testConfig(),
    spaDir,
    auditStream: { write: (line: string) => audit.push(JSON.parse(line) as AuditLine) },
  });
  cleanups.push(() => upstream.stop(), () => gateway.close());
  const manager = await signIn(gateway.url, FAKE_ACCOUNTS.manager.email, FAKE_ACCOUNTS.manager.password);
  const support = await signIn(gateway.url, FAKE_ACCOUNTS.support.email, FAKE_ACCOUNTS.support.password);
  return { upstream, gateway, audit, manager, support };
}

function call(gateway: RunningGateway, session: Record<string, string>, method: string, path: string, body?: unknown) {
  return fetch(`${gateway.url}${path}`, {
    method,
    headers: { ...session, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const CHANGES: [string, string, unknown][] = [
  ['POST', '/api/schedules', { name: 'Front desk', windows: [] }],
  ['PUT', '/api/schedules/7', { name: 'Late office hours' }],
  ['DELETE', '/api/schedules/7', undefined],
  ['POST', '/api/holidays', { name: 'New Year', start_date: '2027-01-01' }],
  ['PUT', '/api/holidays/3', { name: 'Christmas' }],
  ['DELETE', '/api/holidays/3', undefined],
  ['POST', '/api/lockdowns', { all: true }],
  ['POST', '/api/lockdowns/2/lift', {}],
];
const READS = ['/api/schedules?pagenumber=1&limit=10', '/api/schedules/7', '/api/holidays?pagenumber=1&limit=10', '/api/lockdowns?state=all'];

describe('schedule, holiday and lockdown routes by role', () => {
  it('let any signed-in role read them, refuse anyone signed out, and give support none of the changes', async () => {
    const { gateway, upstream, manager, support } = await setUp();
    for (const path of READS) {
      expect((await call(gateway, support, 'GET', path)).status, `support reads ${path}`).toBe(200);
      expect((await call(gateway, manager, 'GET', path)).status, `manager reads ${path}`).toBe(200);
      expect((await call(gateway, { origin: gateway.url }, 'GET', path)).status, `nobody reads ${path}`).toBe(401);
    }
    const before = upstream.requests.filter((r) => r.method !== 'GET').length;
    for (const [method, path, body] of CHANGES) {
      const refused = await call(gateway, support, method, path, body);
      expect(refused.status, `support ${method} ${path}`).toBe(403);
      expect(await refused.json()).toEqual({ status: 0, msg: expect.any(String) });
      expect((await call(gateway, { origin: gateway.url }, method, path, body)).status, `nobody ${method} ${path}`).toBe(401);
    }
    // Nothing support or nobody sent reached the platform.
    expect(upstream.requests.filter((r) => r.method !== 'GET')).toHaveLength(before);
    for (const [method, path, body] of CHANGES) {
      expect((await call(gateway, manager, method, path, body)).status, `manager ${method} ${path}`).toBe(200);
    }
  });

  it('refuse a query parameter the route does not take with 400, before the platform hears of it', async () => {
    const { gateway, upstream, manager } = await setUp();
    for (const path of ['/api/schedules?pagenumber=1&limit=10&userid=1', '/api/holidays?year=2026', '/api/lockdowns?state=all&all=1', '/api/schedules/7?pagenumber=1']) {
      const response = await call(gateway, manager, 'GET', path);
      expect(response.status, path).toBe(400);
      expect(await response.json()).toEqual({ status: 0, msg: expect.stringMatching(/^Unknown parameter: /) });
    }
    // (Feature discovery reads /api/schedules and /api/lockdowns, and asks /api/access-check about a userid, on its own:
    // only the refused parameters are looked for.)
    expect(upstream.requests.filter((r) => !r.url.startsWith('/api/access-check?') && /userid|year|all=|schedules\/7/.test(r.url)).map((r) => r.url)).toEqual([]);
    // The lock list and the summary take the lockdown filter.
    expect((await call(gateway, manager, 'GET', '/api/locks?pagenumber=1&limit=10&lockdown=1')).status).toBe(200);
    expect((await call(gateway, manager, 'GET', '/api/locks/summary?lockdown=1')).status).toBe(200);
    expect(upstream.requests.map((r) => r.url)).toEqual(expect.arrayContaining(['/api/locks?pagenumber=1&limit=10&lockdown=1', '/api/locks/summary?lockdown=1']));
    expect((await call(gateway, manager, 'GET', '/api/lockdowns?state=all')).status).toBe(200);
    expect(upstream.requests.at(-1)?.url).toBe('/api/lockdowns?state=all');
  });

  it('refuse an id that is not a positive whole number', async () => {
    const { gateway, manager } = await setUp();
    for (const [method, path] of [['GET', '/api/schedules/abc'], ['DELETE', '/api/holidays/0'], ['POST', '/api/lockdowns/1%20OR%201/lift']]) {
      expect((await call(gateway, manager, method as string, path as string, method === 'POST' ? {} : undefined)).status, path).toBe(400);
    }
  });

  it('relay the platform\'s 404 when the host has no schedules or lockdowns', async () => {
    const { gateway, manager } = await setUp({ features: false });
    for (const path of READS) {
      const response = await call(gateway, manager, 'GET', path);
      expect(response.status, path).toBe(404);
      expect(await response.json()).toEqual({ status: 0, msg: 'Not found' });
    }
  });
});

describe('feature discovery', () => {
  const featuresOf = async (gateway: RunningGateway) => {
    await gateway.capabilities.refresh();
    const config = (await (await fetch(`${gateway.url}/app-config.json`)).json()) as { features: Record<string, boolean> };
    return { schedules: config.features.schedules, lockdowns: config.features.lockdowns };
  };

  it('finds schedules and lockdowns on a host that has them, and not on one without', async () => {
    expect(await featuresOf((await setUp()).gateway)).toEqual({ schedules: true, lockdowns: true });
    expect(await featuresOf((await setUp({ features: false })).gateway)).toEqual({ schedules: false, lockdowns: false });
  });
});

describe('the audit trail of schedule, holiday and lockdown changes', () => {
  it('records each change with what it changed, named by the platform\'s answer', async () => {
    const { gateway, audit, manager } = await setUp();
    for (const [method, path, body] of CHANGES) await call(gateway, manager, method, path, body);
    const lines = audit.filter((l) => /^(schedule|holiday|lockdown)/.test(String(l.action)));
    expect(lines.map((l) => [l.action, l.result, l.detail])).toEqual([
      ['schedule-created', 'ok', 'schedule 8 (Front desk)'],
      ['schedule-changed', 'ok', 'schedule 7 (Late office hours)'],
      ['schedule-deleted', 'ok', 'schedule 7 (Office hours)'],
      ['holiday-created', 'ok', 'holiday 4 (New Year) from 2026-12-25 to 2026-12-26, every year'],
      ['holiday-changed', 'ok', 'holiday 3 (Christmas) from 2026-12-25 to 2026-12-26, every year'],
      ['holiday-deleted', 'ok', 'holiday 3 (Christmas) from 2026-12-25 to 2026-12-26, every year'],
      ['lockdown', 'ok', 'lockdown 2 of all locks; 3 locks; offline, locked when back: EM000002'],
      ['lockdown', 'ok', 'lockdown 2 of group 5; 3 locks'],
    ]);
    expect(lines.filter((l) => l.action === 'lockdown').map((l) => [l.command, l.count, l.groupid])).toEqual([
      ['start', 3, undefined],
      ['lift', 3, 5],
    ]);
    expect(lines.map((l) => (l.user as { role?: string }).role)).toEqual(CHANGES.map(() => 'manager'));
  });

  it('records a refused lockdown as failed, with the scope asked for and the platform\'s reason', async () => {
    const { gateway, audit, manager } = await setUp();
    const response = await call(gateway, manager, 'POST', '/api/lockdowns', {});
    expect(response.status).toBe(400);
    expect(audit.filter((l) => l.action === 'lockdown')).toEqual([
      expect.objectContaining({ command: 'start', result: 'failed', detail: 'a lockdown of an unknown scope: give either all: true or groupids' }),
    ]);
    await call(gateway, manager, 'POST', '/api/lockdowns', { groupids: [4] });
    expect(audit.filter((l) => l.action === 'lockdown').at(-1)).toMatchObject({ result: 'ok', groupid: 4, detail: expect.stringMatching(/^lockdown 2 of group 4;/) });
  });
});

describe('unlocking a lock in lockdown', () => {
  const unlock = (gateway: RunningGateway, session: Record<string, string>, body: unknown) => call(gateway, session, 'POST', '/api/locks/EM000001/unlock', body);

  it('answers the platform\'s 423 with its message when no reason is given', async () => {
    const { gateway, audit, manager } = await setUp({ inLockdown: ['EM000001'] });
    const response = await unlock(gateway, manager, {});
    expect(response.status).toBe(423);
    expect(await response.json()).toEqual({ status: 0, msg: 'HQ · Main Entrance is in lockdown' });
    expect(audit.at(-1)).toMatchObject({ action: 'lock-command', command: 'unlock', lockid: 'EM000001', result: 'failed', detail: 'HQ · Main Entrance is in lockdown' });
  });

  it('passes a manager\'s override_reason to the platform and audits the override with its reason', async () => {
    const { gateway, upstream, audit, manager } = await setUp({ inLockdown: ['EM000001'] });
    const response = await unlock(gateway, manager, { override_reason: '  Fire brigade needs access  ' });
    expect(response.status).toBe(200);
    expect(JSON.parse(upstream.requests.at(-1)?.body ?? '{}')).toEqual({ override_reason: 'Fire brigade needs access' });
    expect(audit.at(-1)).toMatchObject({
      action: 'lock-override',
      command: 'unlock',
      lockid: 'EM000001',
      lockname: 'HQ · Main Entrance',
      result: 'ok',
      detail: 'reason: Fire brigade needs access; done',
    });
  });

  it('refuses a reason that says nothing, or one on a lock command, before anything is sent', async () => {
    const { gateway, upstream, manager, support } = await setUp({ inLockdown: ['EM000001'] });
    const commands = () => upstream.requests.filter((r) => r.method === 'POST' && r.url.startsWith('/api/locks/')).length;
    const short = await unlock(gateway, manager, { override_reason: ' x ' });
    expect(short.status).toBe(400);
    expect(await short.json()).toEqual({ status: 0, msg: expect.stringContaining('override_reason must say why') });
    expect((await unlock(gateway, manager, { override_reason: 42 })).status).toBe(400);
    expect((await call(gateway, manager, 'POST', '/api/locks/EM000001/lock', { override_reason: 'Because I say so' })).status).toBe(400);
    expect((await unlock(gateway, support, { override_reason: 'Fire brigade needs access' })).status).toBe(403);
    expect(commands()).toBe(0);
  });

  it('counts a bulk command\'s lock in lockdown as failed "in lockdown", sent once, never as offline', async () => {
    const { gateway, upstream, manager } = await setUp({ inLockdown: ['EM000002'] });
    const response = await call(gateway, manager, 'POST', '/api/commands', { action: 'unlock', lockids: ['EM000001', 'EM000002'] });
    const body = (await response.json()) as { msg: string; summary: unknown; results: { lockid: string; outcome: string; msg: string }[] };
    expect(body.summary).toEqual({ done: 1, offline: 0, failed: 1 });
    expect(body.results.find((r) => r.lockid === 'EM000002')).toMatchObject({ outcome: 'failed', status: 0, msg: 'HQ · Server Room is in lockdown' });
    expect(body.msg).toBe('1 unlocked · 1 failed');
    expect(upstream.requests.filter((r) => r.url === '/api/locks/EM000002/unlock')).toHaveLength(1);
  });

  it('says "in lockdown" for a bulk command\'s 423 whatever the platform\'s message says', async () => {
    for (const [lockdownMsg, said] of [['', 'in lockdown'], ['Locked', 'in lockdown: Locked']]) {
      const { gateway, manager } = await setUp({ inLockdown: ['EM000002'], lockdownMsg });
      const response = await call(gateway, manager, 'POST', '/api/commands', { action: 'lock', lockids: ['EM000002'] });
      const body = (await response.json()) as { summary: unknown; results: unknown[] };
      expect(body.summary).toEqual({ done: 0, offline: 0, failed: 1 });
      expect(body.results).toEqual([expect.objectContaining({ lockid: 'EM000002', outcome: 'failed', msg: said })]);
    }
  });
});

describe('a lock row\'s schedule and lockdown', () => {
  it('reach a support session unchanged from the list and the detail, with the password stripped and an ETag', async () => {
    const { gateway, support } = await setUp({ inLockdown: ['EM000001'] });
    const first = await call(gateway, support, 'GET', '/api/locks?pagenumber=1&limit=10');
    const list = (await first.json()) as { lockslist: Record<string, unknown>[] };
    expect(list.lockslist.map((l) => [l.lockid, l.lockdown, l.schedule])).toEqual([
      ['EM000001', 1, OFFICE_HOURS],
      ['EM000002', 0, null],
      ['EM000003', 0, null],
    ]);
    expect(JSON.stringify(list)).not.toContain('secret-');
    const etag = first.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    // The answer store serves the same bytes again: still with the fields.
    const again = await call(gateway, support, 'GET', '/api/locks?pagenumber=1&limit=10');
    expect(((await again.json()) as typeof list).lockslist[0]).toMatchObject({ lockdown: 1, schedule: OFFICE_HOURS });
    expect((await call(gateway, { ...support, 'if-none-match': etag }, 'GET', '/api/locks?pagenumber=1&limit=10')).status).toBe(304);
    const detail = (await (await call(gateway, support, 'GET', '/api/locks/EM000001')).json()) as { lock: Record<string, unknown> };
    expect(detail.lock).toMatchObject({ lockdown: 1, schedule: OFFICE_HOURS });
    const summary = (await (await call(gateway, support, 'GET', '/api/locks/summary')).json()) as { summary: Record<string, unknown> };
    expect(summary.summary.lockdown).toBe(1);
  });
});

/** A built SPA whose server renderer puts the lock list it read into the page's state, as it got it. */
function builtSpa(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lockboard-ssr-schedules-'));
  mkdirSync(join(dir, 'server'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html lang="en"><head><title>Lockboard</title></head><body><div id="root"></div></body></html>');
  writeFileSync(
    join(dir, 'server', 'entry-server.js'),
    `export const ssrRouteOf = (p) => (p === '/login' ? 'login' : p === '/locks' ? 'locks' : null);
     export const signedInNext = () => '/locks';
     export const render = async ({ getJson }) => {
       const list = await getJson('/api/locks?pagenumber=1&limit=25');
       return { html: '<main></main>', state: JSON.stringify(list).replace(/</g, '\\u003c') };
     };`,
  );
  return dir;
}

describe('the server-rendered locks page', () => {
  it('carries each row\'s schedule and lockdown to a support session, without the password', async () => {
    const { gateway, support } = await setUp({ inLockdown: ['EM000001'] }, builtSpa());
    const page = await raw(gateway.url, 'GET', '/locks', { cookie: support.cookie ?? '', accept: 'text/html' });
    expect(page.status).toBe(200);
    const state = /<script type="application\/json" id="lockboard-ssr">(.*?)<\/script>/s.exec(page.body)?.[1] ?? 'null';
    const list = JSON.parse(state) as { lockslist: Record<string, unknown>[] } | null;
    expect(list?.lockslist.map((l) => [l.lockid, l.lockdown, l.schedule])).toEqual([
      ['EM000001', 1, OFFICE_HOURS],
      ['EM000002', 0, null],
      ['EM000003', 0, null],
    ]);
    expect(page.body).not.toContain('secret-');
  });
});
