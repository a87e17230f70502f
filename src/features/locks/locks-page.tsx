import { hashKey, keepPreviousData, useQuery } from '@tanstack/react-query';
import { Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useLocation } from 'react-router';
import type { LockSortField } from '@contract/constants';
import { appConfigQuery } from '@/api/app-config';
import { ApiError } from '@/api/client';
import { useCommandInFlight, useLockCommand, usePendingLockCommands } from '@/api/lock-commands';
import { lockGroupQueries } from '@/api/lockgroups';
import { type Lock, lockQueries } from '@/api/locks';
import type { LockCommandName } from '@/components/lock-controls';
import { sessionQueries } from '@/api/session';
import { Button } from '@/components/button';
import { WarningIcon } from '@/components/icons';
import { formatCount } from '@/lib/format';
import { lazyChunk } from '@/lib/lazy-chunk';
import { useLiveUpdatesPaused } from '@/lib/live-updates';
import { useUrlState } from '@/lib/use-url-state';
import { PAGE_SIZES, readLockListView, toLockFilterParams, toLockListParams, writeLockListView } from './lock-list-view';
import { ColumnChooser } from './column-chooser';
import { OPTIONAL_COLUMNS, type OptionalColumn, planColumns, useColumnChoice } from './lock-columns';
import { SearchInput } from '@/components/search-input';
import { SkippedNote } from '@/components/skipped-note';
import { LocksTable } from './locks-table';
import { ConnectionLost, LiveStatus } from '@/components/live-status';
import { Pagination } from '@/components/pagination';
import { StatusFilters } from './status-filters';
import { useLockChangeTracker } from './use-lock-change-tracker';
import { GroupFilter } from './group-filter';
import { DensityChoice, useLockDensity } from './lock-density';
import { matchKey, pageState, toggleLock, togglePage } from './selection';
import { useListReturn } from './use-list-return';
import { useLockSelection } from './use-lock-selection';

/**
 * The bulk bar and its dialogs (with the bulk command and group membership code) come with the first
 * selection: a first screen of rows has nothing selected, so its JS need not carry them.
 */
const BulkActions = lazyChunk(() => import('./bulk-actions').then((m) => ({ default: m.BulkActions })));

function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.message : 'Something went wrong while loading the locks.';
}

export function LocksPage() {
  const config = useQuery(appConfigQuery).data;
  const features = config?.features;
  const user = useQuery(sessionQueries.me()).data?.user;
  const isManager = user?.role === 'manager';
  const listSearch = useLocation().search;
  const [view, setView] = useUrlState(readLockListView, writeLockListView);
  const paused = useLiveUpdatesPaused();
  const inFlight = useCommandInFlight();
  const pending = usePendingLockCommands();
  // Polls hold while a command is on its way, so that none can show the state from before it.
  const refetchInterval = paused || inFlight || !config ? false : config.pollIntervalMs;
  const { mutate } = useLockCommand();
  const onCommand = useCallback(
    (lock: Lock, cmd: LockCommandName, durationS?: number) =>
      mutate({ lockid: lock.lockid, command: cmd, lockName: lock.name ?? lock.lockid, durationS }),
    [mutate],
  );
  const commands = isManager && !!features?.lockCommands;
  const groupsOn = !!features?.lockGroups;
  const groups = useQuery({ ...lockGroupQueries.everyGroup(), enabled: groupsOn }).data;
  const filterGroup = view.group !== null && groupsOn ? (groups?.find((g) => g.groupid === view.group) ?? null) : null;
  const unknownGroup = view.group !== null && groupsOn && groups !== undefined && filterGroup === null;

  // Columns: the user's choice (kept per user), planned by width.
  const [chosen, setChosen] = useColumnChoice(user ? String(user.userid) : 'anonymous');
  const [density, setDensity] = useLockDensity(user ? String(user.userid) : 'anonymous');
  const available = useMemo(
    () => new Set<OptionalColumn>(OPTIONAL_COLUMNS.filter((id) => id !== 'password' || isManager)),
    [isManager],
  );
  const plan = useMemo(() => planColumns({ chosen, available, actions: commands }), [chosen, available, commands]);

  const params = toLockListParams(view, features);
  const listQuery = lockQueries.list(params);
  const list = useQuery({ ...listQuery, placeholderData: keepPreviousData, refetchInterval });
  // Chip counts for the list's own search and filters; "All" for the search alone (one request when no chip is on).
  const summaryEnabled = !!features?.lockSummary;
  const filtered = useQuery({
    ...lockQueries.summary(toLockFilterParams(view, features)),
    enabled: summaryEnabled,
    placeholderData: keepPreviousData,
    refetchInterval,
  });
  const unfiltered = useQuery({
    ...lockQueries.summary(toLockFilterParams({ q: view.q, status: [], group: view.group }, features)),
    enabled: summaryEnabled,
    placeholderData: keepPreviousData,
    refetchInterval,
  });

  const page = list.data;
  const settled = !!page && !list.isPlaceholderData;
  const { highlighted, announcement } = useLockChangeTracker(page, hashKey(listQuery.queryKey), settled);
  useListReturn(settled);

  // Selection (managers with commands): kept across pages, cleared when another set of locks matches.
  const filterParams = toLockFilterParams(view, features);
  const { selection, notice, update, selectAllMatching, cancelMatching, matching, matchError } = useLockSelection(matchKey(view));
  // Mounted from the first selection on, and kept (its results and live region outlive the selection).
  const [bulkLoaded, setBulkLoaded] = useState(false);
  if (selection.size > 0 && !bulkLoaded) setBulkLoaded(true);
  const onSelect = useCallback((lock: Lock, on: boolean) => update((current) => toggleLock(current, lock, on)), [update]);
  const pageLocks = settled ? page.locks : [];
  const onPage = pageState(selection, pageLocks);
  const totalCount = settled ? page.totalCount : null;

  // A page past the end (a shared link, or locks removed meanwhile) moves to the last page.
  useEffect(() => {
    if (!page || !settled) return;
    const last = Math.max(page.totalPages, 1);
    if (view.page > last) setView({ page: last }, { replace: true });
  }, [page, settled, view.page, setView]);

  const filtering = view.q !== '' || view.status.length > 0 || view.group !== null;
  const clearAll = () => setView({ q: '', status: [], group: null });
  const onSort = (field: LockSortField) =>
    setView({ sort: field, order: view.sort === field && view.order === 'asc' ? 'desc' : 'asc' });

  let placeholder = null;
  if (!page && list.isError) {
    placeholder = (
      <div className="flex flex-col items-center gap-3" role="alert">
        <WarningIcon size={24} className="text-red-600 dark:text-red-400" />
        <p className="font-medium">The locks could not be loaded.</p>
        <p className="text-slate-600 dark:text-slate-300">{messageOf(list.error)}</p>
        <Button onClick={() => void list.refetch()}>Try again</Button>
      </div>
    );
  } else if (page && page.locks.length === 0 && settled) {
    placeholder = (
      <div className="flex flex-col items-center gap-3">
        <p className="font-medium text-slate-900 dark:text-slate-100">
          {filtering ? 'No locks match your search and filters.' : 'There are no locks on this account yet.'}
        </p>
        {filtering && (
          <Button variant="primary" onClick={clearAll}>
            Clear search and filters
          </Button>
        )}
      </div>
    );
  }

  return (
    <div className="mx-auto flex max-w-screen-2xl flex-col gap-4 px-4 py-6 sm:px-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
          <h1 className="text-2xl font-semibold tracking-tight">Locks</h1>
          {commands && (
            <Link
              to={view.group !== null && groupsOn ? `/lockdown?group=${view.group}` : '/lockdown'}
              className="text-sm font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300"
            >
              {view.group !== null && groupsOn ? `Lock all in ${filterGroup?.name ?? `group ${view.group}`}…` : 'Lock all…'}
            </Link>
          )}
          {!isManager && user && features?.lockCommands && (
            <p className="text-sm text-slate-600 dark:text-slate-300">Read-only account: managers select locks, send commands and change groups.</p>
          )}
        </div>
        <LiveStatus
          updatedAt={list.dataUpdatedAt}
          paused={paused}
          refreshing={list.isFetching}
          onRefresh={() => {
            void list.refetch();
            if (summaryEnabled) {
              void filtered.refetch();
              void unfiltered.refetch();
            }
          }}
        />
      </div>

      {page && list.isRefetchError && <ConnectionLost since={list.dataUpdatedAt} reason={messageOf(list.error)} />}

      <div className="flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-center sm:justify-between">
        <SearchInput label="Search locks" placeholder="Name, lock ID, MAC, SSID or model" value={view.q} onChange={(q) => setView({ q })} />
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
          {(features?.lockFilters ?? false) && (
            <StatusFilters
              value={view.status}
              filtered={summaryEnabled ? filtered.data : undefined}
              unfiltered={summaryEnabled ? unfiltered.data : undefined}
              onChange={(status) => setView({ status })}
            />
          )}
          {groupsOn && <GroupFilter value={view.group} groups={groups} onChange={(group) => setView({ group })} />}
          {features && !groupsOn && <p className="text-sm text-slate-600 dark:text-slate-300">Lock groups are not available: the platform has no group endpoints.</p>}
          <DensityChoice value={density} onChange={setDensity} />
          <ColumnChooser available={available} chosen={chosen} onChange={setChosen} />
        </div>
      </div>

      {unknownGroup && (
        <p role="alert" className="flex flex-wrap items-center gap-2 text-sm font-medium text-red-700 dark:text-red-300">
          <WarningIcon className="shrink-0" />
          There is no group {view.group} on this platform: it may have been deleted.
          <Button size="sm" onClick={() => setView({ group: null })}>
            Show every group’s locks
          </Button>
        </p>
      )}

      <section
        aria-label="Lock list"
        className="overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-800"
      >
        {commands && (
          <SelectionBanner
            pageCount={pageLocks.length}
            page={onPage}
            selected={selection.size}
            total={totalCount}
            matching={matching}
            error={matchError}
            notice={notice}
            onSelectMatching={() => selectAllMatching(filterParams, totalCount)}
            onCancel={cancelMatching}
            onClear={() => update(() => new Map())}
          />
        )}
        <LocksTable
          locks={page?.locks}
          busy={list.isFetching && (list.isPlaceholderData || !page)}
          highlighted={highlighted}
          pictureOrigin={config?.upstreamOrigin ?? null}
          timezone={config?.timezone ?? 'UTC'}
          sort={features?.lockSorting ? { field: view.sort, order: view.order } : null}
          onSort={onSort}
          placeholder={placeholder}
          skeletonRows={Math.min(view.limit, 10)}
          plan={plan}
          density={density}
          query={view.q}
          listSearch={listSearch}
          onCommand={commands ? onCommand : null}
          timedUnlock={!!features?.timedUnlock}
          pending={pending}
          selection={
            commands
              ? {
                  has: (lockid) => selection.has(lockid),
                  onSelect,
                  page: onPage,
                  onSelectPage: (on) => update((current) => togglePage(current, pageLocks, on)),
                }
              : null
          }
        />
        {page && <SkippedNote noun="row" unusable={page.skipped} missing="without a usable lock ID" repeated={page.repeated} />}
        <div className="border-t border-slate-200 dark:border-slate-800">
          <Pagination
            page={view.page}
            totalPages={page?.totalPages ?? 1}
            totalCount={page?.totalCount ?? null}
            range={settled ? page.range : null}
            noun="lock"
            loading={list.isPlaceholderData}
            onPage={(next) => setView({ page: next })}
            pageSize={{ value: view.limit, options: PAGE_SIZES, onChange: (limit) => setView({ limit }) }}
          />
        </div>
      </section>

      {commands && bulkLoaded && (
        <Suspense fallback={null}>
          <BulkActions
          selection={selection}
          onClear={() => update(() => new Map())}
          onUpdate={update}
          filterGroup={view.group !== null && groupsOn ? { groupid: view.group, name: filterGroup?.name ?? null } : null}
          groups={groups}
          groupsEnabled={groupsOn}
          timedUnlock={!!features?.timedUnlock}
          />
        </Suspense>
      )}

      <p role="status" aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </div>
  );
}

/**
 * Above the table: "All 25 on this page are selected. Select all 240 matching", its progress, and
 * why a selection went away. Its status line is always there, so that screen readers hear it change.
 */
function SelectionBanner({
  pageCount,
  page,
  selected,
  total,
  matching,
  error,
  notice,
  onSelectMatching,
  onCancel,
  onClear,
}: {
  pageCount: number;
  page: 'none' | 'some' | 'all';
  selected: number;
  total: number | null;
  matching: { found: number; total: number | null } | null;
  error: string | null;
  notice: string;
  onSelectMatching: () => void;
  onCancel: () => void;
  onClear: () => void;
}) {
  let content = null;
  if (matching) {
    content = (
      <>
        Selecting all matching locks… {formatCount(matching.found)}
        {matching.total !== null && ` of ${formatCount(matching.total)}`}
        <Button size="sm" variant="ghost" onClick={onCancel}>
          Stop
        </Button>
      </>
    );
  } else if (page === 'all' && total !== null && total > pageCount) {
    content =
      selected >= total ? (
        <>
          All {formatCount(total)} matching locks are selected.
          <Button size="sm" variant="ghost" onClick={onClear}>
            Clear selection
          </Button>
        </>
      ) : (
        <>
          All {formatCount(pageCount)} on this page are selected.
          <Button size="sm" onClick={onSelectMatching}>
            Select all {formatCount(total)} matching
          </Button>
        </>
      );
  }
  const status = error ? null : content ? null : notice;
  return (
    <>
      {content && <div className="flex flex-wrap items-center gap-2 bg-indigo-50 px-3 py-2 text-sm dark:bg-indigo-500/10">{content}</div>}
      {error && (
        <p role="alert" className="flex items-center gap-2 px-3 py-2 text-sm font-medium text-red-700 dark:text-red-300">
          <WarningIcon className="shrink-0" />
          The matching locks could not all be selected: {error}
        </p>
      )}
      <p role="status" className={status ? 'px-3 py-2 text-sm text-slate-600 dark:text-slate-300' : undefined}>
        {status}
      </p>
    </>
  );
}
