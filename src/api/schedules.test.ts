import { describe, expect, it } from 'vitest';
import { parseLock } from './locks';
import { parseHoliday, parseSchedule } from './schedules';

describe('a lock row’s schedule', () => {
  const row = (schedule: unknown) => parseLock({ lockid: 'EM1', lockname: 'Lobby', schedule });

  it('is read when clear', () => {
    expect(row({ scheduleid: '4', name: 'Lobby hours', state: 'overridden', until: '2026-12-08 08:00:00' })?.schedule).toEqual({
      scheduleid: 4,
      name: 'Lobby hours',
      state: 'overridden',
      until: '2026-12-08 08:00:00',
    });
  });

  it('is null when missing or garbled, and the lock is still read', () => {
    for (const garbled of [undefined, null, 'Lobby hours', 7, [], {}, { scheduleid: 0, state: 'unlocked' }, { scheduleid: 4, state: 'open' }]) {
      const lock = row(garbled);
      expect(lock?.lockid, JSON.stringify(garbled)).toBe('EM1');
      expect(lock?.schedule, JSON.stringify(garbled)).toBeNull();
    }
  });

  it('keeps a clear state when only its name or end is unreadable', () => {
    expect(row({ scheduleid: 4, name: {}, state: 'waiting', until: 'soon' })?.schedule).toEqual({ scheduleid: 4, name: 'Schedule 4', state: 'waiting', until: null });
  });
});

describe('a schedule', () => {
  it('leaves out unreadable windows and ids, never the schedule', () => {
    const schedule = parseSchedule({
      scheduleid: 3,
      name: 'Lobby hours',
      timezone: 'Europe/Berlin',
      windows: [{ days: '54321', from: '08:00', to: '18:00' }, { days: '8', from: '08:00', to: '09:00' }, { days: '1', from: '8am', to: '9' }, 'Mon', null],
      first_person_in: '1',
      holidayids: [1, '2', -1, 'x'],
      lockids: ['EM1', '', 'EM1'],
      groupids: 'all',
      next_change: { date: 'tomorrow', action: 'unlock' },
    });
    expect(schedule).toEqual({
      scheduleid: 3,
      name: 'Lobby hours',
      timezone: 'Europe/Berlin',
      windows: [{ days: '12345', from: '08:00', to: '18:00' }],
      firstPersonIn: true,
      holidayids: [1, 2],
      lockids: ['EM1'],
      groupids: [],
      nextChange: null,
    });
  });

  it('is null without a usable id', () => {
    expect(parseSchedule({ name: 'x' })).toBeNull();
    expect(parseSchedule('x')).toBeNull();
  });

  it('a holiday with a missing or backwards end is one day', () => {
    expect(parseHoliday({ holidayid: 1, name: 'Boxing Day', start_date: '2026-12-26 00:00:00', end_date: '2026-12-01', yearly: 1 })).toEqual({
      holidayid: 1,
      name: 'Boxing Day',
      startDate: '2026-12-26',
      endDate: '2026-12-26',
      yearly: true,
    });
    expect(parseHoliday({ holidayid: 2, start_date: 'soon' })).toBeNull();
  });
});
