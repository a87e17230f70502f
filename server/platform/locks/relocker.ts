import type Database from 'better-sqlite3';
import { toPlatformDate } from '../../../contract/envelope';
import type { EventsRepository } from '../events/events-repository';
import { repeatingTask } from '../repeating-task';
import type { LocksRepository } from './locks-repository';

/** How often the platform looks for timed unlocks that are due. */
export const RELOCK_CHECK_MS = 1000;
const BATCH = 200;

export interface Relocker {
  start(): void;
  stop(): void;
  /** Relocks every online lock whose `relock_at` has come (what the timer does); returns how many. */
  run(): number;
  readonly running: boolean;
}

/**
 * Ends timed unlocks: a lock whose `relock_at` has come is locked by the platform itself (a
 * `locked` event, method `system`, no person) and its `relock_at` cleared. An offline lock cannot
 * be told: it keeps its (overdue) `relock_at` and is relocked once it is back online. Runs on its
 * own timer, with or without the simulator, on the platform's clock.
 */
export function createRelocker(deps: {
  db: Database.Database;
  locks: LocksRepository;
  events: EventsRepository;
  now: () => Date;
  /**
   * Locks the locks a lockdown holds that are back online (lockdown/lockdowns-repository.ts): the
   * catch-all for any way a lock comes back besides the simulator's. Relocks themselves stay: a
   * relock only ever locks, which a lockdown always allows.
   */
  lockPendingLockdowns?: () => number;
}): Relocker {
  const { db, locks, events, now } = deps;
  const run = db.transaction((): number => {
    let done = deps.lockPendingLockdowns?.() ?? 0;
    for (;;) {
      const date = toPlatformDate(now());
      const due = locks.dueRelocks(date, BATCH);
      for (const lock of due) {
        if (!locks.relock(lock.lockid, lock.relock_at as string) || lock.lock_open_status !== 1) continue;
        events.insert({
          lockid: lock.lockid,
          lockname: lock.lockname,
          event_type: 'locked',
          userid: null,
          username: null,
          method: 'system',
          event_date: date,
          battery_level: null,
        });
        done += 1;
      }
      if (due.length < BATCH) return done;
    }
  });

  const task = repeatingTask(() => run(), RELOCK_CHECK_MS, 'relock check');
  return {
    start: () => task.start(),
    stop: () => task.stop(),
    run: () => run(),
    get running() {
      return task.running;
    },
  };
}
