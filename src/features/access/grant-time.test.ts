import { describe, expect, it } from 'vitest';
import { dayIn, grantStatusWords, inGrantHours } from './grant-time';

const officeHours = { weekdays: '12345', startTime: '08:00', endTime: '18:00' };
const nights = { weekdays: '5', startTime: '22:00', endTime: '06:00' };
// Wednesday 2 Dec 2026.
const at = (iso: string) => Date.parse(iso);

describe('whether a grant’s days and hours cover a moment, on the platform’s clock', () => {
  it('reads the hours in the platform’s zone, not the viewer’s or UTC', () => {
    // 07:30 UTC is 08:30 in Berlin (in hours) and 23:30 the evening before in Los Angeles (outside).
    expect(inGrantHours(officeHours, at('2026-12-02T07:30:00Z'), 'Europe/Berlin')).toBe(true);
    expect(inGrantHours(officeHours, at('2026-12-02T07:30:00Z'), 'UTC')).toBe(false);
    expect(inGrantHours(officeHours, at('2026-12-02T07:30:00Z'), 'America/Los_Angeles')).toBe(false);
    expect(inGrantHours(officeHours, at('2026-12-02T16:30:00Z'), 'America/Los_Angeles')).toBe(true);
    // The end is not included.
    expect(inGrantHours(officeHours, at('2026-12-02T18:00:00Z'), 'UTC')).toBe(false);
    expect(inGrantHours(officeHours, at('2026-12-02T17:59:00Z'), 'UTC')).toBe(true);
  });

  it('knows the weekday in the zone: Saturday in Tokyo is still Friday in UTC', () => {
    const saturdayMorningTokyo = at('2026-12-04T23:30:00Z');
    expect(inGrantHours({ weekdays: '12345', startTime: null, endTime: null }, saturdayMorningTokyo, 'UTC')).toBe(true);
    expect(inGrantHours({ weekdays: '12345', startTime: null, endTime: null }, saturdayMorningTokyo, 'Asia/Tokyo')).toBe(false);
  });

  it('gives an overnight window’s early hours to the day it started on', () => {
    expect(inGrantHours(nights, at('2026-12-04T23:00:00Z'), 'UTC')).toBe(true); // Friday 23:00
    expect(inGrantHours(nights, at('2026-12-05T05:00:00Z'), 'UTC')).toBe(true); // Saturday 05:00, Friday's night
    expect(inGrantHours(nights, at('2026-12-05T07:00:00Z'), 'UTC')).toBe(false);
    expect(inGrantHours(nights, at('2026-12-04T05:00:00Z'), 'UTC')).toBe(false); // Friday 05:00 is Thursday's night
  });

  it('is always open without days or hours', () => {
    expect(inGrantHours({ weekdays: null, startTime: null, endTime: null }, at('2026-12-06T03:00:00Z'), 'Europe/Berlin')).toBe(true);
    expect(inGrantHours({ weekdays: null, startTime: '00:00', endTime: '24:00' }, at('2026-12-06T03:00:00Z'), 'Europe/Berlin')).toBe(true);
  });
});

describe('a grant’s status in words', () => {
  it('says "Active · outside hours now" for an active grant whose window is closed, and only then', () => {
    const evening = at('2026-12-02T19:00:00Z');
    expect(grantStatusWords('active', officeHours, evening, 'UTC')).toBe('Active · outside hours now');
    expect(grantStatusWords('active', officeHours, evening, 'America/New_York')).toBe('Active');
    expect(grantStatusWords('scheduled', officeHours, evening, 'UTC')).toBe('Scheduled');
    expect(grantStatusWords('expired', officeHours, evening, 'UTC')).toBe('Expired');
  });
});

describe('the platform’s today', () => {
  it('is the day on the platform’s clock', () => {
    expect(dayIn(at('2026-12-31T23:30:00Z'), 'UTC')).toBe('2026-12-31');
    expect(dayIn(at('2026-12-31T23:30:00Z'), 'Europe/Berlin')).toBe('2027-01-01');
    expect(dayIn(at('2027-01-01T03:00:00Z'), 'America/Los_Angeles')).toBe('2026-12-31');
  });
});
