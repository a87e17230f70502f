import { describe, expect, it } from 'vitest';
import { formatInZone, instantOfWallTime, isTimeZone, wallClockAt, zoneOffsetMs } from './wall-clock';

/** What Intl itself says the wall clock reads (the reference the cached offsets must agree with). */
function intlWallClock(instant: number, timeZone: string): string {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  });
  const p = Object.fromEntries(format.formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

const ZONES = ['UTC', 'Europe/Berlin', 'America/Los_Angeles', 'America/St_Johns', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham'];
const HOUR = 3600_000;

describe('the wall clock of a zone', () => {
  it('reads like Intl at every hour and odd second around the DST changes of 2025 and 2026', () => {
    const starts = ['2025-03-09T00:00:00Z', '2025-03-30T00:00:00Z', '2025-10-26T00:00:00Z', '2025-11-02T00:00:00Z', '2026-04-05T00:00:00Z', '2026-09-27T00:00:00Z'];
    for (const zone of ZONES) {
      for (const start of starts) {
        for (let h = 0; h < 48; h += 0.25) {
          const instant = Date.parse(start) + h * HOUR + 7_123;
          expect(formatInZone(instant, zone), `${zone} ${new Date(instant).toISOString()}`).toBe(intlWallClock(instant, zone));
        }
      }
    }
  });

  it('reads like Intl on random instants from 1975 to 2060', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    for (let i = 0; i < 2000; i += 1) {
      const instant = Date.parse('1975-01-01T00:00:00Z') + Math.floor(random() * 85 * 365.25 * 24) * HOUR + Math.floor(random() * HOUR);
      const zone = ZONES[i % ZONES.length] as string;
      expect(formatInZone(instant, zone), `${zone} ${instant}`).toBe(intlWallClock(instant, zone));
    }
  });

  it('gives the ISO weekday and second of the day (Sunday 23:30 in Los Angeles is Monday in UTC)', () => {
    const instant = Date.parse('2026-12-07T07:30:05Z');
    expect(wallClockAt(instant, 'America/Los_Angeles')).toEqual({ isoWeekday: 7, secondOfDay: 23 * 3600 + 30 * 60 + 5 });
    expect(wallClockAt(instant, 'UTC')).toEqual({ isoWeekday: 1, secondOfDay: 7 * 3600 + 30 * 60 + 5 });
  });

  it('turns a wall-clock time back into its instant, also across a DST change', () => {
    const berlin = (iso: string) => instantOfWallTime(Date.parse(`${iso}Z`), 'Europe/Berlin');
    expect(berlin('2025-06-02T12:00:00')).toBe(Date.parse('2025-06-02T10:00:00Z'));
    expect(berlin('2025-01-02T12:00:00')).toBe(Date.parse('2025-01-02T11:00:00Z'));
    expect(berlin('2025-03-30T03:30:00')).toBe(Date.parse('2025-03-30T01:30:00Z'));
  });

  it('reads an unknown zone as UTC', () => {
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(zoneOffsetMs(0, 'Mars/Olympus_Mons')).toBe(0);
    expect(formatInZone(Date.parse('2025-06-02T10:00:00Z'), 'Mars/Olympus_Mons')).toBe('2025-06-02 10:00:00');
  });
});
