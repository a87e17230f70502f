import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockdownResponseSchema, scheduleResponseSchema } from '../../../contract/schedules';
import { startPlatform } from '../platform';
import { call, loginAs } from '../testing';

/**
 * A lockdown pauses a door's schedule, and lifting it gives the door back to what the schedule says
 * now (the lockdown repository hands its released locks to the scheduler: platform.ts). Fake clock,
 * the scheduler ticked by hand.
 */
let clock = new Date('2025-06-02T08:00:00Z'); // Monday 10:00 in Berlin: inside 08:00–18:00
let platform: Awaited<ReturnType<typeof startPlatform>>;
let token: string;
let lockid: string;

beforeAll(async () => {
  platform = await startPlatform({ dbPath: ':memory:', simulator: false, seed: { locks: 10, historyDays: 0 }, now: () => clock, timeZone: 'Europe/Berlin' });
  platform.scheduler.stop();
  token = await loginAs(platform.url, 'manager');
  lockid = platform.db.prepare('SELECT lockid FROM locks WHERE lock_online_status = 1 AND lock_open_status = 0 ORDER BY lockid LIMIT 1').pluck().get() as string;
});
afterAll(() => platform.close());

const isOpen = () => platform.db.prepare('SELECT lock_open_status FROM locks WHERE lockid = ?').pluck().get(lockid);
const tickAt = (iso: string) => {
  clock = new Date(iso);
  platform.scheduler.tick();
};

describe('a lockdown and a door schedule', () => {
  it('holds the door locked through its window, and lifting it unlocks the door as the schedule says', async () => {
    const created = await call(platform.url, 'POST', '/api/schedules', {
      token,
      body: { name: 'Lobby hours', windows: [{ days: '12345', from: '08:00', to: '18:00' }], lockids: [lockid] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    scheduleResponseSchema.parse(created.body);
    tickAt('2025-06-02T08:00:05Z');
    expect(isOpen(), 'the schedule unlocks the door in its window').toBe(1);

    const started = await call(platform.url, 'POST', '/api/lockdowns', { token, body: { all: true } });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const { lockdown } = lockdownResponseSchema.parse(started.body);
    expect(isOpen(), 'the lockdown locks it').toBe(0);
    tickAt('2025-06-02T08:30:00Z');
    platform.scheduler.applyNow([lockid]);
    expect(isOpen(), 'the schedule does not reopen a door in lockdown').toBe(0);

    const lifted = await call(platform.url, 'POST', `/api/lockdowns/${lockdown.lockdownid}/lift`, { token, body: {} });
    expect(lifted.status, JSON.stringify(lifted.body)).toBe(200);
    expect(isOpen(), 'lifted inside the window: unlocked by the schedule at once').toBe(1);
    const row = (await call(platform.url, 'GET', `/api/locks/${lockid}`, { token })).body as { lock: { lockdown: number; schedule: { state: string } | null } };
    expect(row.lock.lockdown).toBe(0);
    expect(row.lock.schedule?.state).toBe('unlocked');
  });

  it('leaves the door locked when the lockdown is lifted outside its window', async () => {
    tickAt('2025-06-02T17:00:00Z'); // 19:00 in Berlin: the window has ended
    expect(isOpen(), 'locked by the schedule at 18:00').toBe(0);
    const started = lockdownResponseSchema.parse((await call(platform.url, 'POST', '/api/lockdowns', { token, body: { all: true } })).body);
    clock = new Date('2025-06-02T17:30:00Z');
    const lifted = await call(platform.url, 'POST', `/api/lockdowns/${started.lockdown.lockdownid}/lift`, { token, body: {} });
    expect(lifted.status).toBe(200);
    expect(isOpen()).toBe(0);
  });
});
