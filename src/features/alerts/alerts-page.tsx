import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { sessionQueries } from '@/api/session';
import { useMarkRead, useOpenTeamAlerts } from '@/api/team-alerts';
import { Button } from '@/components/button';
import { ConnectionLost, LiveStatus } from '@/components/live-status';
import { LoadFailed, Loading } from '@/components/load-state';
import { useLiveUpdatesPaused } from '@/lib/live-updates';
import { AlertHistory, OpenAlerts, useAlertHistory } from './alert-sections';
import { NotifierNotice } from './notifier-notice';
import { useHeldWhilePaused } from './use-held-while-paused';

const MANAGER_LINKS = [
  { to: '/alerts/rules', label: 'Rules' },
  { to: '/alerts/contacts', label: 'Contacts' },
  { to: '/alerts/outbox', label: 'Outbox' },
];

function ManagerLinks() {
  return (
    <nav aria-label="Alert settings" className="flex flex-wrap gap-2">
      {MANAGER_LINKS.map((link) => (
        <Link
          key={link.to}
          to={link.to}
          className="inline-flex min-h-9 items-center rounded-md px-3 text-sm font-medium text-indigo-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:text-indigo-300 dark:ring-slate-700 dark:hover:bg-slate-800"
        >
          {link.label}
        </Link>
      ))}
    </nav>
  );
}

/**
 * `/alerts`, the team inbox: the open alerts (worst first), then the history. Opening it marks
 * nothing read: "Mark read" on an alert, or "Mark all read", does. Managers acknowledge and read the
 * delivery log; support reads.
 */

/** "2 open alerts unread, and 3 in the history." */
function unreadSentence(open: number, history: number): string {
  const first = `${open} open alert${open === 1 ? '' : 's'} unread`;
  return history === 0 ? `${first}.` : `${first}, and ${history} in the history.`;
}

export function AlertsPage() {
  const user = useQuery(sessionQueries.me()).data?.user;
  const paused = useLiveUpdatesPaused();
  const open = useOpenTeamAlerts();
  const openAlerts = useHeldWhilePaused(open.data?.alerts, paused);
  const openIds = useMemo(() => (openAlerts ? new Set(openAlerts.map((a) => a.alertid)) : null), [openAlerts]);
  const history = useAlertHistory(openIds, paused);
  const markRead = useMarkRead();
  if (!user) return null;
  const manager = user.role === 'manager';
  // The bell counts unread open alerts: the page says the same number first, then the history's.
  const openUnread = (openAlerts ?? []).filter((a) => !a.read).length;
  const historyUnread = (history.alerts ?? []).filter((a) => !a.read).length;
  const unread = openUnread + historyUnread;
  const item = { manager, onMarkRead: (alertid: number) => markRead.mutate({ alertids: [alertid] }) };
  return (
    <div className="mx-auto flex max-w-screen-lg flex-col gap-4 px-4 py-6 sm:px-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">Alerts</h1>
        <div className="flex flex-wrap items-center gap-2">
          {manager && <ManagerLinks />}
          <Button onClick={() => markRead.mutate({ all: true })} disabled={unread === 0}>
            Mark all read
          </Button>
        </div>
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-300">
        {unread === 0 ? 'Everything read.' : unreadSentence(openUnread, historyUnread)}
        {manager ? '' : ' Managers acknowledge alerts; you see them as they do.'}
      </p>
      {markRead.isError && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          Could not mark read: {markRead.error.message}
        </p>
      )}
      <LiveStatus updatedAt={open.dataUpdatedAt} paused={paused} refreshing={open.isFetching} onRefresh={() => void open.refetch()} />
      {open.isRefetchError && <ConnectionLost since={open.dataUpdatedAt} reason={open.error.message} />}
      <NotifierNotice notifier={open.data?.notifier ?? null} />
      {open.isPending ? (
        <Loading label="Loading the open alerts" layout="page" />
      ) : open.isError && !open.data ? (
        <LoadFailed title="The alerts could not be loaded" error={open.error} onRetry={() => void open.refetch()} layout="page" />
      ) : (
        <OpenAlerts alerts={openAlerts ?? open.data.alerts} {...item} />
      )}
      <AlertHistory state={history} {...item} />
    </div>
  );
}

export default AlertsPage;
