import { useState } from 'react';
import type { LockGroup } from '@/api/lockgroups';
import { WarningIcon } from '@/components/icons';
import { connectionProblem, useConnection } from '@/lib/connection';
import { BulkCommandBar } from './bulk-command-bar';
import { BulkResults } from './bulk-results';
import { BulkUnlockDialog } from './bulk-unlock-dialog';
import { GroupDialog } from './group-dialog';
import { type Selection, targetsOf } from './selection';
import { useBulkRun } from './use-bulk-run';
import { useGroupChange } from './use-group-change';

/**
 * The bulk bar under the lock list (sticky at the bottom of the window while the list is on
 * screen): "N selected" · Lock · Unlock · Add to group · Remove from group · Clear; while a command
 * runs, "Locking 12…"; then its results (the tally, the locks it did not reach and why, "Retry the
 * failed"), announced in a polite live region. Unlocking more than one lock asks first. Errors
 * keep the selection.
 */
export function BulkActions({
  selection,
  onClear,
  onUpdate,
  filterGroup,
  groups,
  groupsEnabled,
  timedUnlock,
}: {
  selection: Selection;
  onClear: () => void;
  /** Changes the selection (what it knows of the locks' groups, after a group change). */
  onUpdate: (change: (selection: Selection) => Selection) => void;
  /** The list's group filter, by name when known: the unlock question names it. */
  filterGroup: { groupid: number; name: string | null } | null;
  /** Every group (for "Add to group"), undefined while loading. */
  groups: readonly LockGroup[] | undefined;
  groupsEnabled: boolean;
  /** The platform relocks by itself: an unlock offers "Lock again after…". */
  timedUnlock: boolean;
}) {
  const { running, outcome, error, announcement, run, dismiss, announce } = useBulkRun();
  const group = useGroupChange({ selection, groups, onUpdate, announce });
  const [confirmUnlock, setConfirmUnlock] = useState(false);
  const count = selection.size;
  const visible = count > 0 || outcome !== null || running !== null || error !== null;
  const busy = running !== null;
  // No command reaches a door while the connection is lost: the buttons say why (lib/connection.ts).
  const connection = connectionProblem(useConnection());

  return (
    <>
      <p role="status" aria-live="polite" className="sr-only">
        {announcement}
      </p>
      {visible && (
        <section
          aria-label="Selected locks"
          className="sticky bottom-0 z-20 flex flex-col gap-3 rounded-lg bg-white p-3 shadow-lg ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-800"
        >
          {outcome && !busy && (
            <BulkResults outcome={outcome} onRetry={(retry) => void run(outcome.action, retry, outcome, outcome.durationS)} onDismiss={dismiss} />
          )}
          {error && (
            <p role="alert" className="flex items-start gap-2 text-sm font-medium text-red-700 dark:text-red-300">
              <WarningIcon className="mt-0.5 shrink-0" />
              {error}
            </p>
          )}
          {(count > 0 || busy) && (
            <BulkCommandBar
              count={count}
              running={running}
              connection={connection}
              groupsEnabled={groupsEnabled}
              onLock={() => void run('lock', targetsOf(selection), null)}
              onUnlock={() => {
                if (count > 1 || timedUnlock) setConfirmUnlock(true);
                else void run('unlock', targetsOf(selection), null);
              }}
              onGroup={group.open}
              onClear={onClear}
            />
          )}
        </section>
      )}
      {confirmUnlock && (
        <BulkUnlockDialog
          count={count}
          groupName={filterGroup ? (filterGroup.name ?? `group ${filterGroup.groupid}`) : null}
          timedUnlock={timedUnlock}
          onConfirm={(durationS) => {
            setConfirmUnlock(false);
            void run('unlock', targetsOf(selection), null, durationS);
          }}
          onCancel={() => setConfirmUnlock(false)}
        />
      )}
      {groupsEnabled && (
        <GroupDialog
          mode={group.mode}
          count={count}
          groups={group.dialogGroups}
          initial={filterGroup?.groupid ?? null}
          busy={group.busy}
          error={group.error}
          onSubmit={(choice) => void group.submit(choice)}
          onCancel={group.close}
        />
      )}
    </>
  );
}
