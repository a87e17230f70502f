import { useQuery } from '@tanstack/react-query';
import { DENIAL_REASON_LABELS, EVENT_METHOD_LABELS } from '@contract/event-labels';
import { platformDateToMs } from '@contract/platform-date';
import { appConfigQuery } from '@/api/app-config';
import { type EventFilter, eventQueries } from '@/api/events';
import { RelativeTime } from '@/components/relative-time';
import { useLiveUpdatesPaused } from '@/lib/live-updates';

const muted = 'text-slate-600 dark:text-slate-300';

/**
 * "Why can't she get in?": the most recent refused door use at one lock, or by one person, in
 * words: "Last refused: Jamal Carter, card, 2 hours ago — Access expired". Quiet when there is none.
 */
export function LastDenied(props: { lockid: string; userid?: undefined } | { userid: number; lockid?: undefined }) {
  const config = useQuery(appConfigQuery).data;
  const paused = useLiveUpdatesPaused();
  // The fleet's history takes `userid` (DESIGN.md) beside the filters EventFilter names.
  const filter: EventFilter & { userid?: number } = { pagenumber: 1, limit: 1, type: 'access_denied' };
  if (props.userid !== undefined) filter.userid = props.userid;
  const denied = useQuery({
    ...eventQueries.history(props.lockid ?? null, filter),
    refetchInterval: paused || !config ? false : config.pollIntervalMs,
  });
  if (!denied.data) return null;
  const event = denied.data.events[0];
  if (!event) {
    return <p className={`text-sm ${muted}`}>No refused door use on record{props.lockid !== undefined ? ' at this lock' : ''}.</p>;
  }
  const ms = platformDateToMs(event.date, config?.timezone ?? 'UTC');
  const who = props.lockid !== undefined ? (event.username ?? 'Someone unknown') : (event.lockName ?? event.lockid ?? 'a door');
  const method = event.method ? EVENT_METHOD_LABELS[event.method].toLowerCase() : null;
  const reason = event.reason ? DENIAL_REASON_LABELS[event.reason] : 'reason not given';
  return (
    <p className="text-sm break-words">
      <span className="font-medium">Last refused:</span> {who}
      {method && `, ${method}`}
      {ms !== null && (
        <>
          , <RelativeTime ms={ms} />
        </>
      )}{' '}
      — {reason}
    </p>
  );
}
