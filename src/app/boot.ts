import type { QueryClient } from '@tanstack/react-query';
import { appConfigQuery } from '@/api/app-config';
import { lockQueries } from '@/api/locks';
import { sessionQueries } from '@/api/session';
import { firstLockListParams } from './boot-prefetch';

/**
 * Puts the first screen's data into the cache: settings, session and (on the locks page) the first
 * page of locks, all at once. boot-prefetch.ts has usually started these requests already.
 */
export function startBootRequests(queryClient: QueryClient, location: Pick<Location, 'pathname' | 'search'>): Promise<unknown> {
  const requests = [queryClient.prefetchQuery(appConfigQuery), queryClient.prefetchQuery(sessionQueries.me())];
  const params = firstLockListParams(location);
  if (params) requests.push(queryClient.prefetchQuery(lockQueries.list(params)));
  return Promise.allSettled(requests);
}

/** How long the first render waits for that data, so that it can show rows at once rather than skeletons. */
export const FIRST_RENDER_WAIT_MS = 300;
