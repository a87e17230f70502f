import { describe, expect, it } from 'vitest';
import { inSchedule } from './schedule';

/**
 * An alert rule's schedule that passes midnight from Sunday into Monday: its early hours belong to
 * Sunday, day 7 of the ISO week, so the day before Monday (1) wraps to 7. Sunday 6 Dec 2026.
 */
const sundayNight = { days: '7', from: '22:00', to: '02:00', timezone: 'UTC' };
const at = (iso: string) => Date.parse(iso);

describe('an alert schedule from Sunday 22:00 to 02:00', () => {
  it('covers Sunday 23:30 and Monday 01:30, not Monday 02:00 or 03:00', () => {
    expect(inSchedule(sundayNight, at('2026-12-06T23:30:00Z'))).toBe(true);
    expect(inSchedule(sundayNight, at('2026-12-07T01:30:00Z'))).toBe(true);
    expect(inSchedule(sundayNight, at('2026-12-07T02:00:00Z'))).toBe(false);
    expect(inSchedule(sundayNight, at('2026-12-07T03:00:00Z'))).toBe(false);
  });

  it('does not cover Saturday 23:30, Sunday 01:30 (Saturday’s night) or Monday 23:30', () => {
    expect(inSchedule(sundayNight, at('2026-12-05T23:30:00Z'))).toBe(false);
    expect(inSchedule(sundayNight, at('2026-12-06T01:30:00Z'))).toBe(false);
    expect(inSchedule(sundayNight, at('2026-12-07T23:30:00Z'))).toBe(false);
  });

  it('wraps the week both ways: Monday’s early hours are Sunday’s, Sunday’s are Saturday’s', () => {
    const monday = { ...sundayNight, days: '1' };
    const saturday = { ...sundayNight, days: '6' };
    expect(inSchedule(monday, at('2026-12-07T01:30:00Z'))).toBe(false);
    expect(inSchedule(monday, at('2026-12-08T01:30:00Z'))).toBe(true);
    expect(inSchedule(saturday, at('2026-12-06T01:30:00Z'))).toBe(true);
    expect(inSchedule(saturday, at('2026-12-07T01:30:00Z'))).toBe(false);
  });

  it('reads the days in the rule’s zone: Sunday night in Los Angeles is Monday in UTC', () => {
    const la = { ...sundayNight, timezone: 'America/Los_Angeles' };
    expect(inSchedule(la, at('2026-12-07T07:30:00Z'))).toBe(true); // Sunday 23:30 LA
    expect(inSchedule(la, at('2026-12-07T09:30:00Z'))).toBe(true); // Monday 01:30 LA
    expect(inSchedule(la, at('2026-12-07T11:00:00Z'))).toBe(false); // Monday 03:00 LA
  });
});
