import type { QueryClient } from '@tanstack/react-query';
import { appConfigQuery } from '@/api/app-config';
import { lockQueries } from '@/api/locks';
import { sessionQueries } from '@/api/session';
import { readLockListView, toLockListParams } from '@/features/locks/lock-list-view';

/**
 * Starts, all at once and before React renders, the requests the first screen needs:
 * no request waits for another (DESIGN.md, Budgets: no waterfall).
 */
export function startBootRequests(queryClient: QueryClient, location: Pick<Location, 'pathname' | 'search'>) {
  void queryClient.prefetchQuery(appConfigQuery);
  void queryClient.prefetchQuery(sessionQueries.me());
  if (location.pathname === '/' || location.pathname === '/locks') {
    const view = readLockListView(new URLSearchParams(location.search));
    void queryClient.prefetchQuery(lockQueries.list(toLockListParams(view)));
  }
}
