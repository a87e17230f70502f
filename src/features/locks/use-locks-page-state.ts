import { hashKey, keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Features } from '@contract/app-config';
import { appConfigQuery } from '@/api/app-config';
import { useCommandInFlight } from '@/api/lock-commands';
import { lockGroupQueries } from '@/api/lockgroups';
import { lockQueries } from '@/api/locks';
import { sessionQueries } from '@/api/session';
import { useLiveUpdatesPaused } from '@/lib/live-updates';
import { useUrlState } from '@/lib/use-url-state';
import { type LockListView, readLockListView, toLockFilterParams, toLockListParams, writeLockListView } from './lock-list-view';
import { useListReturn } from './use-list-return';
import { useLockChangeTracker } from './use-lock-change-tracker';

/** The list's group filter, by name when the groups are known (the lockdown link and the unlock question name it). */
export interface GroupFilterRef {
  groupid: number;
  name: string | null;
}

/** Every group (for the filter and "Add to group"), the filtered group, and whether the filter names no group. */
function useGroupFilter(group: number | null, groupsOn: boolean) {
  const groups = useQuery({ ...lockGroupQueries.everyGroup(), enabled: groupsOn }).data;
  const found = group !== null && groupsOn ? (groups?.find((g) => g.groupid === group) ?? null) : null;
  const filterGroup: GroupFilterRef | null = group !== null && groupsOn ? { groupid: group, name: found?.name ?? null } : null;
  const unknownGroup = group !== null && groupsOn && groups !== undefined && found === null;
  return { groups, filterGroup, unknownGroup };
}

/**
 * The page of locks, polled, and the chip counts for the list's own search and filters; "All" for the
 * search alone (one request when no chip is on).
 */
function useLockListQueries(view: LockListView, features: Features | undefined, refetchInterval: number | false) {
  const listQuery = lockQueries.list(toLockListParams(view, features));
  const list = useQuery({ ...listQuery, placeholderData: keepPreviousData, refetchInterval });
  const summaryEnabled = !!features?.lockSummary;
  const filtered = useQuery({
    ...lockQueries.summary(toLockFilterParams(view, features)),
    enabled: summaryEnabled,
    placeholderData: keepPreviousData,
    refetchInterval,
  });
  const unfiltered = useQuery({
    ...lockQueries.summary(toLockFilterParams({ q: view.q, status: [], group: view.group }, features)),
    enabled: summaryEnabled,
    placeholderData: keepPreviousData,
    refetchInterval,
  });
  const refresh = () => {
    void list.refetch();
    if (summaryEnabled) {
      void filtered.refetch();
      void unfiltered.refetch();
    }
  };
  const counts = summaryEnabled ? { filtered: filtered.data, unfiltered: unfiltered.data } : null;
  return { list, listKey: hashKey(listQuery.queryKey), counts, refresh };
}

/**
 * The locks page's state: its view in the URL (search, chips, group, sort, page), the list and its
 * counts polled (held while paused or while a command is on its way), the rows a poll changed, and
 * the way back to where the list was left.
 */
export function useLocksPageState() {
  const config = useQuery(appConfigQuery).data;
  const features = config?.features;
  const user = useQuery(sessionQueries.me()).data?.user;
  const [view, setView] = useUrlState(readLockListView, writeLockListView);
  const paused = useLiveUpdatesPaused();
  const inFlight = useCommandInFlight();
  // Polls hold while a command is on its way, so that none can show the state from before it.
  const refetchInterval = paused || inFlight || !config ? false : config.pollIntervalMs;
  const groupsOn = !!features?.lockGroups;
  const groupFilter = useGroupFilter(view.group, groupsOn);
  const { list, listKey, counts, refresh } = useLockListQueries(view, features, refetchInterval);

  const page = list.data;
  const settled = !!page && !list.isPlaceholderData;
  const { highlighted, announcement } = useLockChangeTracker(page, listKey, settled);
  useListReturn(settled);

  // A page past the end (a shared link, or locks removed meanwhile) moves to the last page.
  useEffect(() => {
    if (!page || !settled) return;
    const last = Math.max(page.totalPages, 1);
    if (view.page > last) setView({ page: last }, { replace: true });
  }, [page, settled, view.page, setView]);

  return { config, features, user, view, setView, paused, list, page, settled, counts, refresh, groupsOn, ...groupFilter, highlighted, announcement };
}
