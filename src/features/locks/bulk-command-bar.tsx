import { Button } from '@/components/button';
import { LockIcon, UnlockIcon } from '@/components/icons';
import { formatCount } from '@/lib/format';
import { runningLabel } from './selection';
import type { BulkRunning } from './use-bulk-run';

const muted = 'text-slate-600 dark:text-slate-300';

/**
 * "N selected" (or "Locking 12…" and its progress) · Lock · Unlock · Add to group · Remove from group
 * · Clear. No command reaches a door while the connection is lost: the buttons say why.
 */
export function BulkCommandBar({
  count,
  running,
  connection,
  groupsEnabled,
  onLock,
  onUnlock,
  onGroup,
  onClear,
}: {
  count: number;
  running: BulkRunning | null;
  /** Why no command can be sent now (lib/connection.ts), or null. */
  connection: string | null;
  groupsEnabled: boolean;
  onLock: () => void;
  onUnlock: () => void;
  onGroup: (mode: 'add' | 'remove') => void;
  onClear: () => void;
}) {
  const busy = running !== null;
  const noCommand = busy || connection !== null;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <p className="mr-2 text-sm font-semibold tabular-nums">{busy ? `${runningLabel(running.action, running.count)}` : `${formatCount(count)} selected`}</p>
      {busy && running.count > 1000 && (
        <span className={`text-sm tabular-nums ${muted}`}>
          {formatCount(running.done)} of {formatCount(running.count)} done
        </span>
      )}
      <Button size="sm" variant="primary" aria-disabled={noCommand || undefined} aria-describedby={connection ? 'bulk-unreachable' : undefined} onClick={() => !noCommand && onLock()}>
        <LockIcon />
        Lock
      </Button>
      <Button size="sm" aria-disabled={noCommand || undefined} aria-describedby={connection ? 'bulk-unreachable' : undefined} onClick={() => !noCommand && onUnlock()}>
        <UnlockIcon />
        Unlock
      </Button>
      {groupsEnabled && (
        <>
          <Button size="sm" aria-disabled={busy || undefined} onClick={() => !busy && onGroup('add')}>
            Add to group
          </Button>
          <Button size="sm" aria-disabled={busy || undefined} onClick={() => !busy && onGroup('remove')}>
            Remove from group
          </Button>
        </>
      )}
      <Button size="sm" variant="ghost" aria-disabled={busy || undefined} onClick={() => !busy && onClear()}>
        Clear
      </Button>
      {connection && (
        <p id="bulk-unreachable" className={`text-sm font-medium ${muted}`}>
          {connection}
        </p>
      )}
    </div>
  );
}
