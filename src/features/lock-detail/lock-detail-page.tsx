import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { appConfigQuery } from '@/api/app-config';
import { ApiError } from '@/api/client';
import { useCommandInFlight, useLockCommand, usePendingLockCommands } from '@/api/lock-commands';
import { type Lock, fetchLockPassword, lockFromLists, lockQueries } from '@/api/locks';
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
import { RelockCountdown } from '@/components/relock';
import { Skeleton } from '@/components/skeleton';
import { UnknownValue } from '@/components/unknown-value';
import { Breadcrumb } from '@/components/breadcrumb';
import { formatTemperature } from '@/lib/format';
import { useLiveUpdatesPaused } from '@/lib/live-updates';
import { useArrivalFocus } from '@/lib/use-arrival-focus';
import { platformDateToMs } from '@contract/platform-date';
import { AccessSection } from '@/features/access/access-section';
import { useLockAnnouncement } from './use-lock-announcement';

const muted = 'text-slate-600 dark:text-slate-400';

/** The viewer's locale and zone (app/root.tsx ViewerIntl): the server renders in them, and so does hydration. */
export interface DetailIntl {
  timeZone: string;
  locale: string;
}

/** Date and time to the second in the viewer's locale and zone (as lib/format's formatExact, for a given viewer). */
function formatExactFor(ms: number, intl: DetailIntl | undefined): string {
  return new Intl.DateTimeFormat(intl?.locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone: intl?.timeZone }).format(ms);
}
const countdownClass = 'text-sm font-medium tabular-nums text-amber-800 dark:text-amber-200';

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[minmax(0,6.5rem)_minmax(0,1fr)] items-center gap-3 sm:grid-cols-[8rem_minmax(0,1fr)] border-t border-slate-200 py-2.5 first:border-t-0 dark:border-slate-800">
      <dt className="text-sm text-slate-600 dark:text-slate-300">{term}</dt>
      <dd className="flex min-w-0 flex-wrap items-center gap-2 text-sm">{children}</dd>
    </div>
  );
}

function Page({ children }: { children: ReactNode }) {
  return <div className="mx-auto flex w-full max-w-screen-2xl min-w-0 flex-col gap-5 px-4 py-6 sm:px-6">{children}</div>;
}

/**
 * The way back to the list as it was left (search, filters, sort, page): the list's query string
 * travels in the navigation state of the row's link. Only a query string is accepted from there.
 */
function useListHref(): string {
  const state: unknown = useLocation().state;
  const search = typeof state === 'object' && state !== null ? (state as { listSearch?: unknown }).listSearch : undefined;
  return typeof search === 'string' && /^(\?[^#]*)?$/.test(search) ? `/locks${search}` : '/locks';
}

function LocksBreadcrumb({ name }: { name: string }) {
  // The list comes back as it was left (features/locks use-list-return.ts).
  return <Breadcrumb parent="Locks" to={useListHref()} name={name} state={{ returnToList: true }} />;
}

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

/** An address that names no lock, shortened for the heading (the full text is in the title). */
function shorten(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Answers that mean "no such lock" for an address: not found, or an address the gateway or platform refused. */
const NOT_A_LOCK = new Set([400, 404, 414]);

function NoSuchLock({ lockid }: { lockid: string }) {
  const href = useListHref();
  const heading = useArrivalFocus<HTMLHeadingElement>();
  const short = shorten(lockid);
  return (
    <Page>
      <LocksBreadcrumb name={short} />
      <div className="flex min-w-0 flex-col items-start gap-3 py-8">
        <h1 ref={heading} tabIndex={-1} className="max-w-full text-2xl font-semibold tracking-tight break-words" title={lockid}>
          No lock {short} on this platform
        </h1>
        <p className="text-slate-600 dark:text-slate-300">It may have been removed, or the address may be mistyped.</p>
        <Link to={href} className="font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300">
          Back to the locks
        </Link>
      </div>
    </Page>
  );
}

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

function LockDetail({ lockid, intl, children }: { lockid: string; intl?: DetailIntl; children?: ReactNode }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const config = useQuery(appConfigQuery).data;
  const features = config?.features;
  const isManager = useQuery(sessionQueries.me()).data?.user?.role === 'manager';
  const paused = useLiveUpdatesPaused();
  const inFlight = useCommandInFlight();
  const pending = usePendingLockCommands().get(lockid) ?? null;

  const viaList = features ? !features.lockDetail : false;
  const detail = useQuery({
    ...lockQueries.detail(lockid, viaList),
    placeholderData: () => lockFromLists(queryClient, lockid),
    refetchInterval: paused || inFlight || !config ? false : config.pollIntervalMs,
  });
  const lock = detail.data;
  const announcement = useLockAnnouncement(lock, !detail.isPlaceholderData);

  const command = useLockCommand();
  const heading = useArrivalFocus<HTMLHeadingElement>();

  // Lock ids are case-insensitive: the platform answered with the lock's own spelling. Show it under
  // its canonical address (the cache already holds it there, so nothing is fetched again).
  const canonical = lock && !detail.isPlaceholderData && lock.lockid !== lockid && lock.lockid.toLowerCase() === lockid.toLowerCase() ? lock : null;
  useEffect(() => {
    if (!canonical) return;
    queryClient.setQueryData<Lock>(lockQueries.detail(canonical.lockid, viaList).queryKey, canonical);
    void navigate(`/locks/${encodeURIComponent(canonical.lockid)}${location.search}`, { replace: true, state: location.state });
  }, [canonical, queryClient, viaList, navigate, location.search, location.state]);

  if (!lock) {
    if (detail.error instanceof ApiError && NOT_A_LOCK.has(detail.error.status)) return <NoSuchLock lockid={lockid} />;
    if (detail.isError) {
      return (
        <Page>
          <LocksBreadcrumb name={shorten(lockid)} />
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
        <LocksBreadcrumb name={shorten(lockid)} />
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
  const relockMs = lock.open === true ? platformDateToMs(lock.relockAt, config?.timezone ?? 'UTC') : null;

  return (
    <Page>
      <LocksBreadcrumb name={name} />
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="flex min-w-0 flex-col gap-2">
          <h1 ref={heading} tabIndex={-1} className="text-2xl font-semibold tracking-tight break-words">{lock.name ?? <span className="italic">Unnamed lock</span>}</h1>
          <div className="flex flex-wrap items-center gap-2">
            <StatusBadge status={connection} />
            <StatusBadge status={state} lastKnown={lastKnown} />
            {relockMs !== null && <RelockCountdown relockMs={relockMs} className={countdownClass} />}
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
        <div className="order-last flex justify-center self-start rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 md:order-none md:block dark:bg-slate-900 dark:ring-slate-800">
          <LockPicture picture={lock.picture} allowedOrigin={config?.upstreamOrigin ?? null} size={256} />
        </div>
        <div className="flex flex-col gap-4">
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
                  timedUnlock={!!features.timedUnlock}
                  onCommand={(cmd, durationS) => command.mutate({ lockid: lock.lockid, command: cmd, lockName: name, durationS })}
                />
              ) : (
                <p className="text-sm text-slate-600 dark:text-slate-300">Your account is read-only: managers can lock and unlock remotely.</p>
              )}
            </section>
          )}
          <dl className="rounded-lg bg-white px-4 py-1 shadow-sm ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-800">
            <Fact term="Lock ID">
              <span className="font-mono break-all">{lock.lockid}</span>
              <CopyButton value={lock.lockid} label="lock ID" />
            </Fact>
            <Fact term="Model">{lock.model ?? <UnknownValue />}</Fact>
            {features?.lockGroups && (
              <Fact term="Groups">
                {lock.groups.length === 0 ? (
                  <span className={muted}>In no group</span>
                ) : (
                  <ul aria-label="Groups" className="flex flex-wrap gap-x-4 gap-y-1">
                    {lock.groups.map((group) => (
                      <li key={group.groupid}>
                        <Link
                          to={`/groups/${group.groupid}`}
                          className="font-medium break-words text-indigo-700 underline underline-offset-2 dark:text-indigo-300"
                        >
                          {group.name}
                        </Link>
                      </li>
                    ))}
                  </ul>
                )}
              </Fact>
            )}
            <Fact term="Connection">
              <StatusBadge status={connection} />
              {lastSeen !== null ? (
                <span className={muted}>
                  {connection === 'online' ? 'updated ' : 'last seen '}
                  <RelativeTime ms={lastSeen} /> ({formatExactFor(lastSeen, intl)})
                </span>
              ) : (
                <span className={muted}>last seen unknown</span>
              )}
            </Fact>
            <Fact term="Lock state">
              <StatusBadge status={state} />
              {lastKnown && <span className={muted}>last known state</span>}
              {relockMs !== null && <RelockCountdown relockMs={relockMs} className={countdownClass} />}
            </Fact>
            <Fact term="Battery">
              <BatteryLevel level={lock.battery} />
            </Fact>
            <Fact term="Temperature">{lock.temperature === null ? <UnknownValue /> : formatTemperature(lock.temperature)}</Fact>
            <Fact term="MAC address">
              {lock.mac ? (
                <>
                  <span className="font-mono break-all">{lock.mac}</span>
                  <CopyButton value={lock.mac} label="MAC address" />
                </>
              ) : (
                <UnknownValue />
              )}
            </Fact>
            <Fact term="SSID">
              {lock.ssid ? (
                <>
                  <span className="break-all">{lock.ssid}</span>
                  <CopyButton value={lock.ssid} label="SSID" />
                </>
              ) : (
                <UnknownValue />
              )}
            </Fact>
            {isManager && (
              <Fact term="Password">
                <PasswordReveal reveal={() => fetchLockPassword(lock.lockid)} lockName={name} />
              </Fact>
            )}
          </dl>
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
