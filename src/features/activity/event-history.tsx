import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Link } from 'react-router';
import { EVENT_TYPES } from '@contract/constants';
import { appConfigQuery } from '@/api/app-config';
import { ApiError } from '@/api/client';
import { type LockEvent, eventQueries, exportCsvUrl } from '@/api/events';
import { Button } from '@/components/button';
import { cn } from '@/components/cn';
import { WarningIcon } from '@/components/icons';
import { Pagination } from '@/components/pagination';
import { SearchInput } from '@/components/search-input';
import { Skeleton } from '@/components/skeleton';
import { SkippedNote } from '@/components/skipped-note';
import { formatExact, plural } from '@/lib/format';
import { useLiveUpdatesPaused } from '@/lib/live-updates';
import { platformDateToMs } from '@contract/platform-date';
import { EVENT_METHOD_LABELS, EVENT_TYPE_LABELS } from '@contract/event-labels';
import { useUrlState } from '@/lib/use-url-state';
import { readEventListView, toEventFilter, writeEventListView } from './event-list-view';

const field =
  'block min-h-9 rounded-md border-0 bg-white px-2 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600 focus:outline-none dark:bg-slate-900 dark:text-white dark:ring-slate-700 dark:[color-scheme:dark]';
const muted = 'text-slate-500 dark:text-slate-400';

function EventRow({ event, showLock, timezone }: { event: LockEvent; showLock: boolean; timezone: string }) {
  const ms = platformDateToMs(event.date, timezone);
  const what = event.type ? EVENT_TYPE_LABELS[event.type] : 'Unknown event';
  return (
    <tr data-eventid={event.eventid} className="border-t border-slate-200 dark:border-slate-800">
      <td className="px-3 py-2 whitespace-nowrap tabular-nums">
        {ms === null ? <span className={muted}>Unknown time</span> : <time dateTime={new Date(ms).toISOString()} title={`${formatExact(ms)} (${Intl.DateTimeFormat().resolvedOptions().timeZone})`}>{formatExact(ms)}</time>}
      </td>
      {showLock && (
        <td className="px-3 py-2">
          <Link to={`/locks/${encodeURIComponent(event.lockid)}`} className="font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300">
            {event.lockName ?? event.lockid}
          </Link>
        </td>
      )}
      <td className="px-3 py-2">
        {what}
        {event.type === 'battery_low' && event.battery !== null && <span className={muted}> · {event.battery} %</span>}
      </td>
      <td className="px-3 py-2">{event.username ?? <span className={muted}>{event.method === 'system' ? 'No one (automatic)' : '—'}</span>}</td>
      <td className="px-3 py-2">{event.method ? EVENT_METHOD_LABELS[event.method] : <span className={muted}>—</span>}</td>
    </tr>
  );
}

/**
 * Who did what, when and how: one lock's history (`lockid`), or the fleet's (Activity, with a
 * search by lock and the CSV export). Filters and page live in the URL; it stays live.
 */
export function EventHistory({ lockid, title }: { lockid?: string; title: string }) {
  const fleet = lockid === undefined;
  const config = useQuery(appConfigQuery).data;
  const paused = useLiveUpdatesPaused();
  const [view, setView] = useUrlState(readEventListView, writeEventListView);
  const ids = { type: useId(), from: useId(), to: useId() };
  const badRange = view.from !== null && view.to !== null && view.from > view.to;
  const filter = toEventFilter(fleet ? view : { ...view, q: '' });
  const query = useQuery({
    ...eventQueries.history(lockid ?? null, filter),
    enabled: !badRange,
    placeholderData: keepPreviousData,
    refetchInterval: paused || !config ? false : config.pollIntervalMs,
  });
  const page = query.data;
  const filtering = view.type !== null || view.from !== null || view.to !== null || (fleet && view.q !== '');
  const columns = fleet ? 5 : 4;
  const timezone = config?.timezone ?? 'UTC';

  let placeholder = null;
  if (badRange) {
    placeholder = <p role="alert">The “From” date is after the “To” date. Change one of them to see events.</p>;
  } else if (!page && query.isError) {
    placeholder = (
      <div role="alert" className="flex flex-col items-center gap-3">
        <WarningIcon size={24} className="text-red-600 dark:text-red-400" />
        <p className="font-medium">The history could not be loaded.</p>
        <p className={muted}>{query.error instanceof ApiError ? query.error.message : 'Something went wrong.'}</p>
        <Button onClick={() => void query.refetch()}>Try again</Button>
      </div>
    );
  } else if (page && page.events.length === 0 && !query.isPlaceholderData) {
    placeholder = (
      <div className="flex flex-col items-center gap-3">
        <p className="font-medium">{filtering ? 'No events match these filters.' : 'Nothing has happened here yet.'}</p>
        {filtering && <Button onClick={() => setView({ q: '', type: null, from: null, to: null })}>Clear filters</Button>}
      </div>
    );
  }

  return (
    <section aria-labelledby={`${ids.type}-title`} className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id={`${ids.type}-title`} className="text-lg font-semibold">
          {title}
        </h2>
        {fleet && (
          <a
            href={exportCsvUrl(filter, Intl.DateTimeFormat().resolvedOptions().timeZone)}
            download
            aria-disabled={badRange || undefined}
            onClick={(event) => badRange && event.preventDefault()}
            className="inline-flex min-h-9 items-center rounded-md bg-white px-3 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-slate-300 ring-inset hover:bg-slate-50 dark:bg-slate-900 dark:text-slate-100 dark:ring-slate-700 dark:hover:bg-slate-800"
          >
            Export CSV
          </a>
        )}
      </div>
      <div className="flex flex-wrap items-end gap-3">
        {fleet && (
          <div className="w-full sm:w-72">
            <SearchInput label="Search by lock" placeholder="Lock name or ID" value={view.q} onChange={(q) => setView({ q })} />
          </div>
        )}
        <div>
          <label htmlFor={ids.type} className="mb-1 block text-xs font-medium text-slate-600 dark:text-slate-300">
            Event type
          </label>
          <select id={ids.type} value={view.type ?? ''} onChange={(e) => setView({ type: (e.target.value || null) as typeof view.type })} className={field}>
            <option value="">All events</option>
            {EVENT_TYPES.map((type) => (
              <option key={type} value={type}>
                {EVENT_TYPE_LABELS[type]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={ids.from} className="mb-1 block text-xs font-medium text-slate-600 dark:text-slate-300">
            From
          </label>
          <input id={ids.from} type="date" value={view.from ?? ''} max={view.to ?? undefined} onChange={(e) => setView({ from: e.target.value || null })} className={field} />
        </div>
        <div>
          <label htmlFor={ids.to} className="mb-1 block text-xs font-medium text-slate-600 dark:text-slate-300">
            To
          </label>
          <input id={ids.to} type="date" value={view.to ?? ''} min={view.from ?? undefined} onChange={(e) => setView({ to: e.target.value || null })} className={field} />
        </div>
      </div>
      <div className="overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-800">
        <div className="overflow-x-auto">
          <table aria-label={title} aria-busy={query.isFetching && (query.isPlaceholderData || !page)} className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-xs font-semibold text-slate-600 dark:bg-slate-900 dark:text-slate-300">
              <tr>
                <th scope="col" className="px-3 py-2">Time</th>
                {fleet && <th scope="col" className="px-3 py-2">Lock</th>}
                <th scope="col" className="px-3 py-2">Event</th>
                <th scope="col" className="px-3 py-2">Who</th>
                <th scope="col" className="px-3 py-2">How</th>
              </tr>
            </thead>
            <tbody>
              {placeholder ? (
                <tr className="border-t border-slate-200 dark:border-slate-800">
                  <td colSpan={columns} className="px-3 py-10 text-center">
                    {placeholder}
                  </td>
                </tr>
              ) : page ? (
                page.events.map((event) => <EventRow key={event.eventid} event={event} showLock={fleet} timezone={timezone} />)
              ) : (
                Array.from({ length: 6 }, (_, i) => (
                  <tr key={i} aria-hidden="true" className="border-t border-slate-200 dark:border-slate-800">
                    {Array.from({ length: columns }, (_, j) => (
                      <td key={j} className="px-3 py-2.5">
                        <Skeleton className={cn('h-4', j === 0 ? 'w-36' : 'w-20')} />
                      </td>
                    ))}
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
        {page && page.skipped > 0 && (
          <SkippedNote>
            {plural(page.skipped, 'event')} could not be shown: the platform sent {page.skipped === 1 ? 'it' : 'them'} incomplete.
          </SkippedNote>
        )}
        <div className="border-t border-slate-200 dark:border-slate-800">
          <Pagination
            page={view.page}
            totalPages={page?.totalPages ?? 1}
            totalCount={page?.totalCount ?? null}
            noun="event"
            loading={query.isPlaceholderData}
            onPage={(next) => setView({ page: next })}
          />
        </div>
      </div>
    </section>
  );
}
