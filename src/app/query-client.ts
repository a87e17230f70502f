import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '@/api/client';

/**
 * Polls retry once, quickly, so that a lost connection shows within a couple of seconds;
 * an answer the platform gave on purpose (4xx, status 0) is not retried.
 */
export function createQueryClient() {
  return new QueryClient({
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
}
