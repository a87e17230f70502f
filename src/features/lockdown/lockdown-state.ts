import type { Lockdown, LockdownScope } from '@/api/lockdowns';
import type { LockGroup } from '@/api/lockgroups';
import { formatExact } from '@/lib/format';
import { platformDateToMs } from '@contract/platform-date';

/** What a lockdown holds, in words: "Whole fleet", or its groups by name (by id until the names are known). */
export function describeScope(scope: LockdownScope, groups: readonly Pick<LockGroup, 'groupid' | 'name'>[] | undefined): string {
  if ('all' in scope) return 'Whole fleet';
  return scope.groupids.map((id) => groups?.find((g) => g.groupid === id)?.name ?? `Group ${id}`).join(', ');
}

/** "Started by Dana Manager, 7 Dec 2026, 16:05:00": who and when, each only as far as the platform said. */
export function describeStart(lockdown: Pick<Lockdown, 'startedBy' | 'startedDate'>, timeZone: string): string {
  const ms = platformDateToMs(lockdown.startedDate, timeZone);
  const who = lockdown.startedBy ? ` by ${lockdown.startedBy}` : '';
  const when = ms === null ? '' : `, ${formatExact(ms)}`;
  return who || when ? `Started${who}${when}` : '';
}

/** The text a manager types to lift a lockdown. */
export const LIFT_CONFIRM_TEXT = 'LIFT';
