import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { platformDateToMs } from '@contract/platform-date';
import { appConfigQuery } from '@/api/app-config';
import { type LockEvent, eventQueries } from '@/api/events';
import { RANGE_DAYS, type ReadingsRange, readingsQueries, utcPlatformDate } from '@/api/readings';
import type { InboxAlert } from '@/api/team-alerts';
import { useSharedClock } from '@/lib/use-now';

/** Something marked on the charts: a remote command sent to the lock, or a team alert about it. */
export interface TrendMarker {
  key: string;
  ms: number;
  kind: 'command' | 'alert';
  label: string;
}

/** Remote commands looked at (one page of the lock's history since the range began). */
export const MARKER_EVENTS = 100;

/** The range's first day (UTC), so the events query's key changes once a day, not every render. */
function rangeStartDay(range: ReadingsRange, now: number): string {
  return `${utcPlatformDate(now - RANGE_DAYS[range] * 86_400_000).slice(0, 10)} 00:00:00`;
}

function commandMarker(event: LockEvent, timezone: string): TrendMarker | null {
  const ms = platformDateToMs(event.date, timezone);
  if (event.method !== 'remote' || ms === null) return null;
  const what = event.type ? event.type.replaceAll('_', ' ') : 'command';
  return { key: `e${event.eventid}`, ms, kind: 'command', label: `Remote command: ${what}${event.actor ? ` by ${event.actor}` : ''}` };
}

function alertMarker(alert: InboxAlert): TrendMarker | null {
  if (alert.openedAt === null) return null;
  return { key: `a${alert.alertid}`, ms: alert.openedAt, kind: 'alert', label: `Alert: ${alert.title}` };
}

/**
 * The lock's remote commands (with an event history) and its team alerts within the range, oldest
 * first; asked for only once there are charts to mark (`enabled`).
 */
export function useTrendMarkers(lockid: string, range: ReadingsRange, enabled: boolean): TrendMarker[] {
  const config = useQuery(appConfigQuery).data;
  const now = useSharedClock();
  const from = rangeStartDay(range, now);
  const events = useQuery({
    ...eventQueries.history(lockid, { pagenumber: 1, limit: MARKER_EVENTS, from }),
    enabled: enabled && !!config?.features.eventHistory,
  }).data;
  const alerts = useQuery({ ...readingsQueries.lockAlerts(lockid), enabled: enabled && !!config }).data;
  const timezone = config?.timezone ?? 'UTC';
  return useMemo(() => {
    // From the range's first day: the list changes once a day, not with every tick of the clock.
    const start = platformDateToMs(from, 'UTC') ?? 0;
    const commands = (events?.events ?? []).map((e) => commandMarker(e, timezone));
    const raised = (alerts ?? []).filter((a) => a.lockid === lockid || a.lockids.includes(lockid)).map(alertMarker);
    return [...commands, ...raised].filter((m): m is TrendMarker => m !== null && m.ms >= start).sort((a, b) => a.ms - b.ms);
  }, [events, alerts, timezone, from, lockid]);
}
