import type { ScheduleBody } from '@contract/schedules';

/** contract/schedules.ts MAX_SCHEDULE_NAME_LENGTH (the contract's zod modules stay out of the browser). */
export const MAX_NAME = 80;
import type { Schedule, ScheduleWindow } from '@/api/schedules';

export interface ScheduleFormValues {
  name: string;
  timezone: string;
  windows: ScheduleWindow[];
  firstPersonIn: boolean;
  holidayids: number[];
  lockids: string[];
  groupids: number[];
}

export type FormErrors = Partial<Record<'name' | 'timezone' | 'windows', string>>;

const HHMM = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export function newScheduleValues(timezone: string): ScheduleFormValues {
  return { name: '', timezone, windows: [], firstPersonIn: false, holidayids: [], lockids: [], groupids: [] };
}

export function scheduleValues(schedule: Schedule, siteZone: string): ScheduleFormValues {
  return {
    name: schedule.name,
    timezone: schedule.timezone ?? siteZone,
    windows: schedule.windows,
    firstPersonIn: schedule.firstPersonIn,
    holidayids: schedule.holidayids,
    lockids: schedule.lockids,
    groupids: schedule.groupids,
  };
}

/** What is wrong before anything is sent; the platform checks it all again. */
export function checkValues(values: ScheduleFormValues): FormErrors {
  const errors: FormErrors = {};
  if (!values.name.trim()) errors.name = 'Enter a name for the schedule.';
  if (!values.timezone.trim()) errors.timezone = 'Enter a time zone such as Europe/Berlin.';
  const bad = values.windows.findIndex((w) => !w.days || !HHMM.test(w.from) || !HHMM.test(w.to) || w.from === w.to || w.from === '24:00');
  const w = values.windows[bad];
  if (w) {
    errors.windows = !w.days
      ? `Window ${bad + 1}: choose at least one day.`
      : `Window ${bad + 1}: give its start and end as HH:mm (00:00–24:00), not the same time.`;
  }
  return errors;
}

export function scheduleBody(values: ScheduleFormValues): ScheduleBody {
  return {
    name: values.name.trim(),
    timezone: values.timezone.trim(),
    windows: values.windows.map((w) => ({ days: [...w.days].sort().join(''), from: w.from, to: w.to })),
    first_person_in: values.firstPersonIn ? 1 : 0,
    holidayids: values.holidayids,
    lockids: values.lockids,
    groupids: values.groupids,
  };
}

/** A refusal's field, by the word its message starts with ("name must not be empty"); null: about none. */
export function fieldOfRefusal(message: string): keyof FormErrors | null {
  const first = /^(name|timezone|windows)\b/.exec(message.trim())?.[1];
  return (first as keyof FormErrors | undefined) ?? null;
}
