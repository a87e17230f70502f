import type { LockSchedule } from '../../../contract/schedules';
import type { LockGroupsRepository } from '../lockgroups/lockgroups-repository';
import type { Scheduler } from './scheduler';

/**
 * The lock routes' groups repository, whose `withGroups` (which every lock row the lock routes
 * answer passes through) also adds the row's `schedule`: one batch per page, not a query per row.
 */
export function withLockSchedules(groups: LockGroupsRepository, scheduler: Pick<Scheduler, 'describe'>): LockGroupsRepository {
  return {
    ...groups,
    withGroups<T extends { lockid: string }>(locks: readonly T[]) {
      const schedules = scheduler.describe(locks.map((lock) => lock.lockid));
      return groups.withGroups(locks).map((lock) => ({ ...lock, schedule: schedules.get(lock.lockid) ?? (null as LockSchedule | null) }));
    },
  };
}
