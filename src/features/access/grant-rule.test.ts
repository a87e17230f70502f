import { describe, expect, it } from 'vitest';
import { describeDays, describeGrantRule, describeHours, type GrantRule } from './grant-rule';

const open: GrantRule = { startDate: null, endDate: null, weekdays: null, startTime: null, endTime: null };
const rule = (patch: Partial<GrantRule>) => describeGrantRule({ ...open, ...patch });

describe('describeGrantRule', () => {
  it('says Always for no limits at all', () => {
    expect(rule({})).toBe('Always');
    expect(rule({ weekdays: '1234567' })).toBe('Always');
    expect(rule({ startTime: '00:00', endTime: '24:00' })).toBe('Always');
  });

  it('says days, hours and the end date', () => {
    expect(rule({ weekdays: '12345', startTime: '18:00', endTime: '22:00', endDate: '2027-03-31 23:59:59' })).toBe(
      'Mon–Fri 18:00–22:00 · until 31 Mar 2027',
    );
  });

  it('says Every day when only the dates limit it', () => {
    expect(rule({ startDate: '2026-12-01 00:00:00' })).toBe('Every day · from 1 Dec 2026');
  });

  it('says a range of dates, and a single day once', () => {
    expect(rule({ startDate: '2026-12-01 00:00:00', endDate: '2027-03-31 23:59:59' })).toBe('Every day · 1 Dec 2026 – 31 Mar 2027');
    expect(rule({ startDate: '2026-12-01 00:00:00', endDate: '2026-12-01 23:59:59' })).toBe('Every day · on 1 Dec 2026');
  });

  it('keeps the time of a date that is not a whole day’s edge', () => {
    expect(rule({ startDate: '2026-12-01 14:30:00' })).toBe('Every day · from 1 Dec 2026 14:30');
    expect(rule({ endDate: '2027-01-05 12:00:00' })).toBe('Every day · until 5 Jan 2027 12:00');
  });

  it('marks an overnight window', () => {
    expect(rule({ weekdays: '6', startTime: '22:00', endTime: '06:00' })).toBe('Sat 22:00–06:00 (overnight)');
  });

  it('says an end at midnight as 24:00, not overnight', () => {
    expect(rule({ weekdays: '5', startTime: '18:00', endTime: '24:00' })).toBe('Fri 18:00–24:00');
  });

  it('says every day with hours', () => {
    expect(rule({ startTime: '09:00', endTime: '17:00' })).toBe('Every day 09:00–17:00');
  });

  it('uses the Weekdays and Weekends shorthands', () => {
    expect(rule({ weekdays: '12345' })).toBe('Weekdays');
    expect(rule({ weekdays: '67' })).toBe('Weekends');
    expect(rule({ weekdays: '67', startTime: '10:00', endTime: '14:00' })).toBe('Weekends 10:00–14:00');
  });
});

describe('describeDays', () => {
  it('joins runs of three or more days into ranges and lists the rest', () => {
    expect(describeDays('13')).toBe('Mon, Wed');
    expect(describeDays('12')).toBe('Mon, Tue');
    expect(describeDays('1235')).toBe('Mon–Wed, Fri');
    expect(describeDays('1567')).toBe('Mon, Fri–Sun');
    expect(describeDays('7')).toBe('Sun');
    expect(describeDays('12345', true)).toBe('Mon–Fri');
  });
  it('reads all seven days in any order as every day', () => {
    expect(describeDays('7654321')).toBe('Every day');
  });
});

describe('describeHours', () => {
  it('is null for all day or half a window', () => {
    expect(describeHours(null, null)).toBeNull();
    expect(describeHours('09:00', null)).toBeNull();
    expect(describeHours('00:00', '24:00')).toBeNull();
  });
});

describe('the zone of a rule’s hours', () => {
  it('names the platform’s zone whenever the rule has hours or a time of day', () => {
    const zoned = (patch: Partial<GrantRule>, zone: string) => describeGrantRule({ ...open, ...patch }, zone);
    expect(zoned({ weekdays: '12345', startTime: '08:00', endTime: '18:00' }, 'Europe/Berlin')).toBe('Mon–Fri 08:00–18:00 (Europe/Berlin)');
    expect(zoned({ weekdays: '12345', startTime: '08:00', endTime: '18:00', endDate: '2027-03-31 23:59:59' }, 'UTC')).toBe('Mon–Fri 08:00–18:00 (UTC) · until 31 Mar 2027');
    expect(zoned({ weekdays: '6', startTime: '22:00', endTime: '06:00' }, 'America/New_York')).toBe('Sat 22:00–06:00 (overnight, America/New_York)');
    expect(zoned({ startDate: '2026-12-01 14:30:00' }, 'Europe/Berlin')).toBe('Every day · from 1 Dec 2026 14:30 (Europe/Berlin)');
    // Whole days and no hours: nothing to say about clocks.
    expect(zoned({ weekdays: '67' }, 'Europe/Berlin')).toBe('Weekends');
    expect(zoned({ endDate: '2027-03-31 23:59:59' }, 'Europe/Berlin')).toBe('Every day · until 31 Mar 2027');
    expect(zoned({}, 'Europe/Berlin')).toBe('Always');
  });
});
