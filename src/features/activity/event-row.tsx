import { Link } from 'react-router';
import type { LockEvent } from '@/api/events';
import { cn } from '@/components/cn';
import { WarningIcon } from '@/components/icons';
import { platformDateToMs } from '@contract/platform-date';
import { DENIAL_REASON_LABELS, EVENT_METHOD_LABELS, EVENT_TYPE_LABELS } from '@contract/event-labels';
import { formatExactFor, type HistoryIntl } from './history-intl';

const muted = 'text-slate-600 dark:text-slate-400';

/**
 * One markup for every width. From `sm` up it is a table; below, each row is restyled into a card
 * (lock and time on top, what happened, then who and how, each named), because five columns do not
 * fit a phone. The little "Who:"/"How:" names exist only on the card, as generated content (from `sm`
 * up the column headers say it).
 */
const cell = 'px-3 py-2 max-sm:p-0';
const cardLabel =
  'max-sm:before:mr-1 max-sm:before:font-medium max-sm:before:text-slate-600 max-sm:before:content-[attr(data-label)] max-sm:dark:before:text-slate-400';

const link = 'font-medium text-indigo-700 underline-offset-2 hover:underline max-sm:inline-block max-sm:min-h-6 dark:text-indigo-300';

/**
 * A row says what happened in words: "Access denied — Access expired" (with a warning icon), "Access
 * granted by Demo Manager" (who it was for is under "Who"), a group's access change names the group.
 * A door user's name leads to their page (a remote command's account is no door user).
 */
export function EventRow({ event, showLock, timezone, people, intl }: { event: LockEvent; showLock: boolean; timezone: string; people: boolean; intl: HistoryIntl }) {
  const ms = platformDateToMs(event.date, timezone);
  const what = event.type ? EVENT_TYPE_LABELS[event.type] : 'Unknown event';
  const denied = event.type === 'access_denied';
  const group = event.lockid === null && event.groupid !== null ? (event.groupName ?? `Group ${event.groupid}`) : null;
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
          ) : group !== null ? (
            <>
              <Link to={`/groups/${event.groupid ?? ''}`} className={link}>
                {group}
              </Link>
              <span className={muted}> (group)</span>
            </>
          ) : (
            <span className={muted}>—</span>
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
