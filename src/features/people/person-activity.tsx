import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Link } from 'react-router';
import { DENIAL_REASON_LABELS, EVENT_METHOD_LABELS, EVENT_TYPE_LABELS } from '@contract/event-labels';
import { platformDateToMs } from '@contract/platform-date';
import { appConfigQuery } from '@/api/app-config';
import { type EventFilter, type LockEvent, eventQueries } from '@/api/events';
import { Button } from '@/components/button';
import { cn } from '@/components/cn';
import { WarningIcon } from '@/components/icons';
import { SkeletonRows } from '@/components/load-state';
import { formatExact } from '@/lib/format';
import { card, muted, textLink } from '@/components/page-styles';

export const RECENT_ACTIVITY_LIMIT = 10;

const cell = 'px-3 py-2 max-sm:p-0';
const doorLink = 'font-medium text-indigo-700 underline-offset-2 hover:underline max-sm:inline-block max-sm:min-h-6 dark:text-indigo-300';

/** What happened, in words: "Access denied · Outside allowed hours". */
function What({ event }: { event: LockEvent }) {
  const what = event.type ? EVENT_TYPE_LABELS[event.type] : 'Unknown event';
  if (event.type !== 'access_denied') return <>{what}</>;
  return (
    <>
      <span className="font-medium text-red-700 dark:text-red-300">{what}</span>
      <span className={muted}> · {event.reason ? DENIAL_REASON_LABELS[event.reason] : 'no reason given'}</span>
    </>
  );
}

/** One row, markup after Activity's (a table row from `sm` up, a small card below it). */
function ActivityRow({ event, timezone }: { event: LockEvent; timezone: string }) {
  const ms = platformDateToMs(event.date, timezone);
  return (
    <tr
      data-eventid={event.eventid}
      className="border-t border-slate-200 max-sm:flex max-sm:flex-wrap max-sm:items-baseline max-sm:gap-x-3 max-sm:gap-y-1 max-sm:px-3 max-sm:py-3 dark:border-slate-800"
    >
      <td className={cn(cell, 'whitespace-nowrap tabular-nums max-sm:order-2 max-sm:ml-auto max-sm:text-xs max-sm:text-slate-600 max-sm:dark:text-slate-400')}>
        {ms === null ? <span className={muted}>Unknown time</span> : <time dateTime={new Date(ms).toISOString()}>{formatExact(ms)}</time>}
      </td>
      <td className={cn(cell, 'break-words max-sm:order-1 max-sm:min-w-0 max-sm:flex-1')}>
        {event.lockid !== null ? (
          <Link to={`/locks/${encodeURIComponent(event.lockid)}`} className={doorLink}>
            {event.lockName ?? event.lockid}
          </Link>
        ) : event.groupid !== null ? (
          <Link to={`/groups/${event.groupid}`} className={doorLink}>
            {event.groupName ?? `Group ${event.groupid}`}
          </Link>
        ) : (
          <span className={muted}>—</span>
        )}
      </td>
      <td className={cn(cell, 'max-sm:order-3 max-sm:basis-full')}>
        <What event={event} />
      </td>
      <td className={cn(cell, 'max-sm:order-4')}>
        {event.method ? EVENT_METHOD_LABELS[event.method] : <span className={muted}>—</span>}
        {event.actor && <span className={muted}> · by {event.actor}</span>}
      </td>
    </tr>
  );
}

/** A person's latest door uses, refusals (with why) and access changes, newest first. */
export function PersonActivity({ userid, name, refetchInterval }: { userid: number; name: string; refetchInterval: number | false }) {
  const config = useQuery(appConfigQuery).data;
  const titleId = useId();
  // DESIGN's `userid` filter on the fleet's history (sent as a query parameter like the others).
  const filter: EventFilter & { userid: number } = { pagenumber: 1, limit: RECENT_ACTIVITY_LIMIT, userid };
  const query = useQuery({ ...eventQueries.history(null, filter), refetchInterval });
  const events = query.data?.events;
  const timezone = config?.timezone ?? 'UTC';
  const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  let placeholder = null;
  if (!events && query.isError) {
    placeholder = (
      <div role="alert" className="flex flex-col items-center gap-3">
        <WarningIcon size={24} className="text-red-600 dark:text-red-400" />
        <p className="font-medium">Their door activity could not be loaded.</p>
        <p className={muted}>{query.error.message}</p>
        <Button onClick={() => void query.refetch()}>Try again</Button>
      </div>
    );
  } else if (events && events.length === 0) {
    placeholder = <p className="font-medium">No door activity yet.</p>;
  }

  return (
    <section aria-labelledby={titleId} className="flex min-w-0 flex-col gap-2">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4">
        <h2 id={titleId} className="text-lg font-semibold">
          Recent door activity
        </h2>
        <Link to={`/activity?q=${encodeURIComponent(name)}`} className={`text-sm ${textLink}`}>
          All of {name}’s history in Activity
        </Link>
      </div>
      <div className={`overflow-hidden ${card}`}>
        <table aria-labelledby={titleId} aria-busy={!events && !query.isError} className="w-full text-left text-sm max-sm:block">
          <thead className="bg-slate-50 text-xs font-semibold text-slate-600 max-sm:block dark:bg-slate-900 dark:text-slate-300">
            <tr className="max-sm:block">
              <th scope="col" className="px-3 py-2 max-sm:block">
                <span className="max-sm:hidden">Time </span>
                <span className="font-normal max-sm:hidden">({viewerZone})</span>
                <span className="font-normal sm:hidden">Times in {viewerZone}</span>
              </th>
              <th scope="col" className="px-3 py-2 max-sm:hidden">
                Door
              </th>
              <th scope="col" className="px-3 py-2 max-sm:hidden">
                What happened
              </th>
              <th scope="col" className="px-3 py-2 max-sm:hidden">
                How
              </th>
            </tr>
          </thead>
          <tbody className="max-sm:block">
            {placeholder ? (
              <tr className="border-t border-slate-200 max-sm:block dark:border-slate-800">
                <td colSpan={4} className="px-3 py-10 text-center max-sm:block">
                  {placeholder}
                </td>
              </tr>
            ) : events ? (
              events.map((event) => <ActivityRow key={event.eventid} event={event} timezone={timezone} />)
            ) : (
              <SkeletonRows rows={4} columns={4} />
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
