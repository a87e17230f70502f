/**
 * The access rule, pure: whether a grant is active at an instant, whether its schedule covers the
 * instant, and whether a person's door use is allowed (or why not). Used by the door (simulator,
 * test hook), by every answer that carries a grant's `status`, and by the seeded history.
 *
 * Times of a grant are the wall clock of the platform's zone (PLUS_TIMEZONE): `start_date` and
 * `end_date` inclusive to the second; `weekdays` ISO digits; `start_time` up to (not including)
 * `end_time`, overnight when the end is before the start (the night belongs to the weekday it
 * starts on). See contract/access.ts.
 */
import type { DenialReason, GrantMethod, GrantStatus } from '../../../contract/constants';
import { platformDateToMs } from '../../../contract/platform-date';
import { wallClockAt } from '../../../contract/wall-clock';

export interface GrantRule {
  grantid: number;
  method: GrantMethod;
  start_date: string | null;
  end_date: string | null;
  weekdays: string | null;
  start_time: string | null;
  end_time: string | null;
  /** Set once revoked (the instant does not matter to the rule: revoked is revoked). */
  revoked_date: string | null;
}

export type Decision = { allowed: true; grantid: number } | { allowed: false; reason: DenialReason };

const SECOND = 1000;

const dateCache = new Map<string, number | null>();
/** A grant's wall-clock date as an instant (cached: grants have few distinct dates). */
function instantOf(value: string, timeZone: string): number {
  const key = `${timeZone}\u0000${value}`;
  let ms = dateCache.get(key);
  if (ms === undefined) {
    ms = platformDateToMs(value, timeZone);
    if (dateCache.size > 10_000) dateCache.clear();
    dateCache.set(key, ms);
  }
  return ms ?? Number.NaN;
}

const clockSeconds = (hhmm: string) => Number(hhmm.slice(0, 2)) * 3600 + Number(hhmm.slice(3, 5)) * 60;

/** The grant's status at an instant: revoked; scheduled before start_date; expired after end_date; else active. */
export function grantStatus(grant: GrantRule, instant: number, timeZone: string): GrantStatus {
  if (grant.revoked_date !== null) return 'revoked';
  const second = Math.floor(instant / SECOND) * SECOND;
  if (grant.start_date !== null && second < instantOf(grant.start_date, timeZone)) return 'scheduled';
  if (grant.end_date !== null && second > instantOf(grant.end_date, timeZone)) return 'expired';
  return 'active';
}

/** Whether the grant's weekdays and hours cover the instant (dates aside). */
export function inSchedule(grant: Pick<GrantRule, 'weekdays' | 'start_time' | 'end_time'>, instant: number, timeZone: string): boolean {
  if (grant.weekdays === null && (grant.start_time === null || grant.end_time === null)) return true;
  const { isoWeekday: weekday, secondOfDay: second } = wallClockAt(instant, timeZone);
  const onDay = (day: number) => grant.weekdays === null || grant.weekdays.includes(String(day));
  if (grant.start_time === null || grant.end_time === null) return onDay(weekday);
  const from = clockSeconds(grant.start_time);
  const to = clockSeconds(grant.end_time);
  if (from < to) return onDay(weekday) && second >= from && second < to;
  // Overnight: the evening of a listed day, or the early hours after one.
  const yesterday = weekday === 1 ? 7 : weekday - 1;
  return (onDay(weekday) && second >= from) || (onDay(yesterday) && second < to);
}

/**
 * Decides a door use by a person with `method` at `instant`, given every grant of that person that
 * reaches the lock (directly or through its groups), whatever their status. Allowed when one grant
 * with that method is active and its schedule covers the instant. Otherwise the most telling
 * reason: no grant at all; then, among the grants with that method still in force (not revoked),
 * `outside_hours` (one is in its dates), `not_yet` (one starts later), `expired`; with none in
 * force for that method, `wrong_method` when another method still works there (now or later),
 * `expired` when only expired grants are left, else (all revoked) `revoked`.
 */
export function decide(grants: readonly GrantRule[], method: GrantMethod, instant: number, timeZone: string): Decision {
  if (grants.length === 0) return { allowed: false, reason: 'no_grant' };
  let outsideHours = false;
  let notYet = false;
  let expired = false;
  let otherMethodInForce = false;
  let otherMethodExpired = false;
  for (const grant of grants) {
    const status = grantStatus(grant, instant, timeZone);
    if (status === 'revoked') continue;
    if (grant.method !== method) {
      if (status === 'expired') otherMethodExpired = true;
      else otherMethodInForce = true;
      continue;
    }
    if (status === 'active') {
      if (inSchedule(grant, instant, timeZone)) return { allowed: true, grantid: grant.grantid };
      outsideHours = true;
    } else if (status === 'scheduled') {
      notYet = true;
    } else {
      expired = true;
    }
  }
  if (outsideHours) return { allowed: false, reason: 'outside_hours' };
  if (notYet) return { allowed: false, reason: 'not_yet' };
  if (expired) return { allowed: false, reason: 'expired' };
  if (otherMethodInForce) return { allowed: false, reason: 'wrong_method' };
  if (otherMethodExpired) return { allowed: false, reason: 'expired' };
  return { allowed: false, reason: 'revoked' };
}

/** What the door needs of the person: a suspension (`suspended_until` wall clock; null = until reactivated). */
export interface PersonStanding {
  status: string;
  suspended_until: string | null;
}

/** Suspended at the instant: a suspension whose `suspended_until` has not come (the resume task then ends it). */
export function suspendedAt(person: PersonStanding, instant: number, timeZone: string): boolean {
  if (person.status !== 'suspended') return false;
  if (person.suspended_until === null) return true;
  return Math.floor(instant / SECOND) * SECOND < instantOf(person.suspended_until, timeZone);
}

/**
 * The door's whole decision: a lockdown refuses every use; then a suspended person is refused
 * (`suspended`, their grants kept); then the grants decide (`decide`).
 */
export function decideUse(input: {
  lockdown: boolean;
  person: PersonStanding;
  grants: readonly GrantRule[];
  method: GrantMethod;
  instant: number;
  timeZone: string;
}): Decision {
  if (input.lockdown) return { allowed: false, reason: 'lockdown' };
  if (suspendedAt(input.person, input.instant, input.timeZone)) return { allowed: false, reason: 'suspended' };
  return decide(input.grants, input.method, input.instant, input.timeZone);
}
