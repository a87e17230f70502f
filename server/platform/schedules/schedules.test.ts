import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGrantResponseSchema, personResponseSchema } from '../../../contract/access';
import { eventListResponseSchema } from '../../../contract/events';
import { lockListResponseSchema, lockResponseSchema } from '../../../contract/locks';
import { holidayResponseSchema, scheduleListResponseSchema, scheduleResponseSchema } from '../../../contract/schedules';
import type { ScheduleBody } from '../../../contract/schedules';
import { startPlatform } from '../platform';
import { call, loginAs } from '../testing';

/**
 * Door schedules over HTTP against the embedded platform in Europe/Berlin, on a fake clock; the
 * scheduler's timer is stopped and each test ticks it by hand.
 */
let clock = new Date('2025-06-02T05:00:00Z');
let token: string | null = null;
const at = (iso: string) => {
  clock = new Date(iso);
  token = null; // the clock jumps past sessions' lives: sign in again
};
const auth = async () => (token ??= await loginAs(platform.url, 'manager'));
let platform: Awaited<ReturnType<typeof startPlatform>>;
let fleet: string[];

beforeAll(async () => {
  platform = await startPlatform({ dbPath: ':memory:', simulator: false, seed: { locks: 30, historyDays: 0 }, now: () => clock, timeZone: 'Europe/Berlin' });
  platform.scheduler.stop();
  fleet = platform.db.prepare('SELECT lockid FROM locks WHERE lock_online_status = 1 AND lock_open_status = 0 ORDER BY lockid').pluck().all() as string[];
});
afterAll(() => platform.close());

let nextLock = 0;
const freshLock = () => {
  const lockid = fleet[nextLock++];
  if (!lockid) throw new Error('no fresh lock left');
  return lockid;
};
let named = 0;
async function createSchedule(body: Partial<ScheduleBody> & { lockids?: string[] }) {
  named += 1;
  const res = await call(platform.url, 'POST', '/api/schedules', { token: await auth(), body: { name: `Hours ${named}`, windows: [{ days: '12345', from: '08:00', to: '18:00' }], ...body } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return scheduleResponseSchema.parse(res.body).schedule;
}
const lockRow = async (lockid: string) => lockResponseSchema.parse((await call(platform.url, 'GET', `/api/locks/${lockid}`, { token: await auth() })).body).lock;
const isOpen = (lockid: string) => platform.db.prepare('SELECT lock_open_status FROM locks WHERE lockid = ?').pluck().get(lockid);
async function scheduleEvents(lockid: string): Promise<string[]> {
  const res = await call(platform.url, 'GET', `/api/locks/${lockid}/events?pagenumber=1&limit=100`, { token: await auth() });
  return eventListResponseSchema
    .parse(res.body)
    .eventslist.filter((e) => e.event_type.startsWith('scheduled_'))
    .map((e) => `${e.event_date} ${e.event_type} ${e.actor} ${e.method}`)
    .reverse();
}

describe('schedules and holidays over HTTP', () => {
  it('creates a schedule in the platform zone by default, with its next change, and lists it', async () => {
    at('2025-06-02T05:00:00Z'); // Monday 07:00 in Berlin
    const schedule = await createSchedule({ name: 'Lobby hours' });
    expect(schedule).toMatchObject({ name: 'Lobby hours', timezone: 'Europe/Berlin', first_person_in: 0, lockids: [], groupids: [], holidayids: [] });
    expect(schedule.next_change).toEqual({ date: '2025-06-02 06:00:00', action: 'unlock' });
    const list = scheduleListResponseSchema.parse((await call(platform.url, 'GET', '/api/schedules?pagenumber=1&limit=10', { token: await auth() })).body);
    expect(list.scheduleslist.map((s) => s.name)).toContain('Lobby hours');
    expect((await call(platform.url, 'GET', `/api/schedules/${schedule.scheduleid}`, { token: await auth() })).body).toMatchObject({ schedule: { name: 'Lobby hours' } });
  });

  it('answers bad input with a 400 naming it, an unknown id with 404 and a taken name with 409', async () => {
    const post = async (body: unknown) => call(platform.url, 'POST', '/api/schedules', { token: await auth(), body });
    const window = { days: '12345', from: '08:00', to: '18:00' };
    const refused = [
      [await post({ name: 'X', windows: [{ days: '8', from: '08:00', to: '18:00' }] }), 400, 'windows.0.days: days must be ISO weekday digits such as "12345"'],
      [await post({ name: 'X', windows: [window], timezone: 'Mars/Base' }), 400, 'timezone: timezone must be an IANA time zone such as Europe/Berlin'],
      [await post({ name: 'X', windows: [window], lockids: ['NO-SUCH-1', 'NO-SUCH-2'] }), 400, 'lockids: no such locks: NO-SUCH-1, NO-SUCH-2'],
      [await post({ name: 'X', windows: [window], groupids: [9999] }), 400, 'groupids: no such lock groups: 9999'],
      [await post({ name: 'X', windows: [window], holidayids: [9999] }), 400, 'holidayids: no such holidays: 9999'],
      [await post({ name: 'X', windows: [window], extra: 1 }), 400, undefined],
      [await post({ name: 'LOBBY HOURS', windows: [window] }), 409, 'A schedule named Lobby hours already exists'],
      [await call(platform.url, 'GET', '/api/schedules/9999', { token: await auth() }), 404, 'No schedule 9999 on this platform'],
      [await call(platform.url, 'PUT', '/api/schedules/9999', { token: await auth(), body: { name: 'Y' } }), 404, 'No schedule 9999 on this platform'],
      [await call(platform.url, 'DELETE', '/api/holidays/9999', { token: await auth() }), 404, 'No holiday 9999 on this platform'],
      [await call(platform.url, 'POST', '/api/holidays', { token: await auth(), body: { name: 'H', start_date: '2025-02-30' } }), 400, 'start_date: start_date is not a date'],
    ] as const;
    for (const [res, status, msg] of refused) {
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(res.body).toMatchObject({ status: 0, ...(msg === undefined ? {} : { msg }) });
    }
    const names = scheduleListResponseSchema.parse((await call(platform.url, 'GET', '/api/schedules', { token: await auth() })).body).scheduleslist.map((s) => s.name);
    expect(names).not.toContain('X');
  });

  it('creates, changes and deletes a holiday', async () => {
    const created = await call(platform.url, 'POST', '/api/holidays', { token: await auth(), body: { name: 'Christmas', start_date: '2025-12-24 00:00:00', end_date: '2025-12-26', yearly: true } });
    expect(created.status).toBe(200);
    const { holiday } = holidayResponseSchema.parse(created.body);
    expect(holiday).toMatchObject({ name: 'Christmas', start_date: '2025-12-24', end_date: '2025-12-26', yearly: 1 });
    const changed = await call(platform.url, 'PUT', `/api/holidays/${holiday.holidayid}`, { token: await auth(), body: { name: 'Christmas Eve', start_date: '2025-12-24' } });
    expect(changed.body).toMatchObject({ holiday: { name: 'Christmas Eve', start_date: '2025-12-24', end_date: '2025-12-24', yearly: 0 } });
    expect((await call(platform.url, 'DELETE', `/api/holidays/${holiday.holidayid}`, { token: await auth() })).status).toBe(200);
    expect((await call(platform.url, 'GET', '/api/holidays', { token: await auth() })).body).toMatchObject({ holidayslist: [] });
  });
});

describe('the scheduler', () => {
  it('unlocks at a window start and locks at its end, once each, with the schedule as actor', async () => {
    at('2025-06-03T05:59:00Z'); // Tuesday 07:59 in Berlin
    const lockid = freshLock();
    await createSchedule({ name: 'Front desk', lockids: [lockid.toLowerCase()] });
    expect(isOpen(lockid)).toBe(0);
    at('2025-06-03T05:59:55Z');
    expect(platform.scheduler.tick()).toBe(0);
    // On the second the window starts, not at the timer's next full look.
    at('2025-06-03T06:00:00Z');
    expect(platform.scheduler.tick()).toBe(1);
    at('2025-06-03T06:00:10Z');
    expect(platform.scheduler.tick()).toBe(0);
    expect(platform.scheduler.refresh()).toBe(0);
    expect(isOpen(lockid)).toBe(1);
    at('2025-06-03T16:00:00Z');
    platform.scheduler.tick();
    expect(isOpen(lockid)).toBe(0);
    expect(await scheduleEvents(lockid)).toEqual([
      '2025-06-03 06:00:00 scheduled_unlock Front desk system',
      '2025-06-03 16:00:00 scheduled_lock Front desk system',
    ]);
  });

  it('a new schedule applies the state due now at once, and the row carries the schedule', async () => {
    at('2025-06-04T08:00:00Z'); // Wednesday 10:00 in Berlin
    const lockid = freshLock();
    const other = freshLock();
    const schedule = await createSchedule({ name: 'Row hours', lockids: [lockid] });
    expect(isOpen(lockid)).toBe(1);
    expect((await lockRow(lockid)).schedule).toEqual({ scheduleid: schedule.scheduleid, name: 'Row hours', state: 'unlocked', until: '2025-06-04 16:00:00' });
    expect((await lockRow(other)).schedule).toBeNull();
    const list = lockListResponseSchema.parse((await call(platform.url, 'GET', `/api/locks?pagenumber=1&limit=100`, { token: await auth() })).body);
    expect(list.lockslist.find((l) => l.lockid === lockid)?.schedule).toMatchObject({ name: 'Row hours', state: 'unlocked' });
    at('2025-06-04T17:00:00Z');
    platform.scheduler.tick();
    expect((await lockRow(lockid)).schedule).toEqual({ scheduleid: schedule.scheduleid, name: 'Row hours', state: 'locked', until: '2025-06-05 06:00:00' });
    // Deleted, the schedule no longer drives the lock.
    await call(platform.url, 'DELETE', `/api/schedules/${schedule.scheduleid}`, { token: await auth() });
    expect((await lockRow(lockid)).schedule).toBeNull();
  });

  it('drives the locks of its groups, membership read live', async () => {
    at('2025-06-05T08:00:00Z');
    const lockid = freshLock();
    const group = await call(platform.url, 'POST', '/api/lockgroups', { token: await auth(), body: { groupname: 'Scheduled wing' } });
    const groupid = (group.body as { lockgroup: { groupid: number } }).lockgroup.groupid;
    await createSchedule({ groupids: [groupid] });
    expect(isOpen(lockid)).toBe(0);
    await call(platform.url, 'PUT', `/api/lockgroups/${groupid}/locks`, { token: await auth(), body: { add: [lockid] } });
    // The timer looks at every driven lock at least every 10 s.
    at('2025-06-05T08:00:10Z');
    platform.scheduler.tick();
    expect(isOpen(lockid)).toBe(1);
  });

  it('leaves an offline lock and a lock in lockdown, and moves them once they can be', async () => {
    at('2025-06-09T05:00:00Z');
    const offline = freshLock();
    const heldDown = freshLock();
    platform.db.prepare('UPDATE locks SET lock_online_status = 0 WHERE lockid = ?').run(offline);
    platform.db.prepare('UPDATE locks SET lockdown = 1 WHERE lockid = ?').run(heldDown);
    await createSchedule({ name: 'Paused', lockids: [offline, heldDown] });
    at('2025-06-09T06:00:00Z');
    platform.scheduler.tick();
    platform.scheduler.tick();
    expect([isOpen(offline), isOpen(heldDown)]).toEqual([0, 0]);
    expect(await scheduleEvents(offline)).toEqual([]);
    platform.db.prepare('UPDATE locks SET lock_online_status = 1 WHERE lockid = ?').run(offline);
    platform.db.prepare('UPDATE locks SET lockdown = 0 WHERE lockid = ?').run(heldDown);
    at('2025-06-09T06:00:10Z');
    platform.scheduler.tick();
    expect(platform.scheduler.applyNow([heldDown])).toBe(1);
    platform.scheduler.tick();
    expect([isOpen(offline), isOpen(heldDown)]).toEqual([1, 1]);
    expect(await scheduleEvents(offline)).toEqual(['2025-06-09 06:00:10 scheduled_unlock Paused system']);
    expect(await scheduleEvents(heldDown)).toEqual(['2025-06-09 06:00:10 scheduled_unlock Paused system']);
  });

  it('skips holidays it lists', async () => {
    at('2025-06-10T05:00:00Z'); // Tuesday
    const lockid = freshLock();
    const holiday = holidayResponseSchema.parse((await call(platform.url, 'POST', '/api/holidays', { token: await auth(), body: { name: 'Closed Tuesday', start_date: '2025-06-10' } })).body).holiday;
    const schedule = await createSchedule({ lockids: [lockid], holidayids: [holiday.holidayid] });
    expect(schedule.next_change).toEqual({ date: '2025-06-11 06:00:00', action: 'unlock' });
    at('2025-06-10T08:00:00Z');
    platform.scheduler.tick();
    expect(isOpen(lockid)).toBe(0);
    at('2025-06-11T08:00:00Z');
    platform.scheduler.tick();
    expect(isOpen(lockid)).toBe(1);
  });
});

describe('first person in', () => {
  it('keeps the door locked at the window start until someone with access opens it, then unlocked to the end', async () => {
    at('2025-06-12T05:00:00Z'); // Thursday
    const lockid = freshLock();
    const person = personResponseSchema.parse((await call(platform.url, 'POST', '/api/people', { token: await auth(), body: { username: 'Early Bird' } })).body).person;
    const stranger = personResponseSchema.parse((await call(platform.url, 'POST', '/api/people', { token: await auth(), body: { username: 'Late Owl' } })).body).person;
    createGrantResponseSchema.parse((await call(platform.url, 'POST', '/api/grants', { token: await auth(), body: { userid: person.userid, lockid, method: 'card' } })).body);
    const schedule = await createSchedule({ name: 'Wait for staff', lockids: [lockid], first_person_in: 1 });
    at('2025-06-12T06:00:00Z');
    platform.scheduler.tick();
    expect(isOpen(lockid)).toBe(0);
    expect((await lockRow(lockid)).schedule).toEqual({ scheduleid: schedule.scheduleid, name: 'Wait for staff', state: 'waiting', until: '2025-06-12 16:00:00' });
    at('2025-06-12T06:30:00Z');
    expect(platform.useDoor({ userid: stranger.userid, lockid, method: 'card' })).toMatchObject({ allowed: false });
    platform.scheduler.tick();
    expect(isOpen(lockid)).toBe(0);
    expect(platform.useDoor({ userid: person.userid, lockid, method: 'card' })).toMatchObject({ allowed: true, heldOpen: true });
    platform.scheduler.tick();
    expect(isOpen(lockid)).toBe(1);
    expect((await lockRow(lockid)).schedule).toMatchObject({ state: 'unlocked' });
    at('2025-06-12T16:00:00Z');
    platform.scheduler.tick();
    expect(isOpen(lockid)).toBe(0);
    at('2025-06-13T06:00:00Z');
    platform.scheduler.tick();
    expect((await lockRow(lockid)).schedule).toMatchObject({ state: 'waiting' });
    expect(await scheduleEvents(lockid)).toEqual([
      '2025-06-12 06:30:00 scheduled_unlock Wait for staff system',
      '2025-06-12 16:00:00 scheduled_lock Wait for staff system',
    ]);
  });
});

describe('a manual command', () => {
  it('wins until the schedule\'s next boundary, then the schedule resumes', async () => {
    at('2025-06-16T08:00:00Z'); // Monday 10:00 in Berlin
    const lockid = freshLock();
    const schedule = await createSchedule({ name: 'Overridable', lockids: [lockid] });
    expect(isOpen(lockid)).toBe(1);
    at('2025-06-16T09:00:00Z');
    expect((await call(platform.url, 'POST', `/api/locks/${lockid}/lock`, { token: await auth() })).status).toBe(200);
    expect((await lockRow(lockid)).schedule).toEqual({ scheduleid: schedule.scheduleid, name: 'Overridable', state: 'overridden', until: '2025-06-16 16:00:00' });
    // Neither the timer nor a change of the schedule undoes it.
    platform.scheduler.tick();
    await call(platform.url, 'PUT', `/api/schedules/${schedule.scheduleid}`, { token: await auth(), body: { name: 'Overridable (renamed)' } });
    expect(isOpen(lockid)).toBe(0);
    at('2025-06-16T16:00:00Z');
    platform.scheduler.tick();
    expect((await lockRow(lockid)).schedule).toMatchObject({ state: 'locked', until: '2025-06-17 06:00:00' });
    at('2025-06-17T06:00:00Z');
    platform.scheduler.tick();
    expect(isOpen(lockid)).toBe(1);
  });

  it('outside a window: an unlock holds until the window starts, and the window\'s end locks it', async () => {
    at('2025-06-18T18:00:00Z'); // Wednesday 20:00 in Berlin
    const lockid = freshLock();
    await createSchedule({ name: 'Evening override', lockids: [lockid] });
    await call(platform.url, 'POST', `/api/locks/${lockid}/unlock`, { token: await auth() });
    expect((await lockRow(lockid)).schedule).toMatchObject({ state: 'overridden', until: '2025-06-19 06:00:00' });
    await call(platform.url, 'PUT', `/api/schedules/${(await lockRow(lockid)).schedule?.scheduleid}`, { token: await auth(), body: { name: 'Evening override (renamed)' } });
    expect(isOpen(lockid)).toBe(1);
    at('2025-06-19T06:00:00Z');
    platform.scheduler.tick();
    at('2025-06-19T16:00:00Z');
    platform.scheduler.tick();
    expect(isOpen(lockid)).toBe(0);
    expect(await scheduleEvents(lockid)).toEqual(['2025-06-19 16:00:00 scheduled_lock Evening override (renamed) system']);
  });
});
