import { Suspense, useCallback } from 'react';
import { useLocation } from 'react-router';
import type { LockSortField } from '@contract/constants';
import { useLockCommand, usePendingLockCommands } from '@/api/lock-commands';
import type { Lock } from '@/api/locks';
import type { LockCommandName } from '@/components/lock-controls';
import { ConnectionLost } from '@/components/live-status';
import { Pagination } from '@/components/pagination';
import { SkippedNote } from '@/components/skipped-note';
import { lazyChunk } from '@/lib/lazy-chunk';
import { PAGE_SIZES } from './lock-list-view';
import { LocksHeader, UnknownGroupAlert } from './locks-header';
import { LoadFailure, NoLocks, messageOf } from './locks-placeholder';
import { LocksTable } from './locks-table';
import { LocksToolbar } from './locks-toolbar';
import { SelectionBanner } from './selection-banner';
import { useListSelection } from './use-list-selection';
import { useLockTableLayout } from './use-lock-table-layout';
import { useLocksPageState } from './use-locks-page-state';

/**
 * The bulk bar and its dialogs (with the bulk command and group membership code) come with the first
 * selection: a first screen of rows has nothing selected, so its JS need not carry them.
 */
const BulkActions = lazyChunk(() => import('./bulk-actions').then((m) => ({ default: m.BulkActions })));

/** A row's lock/unlock, stable across renders (the rows re-render only when their lock changes). */
function useRowCommand() {
  const { mutate } = useLockCommand();
  return useCallback(
    (lock: Lock, cmd: LockCommandName, durationS?: number) =>
      mutate({ lockid: lock.lockid, command: cmd, lockName: lock.name ?? lock.lockid, durationS }),
    [mutate],
  );
}

/** `/locks`: the list of locks, live, with its search, filters, columns, selection and bulk commands. */
export function LocksPage() {
  const { config, features, user, view, setView, paused, list, page, settled, counts, refresh, groupsOn, groups, filterGroup, unknownGroup, highlighted, announcement } =
    useLocksPageState();
  const isManager = user?.role === 'manager';
  const commands = isManager && !!features?.lockCommands;
  const listSearch = useLocation().search;
  const pending = usePendingLockCommands();
  const onCommand = useRowCommand();
  const layout = useLockTableLayout(user ? String(user.userid) : 'anonymous', isManager, commands);
  const selection = useListSelection(view, features, page, settled);

  const filtering = view.q !== '' || view.status.length > 0 || view.group !== null;
  const onSort = (field: LockSortField) =>
    setView({ sort: field, order: view.sort === field && view.order === 'asc' ? 'desc' : 'asc' });
  let placeholder = null;
  if (!page && list.isError) placeholder = <LoadFailure error={list.error} onRetry={() => void list.refetch()} />;
  else if (page && page.locks.length === 0 && settled) placeholder = <NoLocks filtering={filtering} onClear={() => setView({ q: '', status: [], group: null })} />;

  return (
    <div className="mx-auto flex max-w-screen-2xl flex-col gap-4 px-4 py-6 sm:px-6">
      <LocksHeader
        commands={commands}
        readOnlyNote={!isManager && !!user && !!features?.lockCommands}
        filterGroup={filterGroup}
        live={{ updatedAt: list.dataUpdatedAt, paused, refreshing: list.isFetching, onRefresh: refresh }}
      />
      {page && list.isRefetchError && <ConnectionLost since={list.dataUpdatedAt} reason={messageOf(list.error)} />}
      <LocksToolbar view={view} setView={setView} features={features} counts={counts} groups={groups} groupsOn={groupsOn} layout={layout} />
      {unknownGroup && <UnknownGroupAlert groupid={view.group} onShowAll={() => setView({ group: null })} />}

      <section
        aria-label="Lock list"
        className="overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-800"
      >
        {commands && <SelectionBanner {...selection.banner} />}
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
          plan={layout.plan}
          density={layout.density}
          query={view.q}
          listSearch={listSearch}
          onCommand={commands ? onCommand : null}
          timedUnlock={!!features?.timedUnlock}
          pending={pending}
          selection={commands ? selection.table : null}
        />
        {page && <SkippedNote noun="row" unusable={page.skipped} missing="without a usable lock ID" repeated={page.repeated} />}
        <div className="border-t border-slate-200 dark:border-slate-800">
          <Pagination
            page={view.page}
            totalPages={page?.totalPages ?? 1}
            totalCount={page?.totalCount ?? null}
            range={settled && page ? page.range : null}
            noun="lock"
            loading={list.isPlaceholderData}
            onPage={(next) => setView({ page: next })}
            pageSize={{ value: view.limit, options: PAGE_SIZES, onChange: (limit) => setView({ limit }) }}
          />
        </div>
      </section>

      {commands && selection.bulkLoaded && (
        <Suspense fallback={null}>
          <BulkActions
            selection={selection.selection}
            onClear={selection.clear}
            onUpdate={selection.update}
            filterGroup={filterGroup}
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
