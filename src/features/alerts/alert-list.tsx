import { useId } from 'react';
import { Link } from 'react-router';
import { Badge, type Tone } from '@/components/badge';
import { Button } from '@/components/button';
import { cn } from '@/components/cn';
import { RelativeTime } from '@/components/relative-time';
import { formatExact } from '@/lib/format';
import type { Alert, AlertKind } from './alert-rules';
import { LockNow } from './lock-now';

export const ALERT_KIND: Record<AlertKind, { label: string; tone: Tone }> = {
  'left-unlocked': { label: 'Left unlocked', tone: 'red' },
  unlocked: { label: 'Unlocked', tone: 'amber' },
  locked: { label: 'Locked', tone: 'slate' },
  offline: { label: 'Offline', tone: 'red' },
  online: { label: 'Back online', tone: 'green' },
  'battery-low': { label: 'Battery low', tone: 'amber' },
  'battery-critical': { label: 'Battery critical', tone: 'red' },
  'access-denied': { label: 'Access denied', tone: 'amber' },
  'access-denied-burst': { label: 'Possible break-in', tone: 'red' },
  'away-summary': { label: 'While away', tone: 'blue' },
};

/** The alert center's filters: each a group of kinds ("All" shows every kind, summaries included). */
export const ALERT_FILTERS = [
  { value: 'all', label: 'All', kinds: null },
  { value: 'left-unlocked', label: 'Left unlocked', kinds: ['left-unlocked'] },
  { value: 'connection', label: 'Offline / online', kinds: ['offline', 'online'] },
  { value: 'battery', label: 'Battery', kinds: ['battery-critical', 'battery-low'] },
  { value: 'access', label: 'Access denied', kinds: ['access-denied-burst', 'access-denied'] },
  { value: 'door-use', label: 'Door use', kinds: ['unlocked', 'locked'] },
] as const satisfies readonly { value: string; label: string; kinds: readonly AlertKind[] | null }[];

export type AlertFilterValue = (typeof ALERT_FILTERS)[number]['value'];

export function isAlertFilter(value: string | null): value is AlertFilterValue {
  return ALERT_FILTERS.some((f) => f.value === value);
}

export function filterKinds(filter: AlertFilterValue): readonly AlertKind[] | null {
  return ALERT_FILTERS.find((f) => f.value === filter)?.kinds ?? null;
}

/** The alerts of a filter, newest first, those pinned until dismissed (a possible break-in) on top. */
export function filterAlerts(alerts: readonly Alert[], filter: AlertFilterValue): readonly Alert[] {
  const kinds = filterKinds(filter);
  const shown = kinds ? alerts.filter((a) => kinds.includes(a.kind)) : alerts;
  return shown.some((a) => a.pinned) ? [...shown.filter((a) => a.pinned), ...shown.filter((a) => !a.pinned)] : shown;
}

/** One choice among the filters (native radios, shown as chips), each with its unread count. */
export function AlertFilter({ alerts, value, onChange }: { alerts: readonly Alert[]; value: AlertFilterValue; onChange: (value: AlertFilterValue) => void }) {
  const name = useId();
  return (
    <fieldset className="flex flex-wrap items-center gap-1.5">
      <legend className="sr-only">Show alerts of kind</legend>
      {ALERT_FILTERS.map((filter) => {
        const unread = filterAlerts(alerts, filter.value).filter((a) => !a.read).length;
        return (
          <label
            key={filter.value}
            className={cn(
              'relative inline-flex min-h-8 cursor-pointer items-center gap-1.5 rounded-full px-3 text-xs font-medium ring-1 ring-inset has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-indigo-600 dark:has-[:focus-visible]:outline-indigo-400',
              value === filter.value
                ? 'bg-indigo-600 text-white ring-indigo-600 dark:ring-indigo-400'
                : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50 dark:bg-slate-900 dark:text-slate-200 dark:ring-slate-600 dark:hover:bg-slate-800',
            )}
          >
            <input
              type="radio"
              name={name}
              // Invisible but as large as the chip: the whole chip is the radio's target.
              className="absolute inset-0 size-full cursor-pointer appearance-none rounded-full opacity-0"
              aria-label={unread > 0 ? `${filter.label}, ${unread} unread` : filter.label}
              checked={value === filter.value}
              onChange={() => onChange(filter.value)}
            />
            {filter.label}
            {unread > 0 && (
              <span aria-hidden="true" className={cn('tabular-nums', value === filter.value ? 'text-indigo-100' : 'text-slate-600 dark:text-slate-300')}>
                · {unread}
              </span>
            )}
          </label>
        );
      })}
    </fieldset>
  );
}

/** Alerts, as given; each leads to its lock (a summary leads to Activity); a pinned one has "Dismiss". */
export function AlertList({
  alerts,
  onNavigate,
  onDismiss,
  empty,
}: {
  alerts: readonly Alert[];
  onNavigate?: () => void;
  onDismiss: (id: string) => void;
  empty?: string;
}) {
  if (alerts.length === 0) {
    return <p className="px-3 py-6 text-center text-sm text-slate-600 dark:text-slate-300">{empty ?? 'No alerts yet. They appear here as things happen.'}</p>;
  }
  return (
    <ul className="divide-y divide-slate-200 dark:divide-slate-800">
      {alerts.map((alert) => {
        const href = alert.kind === 'away-summary' ? '/activity' : alert.lockid ? `/locks/${encodeURIComponent(alert.lockid)}` : null;
        const kind = ALERT_KIND[alert.kind];
        return (
          <li
            key={alert.id}
            data-alert-kind={alert.kind}
            data-unread={alert.read ? undefined : true}
            className={cn('flex gap-3 px-3 py-2.5 text-sm', !alert.read && 'bg-indigo-50/60 dark:bg-indigo-500/10')}
          >
            <span aria-hidden="true" className={cn('mt-1.5 size-2 shrink-0 rounded-full', alert.read ? 'bg-transparent' : 'bg-indigo-600 dark:bg-indigo-400')} />
            <div className="min-w-0 flex-1">
              <div className="flex flex-wrap items-center gap-2">
                <Badge tone={kind.tone}>{kind.label}</Badge>
                {!alert.read && <span className="sr-only">Unread:</span>}
                {href ? (
                  <Link to={href} onClick={onNavigate} className="font-medium break-words text-slate-900 underline-offset-2 hover:underline dark:text-white">
                    {alert.title}
                  </Link>
                ) : (
                  <span className="font-medium break-words">{alert.title}</span>
                )}
              </div>
              <p className="mt-0.5 text-slate-600 dark:text-slate-300">{alert.detail}</p>
              {alert.kind === 'left-unlocked' && (
                <div className="mt-1.5">
                  <LockNow alertId={alert.id} />
                </div>
              )}
              {/* slate-600/300: at least 4.5:1 on the unread tint too, in both themes */}
              <p className="mt-0.5 text-xs text-slate-600 dark:text-slate-300" title={formatExact(alert.at)}>
                <RelativeTime ms={alert.at} />
              </p>
            </div>
            {alert.pinned && (
              <Button size="sm" onClick={() => onDismiss(alert.id)} aria-label={`Dismiss: ${alert.title}`} className="self-start">
                Dismiss
              </Button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
