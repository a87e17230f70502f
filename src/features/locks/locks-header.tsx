import { Link } from 'react-router';
import { Button } from '@/components/button';
import { WarningIcon } from '@/components/icons';
import { LiveStatus } from '@/components/live-status';
import type { GroupFilterRef } from './use-locks-page-state';

/**
 * The heading; for managers with commands, the way to lock every lock (of the filtered group);
 * for a read-only account, why it cannot; and whether the list is live.
 */
export function LocksHeader({
  commands,
  readOnlyNote,
  filterGroup,
  live,
}: {
  commands: boolean;
  readOnlyNote: boolean;
  filterGroup: GroupFilterRef | null;
  live: { updatedAt: number; paused: boolean; refreshing: boolean; onRefresh: () => void };
}) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Locks</h1>
        {commands && (
          <Link
            to={filterGroup ? `/lockdown?group=${filterGroup.groupid}` : '/lockdown'}
            className="text-sm font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300"
          >
            {filterGroup ? `Lock all in ${filterGroup.name ?? `group ${filterGroup.groupid}`}…` : 'Lock all…'}
          </Link>
        )}
        {readOnlyNote && (
          <p className="text-sm text-slate-600 dark:text-slate-300">Read-only account: managers select locks, send commands and change groups.</p>
        )}
      </div>
      <LiveStatus updatedAt={live.updatedAt} paused={live.paused} refreshing={live.refreshing} onRefresh={live.onRefresh} />
    </div>
  );
}

/** The list's group filter names a group the platform does not have (deleted, or a mistyped link). */
export function UnknownGroupAlert({ groupid, onShowAll }: { groupid: number | null; onShowAll: () => void }) {
  return (
    <p role="alert" className="flex flex-wrap items-center gap-2 text-sm font-medium text-red-700 dark:text-red-300">
      <WarningIcon className="shrink-0" />
      There is no group {groupid} on this platform: it may have been deleted.
      <Button size="sm" onClick={onShowAll}>
        Show every group’s locks
      </Button>
    </p>
  );
}
