import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { appConfigQuery } from '@/api/app-config';
import { ApiError } from '@/api/client';
import { useCommandInFlight, useLockCommand, usePendingLockCommands } from '@/api/lock-commands';
import { fetchLockPassword, lockFromLists, lockQueries } from '@/api/locks';
import { sessionQueries } from '@/api/session';
import { BatteryLevel } from '@/components/battery-level';
import { Button } from '@/components/button';
import { CopyButton } from '@/components/copy-button';
import { WarningIcon } from '@/components/icons';
import { ConnectionLost, LiveStatus } from '@/components/live-status';
import { LockControls } from '@/components/lock-controls';
import { LockPicture } from '@/components/lock-picture';
import { StatusBadge, lockStatuses } from '@/components/lock-status';
import { PasswordReveal } from '@/components/password-reveal';
import { RelativeTime } from '@/components/relative-time';
import { Skeleton } from '@/components/skeleton';
import { formatExact, formatTemperature } from '@/lib/format';
import { useLiveUpdatesPaused } from '@/lib/live-updates';
import { platformDateToMs } from '@contract/platform-date';
import { useLockAnnouncement } from './use-lock-announcement';

const muted = 'text-slate-500 dark:text-slate-400';

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[8rem_1fr] items-center gap-3 border-t border-slate-200 py-2.5 first:border-t-0 dark:border-slate-800">
      <dt className="text-sm text-slate-600 dark:text-slate-300">{term}</dt>
      <dd className="flex min-w-0 flex-wrap items-center gap-2 text-sm">{children}</dd>
    </div>
  );
}

function Missing() {
  return <span className={muted}>—</span>;
}

function Page({ children }: { children: ReactNode }) {
  return <div className="mx-auto flex max-w-screen-2xl flex-col gap-5 px-4 py-6 sm:px-6">{children}</div>;
}

function Breadcrumb({ name }: { name: string }) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm">
      <Link to="/locks" className="font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300">
        Locks
      </Link>
      <span className={muted}> / {name}</span>
    </nav>
  );
}

/**
 * `/locks/:lockid`: everything about one lock, live; a manager's remote lock/unlock and password
 * reveal. Opens instantly from the list (its row seeds the page). `children`: what the app
 * composes below (the lock's history).
 */
export function LockDetailPage({ lockid, children }: { lockid: string; children?: ReactNode }) {
  const queryClient = useQueryClient();
  const config = useQuery(appConfigQuery).data;
  const features = config?.features;
  const isManager = useQuery(sessionQueries.me()).data?.user?.role === 'manager';
  const paused = useLiveUpdatesPaused();
  const inFlight = useCommandInFlight();
  const pending = usePendingLockCommands().get(lockid) ?? null;

  const detail = useQuery({
    ...lockQueries.detail(lockid, features ? !features.lockDetail : false),
    placeholderData: () => lockFromLists(queryClient, lockid),
    refetchInterval: paused || inFlight || !config ? false : config.pollIntervalMs,
  });
  const lock = detail.data;
  const announcement = useLockAnnouncement(lock, !detail.isPlaceholderData);

  const command = useLockCommand();

  if (!lock) {
    if (detail.error instanceof ApiError && detail.error.status === 404) {
      return (
        <Page>
          <Breadcrumb name={lockid} />
          <div className="flex flex-col items-start gap-3 py-8">
            <h1 className="text-2xl font-semibold tracking-tight">No lock {lockid} on this platform</h1>
            <p className="text-slate-600 dark:text-slate-300">It may have been removed, or the address may be mistyped.</p>
            <Link to="/locks" className="font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300">
              Back to the locks
            </Link>
          </div>
        </Page>
      );
    }
    if (detail.isError) {
      return (
        <Page>
          <Breadcrumb name={lockid} />
          <div role="alert" className="flex flex-col items-start gap-3 py-8">
            <WarningIcon size={24} className="text-red-600 dark:text-red-400" />
            <p className="font-medium">This lock could not be loaded.</p>
            <p className="text-slate-600 dark:text-slate-300">{detail.error.message}</p>
            <Button onClick={() => void detail.refetch()}>Try again</Button>
          </div>
        </Page>
      );
    }
    return (
      <Page>
        <Breadcrumb name={lockid} />
        <div aria-busy="true" className="flex flex-col gap-3">
          <Skeleton className="h-8 w-72" />
          <Skeleton className="h-64 w-full max-w-md" />
        </div>
      </Page>
    );
  }

  const name = lock.name ?? lock.lockid;
  const { connection, state, lastKnown } = lockStatuses(lock);
  const lastSeen = platformDateToMs(lock.lastSeen, config?.timezone ?? 'UTC');

  return (
    <Page>
      <Breadcrumb name={name} />
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="flex flex-col gap-2">
          <h1 className="text-2xl font-semibold tracking-tight">{lock.name ?? <span className="italic">Unnamed lock</span>}</h1>
          <div className="flex flex-wrap gap-2">
            <StatusBadge status={connection} />
            <StatusBadge status={state} lastKnown={lastKnown} />
          </div>
        </div>
        <LiveStatus
          updatedAt={detail.dataUpdatedAt}
          paused={paused}
          refreshing={detail.isFetching}
          onRefresh={() => void detail.refetch()}
        />
      </div>
      {detail.isRefetchError && <ConnectionLost since={detail.dataUpdatedAt} reason={detail.error.message} />}

      <div className="grid gap-6 md:grid-cols-[minmax(0,18rem)_1fr]">
        <div className="flex justify-center rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 md:block dark:bg-slate-900 dark:ring-slate-800">
          <LockPicture picture={lock.picture} allowedOrigin={config?.upstreamOrigin ?? null} size={256} />
        </div>
        <div className="flex flex-col gap-4">
          <dl className="rounded-lg bg-white px-4 py-1 shadow-sm ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-800">
            <Fact term="Lock ID">
              <span className="font-mono">{lock.lockid}</span>
              <CopyButton value={lock.lockid} label="lock ID" />
            </Fact>
            <Fact term="Model">{lock.model ?? <Missing />}</Fact>
            <Fact term="Connection">
              <StatusBadge status={connection} />
              {lastSeen !== null ? (
                <span className={muted}>
                  {connection === 'online' ? 'updated ' : 'last seen '}
                  <RelativeTime ms={lastSeen} /> ({formatExact(lastSeen)})
                </span>
              ) : (
                <span className={muted}>last seen unknown</span>
              )}
            </Fact>
            <Fact term="Lock state">
              <StatusBadge status={state} />
              {lastKnown && <span className={muted}>last known state</span>}
            </Fact>
            <Fact term="Battery">
              <BatteryLevel level={lock.battery} />
            </Fact>
            <Fact term="Temperature">{formatTemperature(lock.temperature)}</Fact>
            <Fact term="MAC address">
              {lock.mac ? (
                <>
                  <span className="font-mono">{lock.mac}</span>
                  <CopyButton value={lock.mac} label="MAC address" />
                </>
              ) : (
                <Missing />
              )}
            </Fact>
            <Fact term="SSID">
              {lock.ssid ? (
                <>
                  <span>{lock.ssid}</span>
                  <CopyButton value={lock.ssid} label="SSID" />
                </>
              ) : (
                <Missing />
              )}
            </Fact>
            {isManager && (
              <Fact term="Password">
                <PasswordReveal reveal={() => fetchLockPassword(lock.lockid)} lockName={name} />
              </Fact>
            )}
          </dl>
          {features?.lockCommands && (
            <section aria-label="Remote control" className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-800">
              <h2 className="mb-2 text-sm font-semibold">Remote control</h2>
              {isManager ? (
                <LockControls
                  variant="full"
                  lockName={name}
                  open={lock.open}
                  online={lock.online}
                  pending={pending}
                  onCommand={(cmd) => command.mutate({ lockid: lock.lockid, command: cmd, lockName: name })}
                />
              ) : (
                <p className="text-sm text-slate-600 dark:text-slate-300">Your account is read-only: managers can lock and unlock remotely.</p>
              )}
            </section>
          )}
        </div>
      </div>
      {children}
      <p role="status" aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </Page>
  );
}
