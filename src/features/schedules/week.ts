import type { Holiday, ScheduleWindow } from '@/api/schedules';
import { DAY_NAMES } from './schedule-text';

/** An unlocked span of one day, in minutes since its midnight (`to` up to 1440). */
export interface Span {
  from: number;
  to: number;
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function merged(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.from - b.from);
  const out: Span[] = [];
  for (const span of sorted) {
    const last = out.at(-1);
    if (last && span.from <= last.to) last.to = Math.max(last.to, span.to);
    else out.push({ ...span });
  }
  return out;
}

/** The spans that windows starting on `isoWeekday` open that day, and those they carry into the next (overnight). */
function spansStarting(windows: readonly ScheduleWindow[], isoWeekday: number): { today: Span[]; carried: Span[] } {
  const today: Span[] = [];
  const carried: Span[] = [];
  for (const w of windows) {
    if (!w.days.includes(String(isoWeekday))) continue;
    const from = minutes(w.from);
    const to = minutes(w.to);
    if (to > from) today.push({ from, to });
    else {
      today.push({ from, to: 1440 });
      if (to > 0) carried.push({ from: 0, to });
    }
  }
  return { today, carried };
}

/** Each weekday's unlocked spans (Monday first), overnight windows carried into the next day (Sunday's into Monday). */
export function weekSpans(windows: readonly ScheduleWindow[]): { day: (typeof DAY_NAMES)[number]; spans: Span[] }[] {
  return DAY_NAMES.map((day, i) => {
    const previousDay = ((i + 6) % 7) + 1;
    return { day, spans: merged([...spansStarting(windows, i + 1).today, ...spansStarting(windows, previousDay).carried]) };
  });
}

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const isoWeekdayOf = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

/** The holiday on `date` ("YYYY-MM-DD"), if any: a yearly one on the same month and day every year. */
export function holidayOn(date: string, holidays: readonly Holiday[]): Holiday | null {
  for (const h of holidays) {
    if (!h.yearly) {
      if (h.startDate <= date && date <= h.endDate) return h;
      continue;
    }
    const [day, start, end] = [date.slice(5), h.startDate.slice(5), h.endDate.slice(5)];
    const spansNewYear = h.endDate.slice(0, 4) > h.startDate.slice(0, 4);
    if (spansNewYear ? day >= start || day <= end : day >= start && day <= end) return h;
  }
  return null;
}

export interface PreviewDay {
  date: string;
  weekday: (typeof DAY_NAMES)[number];
  /** The holiday the schedule skips that day. */
  holiday: Holiday | null;
  spans: Span[];
}

/**
 * The next `count` days from `firstDate` on the schedule's wall clock: each day's unlocked spans. On
 * a holiday no window starts; a window that began the night before still runs to its end.
 */
export function previewDays(windows: readonly ScheduleWindow[], holidays: readonly Holiday[], firstDate: string, count = 7): PreviewDay[] {
  const days: PreviewDay[] = [];
  for (let i = 0; i < count; i += 1) {
    const date = addDays(firstDate, i);
    const yesterday = addDays(date, -1);
    const weekday = isoWeekdayOf(date);
    const holiday = holidayOn(date, holidays);
    const own = holiday ? [] : spansStarting(windows, weekday).today;
    const carried = holidayOn(yesterday, holidays) ? [] : spansStarting(windows, isoWeekdayOf(yesterday)).carried;
    days.push({ date, weekday: DAY_NAMES[weekday - 1] ?? 'Mon', holiday, spans: merged([...own, ...carried]) });
  }
  return days;
}

const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** "Unlocked 08:00–18:00", "Unlocked all day", "Locked all day". */
export function spansInWords(spans: readonly Span[]): string {
  if (spans.length === 0) return 'Locked all day';
  const [only] = spans;
  if (spans.length === 1 && only?.from === 0 && only.to === 1440) return 'Unlocked all day';
  return `Unlocked ${spans.map((s) => `${clock(s.from)}–${clock(s.to)}`).join(', ')}`;
}
