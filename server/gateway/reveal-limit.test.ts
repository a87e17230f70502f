import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedDefaultRules } from '../notifier/seed-rules';
import { startPlatform } from '../platform/platform';
import { DEMO_CREDENTIALS } from '../platform/testing';
import type { Store } from '../store/store';
import { type RunningGateway, signIn, startGateway, testConfig } from '../../test-support/gateway';
import { raw } from '../../test-support/raw-http';
import { type TestRedis, startRedis } from '../../test-support/redis';
import { openTestStore } from '../../test-support/store-engines';
import { recordingMessenger } from './team-alerts/test-kit';

/**
 * Issue 22, part 2: one manager session read all 240 lock passwords in 2 s, and signing in again
 * reset the request limit. Reveals are limited per user — 20 a minute, across sessions and gateway
 * copies (Redis) — and a burst raises one "Many secrets revealed" team alert.
 */
let platform: Awaited<ReturnType<typeof startPlatform>>;
let redis: TestRedis;
let store: Store;
let a: RunningGateway;
let b: RunningGateway;
const recorded = recordingMessenger();
const lines: Record<string, unknown>[] = [];
let lockids: string[];

beforeAll(async () => {
  redis = await startRedis();
  platform = await startPlatform({ dbPath: join(mkdtempSync(join(tmpdir(), 'lockboard-reveals-')), 'p.sqlite'), simulator: false, seed: { locks: 30, historyDays: 1 } });
  store = await openTestStore('sqlite');
  // A new install's rules: the seeded "Many secrets revealed" is what raises the alert.
  await seedDefaultRules(store.db, 300);
  const copy = () =>
    startGateway(platform.url, {
      mode: 'embedded',
      config: testConfig({ REDIS_URL: redis.url, LOGIN_RATE_LIMIT: '50' }),
      teamAlerts: { store, messenger: recorded.messenger, notifierStatus: async () => ({ state: 'off', msg: 'off', last_poll_date: null }) },
      auditStream: { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
    });
  [a, b] = [await copy(), await copy()];
  await vi.waitFor(() => expect([a.shared.status, b.shared.status]).toEqual(['up', 'up']), { timeout: 5_000 });
  lockids = platform.db.prepare('SELECT lockid FROM locks ORDER BY id').pluck().all() as string[];
}, 30_000);
afterAll(async () => {
  await a?.close();
  await b?.close();
  await store?.close();
  await platform?.close();
  await redis?.stop();
});

const reveal = (gateway: RunningGateway, session: Record<string, string>, lockid: string) =>
  raw(gateway.url, 'GET', `/api/locks/${encodeURIComponent(lockid)}/password`, { cookie: session.cookie ?? '' });

describe('reveals per user', () => {
  it('allows 20 a minute, then 429 with Retry-After, for every session and copy of the same user; one alert', async () => {
    const manager = await signIn(a.url, DEMO_CREDENTIALS.manager.email, DEMO_CREDENTIALS.manager.password);
    // A keypad grant, made before the burst: its code's reveal counts with the passwords.
    const grant = await raw(a.url, 'POST', '/api/grants', { ...manager, 'content-type': 'application/json' }, JSON.stringify({ userid: 101, lockid: lockids[0], method: 'keypad' }));
    expect(grant.status, grant.body).toBe(200);
    const grantid = (grant.json as { grant: { grantid: number } }).grant.grantid;

    for (const lockid of lockids.slice(0, 19)) expect((await reveal(a, manager, lockid)).status).toBe(200);
    const code = await raw(a.url, 'GET', `/api/grants/${grantid}/passcode`, { cookie: manager.cookie ?? '' });
    expect(code.status, code.body).toBe(200);

    const refused = await reveal(a, manager, lockids[20] ?? '');
    expect(refused.status).toBe(429);
    expect(refused.json).toEqual({ status: 0, msg: expect.stringContaining('20 a minute') });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(refused.body).not.toMatch(/lock_password/);

    // Signing in again, on the other copy: still the same person's minute.
    const again = await signIn(b.url, DEMO_CREDENTIALS.manager.email, DEMO_CREDENTIALS.manager.password);
    const second = await reveal(b, again, lockids[21] ?? '');
    expect(second.status).toBe(429);
    expect(second.headers['retry-after']).toMatch(/^\d+$/);
    const secondCode = await raw(b.url, 'GET', `/api/grants/${grantid}/passcode`, { cookie: again.cookie ?? '' });
    expect(secondCode.status).toBe(429);
    expect(lines.filter((l) => l.action === 'reveal-limited')).toHaveLength(3);

    // One open alert for the burst, not one per refused reveal; told once.
    const alerts = await raw(b.url, 'GET', '/api/team-alerts?state=open', { cookie: again.cookie ?? '' });
    const open = (alerts.json as { alertslist: { kind: string; title: string }[] }).alertslist.filter((x) => x.kind === 'secrets-burst');
    expect(open).toEqual([expect.objectContaining({ kind: 'secrets-burst', title: 'Many secrets revealed by Demo Manager', severity: 'warning' })]);
    expect(recorded.enqueued.filter((m) => m.type === 'alert.opened')).toHaveLength(1);
  });

  it('a support account is refused reveals by role (403), not by the limit', async () => {
    const support = await signIn(a.url, DEMO_CREDENTIALS.support.email, DEMO_CREDENTIALS.support.password);
    // Support may not reveal at all (403, not 429): the limit is no substitute for the role check.
    expect((await reveal(a, support, lockids[0] ?? '')).status).toBe(403);
  });
});
