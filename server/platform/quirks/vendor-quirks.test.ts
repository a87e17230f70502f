import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform } from '../platform';
import { DEMO_CREDENTIALS, call, loginAs } from '../testing';

type Json = Record<string, unknown>;
let dir: string;
let platform: Awaited<ReturnType<typeof startPlatform>>;
let token: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lockboard-quirks-'));
  platform = await startPlatform({ dbPath: join(dir, 'platform.sqlite'), simulator: false, seed: { locks: 30, historyDays: 1 }, quirks: 'vendor' });
  token = await loginAs(platform.url, 'manager');
});
afterAll(async () => {
  await platform.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = async (path: string) => (await call(platform.url, 'GET', path, { token })).body as Json;

describe('PLATFORM_QUIRKS=vendor', () => {
  it('answers a wrong password and a bad query with HTTP 200 and status 0, but keeps 401, 404 and 409', async () => {
    const wrong = await call(platform.url, 'POST', '/api/login', { body: { email: DEMO_CREDENTIALS.manager.email, password: 'wrong-password' } });
    expect(wrong.status).toBe(200);
    expect(wrong.body).toMatchObject({ status: 0 });
    const bad = await call(platform.url, 'GET', '/api/locks?limit=10', { token });
    expect(bad.status).toBe(200);
    expect(bad.body).toMatchObject({ status: 0, msg: expect.stringMatching(/pagenumber/) });
    expect((await call(platform.url, 'GET', '/api/locks?pagenumber=1&limit=10', { token: 'not-a-token' })).status).toBe(401);
    expect((await call(platform.url, 'GET', '/api/locks/NO-SUCH-LOCK', { token })).status).toBe(404);
    const offline = platform.db.prepare('SELECT lockid FROM locks WHERE lock_online_status = 0 LIMIT 1').pluck().get() as string;
    expect((await call(platform.url, 'POST', `/api/locks/${offline}/lock`, { token })).status).toBe(409);
  });

  it('sends totals that disagree, numbers as strings and fields nobody asked for', async () => {
    const locks = await get('/api/locks?pagenumber=1&limit=10');
    expect(locks.totalCount).toBe(30);
    expect(locks.totalPage).toBe(30); // as the vendor's own sample: totalCount 2, totalPage 2 at limit 10
    const lock = (locks.lockslist as Json[])[0] as Json;
    expect(lock.lock_online_status).toMatch(/^[01]$/);
    expect(lock).toHaveProperty('lock_firmware');
    const events = await get('/api/events?pagenumber=1&limit=5');
    expect(events.totalCount).toBeNull();
    expect(Number(events.totalPage)).toBeGreaterThan(0);
    const event = (events.eventslist as Json[])[0] as Json;
    expect(event.eventid).toMatch(/^\d+$/);
    expect(event).toHaveProperty('device_sn');
    const login = await call(platform.url, 'POST', '/api/login', { body: DEMO_CREDENTIALS.support });
    expect((login.body as { user: Json }).user).toMatchObject({ role: 'support', company_id: 7 });
    const summary = (await get('/api/locks/summary')).summary as Json;
    expect(summary.total).toBe('30');
  });
});
