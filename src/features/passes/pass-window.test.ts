import { describe, expect, it } from 'vitest';
import { describeSent, describeWindow } from './pass-text';
import { nextHours, todayOfficeHours, toPlatformDate, windowError } from './pass-window';

// Monday 7 December 2026, 10:42:30 UTC.
const NOW = Date.UTC(2026, 11, 7, 10, 42, 30);

describe('a pass’s window', () => {
  it('quick picks: today 09:00–17:00 and the next 4 hours, on the platform’s clock', () => {
    expect(todayOfficeHours(NOW, 'UTC')).toEqual({ start: '2026-12-07T09:00', end: '2026-12-07T17:00' });
    // 23:42 in Auckland (UTC+13) is already Tuesday there.
    expect(todayOfficeHours(NOW, 'Pacific/Auckland')).toEqual({ start: '2026-12-07T09:00', end: '2026-12-07T17:00' });
    expect(todayOfficeHours(Date.UTC(2026, 11, 7, 12), 'Pacific/Auckland')).toEqual({ start: '2026-12-08T09:00', end: '2026-12-08T17:00' });
    expect(nextHours(NOW, 'UTC', 4)).toEqual({ start: '2026-12-07T10:42', end: '2026-12-07T14:42' });
    expect(nextHours(NOW, 'Europe/Berlin', 4)).toEqual({ start: '2026-12-07T11:42', end: '2026-12-07T15:42' });
  });

  it('is sent as the platform writes dates, and refused when it ends before it starts', () => {
    expect(toPlatformDate('2026-12-07T09:00')).toBe('2026-12-07 09:00:00');
    expect(toPlatformDate('2026-12-07')).toBeNull();
    expect(windowError({ start: '2026-12-07T09:00', end: '2026-12-07T09:00' })).toEqual({ field: 'end', message: 'The end must be after the start.' });
    expect(windowError({ start: '', end: '2026-12-07T09:00' })?.field).toBe('start');
    expect(windowError({ start: '2026-12-07T09:00', end: '2026-12-08T01:00' })).toBeNull();
  });

  it('is said in words, across midnight too', () => {
    expect(describeWindow('2026-12-07 09:00:00', '2026-12-07 17:00:00')).toBe('2026-12-07 09:00–17:00');
    expect(describeWindow('2026-12-07 22:00:00', '2026-12-08 06:00:00')).toBe('2026-12-07 22:00 – 2026-12-08 06:00');
  });
});

describe('where a code went', () => {
  it('says the masked address and the time, with the day when not today', () => {
    expect(describeSent({ to: 'a…@example.com', date: '2026-12-07 10:42:05' }, NOW, 'UTC')).toBe('sent to a…@example.com at 10:42');
    expect(describeSent({ to: 'a…@example.com', date: '2026-12-07 10:42:05' }, NOW, 'Europe/Berlin')).toBe('sent to a…@example.com at 11:42');
    expect(describeSent({ to: 'a…@example.com', date: '2026-12-06 18:00:00' }, NOW, 'UTC')).toBe('sent to a…@example.com on 2026-12-06 at 18:00');
  });
});
