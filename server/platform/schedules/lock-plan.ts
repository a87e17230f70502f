import { fromPlatformDate, toPlatformDate } from '../../../contract/envelope';
import type { LockSchedule } from '../../../contract/schedules';
import { scheduleStatus } from './schedule-time';
import type { ScheduleStatus } from './schedule-time';
import type { DrivenLock, SchedulesRepository, StoredSchedule } from './schedules-repository';

export type DueState = 'unlocked' | 'locked' | 'waiting';

/** What a driven lock's schedules want of it now, and which schedule says so. */
export interface LockPlan {
  due: DueState;
  driver: StoredSchedule;
  driverStatus: ScheduleStatus;
  /** The soonest next change of any of its schedules (UTC ms), where a manual command's override ends. */
  nextBoundary: number | null;
}

/** The schedules of some driven locks at one instant, each schedule's status computed once. */
export function planner(schedules: SchedulesRepository, driven: readonly DrivenLock[], at: number) {
  const ids = [...new Set(driven.flatMap((lock) => lock.scheduleids))];
  const byId = new Map(schedules.load(ids).map((s) => [s.scheduleid, s]));
  const statuses = new Map<number, ScheduleStatus>();
  const statusOf = (schedule: StoredSchedule) => {
    let status = statuses.get(schedule.scheduleid);
    if (!status) {
      status = scheduleStatus(schedule, at);
      statuses.set(schedule.scheduleid, status);
    }
    return status;
  };

  /**
   * Inside any window of any of its schedules (not on that schedule's holidays): unlocked, or
   * waiting when every schedule open now wants a first person in; otherwise locked.
   */
  return (lock: DrivenLock): LockPlan | null => {
    const mine = lock.scheduleids.flatMap((id) => {
      const schedule = byId.get(id);
      return schedule ? [{ schedule, status: statusOf(schedule) }] : [];
    });
    const first = mine[0];
    if (!first) return null;
    const boundaries = mine.flatMap((m) => (m.status.next ? [m.status.next.at] : []));
    const nextBoundary = boundaries.length > 0 ? Math.min(...boundaries) : null;
    const open = mine.filter((m) => m.status.open);
    const plain = open.find((m) => m.schedule.first_person_in === 0);
    const chosen = plain ?? open[0];
    if (chosen) return { due: plain ? 'unlocked' : 'waiting', driver: chosen.schedule, driverStatus: chosen.status, nextBoundary };
    const soonest = mine.reduce((best, m) => ((m.status.next?.at ?? Infinity) < (best.status.next?.at ?? Infinity) ? m : best), first);
    return { due: 'locked', driver: soonest.schedule, driverStatus: soonest.status, nextBoundary };
  };
}

/** A manual command's override still holds at `at`. */
export const overrideHolds = (lock: DrivenLock, at: number) =>
  lock.schedule_override_until !== null && fromPlatformDate(lock.schedule_override_until).getTime() > at;

/**
 * The lock rows' `schedule` field for a page of locks (two queries per page, not per row): the
 * schedule driving each door now and until when; null for a lock no schedule drives.
 */
export function lockSchedules(schedules: SchedulesRepository, lockids: readonly string[], at: number): Map<string, LockSchedule> {
  const driven = schedules.driven(lockids);
  const result = new Map<string, LockSchedule>();
  if (driven.length === 0) return result;
  const plan = planner(schedules, driven, at);
  for (const lock of driven) {
    const p = plan(lock);
    if (!p) continue;
    const base = { scheduleid: p.driver.scheduleid, name: p.driver.name };
    if (overrideHolds(lock, at)) {
      result.set(lock.lockid, { ...base, state: 'overridden', until: lock.schedule_override_until });
      continue;
    }
    const state = p.due === 'waiting' && lock.schedule_state === 'unlocked' ? 'unlocked' : p.due;
    const next = p.driverStatus.next;
    result.set(lock.lockid, { ...base, state, until: next ? toPlatformDate(new Date(next.at)) : null });
  }
  return result;
}
