import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { type OutboxMail, alertSettingsQueries, rowsOfPages } from '@/api/alert-settings';
import { sessionQueries } from '@/api/session';
import { Button } from '@/components/button';
import { LoadFailed, Loading } from '@/components/load-state';
import { formatDate } from './contact-text';
import { ManagersOnly, SettingsPage, card, muted } from './settings-shell';

/** One kept mail: date, to and subject; opened, its plain text as sent. */
function Mail({ mail }: { mail: OutboxMail }) {
  return (
    <li className="border-t border-slate-200 first:border-t-0 dark:border-slate-800">
      <details className="group">
        <summary className="flex cursor-pointer flex-wrap items-baseline gap-x-4 gap-y-1 px-4 py-3 text-sm focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600">
          <span className={`whitespace-nowrap ${muted}`}>{formatDate(mail.date)}</span>
          <span className="break-all">To {mail.to || 'nobody'}</span>
          <span className="font-medium break-words">{mail.subject}</span>
        </summary>
        <pre className="mx-4 mb-3 overflow-x-auto rounded-md bg-slate-50 p-3 font-mono text-xs break-words whitespace-pre-wrap dark:bg-slate-950">{mail.text}</pre>
      </details>
    </li>
  );
}

function OutboxList() {
  const outbox = useInfiniteQuery(alertSettingsQueries.outbox());
  const mails = rowsOfPages(outbox.data, (m) => m.mailid);
  if (outbox.isPending) return <Loading layout="list" label="Loading the outbox…" />;
  if (outbox.isError) return <LoadFailed layout="list" title="The outbox could not be loaded." error={outbox.error} onRetry={() => void outbox.refetch()} />;
  if (mails.length === 0) return <p className={`px-4 py-8 text-center ${muted}`}>No mail has been kept.</p>;
  return (
    <>
      <ul aria-label="Kept mail">
        {mails.map((mail) => (
          <Mail key={mail.mailid} mail={mail} />
        ))}
      </ul>
      {outbox.hasNextPage && (
        <div className="border-t border-slate-200 px-4 py-3 dark:border-slate-800">
          <Button disabled={outbox.isFetchingNextPage} onClick={() => void outbox.fetchNextPage()}>
            {outbox.isFetchingNextPage ? 'Loading…' : 'Load more'}
          </Button>
        </div>
      )}
    </>
  );
}

/** `/alerts/outbox` (manager): the mail kept instead of sent while no SMTP server is set, newest first. */
export function OutboxPage() {
  const user = useQuery(sessionQueries.me()).data?.user;
  return (
    <SettingsPage title="Outbox" intro="When no SMTP server is set (SMTP_URL), alert e-mail is kept here instead of being sent. Newest first.">
      {user && user.role !== 'manager' ? (
        <ManagersOnly what="The outbox" />
      ) : (
        <section aria-label="Outbox" className={`overflow-hidden ${card}`}>
          {user ? <OutboxList /> : <Loading layout="list" label="Loading…" />}
        </section>
      )}
    </SettingsPage>
  );
}

export default OutboxPage;
