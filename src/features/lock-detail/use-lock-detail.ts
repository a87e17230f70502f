import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { appConfigQuery } from '@/api/app-config';
import { useCommandInFlight } from '@/api/lock-commands';
import { type Lock, lockFromLists, lockQueries } from '@/api/locks';
import { useLiveUpdatesPaused } from '@/lib/live-updates';

/**
 * One lock, polled (held while paused or while a command is on its way), seeded from the lists that
 * hold it. Lock ids are case-insensitive: when the platform answers with the lock's own spelling, the
 * page moves to its canonical address (the cache already holds it there, so nothing is fetched again).
 */
export function useLockDetail(lockid: string) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const config = useQuery(appConfigQuery).data;
  const paused = useLiveUpdatesPaused();
  const inFlight = useCommandInFlight();

  const viaList = config?.features ? !config.features.lockDetail : false;
  const detail = useQuery({
    ...lockQueries.detail(lockid, viaList),
    placeholderData: () => lockFromLists(queryClient, lockid),
    refetchInterval: paused || inFlight || !config ? false : config.pollIntervalMs,
  });
  const lock = detail.data;

  const canonical = lock && !detail.isPlaceholderData && lock.lockid !== lockid && lock.lockid.toLowerCase() === lockid.toLowerCase() ? lock : null;
  useEffect(() => {
    if (!canonical) return;
    queryClient.setQueryData<Lock>(lockQueries.detail(canonical.lockid, viaList).queryKey, canonical);
    void navigate(`/locks/${encodeURIComponent(canonical.lockid)}${location.search}`, { replace: true, state: location.state });
  }, [canonical, queryClient, viaList, navigate, location.search, location.state]);

  return { config, paused, detail };
}
