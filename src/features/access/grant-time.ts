import type { GrantStatus } from '@contract/constants';
import { GRANT_STATUS_LABELS } from '@contract/event-labels';
import type { GrantRule } from './grant-rule';

/**
 * A grant's days and hours are the wall clock of the platform's zone (PLUS_TIMEZONE, served as
 * `timezone` in /app-config.json): the same rule as the platform's (server/platform/access/enforce.ts),
 * read here to say whether an active grant's window is open now.
 */

const clocks = new Map<string, Intl.DateTimeFormat>();
function clockIn(timeZone: string): Intl.DateTimeFormat {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short' });
    clocks.set(timeZone, clock);
  }
  return clock;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The wall clock of `timeZone` at `ms`: its day ("YYYY-MM-DD"), ISO weekday (1 = Monday) and minutes since midnight. */
export function wallClock(ms: number, timeZone: string): { day: string; weekday: number; minutes: number } {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = clockIn(timeZone).formatToParts(ms);
  } catch {
    parts = clockIn('UTC').formatToParts(ms);
  }
  const p = Object.fromEntries(parts.map((part) => [part.type, part.value]));
  return {
    day: `${p.year}-${p.month}-${p.day}`,
    weekday: WEEKDAYS.indexOf(p.weekday ?? '') + 1,
    minutes: (Number(p.hour) % 24) * 60 + Number(p.minute),
  };
}

/** Today in `timeZone`, as `<input type="date">` writes it. */
export function dayIn(ms: number, timeZone: string): string {
  return wallClock(ms, timeZone).day;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Whether the grant's weekdays and hours cover `ms` (its dates aside): `start_time` up to, not
 * including, `end_time`; overnight when the end is before the start, the night belonging to the
 * weekday it starts on.
 */
export function inGrantHours(rule: Pick<GrantRule, 'weekdays' | 'startTime' | 'endTime'>, ms: number, timeZone: string): boolean {
  const timed = rule.startTime !== null && rule.endTime !== null;
  if (rule.weekdays === null && !timed) return true;
  const { weekday, minutes } = wallClock(ms, timeZone);
  const onDay = (day: number) => rule.weekdays === null || rule.weekdays.includes(String(day));
  if (!timed) return onDay(weekday);
  const from = minutesOf(rule.startTime ?? '');
  const to = minutesOf(rule.endTime ?? '');
  if (from === to || (from === 0 && to === 24 * 60)) return onDay(weekday);
  if (from < to) return onDay(weekday) && minutes >= from && minutes < to;
  const yesterday = weekday === 1 ? 7 : weekday - 1;
  return (onDay(weekday) && minutes >= from) || (onDay(yesterday) && minutes < to);
}

/** A grant's status in words: "Active · outside hours now" when it is active but its days and hours do not cover `ms`. */
export function grantStatusWords(status: GrantStatus, rule: Pick<GrantRule, 'weekdays' | 'startTime' | 'endTime'>, ms: number, timeZone: string): string {
  if (status === 'active' && !inGrantHours(rule, ms, timeZone)) return `${GRANT_STATUS_LABELS.active} · outside hours now`;
  return GRANT_STATUS_LABELS[status];
}
