import { useQuery } from '@tanstack/react-query';
import { appConfigQuery } from '@/api/app-config';
import { lockQueries } from '@/api/locks';

/** What a lock is called before (or without) its name: its id. */
export const lockFallbackName = (lockid: string) => `Lock #${lockid}`;

/**
 * A lock's name through the lock page's own query (one cache for both), or "Lock #id" while it loads,
 * when the platform has no such lock or no name for it. `resolve: false` asks nothing. One query per
 * lock rather than useQueries, which would join the locks page's bundle (see state-lockdown.tsx).
 */
export function LockName({ lockid, resolve = true }: { lockid: string; resolve?: boolean }) {
  const features = useQuery(appConfigQuery).data?.features;
  const lock = useQuery({ ...lockQueries.detail(lockid, !features?.lockDetail), enabled: resolve && !!features, staleTime: 60_000 });
  return <>{lock.data?.name ?? lockFallbackName(lockid)}</>;
}
