import { describe, expect, it } from 'vitest';
import type { Lock, LockSchedule } from '@/api/locks';
import { nextChangeInWords, scheduleStateSentence, windowsInWords } from './schedule-text';
import { previewDays, spansInWords } from './week';

// Monday 7 December 2026, 10:00 UTC.
const clock = { now: Date.UTC(2026, 11, 7, 10, 0), zone: 'UTC' };
const lock = (schedule: LockSchedule | null, open: boolean | null = false): Pick<Lock, 'schedule' | 'open'> => ({ schedule, open });
const lobby = (state: LockSchedule['state'], until: string | null) => ({ scheduleid: 1, name: 'Lobby hours', state, until });

describe('a lock’s schedule state in words', () => {
  it('says all four states', () => {
    expect(scheduleStateSentence(lock(lobby('unlocked', '2026-12-07 18:00:00'), true), clock)).toBe("Unlocked by schedule 'Lobby hours' until 18:00");
    expect(scheduleStateSentence(lock(lobby('locked', '2026-12-08 08:00:00')), clock)).toBe("Locked by schedule 'Lobby hours' until 08:00 tomorrow");
    expect(scheduleStateSentence(lock(lobby('overridden', '2026-12-08 08:00:00')), clock)).toBe('Locked by hand — the schedule resumes at 08:00 tomorrow');
    expect(scheduleStateSentence(lock(lobby('overridden', '2026-12-07 18:00:00'), true), clock)).toBe('Unlocked by hand — the schedule resumes at 18:00');
    expect(scheduleStateSentence(lock(lobby('waiting', '2026-12-07 18:00:00')), clock)).toMatch(/^Waiting for the first person in: .*until 18:00$/);
  });

  it('says when a lockdown or being offline keeps the door from its schedule', () => {
    const due = lobby('unlocked', '2026-12-07 18:00:00');
    expect(scheduleStateSentence({ ...lock(due), lockdown: true }, clock)).toBe("Held locked by the lockdown — schedule 'Lobby hours' resumes when it is lifted");
    expect(scheduleStateSentence({ ...lock(due), online: false }, clock)).toBe("Offline: schedule 'Lobby hours' could not unlock it, and will once it is back (until 18:00)");
    expect(scheduleStateSentence({ ...lock(due, true), online: false }, clock)).toBe("Unlocked by schedule 'Lobby hours' until 18:00");
  });

  it('says nothing without a schedule, and no time it cannot read', () => {
    expect(scheduleStateSentence(lock(null), clock)).toBeNull();
    expect(scheduleStateSentence(lock(lobby('locked', null)), clock)).toBe("Locked by schedule 'Lobby hours'");
  });

  it('a later day by its name; a time on the site’s clock', () => {
    expect(scheduleStateSentence(lock(lobby('locked', '2026-12-10 08:00:00')), clock)).toBe("Locked by schedule 'Lobby hours' until 08:00 on Thu 10 Dec");
    expect(nextChangeInWords({ timezone: 'Europe/Berlin', nextChange: { date: '2026-12-07 17:00:00', action: 'lock' } }, clock)).toBe('Locks at 18:00');
  });
});

describe('windows in words', () => {
  it('days as ranges, all day, overnight', () => {
    expect(windowsInWords([{ days: '12345', from: '08:00', to: '18:00' }, { days: '67', from: '00:00', to: '24:00' }, { days: '135', from: '22:00', to: '06:00' }])).toBe(
      'Mon–Fri 08:00–18:00; Sat, Sun all day; Mon, Wed, Fri 22:00–06:00 (overnight)',
    );
  });
});

describe('the 7-day preview', () => {
  const holidays = [{ holidayid: 1, name: 'Founders’ Day', startDate: '2026-12-09', endDate: '2026-12-09', yearly: false }];

  it('skips a holiday and carries an overnight window into the next morning', () => {
    const days = previewDays([{ days: '12345', from: '08:00', to: '18:00' }, { days: '5', from: '22:00', to: '02:00' }], holidays, Date.UTC(2026, 11, 7, 10), 'UTC');
    expect(days.map((d) => `${d.weekday} ${d.holiday ? `holiday ${d.holiday.name}` : spansInWords(d.spans)}`)).toEqual([
      'Mon Unlocked 08:00–18:00',
      'Tue Unlocked 08:00–18:00',
      'Wed holiday Founders’ Day',
      'Thu Unlocked 08:00–18:00',
      'Fri Unlocked 08:00–18:00, 22:00–24:00',
      'Sat Unlocked 00:00–02:00',
      'Sun Locked all day',
    ]);
  });

  it('a yearly holiday across the new year', () => {
    const newYear = [{ holidayid: 2, name: 'New Year', startDate: '2020-12-31', endDate: '2021-01-01', yearly: true }];
    const days = previewDays([{ days: '1234567', from: '00:00', to: '24:00' }], newYear, Date.UTC(2026, 11, 30, 10), 'UTC');
    expect(days.map((d) => d.holiday?.name ?? spansInWords(d.spans))).toEqual(['Unlocked all day', 'New Year', 'New Year', 'Unlocked all day', 'Unlocked all day', 'Unlocked all day', 'Unlocked all day']);
  });
});
