import type { GrantMethod } from '@contract/constants';
import { type GrantRule, formatGrantDate } from './grant-rule';

/** What the "Grant access" form holds (its fields, as typed). */
export interface GrantFormState {
  method: GrantMethod;
  validity: 'always' | 'until' | 'range';
  /** "YYYY-MM-DD" from `<input type="date">`. */
  startDay: string;
  endDay: string;
  /** Limit to some days and hours. */
  scheduled: boolean;
  /** ISO weekday digits ticked. */
  days: string;
  /** "HH:mm" from `<input type="time">`, both empty = all day. */
  startTime: string;
  endTime: string;
}

export const INITIAL_GRANT_FORM: GrantFormState = {
  method: 'app',
  validity: 'always',
  startDay: '',
  endDay: '',
  scheduled: false,
  days: '1234567',
  startTime: '',
  endTime: '',
};

/** The quick picks of days and hours. */
export const SCHEDULE_PRESETS = [
  { label: 'Working hours', days: '12345', startTime: '09:00', endTime: '17:00' },
  { label: 'Evenings', days: '12345', startTime: '18:00', endTime: '22:00' },
  { label: 'Weekends', days: '67', startTime: '', endTime: '' },
  { label: 'Every day', days: '1234567', startTime: '', endTime: '' },
] as const;

/** The fields the platform names in its refusals, which the form shows its errors beside. */
export type GrantField = 'person' | 'target' | 'method' | 'start_date' | 'end_date' | 'weekdays' | 'start_time' | 'end_time';
export type GrantFieldErrors = Partial<Record<GrantField, string>>;

const PLATFORM_FIELDS: Record<string, GrantField> = {
  userid: 'person',
  lockid: 'target',
  groupid: 'target',
  method: 'method',
  start_date: 'start_date',
  end_date: 'end_date',
  weekdays: 'weekdays',
  start_time: 'start_time',
  end_time: 'end_time',
};

/** The platform's `msg` ("end_date: end_date must be after start_date") split into the field and the words. */
export function fieldOfGrantError(message: string): { field: GrantField | null; message: string } {
  const match = /^([a-z_]+):\s*(.+)$/s.exec(message);
  const field = match ? PLATFORM_FIELDS[match[1] ?? ''] : undefined;
  if (!match || !field) return { field: null, message };
  const rest = (match[2] ?? '').replace(/\b(start|end)_(date|time)\b/g, '$1 $2');
  return { field, message: rest.charAt(0).toUpperCase() + rest.slice(1) };
}

/** The window part of a grant as the platform takes it (wall-clock, platform zone). */
export type GrantWindow = GrantRule;

/** `<input type="time">` cannot say 24:00: an end at 00:00 after a later start means midnight. */
function endOfDay(startTime: string, endTime: string): string {
  return endTime === '00:00' && startTime !== '00:00' ? '24:00' : endTime;
}

/**
 * The last day, when it is before `today` (the platform's today, "YYYY-MM-DD": grant-time.ts dayIn):
 * the grant would end before it began, which the platform refuses. Said at the field as soon as
 * the day is chosen, not after a round trip.
 */
export function pastLastDay(form: GrantFormState, today: string | null): string | null {
  if (!today || form.validity === 'always' || !/^\d{4}-\d{2}-\d{2}$/.test(form.endDay) || form.endDay >= today) return null;
  return `That day has passed. Choose today (${formatGrantDate(today, 'start')}) or a later day.`;
}

/** The earliest last day the date field offers: today, or the first day of a range when that is later. */
export function earliestLastDay(form: GrantFormState, today: string | null): string | undefined {
  const first = form.validity === 'range' && /^\d{4}-\d{2}-\d{2}$/.test(form.startDay) ? form.startDay : null;
  if (first && (!today || first > today)) return first;
  return today ?? undefined;
}

/**
 * The form's window, or the errors to show beside its fields. "Until a date" works to the end of
 * that day (23:59:59); a range starts at the start of its first day. `today`: the platform's.
 */
export function buildGrantWindow(form: GrantFormState, today: string | null = null): { window: GrantWindow } | { errors: GrantFieldErrors } {
  const errors: GrantFieldErrors = {};
  const passed = pastLastDay(form, today);
  let startDate: string | null = null;
  let endDate: string | null = null;
  if (form.validity !== 'always') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(form.endDay)) errors.end_date = form.validity === 'until' ? 'Choose the last day of access.' : 'Choose the last day.';
    else endDate = `${form.endDay} 23:59:59`;
  }
  if (form.validity === 'range') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(form.startDay)) errors.start_date = 'Choose the first day.';
    else startDate = `${form.startDay} 00:00:00`;
    if (startDate && endDate && form.endDay < form.startDay) errors.end_date = 'The last day must not be before the first day.';
  }
  if (passed) errors.end_date = passed;
  let weekdays: string | null = null;
  let startTime: string | null = null;
  let endTime: string | null = null;
  if (form.scheduled) {
    const days = [...new Set(form.days)].filter((d) => /[1-7]/.test(d)).sort().join('');
    if (days === '') errors.weekdays = 'Tick at least one day.';
    else if (days !== '1234567') weekdays = days;
    const hasStart = form.startTime !== '';
    const hasEnd = form.endTime !== '';
    if (hasStart && !hasEnd) errors.end_time = 'Give the time access ends, or clear both times for all day.';
    else if (!hasStart && hasEnd) errors.start_time = 'Give the time access starts, or clear both times for all day.';
    else if (hasStart && hasEnd) {
      if (form.startTime === form.endTime) errors.end_time = 'The end must differ from the start (clear both times for all day).';
      else {
        startTime = form.startTime;
        endTime = endOfDay(form.startTime, form.endTime);
      }
    }
  }
  if (Object.keys(errors).length > 0) return { errors };
  return { window: { startDate, endDate, weekdays, startTime, endTime } };
}

/** The rule being built, for the live preview (whatever is complete so far). */
export function previewWindow(form: GrantFormState): GrantWindow {
  const day = (value: string) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null);
  const endDay = form.validity === 'always' ? null : day(form.endDay);
  const startDay = form.validity === 'range' ? day(form.startDay) : null;
  const days = [...new Set(form.days)].filter((d) => /[1-7]/.test(d)).sort().join('');
  const times = form.scheduled && form.startTime && form.endTime && form.startTime !== form.endTime;
  return {
    startDate: startDay ? `${startDay} 00:00:00` : null,
    endDate: endDay ? `${endDay} 23:59:59` : null,
    weekdays: form.scheduled && days !== '' && days !== '1234567' ? days : null,
    startTime: times ? form.startTime : null,
    endTime: times ? endOfDay(form.startTime, form.endTime) : null,
  };
}
