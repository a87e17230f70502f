import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { type Grant, type GrantParams, grantQueries, useRevokeGrant } from '@/api/access';
import { appConfigQuery } from '@/api/app-config';
import { ApiError } from '@/api/client';
import { Button } from '@/components/button';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { WarningIcon } from '@/components/icons';
import { Pagination } from '@/components/pagination';
import { Skeleton } from '@/components/skeleton';
import { useLiveUpdatesPaused } from '@/lib/live-updates';
import { showToast } from '@/lib/toasts';
import { GRANT_METHOD_LABELS, describeGrantRule, grantTargetName } from './grant-rule';
import { GrantStatusBadge } from './grant-status-badge';
import { PasscodeReveal } from './passcode-reveal';
import { SendCodeButton } from './send-code-button';
import { usePlatformZone } from './use-platform-clock';

export const GRANTS_PER_PAGE = 25;

/** Whose grants: one lock's (with those through its groups), one group's, or one person's. */
export type GrantListTarget = { lockid: string } | { groupid: number } | { userid: number };

const muted = 'text-slate-600 dark:text-slate-300';
const linkClass = 'font-medium break-words text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300';

const CURRENT = 'active,scheduled';
const PAST = 'expired,revoked';

function Target({ grant }: { grant: Grant }) {
  if (grant.lockid !== null) {
    return (
      <Link to={`/locks/${encodeURIComponent(grant.lockid)}`} className={linkClass}>
        {grant.lockName ?? grant.lockid}
      </Link>
    );
  }
  return (
    <span>
      <span className={muted}>Group </span>
      <Link to={`/groups/${grant.groupid}`} className={linkClass}>
        {grant.groupName ?? `Group ${grant.groupid}`}
      </Link>
      <span className={muted}> (every lock in it)</span>
    </span>
  );
}

function GrantItem({
  grant,
  show,
  viaGroup,
  canChange,
  onRevoke,
}: {
  grant: Grant;
  show: 'person' | 'target';
  /** On a lock's list: this grant reaches the lock through one of its groups. */
  viaGroup: boolean;
  canChange: boolean;
  onRevoke: (grant: Grant) => void;
}) {
  const live = grant.status === 'active' || grant.status === 'scheduled';
  const zone = usePlatformZone();
  return (
    <li data-grantid={grant.grantid} className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2 px-4 py-3">
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <div className="flex flex-wrap items-center gap-2">
          {show === 'person' ? (
            <Link to={`/people/${grant.userid}`} className={linkClass}>
              {grant.username}
            </Link>
          ) : (
            <Target grant={grant} />
          )}
          <GrantStatusBadge status={grant.status} rule={grant} />
        </div>
        <p className="text-sm break-words">
          {GRANT_METHOD_LABELS[grant.method]}
          <span className={muted}> · </span>
          <span>{describeGrantRule(grant, zone)}</span>
        </p>
        <p className={`text-xs break-words ${muted}`}>
          {viaGroup && (
            <>
              through{' '}
              <Link to={`/groups/${grant.groupid}`} className={linkClass}>
                {grant.groupName ?? `group ${grant.groupid}`}
              </Link>
              {' · '}
            </>
          )}
          {grant.createdBy ? `granted by ${grant.createdBy}` : 'granted on the platform'}
          {grant.status === 'revoked' && grant.revokedBy ? ` · revoked by ${grant.revokedBy}` : ''}
        </p>
      </div>
      {canChange && live && (
        <div className="flex flex-wrap items-center gap-2">
          {grant.method === 'keypad' && <PasscodeReveal grantid={grant.grantid} who={grant.username} />}
          {grant.method === 'keypad' && <SendCodeButton grantid={grant.grantid} userid={grant.userid} who={grant.username} lastSent={grant.codeSent} />}
          {grant.roleid !== null ? (
            <span className={muted}>From role {grant.roleName ?? grant.roleid}: it ends when they leave the role</span>
          ) : (
            <Button size="sm" onClick={() => onRevoke(grant)}>
              Revoke
              <span className="sr-only">
                {' '}
                {grant.username}’s access to {grantTargetName(grant)}
              </span>
            </Button>
          )}
        </div>
      )}
    </li>
  );
}

function useGrantPage(params: GrantListTarget, status: string, page: number, enabled = true) {
  const config = useQuery(appConfigQuery).data;
  const paused = useLiveUpdatesPaused();
  const request: GrantParams = { pagenumber: page, limit: GRANTS_PER_PAGE, status, ...params };
  return useQuery({
    ...grantQueries.list(request),
    enabled,
    placeholderData: keepPreviousData,
    refetchInterval: paused || !config ? false : config.pollIntervalMs,
  });
}

function Items({
  grants,
  label,
  ...rest
}: {
  grants: Grant[];
  label: string;
  params: GrantListTarget;
  show: 'person' | 'target';
  canChange: boolean;
  onRevoke: (grant: Grant) => void;
}) {
  const onLock = 'lockid' in rest.params;
  return (
    <ul aria-label={label} className="divide-y divide-slate-200 dark:divide-slate-800">
      {grants.map((grant) => (
        <GrantItem key={grant.grantid} grant={grant} viaGroup={onLock && grant.lockid === null} {...rest} />
      ))}
    </ul>
  );
}

/**
 * Who has access (or, for a person, where): the active and scheduled grants, paged and live, with
 * the revoked and expired ones folded under "Past access (N)". A manager (`canChange`) revokes a
 * grant after confirming, and reveals a keypad grant's code.
 */
export function GrantList({ params, show, canChange }: { params: GrantListTarget; show: 'person' | 'target'; canChange: boolean }) {
  const [page, setPage] = useState(1);
  const [pastPage, setPastPage] = useState(1);
  const current = useGrantPage(params, CURRENT, page);
  const past = useGrantPage(params, PAST, pastPage);
  const [revoking, setRevoking] = useState<Grant | null>(null);
  const revoke = useRevokeGrant();

  const onConfirm = () => {
    if (!revoking || revoke.isPending) return;
    const grant = revoking;
    revoke.mutate(grant.grantid, {
      onSuccess: () => {
        setRevoking(null);
        showToast({ tone: 'success', title: `Access revoked`, body: `${grant.username} can no longer open ${grantTargetName(grant)}.` });
      },
      onError: (error) => {
        if (error instanceof ApiError && error.status === 409) {
          setRevoking(null);
          showToast({ tone: 'info', title: 'Already revoked', body: `${grant.username}’s access to ${grantTargetName(grant)} had already ended.` });
        }
      },
    });
  };

  const onRevoke = (grant: Grant) => {
    revoke.reset();
    setRevoking(grant);
  };
  const rest = { params, show, canChange, onRevoke };
  const currentPage = current.data;
  const pastCount = past.data ? (past.data.totalCount ?? past.data.items.length) : null;

  return (
    <div className="flex flex-col gap-2">
      {current.isError && !currentPage ? (
        <div role="alert" className="flex flex-wrap items-center gap-2 px-4 py-3 text-sm">
          <WarningIcon className="shrink-0 text-red-600 dark:text-red-400" />
          <span>Access could not be loaded: {current.error.message}</span>
          <Button size="sm" onClick={() => void current.refetch()}>
            Try again
          </Button>
        </div>
      ) : !currentPage ? (
        <div aria-busy="true" className="flex flex-col gap-2 px-4 py-3">
          <span className="sr-only">Loading access…</span>
          <Skeleton className="h-4 w-36" />
          <Skeleton className="h-3 w-20" />
        </div>
      ) : currentPage.items.length === 0 ? (
        <p className={`px-4 py-3 text-sm ${muted}`}>{show === 'person' ? 'Nobody has access now.' : 'No access now.'}</p>
      ) : (
        <>
          <Items grants={currentPage.items} label="Current access" {...rest} />
          {currentPage.totalPages > 1 && (
            <Pagination
              page={page}
              totalPages={currentPage.totalPages}
              totalCount={currentPage.totalCount}
              noun="grant"
              loading={current.isPlaceholderData}
              onPage={setPage}
            />
          )}
        </>
      )}
      {pastCount !== null && pastCount > 0 && past.data && (
        <details className="px-4 py-2 text-sm">
          <summary className="cursor-pointer py-1 font-medium">Past access ({pastCount})</summary>
          <Items grants={past.data.items} label="Past access" {...rest} />
          {past.data.totalPages > 1 && (
            <Pagination
              page={pastPage}
              totalPages={past.data.totalPages}
              totalCount={past.data.totalCount}
              noun="grant"
              loading={past.isPlaceholderData}
              onPage={setPastPage}
            />
          )}
        </details>
      )}
      <ConfirmDialog
        open={revoking !== null}
        title={revoking ? `Revoke ${revoking.username}’s access to ${grantTargetName(revoking)}?` : 'Revoke access?'}
        confirmLabel={revoke.isPending ? 'Revoking…' : 'Revoke access'}
        onConfirm={onConfirm}
        onCancel={() => setRevoking(null)}
        error={revoke.isError ? revoke.error.message : null}
      >
        {revoking &&
          (revoking.lockid === null
            ? `It ends at once on every lock of ${revoking.groupName ?? 'the group'}. It stays in the history as revoked.`
            : 'It ends at once. It stays in the history as revoked.')}
      </ConfirmDialog>
    </div>
  );
}
