import { describe, expect, it } from 'vitest';
import { clockChangeInWords, previewDays, spansInWords } from './week';

/** Each previewed day as the form shows it: date, weekday, hours, and the clock change if any. */
const shown = (...args: Parameters<typeof previewDays>) =>
  previewDays(...args).map((d) => [`${d.weekday} ${d.date}`, spansInWords(d.spans), clockChangeInWords(d.clockChange)].filter(Boolean).join(': '));

const earlyHours = [{ days: '1234567', from: '01:00', to: '03:00' }];

describe('the 7-day preview across a daylight-saving change', () => {
  it('in Europe/Berlin, 01:00–03:00 lasts one hour the night the clocks go forward (29 March 2026)', () => {
    // Friday 27 March 2026, 12:00 in Berlin.
    expect(shown(earlyHours, [], Date.UTC(2026, 2, 27, 11), 'Europe/Berlin')).toEqual([
      'Fri 2026-03-27: Unlocked 01:00–03:00',
      'Sat 2026-03-28: Unlocked 01:00–03:00',
      'Sun 2026-03-29: Unlocked 01:00–03:00 (lasts 1 h): The clocks go forward 1 h',
      'Mon 2026-03-30: Unlocked 01:00–03:00',
      'Tue 2026-03-31: Unlocked 01:00–03:00',
      'Wed 2026-04-01: Unlocked 01:00–03:00',
      'Thu 2026-04-02: Unlocked 01:00–03:00',
    ]);
  });

  it('in Europe/Berlin, 01:00–03:00 lasts three hours the night the clocks go back (25 October 2026)', () => {
    const days = previewDays(earlyHours, [], Date.UTC(2026, 9, 24, 10), 'Europe/Berlin');
    expect(days.map((d) => `${d.date} ${spansInWords(d.spans)}`).slice(0, 3)).toEqual([
      '2026-10-24 Unlocked 01:00–03:00',
      '2026-10-25 Unlocked 01:00–03:00 (lasts 3 h)',
      '2026-10-26 Unlocked 01:00–03:00',
    ]);
    expect(days.map((d) => d.clockChange)).toEqual([0, -60, 0, 0, 0, 0, 0]);
  });

  it('a day around the clock is 23 hours in spring and 25 in autumn; a window clear of the change is not touched', () => {
    const allDay = [{ days: '7', from: '00:00', to: '24:00' }, { days: '1', from: '08:00', to: '18:00' }];
    expect(shown(allDay, [], Date.UTC(2026, 2, 29, 8), 'Europe/Berlin').slice(0, 2)).toEqual([
      'Sun 2026-03-29: Unlocked all day (23 h): The clocks go forward 1 h',
      'Mon 2026-03-30: Unlocked 08:00–18:00',
    ]);
    expect(shown(allDay, [], Date.UTC(2026, 9, 25, 8), 'Europe/Berlin')[0]).toBe('Sun 2026-10-25: Unlocked all day (25 h): The clocks go back 1 h');
  });

  it('an overnight window across the spring change is an hour shorter after midnight', () => {
    const night = [{ days: '6', from: '22:00', to: '06:00' }];
    expect(shown(night, [], Date.UTC(2026, 2, 28, 8), 'Europe/Berlin').slice(0, 2)).toEqual([
      'Sat 2026-03-28: Unlocked 22:00–24:00',
      'Sun 2026-03-29: Unlocked 00:00–06:00 (lasts 5 h): The clocks go forward 1 h',
    ]);
  });

  it('follows the schedule’s own zone: New York changes on 8 March, Berlin that day does not', () => {
    const at = Date.UTC(2026, 2, 8, 12);
    expect(shown(earlyHours, [], at, 'America/New_York')[0]).toBe('Sun 2026-03-08: Unlocked 01:00–03:00 (lasts 1 h): The clocks go forward 1 h');
    expect(shown(earlyHours, [], at, 'Europe/Berlin')[0]).toBe('Sun 2026-03-08: Unlocked 01:00–03:00');
  });

  it('starts on the schedule zone’s today, not UTC’s', () => {
    // 23:30 UTC on Saturday 28 March is already Sunday 00:30 in Berlin, and still Saturday in UTC.
    const lateSaturday = Date.UTC(2026, 2, 28, 23, 30);
    expect(previewDays(earlyHours, [], lateSaturday, 'Europe/Berlin')[0]?.date).toBe('2026-03-29');
    expect(previewDays(earlyHours, [], lateSaturday, 'UTC')[0]?.date).toBe('2026-03-28');
    expect(previewDays(earlyHours, [], Date.UTC(2026, 2, 29, 10), 'Pacific/Auckland')[0]?.date).toBe('2026-03-29');
    expect(previewDays(earlyHours, [], Date.UTC(2026, 2, 29, 12), 'Pacific/Auckland')[0]?.date).toBe('2026-03-30');
  });
});
