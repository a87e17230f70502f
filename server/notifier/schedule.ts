import { wallClockAt } from '../../contract/wall-clock';
import type { AlertRule, RuleSchedule, RuleScope } from '../../contract/team-alerts';

/** An instant's ISO weekday (1 = Monday) and minute of the day on the wall clock of `timeZone`. */
export function wallClock(ms: number, timeZone: string): { isoDay: number; minute: number } {
  const { isoWeekday, secondOfDay } = wallClockAt(ms, timeZone);
  return { isoDay: isoWeekday, minute: Math.floor(secondOfDay / 60) };
}

function minuteOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/**
 * True when `ms` falls inside the schedule (always, without one). A window whose `to` is not after
 * its `from` passes midnight: its early hours belong to the day it began (Friday 20:00–06:00 covers
 * Saturday 03:00); `from` equal to `to` is the whole day.
 */
export function inSchedule(schedule: RuleSchedule | null, ms: number): boolean {
  if (!schedule) return true;
  const { isoDay, minute } = wallClock(ms, schedule.timezone);
  const from = minuteOf(schedule.from);
  const to = minuteOf(schedule.to);
  const onDay = (day: number) => schedule.days.includes(String(day));
  if (from === to) return onDay(isoDay);
  if (from < to) return onDay(isoDay) && minute >= from && minute < to;
  if (minute >= from) return onDay(isoDay);
  return minute < to && onDay(isoDay === 1 ? 7 : isoDay - 1);
}

/** True when the rule's scope holds the lock (`groupids` of the lock from the lock list). */
export function inScope(scope: RuleScope, lockid: string, groupids: readonly number[]): boolean {
  if ('all' in scope) return scope.all;
  if ('lockids' in scope) return scope.lockids.includes(lockid);
  return scope.groupids.some((g) => groupids.includes(g));
}

/** The rule fires for a condition at this lock that began at `began`. */
export function ruleCovers(rule: AlertRule, lockid: string, groupids: readonly number[], began: number): boolean {
  return inScope(rule.scope, lockid, groupids) && inSchedule(rule.schedule, began);
}
