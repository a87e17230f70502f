import { useInfiniteQuery } from '@tanstack/react-query';
import { type DeliveryRow, alertSettingsQueries, rowsOfPages } from '@/api/alert-settings';
import { Button } from '@/components/button';
import { LoadFailed, Loading } from '@/components/load-state';
import { deliveryStateText, formatDate } from './contact-text';
import { muted, tdClass, TableHead } from './settings-shell';

const HEADINGS = ['Date', 'State', 'Status code', 'Attempt', 'Detail', 'Next attempt'];

function DeliveryLine({ delivery }: { delivery: DeliveryRow }) {
  const problem = delivery.state === 'failed' || delivery.state === 'dead';
  return (
    <tr className="border-t border-slate-200 dark:border-slate-800">
      <td className={`${tdClass} whitespace-nowrap`}>{formatDate(delivery.date)}</td>
      <td className={`${tdClass} ${problem ? 'font-medium text-red-700 dark:text-red-300' : ''}`}>{deliveryStateText(delivery)}</td>
      <td className={tdClass}>{delivery.statusCode ?? '—'}</td>
      <td className={tdClass}>{delivery.attempt ?? '—'}</td>
      <td className={`${tdClass} break-words`}>{delivery.detail || '—'}</td>
      <td className={`${tdClass} whitespace-nowrap`}>{delivery.nextAttempt === null ? '—' : formatDate(delivery.nextAttempt)}</td>
    </tr>
  );
}

/** A contact's delivery log, newest first, a page at a time. */
export function ContactDeliveries({ contactid, name }: { contactid: number; name: string }) {
  const log = useInfiniteQuery(alertSettingsQueries.deliveries(contactid));
  const rows = rowsOfPages(log.data, (d) => d.deliveryid);
  if (log.isPending) return <Loading layout="list" label={`Loading the deliveries to ${name}…`} />;
  if (log.isError) return <LoadFailed layout="list" title="The deliveries could not be loaded." error={log.error} onRetry={() => void log.refetch()} />;
  if (rows.length === 0) return <p className={`px-3 py-3 text-sm ${muted}`}>Nothing has been sent to {name} yet.</p>;
  return (
    <div className="flex flex-col items-start gap-2 overflow-x-auto">
      <table aria-label={`Deliveries to ${name}`} className="w-full text-left text-sm">
        <TableHead headings={HEADINGS} plain />
        <tbody>
          {rows.map((delivery) => (
            <DeliveryLine key={delivery.deliveryid} delivery={delivery} />
          ))}
        </tbody>
      </table>
      {log.hasNextPage && (
        <Button size="sm" disabled={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
          {log.isFetchingNextPage ? 'Loading…' : 'Load more'}
        </Button>
      )}
    </div>
  );
}
