import type Database from 'better-sqlite3';
import { fromPlatformDate, toPlatformDate } from '../../../contract/envelope';
import type { LockSchedule } from '../../../contract/schedules';
import type { EventsRepository } from '../events/events-repository';
import type { LocksRepository } from '../locks/locks-repository';
import { repeatingTask } from '../repeating-task';
import { lockSchedules, overrideHolds, planner } from './lock-plan';
import type { DueState, LockPlan } from './lock-plan';
import type { DrivenLock, SchedulesRepository } from './schedules-repository';

/** How often the scheduler looks for doors whose due state changed. */
export const SCHEDULE_CHECK_MS = 1000;
/**
 * Between boundaries the timer looks at every driven lock this often (a lock back online, a lock
 * added to a driven group); at a boundary or an override's end it looks at once.
 */
export const FULL_PASS_EVERY_MS = 10_000;
/** Every this many passes, what the scheduler kept on locks no schedule drives any more is forgotten. */
const CLEANUP_EVERY_PASSES = 10;

export interface Scheduler {
  start(): void;
  stop(): void;
  readonly running: boolean;
  /**
   * What the timer does: at a schedule's boundary, an override's end, or FULL_PASS_EVERY_MS after the
   * last look, applies the due state to every driven lock whose due state changed; returns how many changed.
   */
  tick(): number;
  /** The same look, now (a holiday changed). */
  refresh(): number;
  /**
   * Recomputes and applies the due state now to these locks (default: every driven lock), even when
   * the scheduler believes it already did (a lifted lockdown, a changed schedule). A held override still wins.
   */
  applyNow(lockids?: readonly string[]): number;
  /** A remote lock or unlock of a lock: on a driven lock it wins until the schedule's next boundary. */
  manualCommand(lockid: string): void;
  /** An allowed door use: during a first-person-in wait it unlocks the door for the rest of the window (true then). */
  personIn(lockid: string, at: Date): boolean;
  /** The lock rows' `schedule` field for these locks (absent: no schedule drives it). */
  describe(lockids: readonly string[]): Map<string, LockSchedule>;
}

/**
 * Drives doors by their schedules (DESIGN.md, "Schedules and lockdown"), on its own timer and the
 * platform's clock. It acts only when a door's due state differs from what it last made it
 * (`locks.schedule_state`), so a restart inside a window applies the state due now once. An offline
 * lock is left and tried again once online; a lock in lockdown is skipped; a manual command wins
 * until the next boundary (`schedule_override_until`).
 */
export function createScheduler(deps: {
  db: Database.Database;
  schedules: SchedulesRepository;
  locks: LocksRepository;
  events: EventsRepository;
  now: () => Date;
}): Scheduler {
  const { db, schedules, locks, events, now } = deps;

  function write(lock: DrivenLock, open: 0 | 1, actor: string, date: string): void {
    locks.setOpen(lock.lockid, open);
    events.insert({
      lockid: lock.lockid,
      lockname: lock.lockname,
      event_type: open === 1 ? 'scheduled_unlock' : 'scheduled_lock',
      userid: null,
      username: null,
      method: 'system',
      event_date: date,
      battery_level: null,
      actor,
    });
  }

  /** Brings one lock to its due state; true when anything changed. */
  function applyTo(lock: DrivenLock, plan: LockPlan, at: Date, force: boolean): boolean {
    if (lock.lockdown === 1 || overrideHolds(lock, at.getTime())) return false;
    // An override that ran out: the schedule resumes, whatever it last did.
    const resumed = lock.schedule_override_until !== null;
    const stored = resumed ? null : lock.schedule_state;
    // The first person in already came during this window.
    const target: DueState = plan.due === 'waiting' && stored === 'unlocked' ? 'unlocked' : plan.due;
    if (!force && stored === target) return false;
    if (lock.lock_online_status !== 1) {
      // Tried again once it is back (the tick sees a state it has not applied).
      if (force || resumed) schedules.setState(lock.lockid, null, null);
      return force || resumed;
    }
    const open = target === 'unlocked' ? 1 : 0;
    if (lock.lock_open_status !== open) write(lock, open, plan.driver.name, toPlatformDate(at));
    schedules.setState(lock.lockid, target, null);
    return true;
  }

  // When the timer must look again at the latest: the soonest boundary or override end it saw.
  let lastPassAt = -Infinity;
  let wakeAt = -Infinity;
  const wakeBy = (at: number) => {
    wakeAt = Math.min(wakeAt, at);
  };

  const run = db.transaction((lockids: readonly string[] | undefined, force: boolean): number => {
    const at = now();
    const driven = schedules.driven(lockids);
    if (lockids === undefined) {
      lastPassAt = at.getTime();
      wakeAt = Infinity;
    }
    const plan = planner(schedules, driven, at.getTime());
    let changed = 0;
    for (const lock of driven) {
      const p = plan(lock);
      if (!p) continue;
      if (applyTo(lock, p, at, force)) changed += 1;
      if (p.nextBoundary !== null) wakeBy(p.nextBoundary);
      if (overrideHolds(lock, at.getTime())) wakeBy(fromPlatformDate(lock.schedule_override_until as string).getTime());
    }
    return changed;
  });

  let passes = 0;
  function refresh(): number {
    passes += 1;
    if (passes % CLEANUP_EVERY_PASSES === 0) schedules.clearUndriven();
    return run(undefined, false);
  }
  function tick(): number {
    const at = now().getTime();
    const due = at >= wakeAt || at < lastPassAt || at - lastPassAt >= FULL_PASS_EVERY_MS;
    return due ? refresh() : 0;
  }
  const task = repeatingTask(tick, SCHEDULE_CHECK_MS, 'schedule check');

  return {
    start: () => task.start(),
    stop: () => task.stop(),
    get running() {
      return task.running;
    },
    tick,
    refresh,
    applyNow(lockids) {
      schedules.clearUndriven();
      return run(lockids, true);
    },
    manualCommand(lockid) {
      const [lock] = schedules.driven([lockid]);
      if (!lock) return;
      const p = planner(schedules, [lock], now().getTime())(lock);
      const until = p?.nextBoundary ?? null;
      schedules.setState(lock.lockid, lock.schedule_state, until === null ? null : toPlatformDate(new Date(until)));
      if (until !== null) wakeBy(until);
    },
    personIn(lockid, at) {
      const [lock] = schedules.driven([lockid]);
      if (!lock || lock.schedule_state !== 'waiting' || lock.lockdown === 1 || overrideHolds(lock, at.getTime())) return false;
      const p = planner(schedules, [lock], at.getTime())(lock);
      if (p?.due !== 'waiting') return false;
      write(lock, 1, p.driver.name, toPlatformDate(at));
      schedules.setState(lock.lockid, 'unlocked', null);
      return true;
    },
    describe: (lockids) => lockSchedules(schedules, lockids, now().getTime()),
  };
}
