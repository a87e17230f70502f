import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { DeliveryState } from '@contract/team-alerts';
import { teamAlertQueries } from '@/api/team-alerts';
import { formatExact } from '@/lib/format';

const STATE_TEXT: Record<DeliveryState, string> = { sent: 'Sent', retrying: 'Retrying', failed: 'Failed', dead: 'Dead (gave up)' };
const CHANNEL_TEXT = { email: 'E-mail', webhook: 'Webhook', slack: 'Slack' } as const;
const cell = 'px-2 py-1.5 text-left align-top';

function DeliveryLog({ alertid }: { alertid: number }) {
  const log = useQuery(teamAlertQueries.deliveries(alertid));
  if (log.isPending) return <p className="px-2 py-1.5 text-sm">Loading deliveries…</p>;
  if (log.isError) return <p role="alert" className="px-2 py-1.5 text-sm text-red-700 dark:text-red-300">{log.error.message}</p>;
  if (log.data.length === 0) return <p className="px-2 py-1.5 text-sm">Nothing was sent for this alert (no recipients, or none yet).</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">Deliveries of this alert</caption>
        <thead className="text-xs text-slate-600 dark:text-slate-300">
          <tr>
            {['Channel', 'Contact', 'State', 'Status code', 'Date', 'Detail'].map((h) => (
              <th key={h} scope="col" className={cell}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {log.data.map((d) => (
            <tr key={d.deliveryid} className="border-t border-slate-200 dark:border-slate-800">
              <td className={cell}>{d.channel ? CHANNEL_TEXT[d.channel] : 'Unknown'}</td>
              <td className={cell}>{d.contactid === null ? '—' : `Contact ${d.contactid}`}</td>
              <td className={cell}>
                {d.state ? STATE_TEXT[d.state] : 'Unknown'}
                {d.attempt !== null && d.attempt > 1 ? ` (attempt ${d.attempt})` : ''}
              </td>
              <td className={`${cell} tabular-nums`}>{d.statusCode ?? '—'}</td>
              <td className={`${cell} whitespace-nowrap`}>{d.date === null ? '—' : formatExact(d.date)}</td>
              <td className={`${cell} break-words`}>{d.detail || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Managers: an alert's delivery log, fetched when the disclosure opens. */
export function Deliveries({ alertid }: { alertid: number }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="mt-2 text-sm" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="inline-flex min-h-8 cursor-pointer items-center rounded font-medium text-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:text-indigo-300">
        Deliveries
      </summary>
      {open && <DeliveryLog alertid={alertid} />}
    </details>
  );
}
