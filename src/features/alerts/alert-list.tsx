import { Link } from 'react-router';
import { Badge, type Tone } from '@/components/badge';
import { cn } from '@/components/cn';
import { RelativeTime } from '@/components/relative-time';
import { formatExact } from '@/lib/format';
import type { Alert, AlertKind } from './alert-rules';

export const ALERT_KIND: Record<AlertKind, { label: string; tone: Tone }> = {
  unlocked: { label: 'Unlocked', tone: 'amber' },
  locked: { label: 'Locked', tone: 'slate' },
  offline: { label: 'Offline', tone: 'red' },
  online: { label: 'Back online', tone: 'green' },
  'battery-low': { label: 'Battery low', tone: 'amber' },
  'battery-critical': { label: 'Battery critical', tone: 'red' },
  'away-summary': { label: 'While away', tone: 'blue' },
};

/** Alerts, newest first; each leads to its lock (a summary leads to Activity). */
export function AlertList({ alerts, onNavigate }: { alerts: readonly Alert[]; onNavigate?: () => void }) {
  if (alerts.length === 0) {
    return <p className="px-3 py-6 text-center text-sm text-slate-600 dark:text-slate-300">No alerts yet. They appear here as things happen.</p>;
  }
  return (
    <ul className="divide-y divide-slate-200 dark:divide-slate-800">
      {alerts.map((alert) => {
        const href = alert.kind === 'away-summary' ? '/activity' : alert.lockid ? `/locks/${encodeURIComponent(alert.lockid)}` : null;
        const kind = ALERT_KIND[alert.kind];
        return (
          <li key={alert.id} data-alert-kind={alert.kind} className={cn('flex gap-3 px-3 py-2.5 text-sm', !alert.read && 'bg-indigo-50/60 dark:bg-indigo-500/10')}>
            <span aria-hidden="true" className={cn('mt-1.5 size-2 shrink-0 rounded-full', alert.read ? 'bg-transparent' : 'bg-indigo-600 dark:bg-indigo-400')} />
            <div className="min-w-0 flex-1">
              <div className="flex flex-wrap items-center gap-2">
                <Badge tone={kind.tone}>{kind.label}</Badge>
                {!alert.read && <span className="sr-only">Unread:</span>}
                {href ? (
                  <Link to={href} onClick={onNavigate} className="font-medium text-slate-900 underline-offset-2 hover:underline dark:text-white">
                    {alert.title}
                  </Link>
                ) : (
                  <span className="font-medium">{alert.title}</span>
                )}
              </div>
              <p className="mt-0.5 text-slate-600 dark:text-slate-300">{alert.detail}</p>
              <p className="mt-0.5 text-xs text-slate-500 dark:text-slate-400" title={formatExact(alert.at)}>
                <RelativeTime ms={alert.at} />
              </p>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
