import type { ScheduleWindow } from '../../../contract/schedules';
import { instantOfWallTime, wallTimeMs } from '../../../contract/wall-clock';

/*
 * When a schedule's doors are open: its windows on the wall clock of its own zone, each occurrence
 * belonging to the day it starts on (an overnight window included), skipped on its holidays. Wall
 * times become instants through contract/wall-clock.ts, so a window across a DST change is as long
 * as the wall clock says (01:00–03:00 on a spring-forward night lasts one hour).
 */

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** How far ahead the next change is looked for (a schedule whose windows all fall on holidays for longer has none). */
const HORIZON_DAYS = 400;

export interface HolidayDates {
  start_date: string;
  end_date: string;
  yearly: 0 | 1;
}

export interface ScheduleTimes {
  timezone: string;
  windows: readonly ScheduleWindow[];
  holidays: readonly HolidayDates[];
}

export interface ScheduleStatus {
  /** Inside a window now. */
  open: boolean;
  /** When the current window began (open only). */
  openedAt: number | null;
  /** The next time the schedule unlocks or locks; null when it never will within the horizon. */
  next: { at: number; action: 'unlock' | 'lock' } | null;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const isoDay = (wallDay: number) => new Date(wallDay).toISOString().slice(0, 10);
const isoWeekday = (wallDay: number) => ((new Date(wallDay).getUTCDay() + 6) % 7) + 1;

/** Whether a wall-clock day ("YYYY-MM-DD") is one of the holidays (inclusive; yearly ones by month and day). */
export function isHoliday(day: string, holidays: readonly HolidayDates[]): boolean {
  return holidays.some((h) => {
    if (!h.yearly) return h.start_date <= day && day <= h.end_date;
    const md = day.slice(5);
    const [from, to] = [h.start_date.slice(5), h.end_date.slice(5)];
    // A yearly holiday over New Year (12-24 … 01-02) wraps around.
    return from <= to ? from <= md && md <= to : md >= from || md <= to;
  });
}

/** The occurrences [start, end) of the windows that start on one wall-clock day, in start order. */
function occurrencesOn(wallDay: number, schedule: ScheduleTimes): [number, number][] {
  if (isHoliday(isoDay(wallDay), schedule.holidays)) return [];
  const weekday = String(isoWeekday(wallDay));
  return schedule.windows
    .filter((w) => w.days.includes(weekday))
    .map((w): [number, number] => {
      const from = minutesOf(w.from);
      const to = minutesOf(w.to);
      const end = to > from ? to : to + 24 * 60;
      return [instantOfWallTime(wallDay + from * MINUTE, schedule.timezone), instantOfWallTime(wallDay + end * MINUTE, schedule.timezone)];
    })
    .sort((a, b) => a[0] - b[0]);
}

/**
 * Where the schedule stands at `at`: inside a window or not, and its next change. Windows that touch
 * or overlap count as one (08:00–12:00 and 12:00–18:00 lock once, at 18:00).
 */
export function scheduleStatus(schedule: ScheduleTimes, at: number): ScheduleStatus {
  if (schedule.windows.length === 0) return { open: false, openedAt: null, next: null };
  // Overnight windows of the two days before may still be running.
  const firstDay = Math.floor(wallTimeMs(at, schedule.timezone) / DAY) * DAY - 2 * DAY;
  let union: [number, number] | null = null;
  for (let d = 0; d < HORIZON_DAYS; d += 1) {
    for (const [start, end] of occurrencesOn(firstDay + d * DAY, schedule)) {
      if (union && start <= union[1]) {
        union[1] = Math.max(union[1], end);
        continue;
      }
      if (union && union[0] <= at && at < union[1]) return { open: true, openedAt: union[0], next: { at: union[1], action: 'lock' } };
      if (start > at) return { open: false, openedAt: null, next: { at: start, action: 'unlock' } };
      union = [start, end];
    }
  }
  if (union && union[0] <= at && at < union[1]) return { open: true, openedAt: union[0], next: null };
  return { open: false, openedAt: null, next: null };
}
