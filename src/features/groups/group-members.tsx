import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { Link } from 'react-router';
import type { LockListParams } from '@contract/locks';
import { type LockGroup, useChangeGroupMembers } from '@/api/lockgroups';
import { type Lock, lockQueries } from '@/api/locks';
import { BatteryLevel } from '@/components/battery-level';
import { Button } from '@/components/button';
import { WarningIcon } from '@/components/icons';
import { StatusBadge, lockStatuses } from '@/components/lock-status';
import { Pagination } from '@/components/pagination';
import { Skeleton } from '@/components/skeleton';
import { useDisclosure } from '@/components/use-disclosure';
import { AddLocks } from './add-locks';
import { muted } from '@/components/page-styles';

export const MEMBERS_PER_PAGE = 25;

interface MemberProps {
  lock: Lock;
  group: LockGroup;
  onRemove: ((lock: Lock) => void) | null;
  removing: boolean;
}

function LockName({ lock }: { lock: Lock }) {
  return (
    <>
      <Link
        to={`/locks/${encodeURIComponent(lock.lockid)}`}
        className="font-medium break-words text-slate-900 underline-offset-2 hover:text-indigo-700 hover:underline dark:text-white dark:hover:text-indigo-300"
      >
        {lock.name ?? <span className={`italic ${muted}`}>Unnamed lock</span>}
      </Link>
      <span className={`block font-mono text-xs break-all ${muted}`}>{lock.lockid}</span>
    </>
  );
}

function LockHealth({ lock }: { lock: Lock }) {
  const { connection, state, lastKnown } = lockStatuses(lock);
  return (
    <span className="flex flex-wrap items-center gap-2">
      <StatusBadge status={connection} />
      <StatusBadge status={state} lastKnown={lastKnown} />
      <BatteryLevel level={lock.battery} />
    </span>
  );
}

function RemoveButton({ lock, group, onRemove, removing }: MemberProps & { onRemove: (lock: Lock) => void }) {
  return (
    <Button size="sm" disabled={removing} onClick={() => onRemove(lock)}>
      {removing ? 'Removing…' : 'Remove'}
      <span className="sr-only">
        {' '}
        {lock.name ?? lock.lockid} from {group.name}
      </span>
    </Button>
  );
}

/** A lock as a card, on a phone. */
function MemberCard(props: MemberProps) {
  const { lock, onRemove } = props;
  return (
    <li data-lockid={lock.lockid} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
      <div className="min-w-0 flex-1">
        <LockName lock={lock} />
      </div>
      {onRemove && <RemoveButton {...props} onRemove={onRemove} />}
      <div className="w-full">
        <LockHealth lock={lock} />
      </div>
    </li>
  );
}

/** A lock as a table row, from a phone's width up. */
function MemberRow(props: MemberProps) {
  const { lock, onRemove } = props;
  return (
    <tr data-lockid={lock.lockid} className="border-t border-slate-200 dark:border-slate-800">
      <th scope="row" className="px-4 py-2 text-left font-normal">
        <LockName lock={lock} />
      </th>
      <td className="px-3 py-2">
        <LockHealth lock={lock} />
      </td>
      {onRemove && (
        <td className="px-3 py-2 text-right">
          <RemoveButton {...props} onRemove={onRemove} />
        </td>
      )}
    </tr>
  );
}

/** The group's locks as a table from a phone's width up: placeholder rows, the rows, or why there are none. */
function MembersTable({
  group,
  list,
  canChange,
  settled,
  memberProps,
}: {
  group: LockGroup;
  list: { data?: { locks: Lock[] }; isFetching: boolean; isPlaceholderData: boolean; isError: boolean; error: Error | null; refetch: () => unknown };
  canChange: boolean;
  settled: boolean;
  memberProps: (lock: Lock) => MemberProps;
}) {
  const data = list.data;
  const locks = data?.locks;
  return (
    <div className={locks && locks.length > 0 ? 'max-sm:hidden' : undefined}>
      <table aria-label={`Locks in ${group.name}`} aria-busy={list.isFetching && (list.isPlaceholderData || !data)} className="w-full text-left text-sm">
        <thead className="bg-slate-50 text-xs font-semibold text-slate-600 dark:bg-slate-900 dark:text-slate-300">
          <tr>
            <th scope="col" className="px-4 py-2">
              Lock
            </th>
            <th scope="col" className="px-3 py-2">
              Status
            </th>
            {canChange && (
              <th scope="col" className="px-3 py-2">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {!locks &&
            !list.isError &&
            Array.from({ length: 5 }, (_, i) => (
              <tr key={i} aria-hidden="true" className="border-t border-slate-200 dark:border-slate-800">
                <td className="px-4 py-2">
                  <Skeleton className="h-4 w-36" />
                </td>
                <td className="px-3 py-2" colSpan={canChange ? 2 : 1}>
                  <Skeleton className="h-4 w-16" />
                </td>
              </tr>
            ))}
          {locks?.map((lock) => <MemberRow key={lock.lockid} {...memberProps(lock)} />)}
          {((locks && locks.length === 0 && settled) || (!locks && list.isError)) && (
            <tr className="border-t border-slate-200 dark:border-slate-800">
              <td colSpan={canChange ? 3 : 2} className="px-4 py-12 text-center">
                {list.isError && !locks ? (
                  <span role="alert" className="flex flex-col items-center gap-3">
                    <span className="font-medium">The locks of this group could not be loaded.</span>
                    <span className={muted}>{list.error?.message}</span>
                    <Button onClick={() => void list.refetch()}>Try again</Button>
                  </span>
                ) : (
                  <span className="font-medium">
                    No locks in this group yet.{canChange ? ' Add some with “Add locks”.' : ''}
                  </span>
                )}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The group's locks, a page at a time (the page is in the URL), live. A manager removes a lock with
 * one click (and can add it back from the line that says so) and adds locks with the picker.
 */
export function GroupMembers({
  group,
  canChange,
  sortByName,
  refetchInterval,
  page,
  onPage,
}: {
  group: LockGroup;
  canChange: boolean;
  /** The platform sorts lock lists: members by name. */
  sortByName: boolean;
  refetchInterval: number | false;
  page: number;
  onPage: (page: number, replace?: boolean) => void;
}) {
  const titleId = useId();
  const picker = useDisclosure();
  const [removed, setRemoved] = useState<{ lockid: string; name: string } | null>(null);
  const [undone, setUndone] = useState<string | null>(null);
  const remove = useChangeGroupMembers();
  const undo = useChangeGroupMembers();

  const params: LockListParams = { pagenumber: page, limit: MEMBERS_PER_PAGE, groupid: group.groupid, ...(sortByName ? { sortby: 'lockname', sortorder: 'asc' } : {}) };
  const list = useQuery({ ...lockQueries.list(params), placeholderData: keepPreviousData, refetchInterval });
  const data = list.data;
  const settled = !!data && !list.isPlaceholderData;

  // A page past the end (the last lock of the last page removed) moves to the last page.
  useEffect(() => {
    if (!data || !settled) return;
    const last = Math.max(data.totalPages, 1);
    if (page > last) onPage(last, true);
  }, [data, settled, page, onPage]);

  const onRemove = (lock: Lock) => {
    const name = lock.name ?? lock.lockid;
    setUndone(null);
    remove.mutate({ groupid: group.groupid, remove: [lock.lockid] }, { onSuccess: () => setRemoved({ lockid: lock.lockid, name }) });
  };
  const addBack = () => {
    if (!removed) return;
    undo.mutate(
      { groupid: group.groupid, add: [removed.lockid] },
      {
        onSuccess: () => {
          setUndone(removed.name);
          setRemoved(null);
        },
      },
    );
  };

  const locks = data?.locks;
  const memberProps = (lock: Lock): MemberProps => ({
    lock,
    group,
    onRemove: canChange ? onRemove : null,
    removing: remove.isPending && remove.variables.remove?.[0] === lock.lockid,
  });
  return (
    <section aria-labelledby={titleId} className="overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-800">
      <div className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
        <h2 id={titleId} className="text-lg font-semibold">
          Locks in this group
        </h2>
        {canChange && (
          <Button variant={picker.open ? 'secondary' : 'primary'} {...picker.buttonProps}>
            {picker.open ? 'Close the lock finder' : 'Add locks'}
          </Button>
        )}
      </div>
      <div id={picker.regionId}>
        {canChange && picker.open && (
          <div className="border-t border-slate-200 px-4 py-3 dark:border-slate-800">
            <AddLocks group={group} onAdded={() => setRemoved(null)} />
          </div>
        )}
      </div>

      <div role="status" aria-live="polite">
        {(removed || undone) && (
          <p className="flex flex-wrap items-center gap-2 border-t border-slate-200 px-4 py-2 text-sm dark:border-slate-800">
            {removed ? `${removed.name} was removed from ${group.name}.` : `${undone} is back in ${group.name}.`}
            {removed && (
              <Button size="sm" disabled={undo.isPending} onClick={addBack}>
                {undo.isPending ? 'Adding back…' : 'Undo'}
              </Button>
            )}
          </p>
        )}
      </div>
      {(remove.isError || undo.isError) && (
        <p role="alert" className="flex gap-2 border-t border-slate-200 px-4 py-2 text-sm font-medium text-red-700 dark:border-slate-800 dark:text-red-300">
          <WarningIcon className="mt-0.5 shrink-0" />
          {remove.isError ? `The lock was not removed: ${remove.error.message}` : `The lock was not added back: ${undo.error?.message ?? ''}`}
        </p>
      )}

      {locks && locks.length > 0 && (
        <ul aria-label={`Locks in ${group.name}`} className="divide-y divide-slate-200 border-t border-slate-200 sm:hidden dark:divide-slate-800 dark:border-slate-800">
          {locks.map((lock) => (
            <MemberCard key={lock.lockid} {...memberProps(lock)} />
          ))}
        </ul>
      )}
      <MembersTable group={group} list={list} canChange={canChange} settled={settled} memberProps={memberProps} />
      <div className="border-t border-slate-200 dark:border-slate-800">
        <Pagination
          page={page}
          totalPages={data?.totalPages ?? 1}
          totalCount={data?.totalCount ?? null}
          noun="lock"
          loading={list.isPlaceholderData}
          onPage={(next) => onPage(next)}
        />
      </div>
    </section>
  );
}
