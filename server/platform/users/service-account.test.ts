import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envelopeSchema } from '../../../contract/envelope';
import { listResponseSchema } from '../../../contract/envelope';
import { lockSchema } from '../../../contract/locks';

/** What the service account reads: locks without their password (never sent to it). */
const lockListResponseSchema = listResponseSchema('lockslist', lockSchema.omit({ lock_password: true }));
import { startPlatform } from '../platform';
import { call } from '../testing';
import { SERVICE_ACCOUNT_EMAIL } from './service-account';

let platform: Awaited<ReturnType<typeof startPlatform>>;
let token: string;

async function signIn(email: string, password: string) {
  return call(platform.url, 'POST', '/api/login', { body: { email, password } });
}

beforeAll(async () => {
  platform = await startPlatform({ dbPath: ':memory:', simulator: false, seed: { locks: 12, historyDays: 1 } });
  const res = await signIn(platform.serviceAccount.email, platform.serviceAccount.password);
  expect(res.status).toBe(200);
  token = (res.body as { token: string }).token;
});
afterAll(() => platform.close());

describe('the embedded platform service account', () => {
  it('is notifier@lockboard.local with role service and a long random password', async () => {
    expect(platform.serviceAccount.email).toBe(SERVICE_ACCOUNT_EMAIL);
    expect(platform.serviceAccount.password.length).toBeGreaterThanOrEqual(32);
    const res = await signIn(platform.serviceAccount.email, platform.serviceAccount.password);
    expect((res.body as { user: unknown }).user).toMatchObject({ email: SERVICE_ACCOUNT_EMAIL, role: 'service' });
  });

  it('gets a new password at every platform start, and a wrong one is refused', async () => {
    const other = await startPlatform({ dbPath: ':memory:', simulator: false, seed: { locks: 2, historyDays: 0 } });
    try {
      expect(other.serviceAccount.password).not.toBe(platform.serviceAccount.password);
      const res = await call(other.url, 'POST', '/api/login', { body: platform.serviceAccount });
      expect(res.status).toBe(401);
      expect(envelopeSchema.parse(res.body).status).toBe(0);
    } finally {
      await other.close();
    }
  });

  it('takes the password it is given (npm run platform with PLUS_SERVICE_PASSWORD), for gateways started apart', async () => {
    const given = 'a-password-shared-with-the-gateways';
    const other = await startPlatform({ dbPath: ':memory:', simulator: false, seed: { locks: 2, historyDays: 0 }, servicePassword: given });
    try {
      expect(other.serviceAccount.password).toBe(given);
      expect((await call(other.url, 'POST', '/api/login', { body: { email: SERVICE_ACCOUNT_EMAIL, password: given } })).status).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('reads locks, events and lock groups', async () => {
    const locks = await call(platform.url, 'GET', '/api/locks?pagenumber=1&limit=5', { token });
    expect(locks.status).toBe(200);
    expect(lockListResponseSchema.parse(locks.body).lockslist.length).toBeGreaterThan(0);
    for (const path of ['/api/events?pagenumber=1&limit=1', '/api/events?afterid=0&limit=5', '/api/lockgroups?pagenumber=1&limit=5']) {
      const res = await call(platform.url, 'GET', path, { token });
      expect(res.status, path).toBe(200);
    }
  });

  it('gets 403 on every state-changing route and on people and grants', async () => {
    const lockid = lockListResponseSchema.parse((await call(platform.url, 'GET', '/api/locks?pagenumber=1&limit=1', { token })).body).lockslist[0]?.lockid;
    expect(lockid).toBeTruthy();
    const attempts: [string, string, unknown?][] = [
      ['POST', `/api/locks/${lockid}/unlock`, {}],
      ['POST', `/api/locks/${lockid}/lock`, {}],
      ['POST', '/api/lockgroups', { groupname: 'Service made' }],
      ['POST', '/api/people', { username: 'Mallory' }],
      ['GET', '/api/people?pagenumber=1&limit=5'],
      ['GET', '/api/grants?pagenumber=1&limit=5'],
    ];
    for (const [method, path, body] of attempts) {
      const res = await call(platform.url, method, path, { token, body });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(envelopeSchema.parse(res.body).status).toBe(0);
    }
  });

  it('is not listed as a person', async () => {
    const manager = await signIn('manager@lockboard.local', 'lockboard-manager');
    const managerToken = (manager.body as { token: string }).token;
    const res = await call(platform.url, 'GET', `/api/people?pagenumber=1&limit=100&searchkey=notifier`, { token: managerToken });
    expect(res.status).toBe(200);
    expect((res.body as { totalCount: number }).totalCount).toBe(0);
    const all = await call(platform.url, 'GET', `/api/people?pagenumber=1&limit=100`, { token: managerToken });
    const emails = (all.body as { peoplelist: { email: string | null }[] }).peoplelist.map((p) => p.email);
    expect(emails.length).toBeGreaterThan(0);
    expect(emails).not.toContain(SERVICE_ACCOUNT_EMAIL);
  });

  it('signs out, after which its token is refused', async () => {
    const res = await signIn(platform.serviceAccount.email, platform.serviceAccount.password);
    const own = (res.body as { token: string }).token;
    expect((await call(platform.url, 'POST', '/api/logout', { token: own })).status).toBe(200);
    expect((await call(platform.url, 'GET', '/api/locks?pagenumber=1&limit=1', { token: own })).status).toBe(401);
  });
});
