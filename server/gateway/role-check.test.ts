import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform } from '../platform/platform';
import { DEMO_CREDENTIALS, call, loginAs } from '../platform/testing';
import { createUsersRepository } from '../platform/users/users-repository';
import { type RunningGateway, signIn, startGateway, testConfig } from '../../test-support/gateway';
import { raw } from '../../test-support/raw-http';
import { StandInUpstream, forwardTo, sendJson } from '../../test-support/stand-in-upstream';

/**
 * Issue 22, part 2: a manager demoted to support kept the manager role in the session cookie until
 * it expired, and could still reveal lock passwords. The gateway asks the platform who the token
 * belongs to (cached; 100 ms here instead of 60 s) before manager-only actions, and downgrades the
 * session; the platform never sends `lock_password` to a support token.
 */
let platform: Awaited<ReturnType<typeof startPlatform>>;
let gateway: RunningGateway;
const lines: Record<string, unknown>[] = [];
let lockid: string;
const MANAGER = DEMO_CREDENTIALS.manager;

beforeAll(async () => {
  platform = await startPlatform({ dbPath: join(mkdtempSync(join(tmpdir(), 'lockboard-roles-')), 'p.sqlite'), simulator: false, seed: { locks: 5, historyDays: 1 } });
  gateway = await startGateway(platform.url, {
    mode: 'embedded',
    config: testConfig({ LOGIN_RATE_LIMIT: '50' }),
    roleCheckTtlMs: 100,
    auditStream: { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
  });
  platform.db.prepare('UPDATE locks SET lock_online_status = 1').run();
  lockid = platform.db.prepare('SELECT lockid FROM locks ORDER BY id LIMIT 1').pluck().get() as string;
});
afterAll(async () => {
  await gateway.close();
  await platform.close();
});

const reveal = (session: Record<string, string>) => raw(gateway.url, 'GET', `/api/locks/${lockid}/password`, { cookie: session.cookie ?? '' });
const me = async (session: Record<string, string>) => (await raw(gateway.url, 'GET', '/api/me', { cookie: session.cookie ?? '' })).json as { user: { role: string; userid: number } };

describe('a role changed on the platform', () => {
  it('reaches the session: a demoted manager is refused the reveal (403) and /api/me says support', async () => {
    const session = await signIn(gateway.url, MANAGER.email, MANAGER.password);
    expect((await reveal(session)).status).toBe(200);
    const { userid } = (await me(session)).user;
    const users = createUsersRepository(platform.db);
    try {
      expect(users.setRole(userid, 'support')).toBe(true);
      // Within the cache window (100 ms here, 60 s by default) the gateway learns of it.
      await expect.poll(async () => (await reveal(session)).status, { timeout: 5_000, interval: 50 }).toBe(403);
      expect((await me(session)).user.role).toBe('support');
      const unlock = await raw(gateway.url, 'POST', `/api/locks/${lockid}/unlock`, { ...session, 'content-type': 'application/json' }, '{}');
      expect(unlock.status).toBe(403);
      expect(lines.filter((l) => l.action === 'role-changed')).toEqual([
        expect.objectContaining({ result: 'ok', user: expect.objectContaining({ userid, role: 'manager' }), detail: expect.stringContaining('manager → support') }),
      ]);
      // The cookie sent here is the one from before the change (a replayed copy): still refused.
      expect((await reveal(session)).status).toBe(403);
    } finally {
      users.setRole(userid, 'manager');
    }
  });

  it('the platform never sends lock_password to a support token (list and detail)', async () => {
    const support = await loginAs(platform.url, 'support');
    const list = await call(platform.url, 'GET', '/api/locks?pagenumber=1&limit=5', { token: support });
    const rows = (list.body as { lockslist: Record<string, unknown>[] }).lockslist;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((row) => 'lock_password' in row)).toEqual([]);
    const detail = await call(platform.url, 'GET', `/api/locks/${lockid}`, { token: support });
    expect((detail.body as { lock: Record<string, unknown> }).lock).not.toHaveProperty('lock_password');
    // A manager's token still gets it (the gateway's reveal reads it); the same page, not a cached support answer.
    const manager = await loginAs(platform.url, 'manager');
    const managerRows = (await call(platform.url, 'GET', '/api/locks?pagenumber=1&limit=5', { token: manager })).body as { lockslist: Record<string, unknown>[] };
    expect(managerRows.lockslist[0]).toHaveProperty('lock_password', expect.any(String));
    const me = await call(platform.url, 'GET', '/api/users/me', { token: support });
    expect(me.body).toMatchObject({ status: 1, user: { email: DEMO_CREDENTIALS.support.email, role: 'support' } });
  });

  it('a host without GET /api/users/me (404) keeps the role given at sign-in, asking once', async () => {
    let asked = 0;
    const forward = forwardTo(platform.url);
    const host = await new StandInUpstream(async (request, response) => {
      if (request.url.startsWith('/api/users/me')) {
        asked += 1;
        return sendJson(response, 404, { status: 0, msg: 'Not found' });
      }
      return forward(request, response);
    }).start();
    const plain = await startGateway(host.url, { roleCheckTtlMs: 100 });
    try {
      const session = await signIn(plain.url, MANAGER.email, MANAGER.password);
      for (let i = 0; i < 3; i += 1) {
        const answer = await raw(plain.url, 'GET', `/api/locks/${lockid}/password`, { cookie: session.cookie ?? '' });
        expect(answer.status, answer.body).toBe(200);
      }
      expect(asked).toBe(1);
    } finally {
      await plain.close();
      await host.stop();
    }
  });
});
