import { describe, expect, it } from 'vitest';
import type { ScheduleWindow } from '../../../contract/schedules';
import { isHoliday, scheduleStatus } from './schedule-time';
import type { HolidayDates } from './schedule-time';

/** Windows on a schedule's own wall clock, as instants (UTC). */
const ms = (iso: string) => new Date(iso).getTime();
const iso = (at: number) => new Date(at).toISOString();
function status(timezone: string, windows: ScheduleWindow[], at: string, holidays: HolidayDates[] = []) {
  const s = scheduleStatus({ timezone, windows, holidays }, ms(at));
  return { open: s.open, next: s.next ? `${s.next.action} ${iso(s.next.at)}` : null };
}

describe('a window across midnight', () => {
  const fridayNight: ScheduleWindow[] = [{ days: '5', from: '22:00', to: '06:00' }];

  it('belongs to the day it starts on and runs into the next morning', () => {
    // 2025-06-06 is a Friday.
    expect(status('UTC', fridayNight, '2025-06-06T21:59:00Z')).toEqual({ open: false, next: 'unlock 2025-06-06T22:00:00.000Z' });
    expect(status('UTC', fridayNight, '2025-06-06T22:00:00Z')).toEqual({ open: true, next: 'lock 2025-06-07T06:00:00.000Z' });
    expect(status('UTC', fridayNight, '2025-06-07T05:59:59Z')).toEqual({ open: true, next: 'lock 2025-06-07T06:00:00.000Z' });
    expect(status('UTC', fridayNight, '2025-06-07T06:00:00Z')).toEqual({ open: false, next: 'unlock 2025-06-13T22:00:00.000Z' });
    // Saturday is not in the window's days: Saturday night stays shut.
    expect(status('UTC', fridayNight, '2025-06-07T23:00:00Z').open).toBe(false);
  });

  it('runs a "24:00" window to midnight and joins windows that touch', () => {
    const windows: ScheduleWindow[] = [
      { days: '1', from: '20:00', to: '24:00' },
      { days: '2', from: '00:00', to: '02:00' },
    ];
    // Monday 2025-06-02 20:00 to Tuesday 02:00 is one stretch: one lock, at 02:00.
    expect(status('UTC', windows, '2025-06-02T21:00:00Z')).toEqual({ open: true, next: 'lock 2025-06-03T02:00:00.000Z' });
  });
});

describe('a window across a DST change (Europe/Berlin)', () => {
  const sundayNight: ScheduleWindow[] = [{ days: '7', from: '01:00', to: '03:00' }];

  it('is an hour shorter on the spring-forward night, not skipped', () => {
    // 2025-03-30: 01:00 CET is 00:00Z; 03:00 CEST is 01:00Z.
    expect(status('Europe/Berlin', sundayNight, '2025-03-29T23:30:00Z')).toEqual({ open: false, next: 'unlock 2025-03-30T00:00:00.000Z' });
    expect(status('Europe/Berlin', sundayNight, '2025-03-30T00:30:00Z')).toEqual({ open: true, next: 'lock 2025-03-30T01:00:00.000Z' });
    expect(status('Europe/Berlin', sundayNight, '2025-03-30T01:00:00Z')).toEqual({ open: false, next: 'unlock 2025-04-05T23:00:00.000Z' });
  });

  it('is an hour longer on the fall-back night, and locks once', () => {
    // 2025-10-26: 01:00 CEST is 2025-10-25 23:00Z; 03:00 CET is 02:00Z.
    expect(status('Europe/Berlin', sundayNight, '2025-10-25T23:00:00Z')).toEqual({ open: true, next: 'lock 2025-10-26T02:00:00.000Z' });
    expect(status('Europe/Berlin', sundayNight, '2025-10-26T01:30:00Z')).toEqual({ open: true, next: 'lock 2025-10-26T02:00:00.000Z' });
    expect(status('Europe/Berlin', sundayNight, '2025-10-26T02:00:00Z').open).toBe(false);
  });

  it('keeps office hours on the wall clock on both sides of the change', () => {
    const office: ScheduleWindow[] = [{ days: '12345', from: '08:00', to: '18:00' }];
    // Friday before: 08:00 CET = 07:00Z; Monday after: 08:00 CEST = 06:00Z.
    expect(status('Europe/Berlin', office, '2025-03-28T06:30:00Z')).toEqual({ open: false, next: 'unlock 2025-03-28T07:00:00.000Z' });
    expect(status('Europe/Berlin', office, '2025-03-28T17:30:00Z')).toEqual({ open: false, next: 'unlock 2025-03-31T06:00:00.000Z' });
  });
});

describe('holidays', () => {
  const office: ScheduleWindow[] = [{ days: '12345', from: '08:00', to: '18:00' }];
  const christmas: HolidayDates = { start_date: '2020-12-24', end_date: '2020-12-26', yearly: 1 };
  const newYear: HolidayDates = { start_date: '2020-12-31', end_date: '2021-01-01', yearly: 1 };
  const closedMonday: HolidayDates = { start_date: '2025-06-09', end_date: '2025-06-09', yearly: 0 };

  it('a yearly one returns on the same dates every year, also across New Year', () => {
    expect(isHoliday('2030-12-25', [christmas])).toBe(true);
    expect(isHoliday('2030-12-27', [christmas])).toBe(false);
    expect(isHoliday('2031-01-01', [newYear])).toBe(true);
    expect(isHoliday('2031-01-02', [newYear])).toBe(false);
  });

  it('a one-off one is its dates only', () => {
    expect(isHoliday('2025-06-09', [closedMonday])).toBe(true);
    expect(isHoliday('2026-06-09', [closedMonday])).toBe(false);
  });

  it('keeps the doors shut on those days and moves the next change past them', () => {
    // Wednesday 2025-12-24 (yearly, from 2020) to Friday 26th: the next unlock is Monday the 29th.
    expect(status('UTC', office, '2025-12-24T10:00:00Z', [christmas])).toEqual({ open: false, next: 'unlock 2025-12-29T08:00:00.000Z' });
    expect(status('UTC', office, '2025-12-23T10:00:00Z', [christmas])).toEqual({ open: true, next: 'lock 2025-12-23T18:00:00.000Z' });
    expect(status('UTC', office, '2025-06-09T10:00:00Z', [closedMonday])).toEqual({ open: false, next: 'unlock 2025-06-10T08:00:00.000Z' });
  });

  it('reads the holiday on the schedule\'s own wall clock', () => {
    // 2025-06-08 23:30Z is already Monday 01:30 in Berlin: a 00:00–06:00 Monday window is off that day.
    const early: ScheduleWindow[] = [{ days: '1', from: '00:00', to: '06:00' }];
    expect(status('Europe/Berlin', early, '2025-06-08T23:30:00Z', [closedMonday]).open).toBe(false);
    expect(status('Europe/Berlin', early, '2025-06-08T23:30:00Z').open).toBe(true);
  });
});

describe('next change', () => {
  it('is null for a schedule without windows', () => {
    expect(status('UTC', [], '2025-06-02T10:00:00Z')).toEqual({ open: false, next: null });
  });
});
