import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { appConfigQuery } from '@/api/app-config';
import { useRefreshAfterBulk } from '@/api/bulk-commands';
import { ApiError } from '@/api/client';
import { lockGroupQueries } from '@/api/lockgroups';
import { lockQueries } from '@/api/locks';
import { sessionQueries } from '@/api/session';
import { Button } from '@/components/button';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { Skeleton } from '@/components/skeleton';
import { isRunning, startLockdown, useLockdownRun } from './lockdown-run';
import { RunPanel } from './run-panel';
import { Shell, StartButton, muted, card, linkClass } from './lockdown-frame';
import { StateLockdown } from './state-lockdown';
import { FLEET_CONFIRM_TEXT, FLEET_SCOPE, type Scope, type ScopeCounts, describeBatches, describeCounts, groupScope, readScopeParam } from './lockdown-scope';

function Note({ title, children, alert = false }: { title: string; children: ReactNode; alert?: boolean }) {
  return (
    <section aria-label={title} role={alert ? 'alert' : undefined} className={`${card} flex flex-col items-start gap-3`}>
      <h2 className="text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

function Loading() {
  return (
    <div aria-busy="true" className="flex flex-col gap-3">
      <span className="sr-only" role="status">
        Loading…
      </span>
      <Skeleton className="h-8 w-72 max-w-full" />
      <Skeleton className="h-64 w-full max-w-xl" />
    </div>
  );
}

/**
 * `/lockdown`: "Lock all" on the whole fleet, or on one group (`?group=N`), behind a typed
 * confirmation; then progress batch by batch, and the doors it could not reach.
 */
export function LockdownPage() {
  const [search] = useSearchParams();
  const param = readScopeParam(search);
  const config = useQuery(appConfigQuery);
  const user = useQuery(sessionQueries.me()).data?.user;

  if (config.isError) {
    return (
      <Shell>
        <Note title="Lockboard's settings could not be loaded" alert>
          <p className={muted}>{config.error.message}</p>
          <Button onClick={() => void config.refetch()}>Try again</Button>
        </Note>
      </Shell>
    );
  }
  if (!config.data || !user) {
    return (
      <Shell>
        <Loading />
      </Shell>
    );
  }
  if (param.kind !== 'fleet' && !config.data.features.lockGroups) {
    return (
      <Shell subtitle="One group">
        <Note title="Lock groups are not available">
          <p className={muted}>This Plus Platform has no lock groups, so a lockdown of one group cannot be sent. The whole fleet can still be locked down.</p>
          <Link to="/lockdown" className={linkClass}>
            Lock down the whole fleet instead
          </Link>
        </Note>
      </Shell>
    );
  }
  if (param.kind === 'invalid') return <NoSuchGroup />;
  if (param.kind === 'group') return <GroupLockdown groupid={param.groupid} />;
  return <FleetLockdown />;
}

export default LockdownPage;

function NoSuchGroup() {
  return (
    <Shell subtitle="One group">
      <Note title="There is no such group">
        <p className={muted}>It may have been deleted, or the address may be mistyped. Nothing was sent.</p>
        <Link to="/groups" className={linkClass}>
          Choose a group
        </Link>
      </Note>
    </Shell>
  );
}

function LoadError({ what, error, retry }: { what: string; error: Error; retry: () => void }) {
  return (
    <Note title={`${what} could not be loaded`} alert>
      <p className={muted}>{error.message}</p>
      <Button onClick={retry}>Try again</Button>
    </Note>
  );
}

function GroupLockdown({ groupid }: { groupid: number }) {
  const group = useQuery(lockGroupQueries.detail(groupid));
  if (group.error instanceof ApiError && (group.error.status === 404 || group.error.status === 400)) return <NoSuchGroup />;
  if (!group.data) {
    return (
      <Shell subtitle="One group">
        {group.isError ? <LoadError what="This group" error={group.error} retry={() => void group.refetch()} /> : <Loading />}
      </Shell>
    );
  }
  const g = group.data;
  return (
    <Lockdown
      scope={groupScope(g.groupid, g.name)}
      subtitle={`Group: ${g.name}`}
      counts={{ total: g.lockCount, unlocked: g.unlocked, offline: g.offline }}
      countsNote={null}
      confirmText={g.name}
    />
  );
}

function FleetLockdown() {
  const features = useQuery(appConfigQuery).data?.features;
  const summary = useQuery({ ...lockQueries.summary({}), enabled: !!features?.lockSummary });
  const s = summary.data;
  let countsNote: string | null = null;
  if (!features?.lockSummary) countsNote = 'This platform does not count its locks ahead of time: the count shows once they are found.';
  else if (summary.isError) countsNote = `The counts could not be loaded: ${summary.error.message}`;
  else if (!s) countsNote = 'Counting the locks…';
  return (
    <Lockdown
      scope={FLEET_SCOPE}
      subtitle="The whole fleet"
      counts={s ? { total: s.total, unlocked: s.unlocked, offline: s.offline } : null}
      countsNote={countsNote}
      confirmText={FLEET_CONFIRM_TEXT}
    />
  );
}

interface LockdownProps {
  scope: Scope;
  subtitle: string;
  counts: ScopeCounts | null;
  countsNote: string | null;
  confirmText: string;
}

/** A platform with lockdowns keeps one as a state; without, a lockdown is batched lock commands. */
function Lockdown(props: LockdownProps) {
  const features = useQuery(appConfigQuery).data?.features;
  return features?.lockdowns ? <StateLockdown {...props} /> : <CommandLockdown {...props} />;
}

function CommandLockdown({
  scope,
  subtitle,
  counts,
  countsNote,
  confirmText,
}: LockdownProps) {
  const features = useQuery(appConfigQuery).data?.features;
  const user = useQuery(sessionQueries.me()).data?.user;
  const refresh = useRefreshAfterBulk();
  const run = useLockdownRun();
  const [confirming, setConfirming] = useState(false);

  const mine = run && user && run.userid === user.userid ? run : null;
  const here = mine && mine.scope.key === scope.key ? mine : null;
  const elsewhere = mine && mine.scope.key !== scope.key && isRunning(mine) ? mine : null;
  const running = isRunning(mine);
  const isManager = user?.role === 'manager';
  const canCommand = isManager && !!features?.lockCommands;
  const where = scope.groupid === null ? 'in the fleet' : `in ${scope.name}`;
  const listHref = (status: string) => `/locks?${scope.groupid === null ? '' : `group=${scope.groupid}&`}status=${status}`;
  const empty = counts?.total === 0;

  let action: ReactNode;
  if (!isManager) {
    action = <p className={muted}>Only a manager can lock down. Your account is read-only, so no command can be sent from it.</p>;
  } else if (!features?.lockCommands) {
    action = <p className={muted}>This Plus Platform does not take remote commands, so a lockdown cannot be sent from Lockboard.</p>;
  } else if (empty) {
    action = <p className={muted}>There are no locks {where}: there is nothing to lock.</p>;
  } else if (elsewhere) {
    action = (
      <p className={muted}>
        A lockdown of {elsewhere.scope.name} is running: one lockdown at a time.{' '}
        <Link to={elsewhere.scope.groupid === null ? '/lockdown' : `/lockdown?group=${elsewhere.scope.groupid}`} className={linkClass}>
          See its progress
        </Link>
      </p>
    );
  } else {
    action = (
      <StartButton busy={running} onClick={() => setConfirming(true)}>
        {running ? 'Locking…' : 'Lock all'}
      </StartButton>
    );
  }

  return (
    <Shell subtitle={subtitle}>
      <section aria-labelledby="lockdown-scope" className={`${card} flex flex-col items-start gap-4`}>
        <div className="flex min-w-0 flex-col gap-2">
          <h2 id="lockdown-scope" className="text-xl font-semibold break-words">
            Lock every door {where}
          </h2>
          {counts && <p className="text-lg">{describeCounts(counts)}.</p>}
          {countsNote && <p className={muted}>{countsNote}</p>}
          {counts && counts.total > 0 && (
            <p className={`${muted} text-sm`}>
              Sent {describeBatches(counts.total)}; offline locks are listed afterwards as not reached.{' '}
              {counts.unlocked > 0 && (
                <Link to={listHref('unlocked')} className={linkClass}>
                  See the unlocked ones
                </Link>
              )}
              {counts.unlocked > 0 && counts.offline > 0 && ' · '}
              {counts.offline > 0 && (
                <Link to={listHref('offline')} className={linkClass}>
                  See the offline ones
                </Link>
              )}
            </p>
          )}
        </div>
        {action}
      </section>

      {here && <RunPanel run={here} canRetry={canCommand} offlineHref={listHref('offline')} />}

      {canCommand && (
        <ConfirmDialog
          open={confirming}
          title={`Lock every door ${where}?`}
          confirmLabel="Lock all"
          typeToConfirm={confirmText}
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
            A lock command goes to every lock {where}
            {counts ? `: ${describeCounts(counts)}` : ''}. Unlocked doors will lock; offline ones are listed afterwards as not reached.
          </p>
          <p className="mt-2">You can stop after any batch, but commands already sent are not undone.</p>
        </ConfirmDialog>
      )}
    </Shell>
  );
}
