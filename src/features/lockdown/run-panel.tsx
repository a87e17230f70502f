import { useState } from 'react';
import { Link } from 'react-router';
import { describeTally, tally, useRefreshAfterBulk } from '@/api/bulk-commands';
import { Button } from '@/components/button';
import { OfflineIcon, WarningIcon } from '@/components/icons';
import { formatCount, plural } from '@/lib/format';
import { type LockdownRun, clearLockdown, isRunning, retryFailed, stopLockdown } from './lockdown-run';
import { type Unreached, describeBatchProgress, unreachedDoors } from './lockdown-scope';

const muted = 'text-slate-600 dark:text-slate-300';
const linkClass = 'font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300';
/** How many unreached doors show before "Show all". */
const FIRST_SHOWN = 100;

function heading(run: LockdownRun): string {
  const what = run.retry ? 'Retry' : 'Lockdown';
  if (run.phase === 'finding') return 'Finding the locks…';
  if (run.phase === 'sending') return run.retry ? `Retrying ${plural(run.passTotal, 'lock')}…` : 'Locking…';
  if (run.phase === 'done') return `${what} finished`;
  if (run.phase === 'stopped') return `${what} stopped`;
  return `${what} ended early`;
}

/** The text of the polite status line: progress while running, then the outcome. */
function statusText(run: LockdownRun): string {
  const summary = describeTally('lock', tally(run.results));
  switch (run.phase) {
    case 'finding':
      return `Finding locks… ${formatCount(run.found)}${run.foundTotal !== null ? ` of ${formatCount(run.foundTotal)}` : ''}`;
    case 'sending':
      return run.batch === 0
        ? `Sending batch 1 of ${formatCount(run.batches)} · 0 of ${plural(run.passTotal, 'lock')} sent`
        : describeBatchProgress(run.batch, run.batches, run.sent, run.passTotal);
    case 'done':
      return run.results.length === 0 ? 'There were no locks to lock.' : `${heading(run)}: ${summary}`;
    case 'stopped':
      return run.sent === 0
        ? 'Stopped before any lock command was sent.'
        : `Stopped after batch ${formatCount(run.batch)} of ${formatCount(run.batches)}: ${plural(run.sent, 'lock was', 'locks were')} sent the command, ${formatCount(run.passTotal - run.sent)} ${run.passTotal - run.sent === 1 ? 'was' : 'were'} not.`;
    case 'ended':
      return `${heading(run)}.`;
  }
}

/** The run under way, or how it went: progress batch by batch, then the doors not reached. */
export function RunPanel({ run, canRetry, offlineHref }: { run: LockdownRun; canRetry: boolean; offlineHref: string | null }) {
  const refresh = useRefreshAfterBulk();
  const running = isRunning(run);
  const unreached = unreachedDoors(run.results);
  const retryable = unreached.filter((door) => door.retryable).length;
  const offline = unreached.length - retryable;
  const sending = run.phase === 'sending';

  return (
    <section
      aria-labelledby="lockdown-run"
      className="flex min-w-0 flex-col gap-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-800"
    >
      <h2 id="lockdown-run" tabIndex={-1} className="text-xl font-semibold">
        {heading(run)}
      </h2>
      <p className={`${muted} break-words`}>{run.scope.groupids === null ? 'Every lock' : `Groups: ${run.scope.name}`}</p>

      {running && (
        <progress
          aria-label={sending ? 'Locks sent' : 'Locks found'}
          className="h-3 w-full accent-indigo-600"
          max={sending ? run.passTotal : (run.foundTotal ?? undefined)}
          value={sending ? run.sent : run.foundTotal !== null ? run.found : undefined}
        />
      )}
      <p role="status" className={running ? 'tabular-nums' : 'text-lg font-semibold'}>
        {run.phase === 'done' && run.results.length > 0 ? (
          <>
            {/* The heading says it on screen; a screen reader hears it with the outcome. */}
            <span className="sr-only">{heading(run)}: </span>
            {describeTally('lock', tally(run.results))}
          </>
        ) : (
          statusText(run)
        )}
      </p>
      {!running && run.results.length > 0 && run.phase !== 'done' && (
        <p className="text-lg font-semibold">{describeTally('lock', tally(run.results))}</p>
      )}
      {run.error && (
        <p role="alert" className="flex items-start gap-2 text-red-700 dark:text-red-300">
          <WarningIcon className="mt-1 shrink-0" />
          <span>{run.error}</span>
        </p>
      )}

      {running && (
        <div className="flex flex-col items-start gap-2">
          <Button onClick={stopLockdown} disabled={run.stopRequested}>
            {run.stopRequested ? 'Stopping…' : sending ? 'Stop after this batch' : 'Stop'}
          </Button>
          <p className={`${muted} text-sm`}>
            You can leave this page: the lockdown goes on and shows here when you come back. Closing or reloading the tab stops it.
          </p>
        </div>
      )}

      {unreached.length > 0 && <UnreachedList unreached={unreached} offline={offline} running={running} offlineHref={offlineHref} />}

      {!running && (
        <div className="flex flex-wrap gap-2">
          {canRetry && retryable > 0 && (
            <Button variant="primary" onClick={() => retryFailed(refresh)}>
              Retry the failed ({formatCount(retryable)})
            </Button>
          )}
          <Button onClick={clearLockdown}>Clear these results</Button>
        </div>
      )}
    </section>
  );
}

/** The doors not reached, by name with why (the first hundred, then "Show all"). */
function UnreachedList({ unreached, offline, running, offlineHref }: { unreached: Unreached[]; offline: number; running: boolean; offlineHref: string | null }) {
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? unreached : unreached.slice(0, FIRST_SHOWN);
  return (
    <section aria-labelledby="lockdown-unreached" className="flex min-w-0 flex-col gap-2">
      <h3 id="lockdown-unreached" className="text-lg font-semibold">
        Not reached ({formatCount(unreached.length)})
      </h3>
      <ul className="divide-y divide-slate-200 border-t border-b border-slate-200 dark:divide-slate-800 dark:border-slate-800">
        {shown.map((door) => (
          <li key={door.lockid} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-2">
            <Link to={`/locks/${encodeURIComponent(door.lockid)}`} className={`${linkClass} inline-flex min-h-8 min-w-0 items-center break-words`}>
              {door.name}
            </Link>
            <span className={`${muted} inline-flex min-w-0 items-center gap-1.5 text-sm break-words`}>
              {door.retryable ? <WarningIcon className="shrink-0" /> : <OfflineIcon className="shrink-0" />}
              {door.reason}
            </span>
          </li>
        ))}
      </ul>
      {shown.length < unreached.length && (
        <div>
          <Button onClick={() => setShowAll(true)}>Show all {formatCount(unreached.length)}</Button>
        </div>
      )}
      {offline > 0 && !running && (
        <p className={`${muted} text-sm`}>
          Offline locks cannot take a command until they are back online.{' '}
          {offlineHref && (
            <Link to={offlineHref} className={linkClass}>
              See the offline locks
            </Link>
          )}
        </p>
      )}
    </section>
  );
}
