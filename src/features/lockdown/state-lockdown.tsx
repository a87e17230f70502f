import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { appConfigQuery } from '@/api/app-config';
import { type Lockdown, useStartLockdown } from '@/api/lockdowns';
import { lockQueries } from '@/api/locks';
import { sessionQueries } from '@/api/session';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { formatCount, plural } from '@/lib/format';
import type { LockdownBody } from '@contract/schedules';
import { StartButton, card, muted } from './lockdown-frame';
import { type ScopeCounts, confirmTextFor, withGroupCount } from './lockdown-scope';
import type { LockdownProps } from './scoped-lockdown';

/** Offline locks named one by one in the result; beyond this, a count. */
const NAMED_PENDING = 50;

const counted = (c: ScopeCounts) =>
  [plural(c.total, 'lock'), `${formatCount(c.unlocked)} unlocked now`, ...(c.offline > 0 ? [`${formatCount(c.offline)} offline`] : [])].join(', ');

/**
 * A lockdown the platform keeps (`features.lockdowns`): one request locks every online door of the
 * scope and holds it locked (grants and schedules suspended) until a manager lifts it; offline doors
 * lock as soon as they are back. The banner above every page shows it and lifts it.
 */
export function StateLockdown({ scope, counts, countsNote }: LockdownProps) {
  const user = useQuery(sessionQueries.me()).data?.user;
  const start = useStartLockdown();
  const [confirming, setConfirming] = useState(false);
  const where = `in ${scope.name}`;
  const body: LockdownBody = scope.groupids === null ? { all: true } : { groupids: scope.groupids };
  const summary = counts ? withGroupCount(scope, counted(counts)) : null;

  let action: ReactNode;
  if (user?.role !== 'manager') {
    action = <p className={muted}>Only a manager can start a lockdown. Your account is read-only.</p>;
  } else if (counts?.total === 0) {
    action = <p className={muted}>There are no locks {where}: there is nothing to lock.</p>;
  } else {
    action = (
      <StartButton busy={start.isPending} onClick={() => setConfirming(true)}>
        {start.isPending ? 'Starting…' : 'Start lockdown'}
      </StartButton>
    );
  }

  return (
    <>
      <section aria-labelledby="lockdown-scope" className={`${card} flex flex-col items-start gap-4`}>
        <div className="flex min-w-0 flex-col gap-2">
          <h2 id="lockdown-scope" className="text-xl font-semibold break-words">
            Lock down every door {where}
          </h2>
          {summary && <p className="text-lg">{summary}.</p>}
          {countsNote && <p className={muted}>{countsNote}</p>}
          <p className={`${muted} text-sm`}>Doors lock and stay locked, their access grants and schedules suspended, until a manager lifts the lockdown. Offline doors lock as soon as they are back.</p>
        </div>
        {action}
      </section>

      {start.data && <StartResult lockdown={start.data} />}

      {user?.role === 'manager' && (
        <ConfirmDialog
          open={confirming}
          title={`Lock down every door ${where}?`}
          confirmLabel="Start lockdown"
          typeToConfirm={confirmTextFor(scope)}
          error={start.error?.message ?? null}
          onCancel={() => {
            setConfirming(false);
            start.reset();
          }}
          onConfirm={() => {
            if (start.isPending) return;
            start.mutate(body, {
              onSuccess: () => {
                setConfirming(false);
                // To the result (on a phone it is below the fold), once the dialog has given the focus back.
                requestAnimationFrame(() => document.getElementById('lockdown-result')?.focus());
              },
            });
          }}
        >
          <p>Every door {where}{summary ? ` (${summary})` : ''} locks and stays locked until the lockdown is lifted. Nobody&rsquo;s code or card opens it meanwhile.</p>
        </ConfirmDialog>
      )}
    </>
  );
}

/** What the platform says it did: the locks it holds, and the offline ones by name. */
function StartResult({ lockdown }: { lockdown: Lockdown }) {
  const named = lockdown.pendingLockids.slice(0, NAMED_PENDING);
  const more = lockdown.pendingLockids.length - named.length;
  return (
    <section id="lockdown-result" tabIndex={-1} aria-labelledby="lockdown-result-title" className={`${card} flex flex-col gap-3`}>
      <h2 id="lockdown-result-title" className="text-lg font-semibold">
        Lockdown started
      </h2>
      <p>{lockdown.lockCount === null ? 'The platform did not say how many locks it holds.' : `${plural(lockdown.lockCount, 'lock')} in lockdown.`}</p>
      {lockdown.pendingLockids.length > 0 && (
        <>
          <p>
            {plural(lockdown.pendingLockids.length, 'lock was', 'locks were')} offline: {lockdown.pendingLockids.length === 1 ? 'it locks' : 'each locks'} as soon as it is back.
          </p>
          <ul aria-label="Offline locks" className="flex flex-col gap-1">
            {named.map((lockid) => (
              <li key={lockid} className="break-words">
                <PendingLockName lockid={lockid} /> — locks as soon as it is back
              </li>
            ))}
            {more > 0 && <li>and {plural(more, 'other')}</li>}
          </ul>
        </>
      )}
    </section>
  );
}

/**
 * An offline lock's name, or its id until the name is in. One query per lock, not useQueries: that
 * hook would join the locks page's bundle (shared node_modules go to its chunk) for this page alone.
 */
function PendingLockName({ lockid }: { lockid: string }) {
  const features = useQuery(appConfigQuery).data?.features;
  const lock = useQuery({ ...lockQueries.detail(lockid, !features?.lockDetail), staleTime: 60_000 });
  return <>{lock.data?.name ?? lockid}</>;
}
