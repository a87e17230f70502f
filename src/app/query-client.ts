import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from '@/api/client';
import { sessionQueries } from '@/api/session';
import { isServerReachable, subscribeConnection } from '@/lib/connection';

/**
 * Polls retry once, quickly, so that a lost connection shows within a couple of seconds;
 * an answer the platform gave on purpose (4xx, status 0) is not retried. A 401 while signed in
 * means the session ended (expired, or revoked upstream): the app returns to the sign-in page.
 */
export function createQueryClient() {
  const onError = (error: unknown) => {
    if (!(error instanceof ApiError) || error.status !== 401) return;
    const key = sessionQueries.me().queryKey;
    if (client.getQueryData(key)?.user) client.setQueryData(key, { user: null, ended: 'expired' });
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 2_000,
        retry: (failures, error) => failures < 1 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
        retryDelay: 1_000,
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });
  return client;
}

/** In the browser (start.tsx): once the server is back (lib/connection.ts), what is on screen is fetched again now, not at its next poll. */
export function refetchWhenReconnected(client: QueryClient): void {
  let reachable = isServerReachable();
  subscribeConnection(() => {
    const now = isServerReachable();
    if (now && !reachable) void client.refetchQueries({ type: 'active' });
    reachable = now;
  });
}
