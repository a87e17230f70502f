import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { appConfigQuery } from '@/api/app-config';
import { useRefreshAfterBulk } from '@/api/bulk-commands';
import { sessionQueries } from '@/api/session';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { StartButton, card, linkClass, muted } from './lockdown-frame';
import { type LockdownRun, isRunning, startLockdown, useLockdownRun } from './lockdown-run';
import { type Scope, type ScopeCounts, confirmTextFor, describeBatches, describeCounts, scopeListHref, withGroupCount } from './lockdown-scope';
import { RunPanel } from './run-panel';
import type { LockdownProps } from './scoped-lockdown';

/** Links to the scope's unlocked and offline locks (the fleet or one group; the list cannot show several). */
function StateLinks({ scope, counts }: { scope: Scope; counts: ScopeCounts }) {
  const unlocked = counts.unlocked > 0 ? scopeListHref(scope, 'unlocked') : null;
  const offline = counts.offline > 0 ? scopeListHref(scope, 'offline') : null;
  return (
    <>
      {unlocked && (
        <Link to={unlocked} className={linkClass}>
          See the unlocked ones
        </Link>
      )}
      {unlocked && offline && ' · '}
      {offline && (
        <Link to={offline} className={linkClass}>
          See the offline ones
        </Link>
      )}
    </>
  );
}

/** Why there is no Lock all button, or the button. */
function Action({ scope, counts, mine, onStart }: { scope: Scope; counts: ScopeCounts | null; mine: LockdownRun | null; onStart: () => void }) {
  const features = useQuery(appConfigQuery).data?.features;
  const user = useQuery(sessionQueries.me()).data?.user;
  const running = isRunning(mine);
  const other = mine && running && mine.scope.key !== scope.key ? mine : null;
  if (user?.role !== 'manager') return <p className={muted}>Only a manager can lock down. Your account is read-only, so no command can be sent from it.</p>;
  if (!features?.lockCommands) return <p className={muted}>This Plus Platform does not take remote commands, so a lockdown cannot be sent from Lockboard.</p>;
  if (counts?.total === 0) return <p className={muted}>There are no locks in {scope.name}: there is nothing to lock.</p>;
  if (other) return <p className={muted}>A lockdown of {other.scope.name} is running (its progress is below): one lockdown at a time.</p>;
  return (
    <StartButton busy={running} onClick={onStart}>
      {running ? 'Locking…' : 'Lock all'}
    </StartButton>
  );
}

/** A lockdown as batched lock commands (a platform without lockdowns): progress, then the doors not reached. */
export function CommandLockdown({ scope, counts, countsNote }: LockdownProps) {
  const features = useQuery(appConfigQuery).data?.features;
  const user = useQuery(sessionQueries.me()).data?.user;
  const refresh = useRefreshAfterBulk();
  const run = useLockdownRun();
  const [confirming, setConfirming] = useState(false);
  const mine = run && user && run.userid === user.userid ? run : null;
  const canCommand = user?.role === 'manager' && !!features?.lockCommands;
  const summary = counts ? withGroupCount(scope, describeCounts(counts)) : null;

  return (
    <>
      <section aria-labelledby="lockdown-scope" className={`${card} flex flex-col items-start gap-4`}>
        <div className="flex min-w-0 flex-col gap-2">
          <h2 id="lockdown-scope" className="text-xl font-semibold break-words">
            Lock every door in {scope.name}
          </h2>
          {summary && <p className="text-lg">{summary}.</p>}
          {countsNote && <p className={`${muted} text-sm`}>{countsNote}</p>}
          {counts && counts.total > 0 && (
            <p className={`${muted} text-sm`}>
              Sent {describeBatches(counts.total)}; offline locks are listed afterwards as not reached. <StateLinks scope={scope} counts={counts} />
            </p>
          )}
        </div>
        <Action scope={scope} counts={counts} mine={mine} onStart={() => setConfirming(true)} />
      </section>

      {mine && <RunPanel run={mine} canRetry={canCommand} offlineHref={scopeListHref(mine.scope, 'offline')} />}

      {canCommand && (
        <ConfirmDialog
          open={confirming}
          title={`Lock every door in ${scope.name}?`}
          confirmLabel="Lock all"
          typeToConfirm={confirmTextFor(scope)}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            if (!user) return;
            startLockdown(user.userid, scope, refresh);
            // To the progress (on a phone it is below the fold), once the dialog has given the focus back.
            requestAnimationFrame(() => document.getElementById('lockdown-run')?.focus());
          }}
        >
          <p>
            A lock command goes to every lock in {scope.name}
            {summary ? `: ${summary}` : ''}. Unlocked doors will lock; offline ones are listed afterwards as not reached.
          </p>
          <p className="mt-2">You can stop after any batch, but commands already sent are not undone.</p>
        </ConfirmDialog>
      )}
    </>
  );
}
