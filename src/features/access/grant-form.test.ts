import { describe, expect, it } from 'vitest';
import { INITIAL_GRANT_FORM, buildGrantWindow, earliestLastDay, fieldOfGrantError, pastLastDay, previewWindow, type GrantFormState } from './grant-form';

const form = (patch: Partial<GrantFormState>): GrantFormState => ({ ...INITIAL_GRANT_FORM, ...patch });

describe('buildGrantWindow', () => {
  it('sends nothing for "Always"', () => {
    expect(buildGrantWindow(form({}))).toEqual({ window: { startDate: null, endDate: null, weekdays: null, startTime: null, endTime: null } });
  });

  it('works until the end of the chosen day', () => {
    expect(buildGrantWindow(form({ validity: 'until', endDay: '2027-03-31' }))).toMatchObject({ window: { startDate: null, endDate: '2027-03-31 23:59:59' } });
  });

  it('starts a range at the start of its first day', () => {
    expect(buildGrantWindow(form({ validity: 'range', startDay: '2026-12-01', endDay: '2026-12-01' }))).toMatchObject({
      window: { startDate: '2026-12-01 00:00:00', endDate: '2026-12-01 23:59:59' },
    });
  });

  it('names the missing or backwards dates', () => {
    expect(buildGrantWindow(form({ validity: 'until' }))).toEqual({ errors: { end_date: 'Choose the last day of access.' } });
    expect(buildGrantWindow(form({ validity: 'range', endDay: '2027-01-01' }))).toEqual({ errors: { start_date: 'Choose the first day.' } });
    expect(buildGrantWindow(form({ validity: 'range', startDay: '2027-02-01', endDay: '2027-01-01' }))).toEqual({
      errors: { end_date: 'The last day must not be before the first day.' },
    });
  });

  it('ignores days and hours that were set and then switched off', () => {
    expect(buildGrantWindow(form({ days: '12345', startTime: '09:00', endTime: '17:00' }))).toMatchObject({ window: { weekdays: null, startTime: null } });
  });

  it('sends days and hours, and all seven days as every day', () => {
    expect(buildGrantWindow(form({ scheduled: true, days: '54321', startTime: '09:00', endTime: '17:00' }))).toMatchObject({
      window: { weekdays: '12345', startTime: '09:00', endTime: '17:00' },
    });
    expect(buildGrantWindow(form({ scheduled: true, days: '1234567' }))).toMatchObject({ window: { weekdays: null, startTime: null, endTime: null } });
  });

  it('reads an end at 00:00 as midnight (24:00)', () => {
    expect(buildGrantWindow(form({ scheduled: true, days: '5', startTime: '18:00', endTime: '00:00' }))).toMatchObject({
      window: { startTime: '18:00', endTime: '24:00' },
    });
  });

  it('keeps an overnight window as typed', () => {
    expect(buildGrantWindow(form({ scheduled: true, days: '6', startTime: '22:00', endTime: '06:00' }))).toMatchObject({
      window: { weekdays: '6', startTime: '22:00', endTime: '06:00' },
    });
  });

  it('names no day ticked, half a window and equal times', () => {
    expect(buildGrantWindow(form({ scheduled: true, days: '' }))).toEqual({ errors: { weekdays: 'Tick at least one day.' } });
    expect(buildGrantWindow(form({ scheduled: true, startTime: '09:00' }))).toMatchObject({ errors: { end_time: expect.any(String) } });
    expect(buildGrantWindow(form({ scheduled: true, endTime: '09:00' }))).toMatchObject({ errors: { start_time: expect.any(String) } });
    expect(buildGrantWindow(form({ scheduled: true, startTime: '09:00', endTime: '09:00' }))).toMatchObject({ errors: { end_time: expect.any(String) } });
  });
});

describe('previewWindow', () => {
  it('shows what is complete so far', () => {
    expect(previewWindow(form({ validity: 'range', startDay: '2026-12-01', scheduled: true, days: '12345', startTime: '09:00' }))).toEqual({
      startDate: '2026-12-01 00:00:00',
      endDate: null,
      weekdays: '12345',
      startTime: null,
      endTime: null,
    });
  });
});

describe('fieldOfGrantError', () => {
  it('puts the platform’s message by the field it names', () => {
    expect(fieldOfGrantError('end_date: end_date must be after start_date')).toEqual({ field: 'end_date', message: 'End date must be after start date' });
    expect(fieldOfGrantError('userid: No such person')).toEqual({ field: 'person', message: 'No such person' });
    expect(fieldOfGrantError('Something else went wrong')).toEqual({ field: null, message: 'Something else went wrong' });
  });
});

describe('a last day that has passed', () => {
  const today = '2026-12-06';

  it('is refused in the form, at the last day, before anything is sent', () => {
    expect(buildGrantWindow(form({ validity: 'until', endDay: '2026-12-05' }), today)).toEqual({
      errors: { end_date: 'That day has passed. Choose today (6 Dec 2026) or a later day.' },
    });
    expect(buildGrantWindow(form({ validity: 'range', startDay: '2026-11-01', endDay: '2026-11-30' }), today)).toMatchObject({ errors: { end_date: expect.stringMatching(/^That day has passed/) } });
    expect(pastLastDay(form({ validity: 'until', endDay: '2026-01-31' }), today)).toMatch(/^That day has passed/);
  });

  it('lets today and later days through, and says nothing for "Always" or an empty field', () => {
    expect(buildGrantWindow(form({ validity: 'until', endDay: today }), today)).toMatchObject({ window: { endDate: '2026-12-06 23:59:59' } });
    expect(pastLastDay(form({ validity: 'until', endDay: '2027-01-01' }), today)).toBeNull();
    expect(pastLastDay(form({ validity: 'always', endDay: '2020-01-01' }), today)).toBeNull();
    expect(pastLastDay(form({ validity: 'until', endDay: '' }), today)).toBeNull();
  });

  it('offers no day before today in the date field, nor before a range’s first day', () => {
    expect(earliestLastDay(form({ validity: 'until' }), today)).toBe(today);
    expect(earliestLastDay(form({ validity: 'range', startDay: '2027-02-01' }), today)).toBe('2027-02-01');
    expect(earliestLastDay(form({ validity: 'range', startDay: '2026-01-01' }), today)).toBe(today);
  });
});
