import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Link } from 'react-router';
import { appConfigQuery } from '@/api/app-config';
import { ApiError } from '@/api/client';
import { type LockEvent, eventQueries, exportCsvUrl } from '@/api/events';
import { Button } from '@/components/button';
import { cn } from '@/components/cn';
import { WarningIcon } from '@/components/icons';
import { ConnectionLost, LiveStatus } from '@/components/live-status';
import { Pagination } from '@/components/pagination';
import { SearchInput } from '@/components/search-input';
import { SkippedNote } from '@/components/skipped-note';
import { SkeletonRows } from '@/components/load-state';
import { useLiveUpdatesPaused } from '@/lib/live-updates';
import { platformDateToMs } from '@contract/platform-date';
import { DENIAL_REASON_LABELS, EVENT_METHOD_LABELS, EVENT_TYPE_LABELS } from '@contract/event-labels';
import { useUrlState } from '@/lib/use-url-state';
import { useHydrated } from '@/lib/use-hydrated';
import { useSharedClock } from '@/lib/use-now';
import { portableIntl } from '@/lib/portable-intl';
import { describeEventView, EVENT_TYPE_GROUPS, isBadRange, pageMove, pageTotals, readEventListView, toEventFilter, writeEventListView, yearIn, type EventListView } from './event-list-view';

const field =
  'block min-h-9 w-full rounded-md border-0 bg-white px-2 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-indigo-600 focus:outline-none aria-invalid:ring-2 aria-invalid:ring-red-600 dark:bg-slate-900 dark:text-white dark:ring-slate-700 dark:[color-scheme:dark] dark:aria-invalid:ring-red-400';
const muted = 'text-slate-600 dark:text-slate-400';
const label = 'mb-1 block text-xs font-medium text-slate-600 dark:text-slate-300';

/**
 * One markup for every width. From `sm` up it is a table; below, each row is restyled into a card
 * (lock and time on top, what happened, then who and how, each named), because five columns do not
 * fit a phone. The little "Who:"/"How:" names exist only on the card, as generated content (from `sm`
 * up the column headers say it).
 */
const cell = 'px-3 py-2 max-sm:p-0';
const cardLabel =
  'max-sm:before:mr-1 max-sm:before:font-medium max-sm:before:text-slate-600 max-sm:before:content-[attr(data-label)] max-sm:dark:before:text-slate-400';

/** The viewer's locale and zone (app/hooks/viewer-intl.tsx ViewerIntl): the server renders in them, and so does hydration. */
export interface HistoryIntl {
  timeZone: string;
  locale: string;
}

const exactFormats = new Map<string, Intl.DateTimeFormat>();
/** Date and time to the second in the viewer's locale and zone (as lib/format's formatExact, but for a given viewer). */
function formatExactFor(ms: number, intl: HistoryIntl): string {
  const key = `${intl.locale} ${intl.timeZone}`;
  let format = exactFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(intl.locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone: intl.timeZone });
    exactFormats.set(key, format);
  }
  return portableIntl(format.format(ms));
}

function ownIntl(): HistoryIntl {
  const { timeZone, locale } = Intl.DateTimeFormat().resolvedOptions();
  return { timeZone, locale };
}

const link = 'font-medium text-indigo-700 underline-offset-2 hover:underline max-sm:inline-block max-sm:min-h-6 dark:text-indigo-300';

/**
 * A row says what happened in words: "Access denied — Access expired" (with a warning icon), "Access
 * granted by Demo Manager" (who it was for is under "Who"), a group's access change names the group.
 * A door user's name leads to their page (a remote command's account is no door user).
 */
function EventRow({ event, showLock, timezone, people, intl }: { event: LockEvent; showLock: boolean; timezone: string; people: boolean; intl: HistoryIntl }) {
  const ms = platformDateToMs(event.date, timezone);
  const what = event.type ? EVENT_TYPE_LABELS[event.type] : 'Unknown event';
  const denied = event.type === 'access_denied';
  const group = event.lockid === null ? (event.groupName ?? `Group ${event.groupid ?? ''}`) : null;
  return (
    <tr
      data-eventid={event.eventid}
      className="border-t border-slate-200 max-sm:flex max-sm:flex-wrap max-sm:items-baseline max-sm:gap-x-3 max-sm:gap-y-1 max-sm:px-3 max-sm:py-3 dark:border-slate-800"
    >
      <td className={cn(cell, 'whitespace-nowrap tabular-nums max-sm:order-2 max-sm:ml-auto max-sm:text-xs max-sm:text-slate-600 max-sm:dark:text-slate-400')}>
        {ms === null ? <span className={muted}>Unknown time</span> : <time dateTime={new Date(ms).toISOString()}>{formatExactFor(ms, intl)}</time>}
      </td>
      {showLock && (
        <td className={cn(cell, 'break-words max-sm:order-1 max-sm:min-w-0 max-sm:flex-1')}>
          {event.lockid !== null ? (
            <Link to={`/locks/${encodeURIComponent(event.lockid)}`} className={link}>
              {event.lockName ?? event.lockid}
            </Link>
          ) : (
            <>
              <Link to={`/groups/${event.groupid ?? ''}`} className={link}>
                {group}
              </Link>
              <span className={muted}> (group)</span>
            </>
          )}
        </td>
      )}
      <td className={cn(cell, showLock ? 'max-sm:order-3 max-sm:basis-full' : 'max-sm:order-1 max-sm:flex-1 max-sm:font-medium')}>
        {denied ? (
          <span className="flex items-start gap-2">
            <WarningIcon className="mt-0.5 shrink-0 text-red-600 dark:text-red-400" />
            <span>
              <span className="font-medium">{what}</span> — {event.reason ? DENIAL_REASON_LABELS[event.reason] : 'no reason given'}
            </span>
          </span>
        ) : (
          what
        )}
        {group && !showLock && ` to ${group}`}
        {event.actor && event.actor !== event.username && ` by ${event.actor}`}
        {event.type === 'battery_low' && event.battery !== null && <span className={muted}> · {event.battery} %</span>}
      </td>
      {/* On a phone's card, a grant's person is who it was for (the event names who granted it). */}
      <td data-label={event.type === 'access_granted' || event.type === 'access_revoked' ? 'For:' : 'Who:'} className={cn(cell, cardLabel, 'break-words max-sm:order-4')}>
        {event.username === null ? (
          <span className={muted}>{event.method === 'system' ? 'No one (automatic)' : '—'}</span>
        ) : people && event.userid !== null && event.method !== 'remote' ? (
          <Link to={`/people/${event.userid}`} className={link}>
            {event.username}
          </Link>
        ) : (
          event.username
        )}
      </td>
      <td data-label="How:" className={cn(cell, cardLabel, 'max-sm:order-5')}>
        {event.method ? EVENT_METHOD_LABELS[event.method] : <span className={muted}>—</span>}
      </td>
    </tr>
  );
}

/**
 * What the history shows ("Unlocks, 1 – 7 Nov"), the year left out when it is this year, as the
 * page's clock has it in the viewer's zone: the server's render and hydration agree, and only this
 * text re-renders as the clock ticks.
 */
function HistoryHeading({ view, all, intl }: { view: Pick<EventListView, 'q' | 'type' | 'from' | 'to'>; all: string; intl: HistoryIntl }) {
  const thisYear = yearIn(useSharedClock(), intl.timeZone);
  return describeEventView(view, { all, locale: intl.locale, thisYear });
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
  const columns = fleet ? 5 : 4;
  const timezone = config?.timezone ?? 'UTC';
  const access = config?.features.access ?? false;
  const viewerZone = intl.timeZone;

  let placeholder = null;
  if (badRange) {
    placeholder = <p className="font-medium">No events to show until the dates are in order.</p>;
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

  const exportLink = 'inline-flex min-h-9 items-center rounded-md px-3 text-sm font-medium shadow-sm ring-1 ring-inset';
  const dateField = (id: string, key: 'from' | 'to', text: string) => (
    <div className="min-w-0 flex-1 sm:flex-none">
      <label htmlFor={id} className={label}>
        {text}
      </label>
      <input
        id={id}
        type="date"
        disabled={!interactive}
        value={view[key] ?? ''}
        aria-invalid={badRange || undefined}
        aria-describedby={badRange ? ids.range : undefined}
        onChange={(e) => setView({ [key]: e.target.value || null })}
        className={field}
      />
    </div>
  );

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
      <div className="flex flex-wrap items-end gap-3">
        {fleet && (
          <div className="w-full sm:w-80">
            <SearchInput label="Search by lock or person" placeholder="Lock name, lock ID or person" value={view.q} onChange={(q) => setView({ q })} />
          </div>
        )}
        <div className="w-full min-[400px]:w-auto">
          <label htmlFor={ids.type} className={label}>
            Event type
          </label>
          <select id={ids.type} disabled={!interactive} value={view.type ?? ''} onChange={(e) => setView({ type: (e.target.value || null) as typeof view.type })} className={field}>
            <option value="">All events</option>
            {EVENT_TYPE_GROUPS.filter((g) => !g.access || access || g.types.some((t) => t === view.type)).map((g) => (
              <optgroup key={g.label} label={g.label}>
                {g.types.map((type) => (
                  <option key={type} value={type}>
                    {EVENT_TYPE_LABELS[type]}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="flex w-full gap-3 min-[400px]:w-auto">
          {dateField(ids.from, 'from', 'From')}
          {dateField(ids.to, 'to', 'To')}
        </div>
        {fleet &&
          (badRange ? (
            <button
              type="button"
              disabled
              className={cn(exportLink, 'cursor-not-allowed bg-slate-100 text-slate-500 shadow-none ring-slate-200 sm:ml-auto dark:bg-slate-800 dark:text-slate-400 dark:ring-slate-700')}
            >
              Export CSV
            </button>
          ) : (
            <a
              href={exportCsvUrl(filter, viewerZone)}
              download
              className={cn(exportLink, 'bg-white text-slate-800 ring-slate-300 hover:bg-slate-50 sm:ml-auto dark:bg-slate-900 dark:text-slate-100 dark:ring-slate-700 dark:hover:bg-slate-800')}
            >
              Export CSV
            </a>
          ))}
      </div>
      {badRange && (
        <p id={ids.range} role="alert" className="flex items-start gap-2 text-sm font-medium text-red-700 dark:text-red-300">
          <WarningIcon className="mt-0.5 shrink-0" />
          The “From” date is after the “To” date. Change one of them to see events{fleet ? ' and to export them' : ''}.
        </p>
      )}
      {view.before.length > 0 && !badRange && (
        <p className={cn('text-sm', muted)}>
          Pages after the first hold still while new events arrive; the newest are on{' '}
          <button type="button" onClick={() => setView(pageMove(view, 1, []))} className="min-h-6 font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300">
            page 1
          </button>
          .
        </p>
      )}
      <div className="overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-800">
        <div className="sm:overflow-x-auto">
          <table
            aria-labelledby={ids.title}
            aria-busy={query.isFetching && (query.isPlaceholderData || !page)}
            className="w-full text-left text-sm max-sm:block"
          >
            <thead className="bg-slate-50 text-xs font-semibold text-slate-600 max-sm:block dark:bg-slate-900 dark:text-slate-300">
              <tr className="max-sm:block">
                <th scope="col" className="px-3 py-2 max-sm:block">
                  <span className="max-sm:hidden">Time </span>
                  <span className="font-normal max-sm:hidden">({viewerZone})</span>
                  <span className="font-normal sm:hidden">Times in {viewerZone}</span>
                </th>
                {fleet && (
                  <th scope="col" className="px-3 py-2 max-sm:hidden">
                    Lock
                  </th>
                )}
                <th scope="col" className="px-3 py-2 max-sm:hidden">
                  Event
                </th>
                <th scope="col" className="px-3 py-2 max-sm:hidden">
                  Who
                </th>
                <th scope="col" className="px-3 py-2 max-sm:hidden">
                  How
                </th>
              </tr>
            </thead>
            <tbody className="max-sm:block">
              {placeholder ? (
                <tr className="border-t border-slate-200 max-sm:block dark:border-slate-800">
                  <td colSpan={columns} className="px-3 py-10 text-center max-sm:block">
                    {placeholder}
                  </td>
                </tr>
              ) : page ? (
                page.events.map((event) => <EventRow key={event.eventid} event={event} showLock={fleet} timezone={timezone} people={access} intl={intl} />)
              ) : (
                <SkeletonRows rows={6} columns={columns} />
              )}
            </tbody>
          </table>
        </div>
        {page && <SkippedNote noun="event" unusable={page.skipped} missing="incomplete" repeated={page.repeated} />}
        <div className="border-t border-slate-200 dark:border-slate-800">
          <Pagination
            page={badRange ? 1 : view.page}
            totalPages={totals?.totalPages ?? 1}
            totalCount={totals?.totalCount ?? null}
            noun="event"
            loading={query.isPlaceholderData}
            onPage={(next) =>
              setView(
                pageMove(
                  view,
                  next,
                  (page?.events ?? []).map((e) => e.eventid),
                ),
              )
            }
          />
        </div>
      </div>
    </section>
  );
}
