import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { appConfigQuery } from '@/api/app-config';
import { type Lockdown, lockdownQueries, useStartLockdown } from '@/api/lockdowns';
import { lockQueries } from '@/api/locks';
import { sessionQueries } from '@/api/session';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { formatCount, plural } from '@/lib/format';
import type { LockdownBody } from '@contract/schedules';
import { StartButton, card, muted } from './lockdown-frame';
import { type Scope, type ScopeCounts, confirmTextFor, withGroupCount } from './lockdown-scope';
import type { LockdownProps } from './scoped-lockdown';

/** Offline locks named one by one in the result; beyond this, a count. */
const NAMED_PENDING = 50;

const counted = (c: ScopeCounts) =>
  [plural(c.total, 'lock'), `${formatCount(c.unlocked)} unlocked now`, ...(c.offline > 0 ? [`${formatCount(c.offline)} offline`] : [])].join(', ');

/** Whether an active lockdown already holds every door of the scope (the fleet's, or one over all its groups). */
function heldBy(active: readonly Lockdown[] | undefined, scope: Scope): Lockdown | undefined {
  const wanted = scope.groupids;
  return active?.find(({ scope: held }) => 'all' in held || (wanted !== null && wanted.every((id) => held.groupids.includes(id))));
}

/** The Start button, or why there is none (not a manager, no locks, already in lockdown). */
function StartAction({ scope, counts, busy, onStart }: { scope: Scope; counts: ScopeCounts | null; busy: boolean; onStart: () => void }) {
  const user = useQuery(sessionQueries.me()).data?.user;
  // The banner polls the same query: this follows a lift from the banner at once.
  const active = useQuery(lockdownQueries.active()).data;
  if (user?.role !== 'manager') return <p className={muted}>Only a manager can start a lockdown. Your account is read-only.</p>;
  if (counts?.total === 0) return <p className={muted}>There are no locks in {scope.name}: there is nothing to lock.</p>;
  if (heldBy(active, scope)) return <p className={muted}>Every door in {scope.name} is in lockdown now. It is lifted from the banner at the top of the page.</p>;
  return (
    <StartButton busy={busy} onClick={onStart}>
      {busy ? 'Starting…' : 'Start lockdown'}
    </StartButton>
  );
}

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

  return (
    <>
      <section aria-labelledby="lockdown-scope" className={`${card} flex flex-col items-start gap-4`}>
        <div className="flex min-w-0 flex-col gap-2">
          <h2 id="lockdown-scope" className="text-xl font-semibold break-words">
            Lock down every door {where}
          </h2>
          {summary && <p className="text-lg">{summary}.</p>}
          {countsNote && <p className={`${muted} text-sm`}>{countsNote}</p>}
          <p className={`${muted} text-sm`}>Doors lock and stay locked, their access grants and schedules suspended, until a manager lifts the lockdown. Offline doors lock as soon as they are back.</p>
        </div>
        <StartAction scope={scope} counts={counts} busy={start.isPending} onStart={() => setConfirming(true)} />
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
