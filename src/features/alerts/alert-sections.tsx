import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { appConfigQuery } from '@/api/app-config';
import { type InboxAlert, teamAlertQueries } from '@/api/team-alerts';
import { Button } from '@/components/button';
import { LoadFailed, Loading } from '@/components/load-state';
import { AlertItem } from './alert-item';

const card = 'overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-800';
const list = 'divide-y divide-slate-200 dark:divide-slate-800';

interface ItemProps {
  manager: boolean;
  onMarkRead: (alertid: number) => void;
}

export function OpenAlerts({ alerts, ...item }: ItemProps & { alerts: readonly InboxAlert[] }) {
  return (
    <section aria-labelledby="open-alerts" className={card}>
      <h2 id="open-alerts" className="border-b border-slate-200 px-4 py-2 text-lg font-semibold dark:border-slate-800">
        Open alerts <span className="font-normal text-slate-600 dark:text-slate-300">({alerts.length})</span>
      </h2>
      {alerts.length === 0 ? (
        <p className="px-4 py-6 text-center text-sm text-slate-600 dark:text-slate-300">Nothing is open. New alerts appear here as they happen.</p>
      ) : (
        <ul className={list}>
          {alerts.map((alert) => (
            <AlertItem key={alert.alertid} alert={alert} {...item} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** Every alert not in the open list, newest first, a page at a time; refreshed at the poll interval unless paused. */
export function useAlertHistory(openIds: ReadonlySet<number> | null, paused: boolean) {
  const config = useQuery(appConfigQuery).data;
  const history = useInfiniteQuery({ ...teamAlertQueries.history(), refetchInterval: paused ? false : (config?.pollIntervalMs ?? false) });
  const alerts = useMemo(() => {
    const seen = new Set<number>();
    // Until the open alerts are known, the history would show them too: it waits for them.
    if (openIds === null) return null;
    return (history.data?.pages ?? []).flatMap((page) =>
      page.alerts.filter((a) => {
        if (openIds.has(a.alertid) || seen.has(a.alertid)) return false;
        seen.add(a.alertid);
        return true;
      }),
    );
  }, [history.data, openIds]);
  return { history, alerts };
}

export function AlertHistory({ state, ...item }: ItemProps & { state: ReturnType<typeof useAlertHistory> }) {
  const { history, alerts } = state;
  return (
    <section aria-labelledby="alert-history" className={card}>
      <h2 id="alert-history" className="border-b border-slate-200 px-4 py-2 text-lg font-semibold dark:border-slate-800">
        History
      </h2>
      {history.isPending || alerts === null ? (
        <Loading label="Loading the history" layout="list" />
      ) : history.isError && !history.data ? (
        <LoadFailed title="The history could not be loaded" error={history.error} onRetry={() => void history.refetch()} layout="list" />
      ) : alerts.length === 0 && !history.hasNextPage ? (
        <p className="px-4 py-6 text-center text-sm text-slate-600 dark:text-slate-300">No earlier alerts.</p>
      ) : (
        <ul className={list}>
          {alerts.map((alert) => (
            <AlertItem key={alert.alertid} alert={alert} {...item} />
          ))}
        </ul>
      )}
      {history.hasNextPage && alerts !== null && (
        <div className="border-t border-slate-200 px-4 py-2 dark:border-slate-800">
          <Button size="sm" aria-disabled={history.isFetchingNextPage || undefined} onClick={() => !history.isFetchingNextPage && void history.fetchNextPage()}>
            {history.isFetchingNextPage ? 'Loading…' : 'Load more'}
          </Button>
        </div>
      )}
    </section>
  );
}
