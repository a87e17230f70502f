import { useState } from 'react';
import { Link } from 'react-router';
import type { LockCommand } from '@contract/constants';
import { type BulkResult, type BulkTarget, describeTally, tally, useBulkCommand } from '@/api/bulk-commands';
import { ApiError } from '@/api/client';
import { type LockGroup, useChangeGroupMembers, useCreateLockGroup } from '@/api/lockgroups';
import type { LockGroupRef } from '@/api/locks';
import { Button } from '@/components/button';
import { LockIcon, UnlockIcon, WarningIcon } from '@/components/icons';
import { connectionProblem, useConnection } from '@/lib/connection';
import { formatCount, plural } from '@/lib/format';
import { showToast } from '@/lib/toasts';
import { BulkUnlockDialog } from './bulk-unlock-dialog';
import { GroupDialog } from './group-dialog';
import {
  type Selection,
  groupsOfSelection,
  outcomeLabel,
  problemsOf,
  retryTargets,
  runningLabel,
  targetsOf,
  withGroupChange,
} from './selection';

const muted = 'text-slate-600 dark:text-slate-300';

function messageOf(error: unknown, fallback: string): string {
  return error instanceof ApiError ? error.message : fallback;
}

interface Outcome {
  action: LockCommand;
  results: BulkResult[];
  /** A timed unlock's relock delay: a retry sends it again. */
  durationS?: number;
}

/** Results of a retry replace those of the same locks in the run they retry. */
function merge(previous: readonly BulkResult[], retried: readonly BulkResult[]): BulkResult[] {
  const byId = new Map(retried.map((r) => [r.lockid, r]));
  return previous.map((r) => byId.get(r.lockid) ?? r);
}

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
  const bulk = useBulkCommand();
  const createGroup = useCreateLockGroup();
  const changeMembers = useChangeGroupMembers();
  const [running, setRunning] = useState<{ action: LockCommand; count: number; done: number } | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [confirmUnlock, setConfirmUnlock] = useState(false);
  const [groupMode, setGroupMode] = useState<'add' | 'remove' | null>(null);
  const [groupError, setGroupError] = useState<string | null>(null);
  const count = selection.size;

  const run = async (action: LockCommand, targets: readonly BulkTarget[], retrying: Outcome | null, durationS?: number) => {
    setError(null);
    setRunning({ action, count: targets.length, done: 0 });
    setAnnouncement(runningLabel(action, targets.length));
    try {
      const results = await bulk.mutateAsync({
        action,
        targets,
        durationS,
        onProgress: (p) => setRunning({ action, count: targets.length, done: p.results.length }),
      });
      const all = retrying ? merge(retrying.results, results) : results;
      setOutcome({ action, results: all, durationS });
      setAnnouncement(describeTally(action, tally(all)));
    } catch (caught) {
      const message = messageOf(caught, 'The command could not be sent.');
      setError(message);
      setAnnouncement(message);
    } finally {
      setRunning(null);
    }
  };

  const { groups: selectedGroups, complete } = groupsOfSelection(selection);
  const everyGroup: LockGroupRef[] = (groups ?? []).map((g) => ({ groupid: g.groupid, name: g.name }));
  const dialogGroups = groupMode === 'add' || !complete ? everyGroup : selectedGroups;

  const submitGroup = async (choice: { groupid: number } | { newName: string }) => {
    const lockids = [...selection.keys()];
    setGroupError(null);
    try {
      let target: { groupid: number; name: string };
      if ('newName' in choice) {
        const created = await createGroup.mutateAsync({ name: choice.newName });
        target = { groupid: created.groupid, name: created.name };
      } else {
        target = { groupid: choice.groupid, name: everyGroup.find((g) => g.groupid === choice.groupid)?.name ?? `Group ${choice.groupid}` };
      }
      const adding = groupMode === 'add';
      await changeMembers.mutateAsync({ groupid: target.groupid, ...(adding ? { add: lockids } : { remove: lockids }) });
      setGroupMode(null);
      onUpdate((current) => withGroupChange(current, target, adding));
      const title = adding ? `Added ${plural(lockids.length, 'lock')} to ${target.name}` : `Removed ${plural(lockids.length, 'lock')} from ${target.name}`;
      showToast({ title, tone: 'success' });
      setAnnouncement(title);
    } catch (caught) {
      setGroupError(messageOf(caught, 'The group could not be changed.'));
    }
  };

  const problems = outcome ? problemsOf(outcome.results) : [];
  const retry = outcome ? retryTargets(outcome.results) : [];
  const visible = count > 0 || outcome !== null || running !== null || error !== null;
  const busy = running !== null;
  // No command reaches a door while the connection is lost: the buttons say why (lib/connection.ts).
  const connection = connectionProblem(useConnection());
  const noCommand = busy || connection !== null;

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
            <div className="flex flex-col gap-2 text-sm" data-bulk-results="">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <h2 className="font-semibold">
                  {outcome.action === 'lock' ? 'Lock' : 'Unlock'}: {describeTally(outcome.action, tally(outcome.results))}
                </h2>
                <div className="flex flex-wrap gap-2">
                  {retry.length > 0 && (
                    <Button size="sm" variant="primary" onClick={() => void run(outcome.action, retry, outcome, outcome.durationS)}>
                      Retry the failed
                    </Button>
                  )}
                  <Button size="sm" variant="ghost" onClick={() => setOutcome(null)}>
                    Dismiss
                  </Button>
                </div>
              </div>
              {problems.length > 0 && (
                <details open>
                  <summary className="cursor-pointer py-1 font-medium">
                    {problems.length === 1 ? '1 lock was' : `${formatCount(problems.length)} locks were`} not {outcome.action === 'lock' ? 'locked' : 'unlocked'}
                  </summary>
                  <ul aria-label="Locks not reached or failed" className="max-h-[min(24rem,55dvh)] overflow-y-auto">
                    {problems.map((r) => (
                      <li key={r.lockid} className="border-t border-slate-200 py-1 dark:border-slate-800">
                        <Link
                          to={`/locks/${encodeURIComponent(r.lockid)}`}
                          className="font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300"
                        >
                          {r.name ?? r.lockid}
                        </Link>
                        {' — '}
                        {outcomeLabel(r.outcome)}
                        {r.msg && <span className={muted}>: {r.msg}</span>}
                      </li>
                    ))}
                  </ul>
                </details>
              )}
            </div>
          )}
          {error && (
            <p role="alert" className="flex items-start gap-2 text-sm font-medium text-red-700 dark:text-red-300">
              <WarningIcon className="mt-0.5 shrink-0" />
              {error}
            </p>
          )}
          {(count > 0 || busy) && (
            <div className="flex flex-wrap items-center gap-2">
              <p className="mr-2 text-sm font-semibold tabular-nums">{busy ? `${runningLabel(running.action, running.count)}` : `${formatCount(count)} selected`}</p>
              {busy && running.count > 1000 && (
                <span className={`text-sm tabular-nums ${muted}`}>
                  {formatCount(running.done)} of {formatCount(running.count)} done
                </span>
              )}
              <Button size="sm" variant="primary" aria-disabled={noCommand || undefined} aria-describedby={connection ? 'bulk-unreachable' : undefined} onClick={() => !noCommand && void run('lock', targetsOf(selection), null)}>
                <LockIcon />
                Lock
              </Button>
              <Button
                size="sm"
                aria-disabled={noCommand || undefined}
                aria-describedby={connection ? 'bulk-unreachable' : undefined}
                onClick={() => {
                  if (noCommand) return;
                  if (count > 1 || timedUnlock) setConfirmUnlock(true);
                  else void run('unlock', targetsOf(selection), null);
                }}
              >
                <UnlockIcon />
                Unlock
              </Button>
              {groupsEnabled && (
                <>
                  <Button size="sm" aria-disabled={busy || undefined} onClick={() => !busy && (setGroupError(null), setGroupMode('add'))}>
                    Add to group
                  </Button>
                  <Button size="sm" aria-disabled={busy || undefined} onClick={() => !busy && (setGroupError(null), setGroupMode('remove'))}>
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
          mode={groupMode}
          count={count}
          groups={dialogGroups}
          initial={filterGroup?.groupid ?? null}
          busy={createGroup.isPending || changeMembers.isPending}
          error={groupError}
          onSubmit={(choice) => void submitGroup(choice)}
          onCancel={() => setGroupMode(null)}
        />
      )}
    </>
  );
}
