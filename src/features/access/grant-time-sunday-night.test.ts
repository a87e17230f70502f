import { describe, expect, it } from 'vitest';
import { inGrantHours } from './grant-time';

/**
 * A grant's night that starts on Sunday runs into Monday: the early hours belong to Sunday, the
 * last day of the ISO week (7), so the day before Monday (1) must wrap to 7, not become 0.
 * Sunday 6 Dec 2026, Monday 7 Dec 2026.
 */
const sundayNight = { weekdays: '7', startTime: '22:00', endTime: '02:00' };
const mondayNight = { weekdays: '1', startTime: '22:00', endTime: '02:00' };
const saturdayNight = { weekdays: '6', startTime: '22:00', endTime: '02:00' };
const at = (iso: string) => Date.parse(iso);

describe('an overnight grant window from Sunday into Monday', () => {
  it('covers Sunday 23:30 and Monday 01:30 (Sunday’s night), not Monday 02:00 or 03:00', () => {
    expect(inGrantHours(sundayNight, at('2026-12-06T23:30:00Z'), 'UTC')).toBe(true);
    expect(inGrantHours(sundayNight, at('2026-12-07T01:30:00Z'), 'UTC')).toBe(true);
    expect(inGrantHours(sundayNight, at('2026-12-07T01:59:00Z'), 'UTC')).toBe(true);
    expect(inGrantHours(sundayNight, at('2026-12-07T02:00:00Z'), 'UTC')).toBe(false);
    expect(inGrantHours(sundayNight, at('2026-12-07T03:00:00Z'), 'UTC')).toBe(false);
  });

  it('does not cover Saturday’s night, Sunday’s early hours or Monday’s evening', () => {
    expect(inGrantHours(sundayNight, at('2026-12-05T23:30:00Z'), 'UTC')).toBe(false); // Saturday 23:30
    expect(inGrantHours(sundayNight, at('2026-12-06T01:30:00Z'), 'UTC')).toBe(false); // Sunday 01:30: Saturday's night
    expect(inGrantHours(sundayNight, at('2026-12-07T23:30:00Z'), 'UTC')).toBe(false); // Monday 23:30
  });

  it('wraps the week both ways: Monday’s early hours are Sunday’s (7), Sunday’s are Saturday’s (6)', () => {
    expect(inGrantHours(mondayNight, at('2026-12-07T01:30:00Z'), 'UTC')).toBe(false); // Monday 01:30 belongs to Sunday
    expect(inGrantHours(mondayNight, at('2026-12-08T01:30:00Z'), 'UTC')).toBe(true); // Tuesday 01:30 belongs to Monday
    expect(inGrantHours(saturdayNight, at('2026-12-06T01:30:00Z'), 'UTC')).toBe(true); // Sunday 01:30 belongs to Saturday
    expect(inGrantHours(saturdayNight, at('2026-12-07T01:30:00Z'), 'UTC')).toBe(false);
  });

  it('reads Sunday and Monday on the platform’s clock, not UTC’s', () => {
    // Sunday 23:30 and Monday 01:30 in Los Angeles are Monday 07:30 and 09:30 UTC.
    expect(inGrantHours(sundayNight, at('2026-12-07T07:30:00Z'), 'America/Los_Angeles')).toBe(true);
    expect(inGrantHours(sundayNight, at('2026-12-07T09:30:00Z'), 'America/Los_Angeles')).toBe(true);
    expect(inGrantHours(sundayNight, at('2026-12-07T11:00:00Z'), 'America/Los_Angeles')).toBe(false); // Monday 03:00
  });
});
