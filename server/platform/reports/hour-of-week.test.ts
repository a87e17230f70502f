import { describe, expect, it } from 'vitest';
import { bucketLength, hourOfWeek, hoursOfWeek } from './hour-of-week';

const at = (iso: string) => Date.parse(iso);

describe('hour of the week', () => {
  it('starts the week on Monday 00:00 of the zone', () => {
    expect(hourOfWeek(at('2026-12-07T08:30:00Z'), 'Europe/Berlin')).toBe(9);
    expect(hourOfWeek(at('2026-12-06T23:30:00Z'), 'Europe/Berlin')).toBe(0); // Monday 00:30 in Berlin
    expect(hourOfWeek(at('2026-12-06T23:30:00Z'), 'UTC')).toBe(167); // still Sunday 23:xx in UTC
    expect(hourOfWeek(at('2026-07-05T22:15:00Z'), 'Europe/Berlin')).toBe(0); // summer time: +2 h
  });

  it('buckets by the UTC hour in whole-hour zones and by the minute in others', () => {
    expect(bucketLength(at('2026-12-01T00:00:00Z'), at('2026-12-31T00:00:00Z'), 'Europe/Berlin')).toBe(13);
    expect(bucketLength(at('2026-12-01T00:00:00Z'), at('2026-12-31T00:00:00Z'), 'Asia/Kolkata')).toBe(16);
    // 2026-12-07 08:20 UTC is 13:50 in Kolkata, 08:40 UTC is 14:10: one UTC hour, two local hours.
    const hours = hoursOfWeek([['2026-12-07 08:20', 2], ['2026-12-07 08:40', 3]], 'Asia/Kolkata');
    expect([hours[13], hours[14]]).toEqual([2, 3]);
    expect(hoursOfWeek([['2026-12-07 08', 4]], 'UTC')[8]).toBe(4);
  });
});
