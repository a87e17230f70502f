import { keepPreviousData, useQuery, type UseQueryResult } from '@tanstack/react-query';
import { type ReactNode, useId } from 'react';
import { appConfigQuery } from '@/api/app-config';
import { ApiError } from '@/api/client';
import { type EventPage, eventQueries } from '@/api/events';
import { Button } from '@/components/button';
import { cn } from '@/components/cn';
import { WarningIcon } from '@/components/icons';
import { ConnectionLost, LiveStatus } from '@/components/live-status';
import { useLiveUpdatesPaused } from '@/lib/live-updates';
import { useUrlState } from '@/lib/use-url-state';
import { useHydrated } from '@/lib/use-hydrated';
import { useSharedClock } from '@/lib/use-now';
import { EventFilters } from './event-filters';
import { describeEventView, isBadRange, pageMove, pageTotals, readEventListView, toEventFilter, writeEventListView, yearIn, type EventListView } from './event-list-view';
import { EventTable } from './event-table';
import { type HistoryIntl, ownIntl } from './history-intl';

const muted = 'text-slate-600 dark:text-slate-400';

/**
 * What the history shows ("Unlocks, 1 – 7 Nov"), the year left out when it is this year, as the
 * page's clock has it in the viewer's zone: the server's render and hydration agree, and only this
 * text re-renders as the clock ticks.
 */
function HistoryHeading({ view, all, intl }: { view: Pick<EventListView, 'q' | 'type' | 'from' | 'to'>; all: string; intl: HistoryIntl }) {
  const thisYear = yearIn(useSharedClock(), intl.timeZone);
  return describeEventView(view, { all, locale: intl.locale, thisYear });
}

/** What the table says instead of rows: why there are none (dates out of order, a failure, nothing matches), or null. */
function historyPlaceholder({ badRange, query, page, filtering, clearFilters }: { badRange: boolean; query: UseQueryResult<EventPage>; page: EventPage | undefined; filtering: boolean; clearFilters: () => void }): ReactNode {
  if (badRange) return <p className="font-medium">No events to show until the dates are in order.</p>;
  if (!page && query.isError) {
    return (
      <div role="alert" className="flex flex-col items-center gap-3">
        <WarningIcon size={24} className="text-red-600 dark:text-red-400" />
        <p className="font-medium">The history could not be loaded.</p>
        <p className={muted}>{query.error instanceof ApiError ? query.error.message : 'Something went wrong.'}</p>
        <Button onClick={() => void query.refetch()}>Try again</Button>
      </div>
    );
  }
  if (page && page.events.length === 0 && !query.isPlaceholderData) {
    return (
      <div className="flex flex-col items-center gap-3">
        <p className="font-medium">{filtering ? 'No events match these filters.' : 'Nothing has happened here yet.'}</p>
        {filtering && <Button onClick={clearFilters}>Clear filters</Button>}
      </div>
    );
  }
  return null;
}

/** Said on a later page, which holds still: the newest events are on page 1. */
function HeldPageNote({ onFirstPage }: { onFirstPage: () => void }) {
  return (
    <p className={cn('text-sm', muted)}>
      Pages after the first hold still while new events arrive; the newest are on{' '}
      <button type="button" onClick={onFirstPage} className="min-h-6 font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300">
        page 1
      </button>
      .
    </p>
  );
}

/**
 * Who did what, when and how: one lock's history (`lockid`), or the fleet's (Activity: a search by
 * lock or person, the CSV export, and its own Live status and pause; a lock's page has its own).
 * Filters and page live in the URL; page 1 stays live, later pages hold still (see event-list-view).
 */
export function EventHistory({ lockid, title, intl = ownIntl() }: { lockid?: string; title: string; intl?: HistoryIntl }) {
  const fleet = lockid === undefined;
  const config = useQuery(appConfigQuery).data;
  const paused = useLiveUpdatesPaused();
  const [view, setView] = useUrlState(readEventListView, writeEventListView);
  // The filter fields take input only once they work: a date or type picked before hydration would be dropped by it.
  const interactive = useHydrated();
  const ids = { title: useId(), type: useId(), from: useId(), to: useId(), range: useId() };
  const badRange = isBadRange(view);
  const filter = toEventFilter(fleet ? view : { ...view, q: '' }, undefined, intl.timeZone);
  const query = useQuery({
    ...eventQueries.history(lockid ?? null, filter),
    enabled: !badRange,
    placeholderData: keepPreviousData,
    refetchInterval: paused || !config ? false : config.pollIntervalMs,
  });
  const page = badRange ? undefined : query.data;
  const totals = page ? pageTotals(view, page, page.pageSize) : null;
  const filtering = view.type !== null || view.from !== null || view.to !== null || (fleet && view.q !== '');
  const access = config?.features.access ?? false;
  const placeholder = historyPlaceholder({ badRange, query, page, filtering, clearFilters: () => setView({ q: '', type: null, from: null, to: null }) });

  return (
    <section aria-labelledby={ids.title} className="flex min-w-0 flex-col gap-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id={ids.title} className="text-lg font-semibold break-words">
          <HistoryHeading view={fleet ? view : { ...view, q: '' }} all={title} intl={intl} />
        </h2>
        {fleet && (
          <LiveStatus updatedAt={query.dataUpdatedAt} paused={paused} refreshing={query.isFetching} onRefresh={() => void query.refetch()} />
        )}
      </div>
      {fleet && page && query.isRefetchError && (
        <ConnectionLost since={query.dataUpdatedAt} reason={query.error instanceof ApiError ? query.error.message : 'The server did not answer.'} />
      )}
      <EventFilters view={view} setView={setView} fleet={fleet} interactive={interactive} access={access} badRange={badRange} filter={filter} viewerZone={intl.timeZone} ids={ids} />
      {view.before.length > 0 && !badRange && <HeldPageNote onFirstPage={() => setView(pageMove(view, 1, []))} />}
      <EventTable
        titleId={ids.title}
        fleet={fleet}
        intl={intl}
        timezone={config?.timezone ?? 'UTC'}
        people={access}
        page={page}
        placeholder={placeholder}
        busy={query.isFetching && (query.isPlaceholderData || !page)}
        pagination={{
          page: badRange ? 1 : view.page,
          totalPages: totals?.totalPages ?? 1,
          totalCount: totals?.totalCount ?? null,
          loading: query.isPlaceholderData,
          onPage: (next) => setView(pageMove(view, next, (page?.events ?? []).map((e) => e.eventid))),
        }}
      />
    </section>
  );
}
