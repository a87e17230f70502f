import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGrantResponseSchema, personResponseSchema } from '../../../contract/access';
import type { CreateGrantBody } from '../../../contract/access';
import { startPlatform } from '../platform';
import { call, loginAs } from '../testing';
import { inSchedule } from './enforce';

/**
 * A grant whose night starts on Sunday (ISO day 7) and runs into Monday (day 1): the door lets its
 * holder in through Monday's early hours, which belong to Sunday, so the day before Monday must
 * wrap to 7. Sunday 6 Dec 2026, Monday 7 Dec 2026, on a platform in UTC with a clock the test moves.
 */
let platform: Awaited<ReturnType<typeof startPlatform>>;
let clock = new Date('2026-12-04T10:00:00Z');
let lockid = '';

beforeAll(async () => {
  platform = await startPlatform({ dbPath: ':memory:', simulator: false, seed: { locks: 4, historyDays: 0 }, now: () => clock, timeZone: 'UTC' });
  lockid = platform.db.prepare('SELECT lockid FROM locks ORDER BY id LIMIT 1').pluck().get() as string;
}, 30_000);
afterAll(() => platform.close());

async function personWithGrant(username: string, rule: Pick<CreateGrantBody, 'weekdays' | 'start_time' | 'end_time'>) {
  const token = await loginAs(platform.url, 'manager');
  const person = await call(platform.url, 'POST', '/api/people', { token, body: { username } });
  expect(person.status, JSON.stringify(person.body)).toBe(200);
  const { userid } = personResponseSchema.parse(person.body).person;
  const granted = await call(platform.url, 'POST', '/api/grants', { token, body: { userid, lockid, method: 'card', ...rule } });
  expect(granted.status, JSON.stringify(granted.body)).toBe(200);
  createGrantResponseSchema.parse(granted.body);
  /** What the door says to this person at an instant (UTC). */
  return (iso: string) => {
    clock = new Date(iso);
    const result = platform.useDoor({ userid, lockid, method: 'card' });
    return result.allowed ? 'allowed' : result.reason;
  };
}

describe('a grant from Sunday 22:00 to 02:00, at the door', () => {
  it('opens Sunday 23:30 and Monday 01:30 (Sunday’s night); not Monday 02:00 or 03:00, nor Saturday', async () => {
    const door = await personWithGrant('Sunday Night Guard', { weekdays: '7', start_time: '22:00', end_time: '02:00' });
    expect(door('2026-12-06T21:59:59Z')).toBe('outside_hours'); // Sunday 21:59:59
    expect(door('2026-12-06T23:30:00Z')).toBe('allowed'); // Sunday 23:30
    expect(door('2026-12-07T00:00:00Z')).toBe('allowed'); // Monday 00:00
    expect(door('2026-12-07T01:30:00Z')).toBe('allowed'); // Monday 01:30
    expect(door('2026-12-07T02:00:00Z')).toBe('outside_hours'); // Monday 02:00: the end is not included
    expect(door('2026-12-07T03:00:00Z')).toBe('outside_hours'); // Monday 03:00
    expect(door('2026-12-05T23:30:00Z')).toBe('outside_hours'); // Saturday 23:30: Saturday is not a day
    expect(door('2026-12-06T01:30:00Z')).toBe('outside_hours'); // Sunday 01:30 is Saturday's night
    expect(door('2026-12-07T23:30:00Z')).toBe('outside_hours'); // Monday 23:30: Monday is not a day
  });

  it('wraps the week both ways: a Monday night does not own Monday’s early hours; a Saturday night owns Sunday’s', async () => {
    const monday = await personWithGrant('Monday Night Guard', { weekdays: '1', start_time: '22:00', end_time: '02:00' });
    expect(monday('2026-12-07T01:30:00Z')).toBe('outside_hours'); // Monday 01:30 belongs to Sunday
    expect(monday('2026-12-08T01:30:00Z')).toBe('allowed'); // Tuesday 01:30 belongs to Monday
    const saturday = await personWithGrant('Saturday Night Guard', { weekdays: '6', start_time: '22:00', end_time: '02:00' });
    expect(saturday('2026-12-06T01:30:00Z')).toBe('allowed'); // Sunday 01:30 belongs to Saturday
    expect(saturday('2026-12-07T01:30:00Z')).toBe('outside_hours');
  });

  it('reads Sunday and Monday on the platform’s zone clock (Los Angeles: Monday in UTC)', () => {
    const rule = { weekdays: '7', start_time: '22:00', end_time: '02:00' };
    expect(inSchedule(rule, Date.parse('2026-12-07T07:30:00Z'), 'America/Los_Angeles')).toBe(true); // Sunday 23:30 LA
    expect(inSchedule(rule, Date.parse('2026-12-07T09:30:00Z'), 'America/Los_Angeles')).toBe(true); // Monday 01:30 LA
    expect(inSchedule(rule, Date.parse('2026-12-07T11:00:00Z'), 'America/Los_Angeles')).toBe(false); // Monday 03:00 LA
  });
});
