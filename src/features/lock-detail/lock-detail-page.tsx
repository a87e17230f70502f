import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiError } from '@/api/client';
import { useLockCommand, usePendingLockCommands } from '@/api/lock-commands';
import type { Lock } from '@/api/locks';
import { sessionQueries } from '@/api/session';
import { Button } from '@/components/button';
import { WarningIcon } from '@/components/icons';
import { ConnectionLost, LiveStatus } from '@/components/live-status';
import type { LockCommandName } from '@/components/lock-controls';
import { LockPicture } from '@/components/lock-picture';
import { StatusBadge, lockStatuses } from '@/components/lock-status';
import { RelockCountdown } from '@/components/relock';
import { Skeleton } from '@/components/skeleton';
import { useArrivalFocus } from '@/lib/use-arrival-focus';
import { platformDateToMs } from '@contract/platform-date';
import { AccessSection } from '@/features/access/access-section';
import { LocksBreadcrumb, NoSuchLock, Page, shorten } from './lock-detail-frame';
import { type DetailIntl, LockFacts, countdownClass } from './lock-facts';
import { OverrideUnlock } from './override-unlock';
import { RemoteControl } from './remote-control';
import { useLockAnnouncement } from './use-lock-announcement';
import { useLockDetail } from './use-lock-detail';

export type { DetailIntl } from './lock-facts';

/** What the platform can hold as a lock ID (the gateway refuses longer ones; no lock has a slash or control character). */
const MAX_LOCKID = 64;
function plausibleLockid(lockid: string): boolean {
  return (
    lockid.trim() !== '' &&
    lockid.length <= MAX_LOCKID &&
    !lockid.includes('/') &&
    !lockid.includes('\\') &&
    [...lockid].every((char) => char.charCodeAt(0) > 0x1f && char.charCodeAt(0) !== 0x7f)
  );
}

/** Answers that mean "no such lock" for an address: not found, or an address the gateway or platform refused. */
const NOT_A_LOCK = new Set([400, 404, 414]);

/**
 * `/locks/:lockid`: everything about one lock, live; a manager's remote lock/unlock and password
 * reveal. Opens instantly from the list (its row seeds the page). `children`: what the app
 * composes below (the lock's history).
 */
export function LockDetailPage({ lockid, intl, children }: { lockid: string; intl?: DetailIntl; children?: ReactNode }) {
  if (!plausibleLockid(lockid)) return <NoSuchLock lockid={lockid} />;
  return (
    <LockDetail lockid={lockid} intl={intl}>
      {children}
    </LockDetail>
  );
}

/** The lock has not come (yet): "no such lock", why it could not be loaded, or its skeleton. */
function NoLockYet({ lockid, error, onRetry }: { lockid: string; error: Error | null; onRetry: () => void }) {
  if (error instanceof ApiError && NOT_A_LOCK.has(error.status)) return <NoSuchLock lockid={lockid} />;
  return (
    <Page>
      <LocksBreadcrumb name={shorten(lockid)} />
      {error ? (
        <div role="alert" className="flex flex-col items-start gap-3 py-8">
          <WarningIcon size={24} className="text-red-600 dark:text-red-400" />
          <p className="font-medium">This lock could not be loaded.</p>
          <p className="text-slate-600 dark:text-slate-300">{error.message}</p>
          <Button onClick={onRetry}>Try again</Button>
        </div>
      ) : (
        <div aria-busy="true" className="flex flex-col gap-3">
          <Skeleton className="h-8 w-72" />
          <Skeleton className="h-64 w-full max-w-md" />
        </div>
      )}
    </Page>
  );
}

function LockDetail({ lockid, intl, children }: { lockid: string; intl?: DetailIntl; children?: ReactNode }) {
  const { config, paused, detail } = useLockDetail(lockid);
  const features = config?.features;
  const isManager = useQuery(sessionQueries.me()).data?.user?.role === 'manager';
  const pending = usePendingLockCommands().get(lockid) ?? null;
  const lock = detail.data;
  const announcement = useLockAnnouncement(lock, !detail.isPlaceholderData);
  const command = useLockCommand();
  const heading = useArrivalFocus<HTMLHeadingElement>();

  if (!lock) return <NoLockYet lockid={lockid} error={detail.isError ? detail.error : null} onRetry={() => void detail.refetch()} />;

  const name = lock.name ?? lock.lockid;
  const statuses = lockStatuses(lock);
  const lastSeen = platformDateToMs(lock.lastSeen, config?.timezone ?? 'UTC');
  const relockMs = lock.open === true ? platformDateToMs(lock.relockAt, config?.timezone ?? 'UTC') : null;
  const onCommand = (cmd: LockCommandName, durationS?: number) =>
    command.mutate({ lockid: lock.lockid, command: cmd, lockName: name, durationS });

  return (
    <Page>
      <LocksBreadcrumb name={name} />
      <div className="flex flex-wrap items-start justify-between gap-3">
        <LockHeading lock={lock} statuses={statuses} relockMs={relockMs} heading={heading} />
        <LiveStatus updatedAt={detail.dataUpdatedAt} paused={paused} refreshing={detail.isFetching} onRefresh={() => void detail.refetch()} />
      </div>
      {detail.isRefetchError && <ConnectionLost since={detail.dataUpdatedAt} reason={detail.error.message} />}

      <div className="grid gap-6 md:grid-cols-[minmax(0,18rem)_1fr]">
        <div className="order-last flex justify-center self-start rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 md:order-none md:block dark:bg-slate-900 dark:ring-slate-800">
          <LockPicture picture={lock.picture} allowedOrigin={config?.upstreamOrigin ?? null} size={256} />
        </div>
        <div className="flex flex-col gap-4">
          {features?.lockCommands && features.lockdowns && lock.lockdown ? (
            <OverrideUnlock lock={lock} name={name} isManager={isManager} />
          ) : features?.lockCommands && (
            <RemoteControl lock={lock} name={name} isManager={isManager} pending={pending} timedUnlock={!!features.timedUnlock} onCommand={onCommand} />
          )}
          <LockFacts lock={lock} name={name} statuses={statuses} lastSeen={lastSeen} relockMs={relockMs} groupsOn={!!features?.lockGroups} isManager={isManager} intl={intl} />
          {isManager && (
            <Link to={`/audit?lockid=${encodeURIComponent(lock.lockid)}`} className="self-start font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300">
              Audit trail
            </Link>
          )}
        </div>
      </div>
      <AccessSection lockid={lock.lockid} lockName={name} />
      {children}
      <p role="status" aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </Page>
  );
}

/** The lock's name (focused on arrival) and its connection and lock state at a glance. */
function LockHeading({
  lock,
  statuses,
  relockMs,
  heading,
}: {
  lock: Lock;
  statuses: ReturnType<typeof lockStatuses>;
  relockMs: number | null;
  heading: ReturnType<typeof useArrivalFocus<HTMLHeadingElement>>;
}) {
  return (
    <div className="flex min-w-0 flex-col gap-2">
      <h1 ref={heading} tabIndex={-1} className="text-2xl font-semibold tracking-tight break-words">{lock.name ?? <span className="italic">Unnamed lock</span>}</h1>
      <div className="flex flex-wrap items-center gap-2">
        <StatusBadge status={statuses.connection} />
        <StatusBadge status={statuses.state} lastKnown={statuses.lastKnown} />
        {lock.lockdown && <StatusBadge status="lockdown" />}
        {relockMs !== null && <RelockCountdown relockMs={relockMs} className={countdownClass} />}
      </div>
    </div>
  );
}
