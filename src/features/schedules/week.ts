import type { Holiday, ScheduleWindow } from '@/api/schedules';
import { instantOfWallTime, wallTimeMs, zoneOffsetMs } from '@contract/wall-clock';
import { DAY_NAMES } from './schedule-text';

/** An unlocked span of one day, in minutes since its midnight (`to` up to 1440). */
export interface Span {
  from: number;
  to: number;
  /** How long it really lasts, in minutes, when a clock change makes that differ from `to - from`. */
  lasts?: number;
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

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const dateOf = (wallDay: number) => new Date(wallDay).toISOString().slice(0, 10);
const isoWeekdayOf = (wallDay: number) => ((new Date(wallDay).getUTCDay() + 6) % 7) + 1;

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
  /** On the wall clock, each with how long it really lasts (`lasts`, minutes) when a clock change makes that differ. */
  spans: Span[];
  /** Minutes the clocks go forward (positive) or back (negative) that day; 0 on most days. */
  clockChange: number;
}

/** How long a day's wall-clock span really lasts in `timeZone`, in minutes. */
function lastingOf(wallDay: number, span: Span, timeZone: string): number {
  const at = (minute: number) => instantOfWallTime(wallDay + minute * MINUTE_MS, timeZone);
  return (at(span.to) - at(span.from)) / MINUTE_MS;
}

/**
 * The `count` days from the one `now` falls on in `timeZone` (the schedule's zone): each day's
 * unlocked spans on that wall clock. On a holiday no window starts; a window that began the night
 * before still runs to its end. Wall times become instants as the platform's scheduler makes them
 * (contract/wall-clock.ts), so 01:00–03:00 on the night the clocks go forward lasts one hour.
 */
export function previewDays(windows: readonly ScheduleWindow[], holidays: readonly Holiday[], now: number, timeZone: string, count = 7): PreviewDay[] {
  const today = Math.floor(wallTimeMs(now, timeZone) / DAY_MS) * DAY_MS;
  const offsetAtMidnight = (wallDay: number) => zoneOffsetMs(instantOfWallTime(wallDay, timeZone), timeZone);
  const days: PreviewDay[] = [];
  for (let i = 0; i < count; i += 1) {
    const wallDay = today + i * DAY_MS;
    const yesterday = wallDay - DAY_MS;
    const holiday = holidayOn(dateOf(wallDay), holidays);
    const own = holiday ? [] : spansStarting(windows, isoWeekdayOf(wallDay)).today;
    const carried = holidayOn(dateOf(yesterday), holidays) ? [] : spansStarting(windows, isoWeekdayOf(yesterday)).carried;
    const spans = merged([...own, ...carried]).map((span) => {
      const lasts = lastingOf(wallDay, span, timeZone);
      return lasts === span.to - span.from ? span : { ...span, lasts };
    });
    const clockChange = (offsetAtMidnight(wallDay + DAY_MS) - offsetAtMidnight(wallDay)) / MINUTE_MS;
    days.push({ date: dateOf(wallDay), weekday: DAY_NAMES[isoWeekdayOf(wallDay) - 1] ?? 'Mon', holiday, spans, clockChange });
  }
  return days;
}

const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** "1 h", "1 h 30 min", "45 min". */
export function lengthInWords(minutes: number): string {
  const [h, m] = [Math.floor(minutes / 60), minutes % 60];
  return [h > 0 ? `${h} h` : '', m > 0 || h === 0 ? `${m} min` : ''].filter(Boolean).join(' ');
}

const spanInWords = (s: Span) => `${clock(s.from)}–${clock(s.to)}${s.lasts === undefined ? '' : ` (lasts ${lengthInWords(s.lasts)})`}`;

/** "Unlocked 08:00–18:00", "Unlocked 01:00–03:00 (lasts 1 h)", "Unlocked all day", "Locked all day". */
export function spansInWords(spans: readonly Span[]): string {
  if (spans.length === 0) return 'Locked all day';
  const [only] = spans;
  if (spans.length === 1 && only?.from === 0 && only.to === 1440) return `Unlocked all day${only.lasts === undefined ? '' : ` (${lengthInWords(only.lasts)})`}`;
  return `Unlocked ${spans.map(spanInWords).join(', ')}`;
}

/** "The clocks go forward 1 h", "The clocks go back 1 h"; empty on a day without a change. */
export function clockChangeInWords(minutes: number): string {
  if (minutes === 0) return '';
  return `The clocks go ${minutes > 0 ? 'forward' : 'back'} ${lengthInWords(Math.abs(minutes))}`;
}
