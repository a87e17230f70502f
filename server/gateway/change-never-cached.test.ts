import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform } from '../platform/platform';
import { DEMO_CREDENTIALS } from '../platform/testing';
import { type RunningGateway, signIn, startGateway } from '../../test-support/gateway';
import { raw } from '../../test-support/raw-http';
import { StandInUpstream, sendJson } from '../../test-support/stand-in-upstream';

/** Audit lines written by the gateway under test. */
class AuditCapture {
  readonly lines: Record<string, unknown>[] = [];
  write(line: string) {
    this.lines.push(JSON.parse(line) as Record<string, unknown>);
    return true;
  }
  count(action: string) {
    return this.lines.filter((line) => line.action === action).length;
  }
}

describe('a state-changing request is never answered from the answer store (issue 22)', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  let gateway: RunningGateway;
  const audit = new AuditCapture();
  let manager: Record<string, string>;

  beforeAll(async () => {
    platform = await startPlatform({ dbPath: join(mkdtempSync(join(tmpdir(), 'lockboard-nocache-')), 'platform.sqlite'), simulator: false, seed: { locks: 5, historyDays: 1 } });
    gateway = await startGateway(platform.url, { mode: 'embedded', auditStream: audit });
    manager = await signIn(gateway.url, DEMO_CREDENTIALS.manager.email, DEMO_CREDENTIALS.manager.password);
  });
  afterAll(async () => {
    await gateway.close();
    await platform.close();
  });

  it('offboards twice with If-None-Match = the first answer\'s ETag: two answers, two audit records', async () => {
    const json = { ...manager, 'content-type': 'application/json' };
    const created = await raw(gateway.url, 'POST', '/api/people', json, JSON.stringify({ username: 'Nobody Yet' }));
    expect(created.status, created.body).toBe(200);
    const userid = (created.json as { person: { userid: number } }).person.userid;
    const before = audit.count('offboard');

    // A person without grants: both offboardings get byte-identical answers from the platform.
    const first = await raw(gateway.url, 'POST', `/api/people/${userid}/revoke`, manager);
    expect(first.status, first.body).toBe(200);
    expect(first.json).toMatchObject({ status: 1, revoked: 0 });
    const etag = first.headers.etag ?? '"any"';
    const second = await raw(gateway.url, 'POST', `/api/people/${userid}/revoke`, { ...manager, 'if-none-match': etag });
    expect(second.status, second.body).toBe(200);
    expect(second.json).toMatchObject({ status: 1, revoked: 0 });
    expect(second.headers['cache-control']).toBe('no-store');
    expect(audit.count('offboard')).toBe(before + 2);
    expect(audit.lines.filter((line) => line.action === 'offboard').slice(-2)).toEqual([
      expect.objectContaining({ result: 'ok', personid: userid }),
      expect.objectContaining({ result: 'ok', personid: userid }),
    ]);
  });

  it('still answers an unchanged GET poll with 304', async () => {
    const first = await raw(gateway.url, 'GET', '/api/locks?pagenumber=1&limit=5', manager);
    expect(first.status).toBe(200);
    const again = await raw(gateway.url, 'GET', '/api/locks?pagenumber=1&limit=5', { ...manager, 'if-none-match': first.headers.etag ?? '' });
    expect(again.status).toBe(304);
  });
});

describe('a host that answers a repeated revoke the same way', () => {
  let upstream: StandInUpstream;
  let gateway: RunningGateway;
  const audit = new AuditCapture();

  beforeAll(async () => {
    upstream = await new StandInUpstream((request, response) => {
      if (request.url === '/api/login') {
        return sendJson(response, 200, { status: 1, msg: '', token: 'upstream-token-0123456789', user: { userid: 1, name: 'M', email: 'm@x.test', role: 'manager' } });
      }
      if (request.method === 'DELETE' && request.url === '/api/grants/7') {
        const grant = { grantid: 7, userid: 3, username: 'Pedro', lockid: 'L-1', lockname: 'Server room', groupid: null, method: 'app', status: 'revoked' };
        return sendJson(response, 200, { status: 1, msg: 'Pedro can no longer open Server room (app)', grant });
      }
      sendJson(response, 200, { status: 1, msg: '', lockslist: [], totalCount: 0, totalPage: 0, currentPage: 1 });
    }).start();
    gateway = await startGateway(upstream.url, { auditStream: audit });
  });
  afterAll(async () => {
    await gateway.close();
    await upstream.stop();
  });

  it('sends both DELETE /api/grants/:grantid upstream, answers both and audits both', async () => {
    const session = await signIn(gateway.url, 'm@x.test', 'pw');
    const first = await raw(gateway.url, 'DELETE', '/api/grants/7', session);
    expect(first.status, first.body).toBe(200);
    const second = await raw(gateway.url, 'DELETE', '/api/grants/7', { ...session, 'if-none-match': first.headers.etag ?? '"any"' });
    expect(second.status, second.body).toBe(200);
    expect(second.json).toMatchObject({ status: 1, grant: { grantid: 7 } });
    expect(upstream.requests.filter((r) => r.method === 'DELETE')).toHaveLength(2);
    const revokes = audit.lines.filter((line) => line.action === 'grant-revoke');
    expect(revokes).toEqual([
      expect.objectContaining({ result: 'ok', grantid: 7, personid: 3 }),
      expect.objectContaining({ result: 'ok', grantid: 7, personid: 3 }),
    ]);
  });
});
