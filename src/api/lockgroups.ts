import { type QueryClient, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import * as v from 'valibot';
import { MAX_PAGE_SIZE } from '@contract/constants';
import { ApiError, getJson, request } from './client';
import { lockQueries } from './locks';
import { count, platformDate, readPaging, readRows, rowsOf, text } from './parse';

/** A lock group with the health of its locks, as the SPA sees it. */
export interface LockGroup {
  groupid: number;
  name: string;
  description: string;
  lockCount: number;
  online: number;
  offline: number;
  unlocked: number;
  lowBattery: number;
  /** "YYYY-MM-DD HH:mm:ss" in the platform's zone. */
  created: string | null;
}

const groupRowSchema = v.looseObject({
  groupid: v.pipe(v.union([v.number(), v.pipe(v.string(), v.regex(/^\d+$/))]), v.transform(Number), v.safeInteger(), v.minValue(1)),
  groupname: text,
  description: text,
  lock_count: count,
  online_count: count,
  offline_count: count,
  unlocked_count: count,
  lowbattery_count: count,
  created_date: platformDate,
});

/** One group row, or null without a usable groupid. Missing counts read as 0, a missing name as "Group N". */
export function parseLockGroup(row: unknown): LockGroup | null {
  const parsed = v.safeParse(groupRowSchema, row);
  if (!parsed.success) return null;
  const r = parsed.output;
  return {
    groupid: r.groupid,
    name: r.groupname ?? `Group ${r.groupid}`,
    description: r.description ?? '',
    lockCount: r.lock_count ?? 0,
    online: r.online_count ?? 0,
    offline: r.offline_count ?? 0,
    unlocked: r.unlocked_count ?? 0,
    lowBattery: r.lowbattery_count ?? 0,
    created: r.created_date,
  };
}

export interface LockGroupPage {
  groups: LockGroup[];
  totalCount: number | null;
  totalPages: number;
}

export interface LockGroupListParams {
  pagenumber: number;
  limit: number;
  searchkey?: string;
}

export function parseLockGroupPage(body: Record<string, unknown>, params: Pick<LockGroupListParams, 'pagenumber' | 'limit'>): LockGroupPage {
  const rows = rowsOf(body, 'lockgroupslist');
  const { totalCount, totalPages } = readPaging(body, rows.length, params);
  return { groups: readRows(rows, parseLockGroup, (group) => group.groupid).items, totalCount, totalPages };
}

/** Every group (a fleet has tens or hundreds, not thousands), page by page, for pickers and the groups page. */
async function fetchAllGroups(signal: AbortSignal): Promise<LockGroup[]> {
  const groups: LockGroup[] = [];
  const seen = new Set<number>();
  for (let pagenumber = 1; pagenumber <= 100; pagenumber += 1) {
    const params = { pagenumber, limit: MAX_PAGE_SIZE };
    const page = parseLockGroupPage(await getJson('/api/lockgroups', params, signal), params);
    for (const group of page.groups) {
      if (!seen.has(group.groupid)) {
        seen.add(group.groupid);
        groups.push(group);
      }
    }
    if (page.groups.length === 0 || pagenumber >= page.totalPages) break;
  }
  return groups;
}

async function fetchGroup(groupid: number, signal: AbortSignal): Promise<LockGroup> {
  const body = await getJson(`/api/lockgroups/${groupid}`, {}, signal);
  const group = parseLockGroup(body.lockgroup);
  if (!group) throw new ApiError(200, 'The platform sent this group without a usable group ID.');
  return group;
}

/** Query keys and fetchers for lock groups: nothing else writes a group query key. */
export const lockGroupQueries = {
  all: () => ['lockgroups'] as const,
  lists: () => [...lockGroupQueries.all(), 'list'] as const,
  /** One page, for a search as you type. */
  list: (params: LockGroupListParams) =>
    queryOptions({
      queryKey: [...lockGroupQueries.lists(), params] as const,
      queryFn: async ({ signal }) => parseLockGroupPage(await getJson('/api/lockgroups', { ...params }, signal), params),
    }),
  /** Every group, in the platform's order (by name). */
  everyGroup: () =>
    queryOptions({
      queryKey: [...lockGroupQueries.all(), 'every'] as const,
      queryFn: ({ signal }) => fetchAllGroups(signal),
    }),
  details: () => [...lockGroupQueries.all(), 'detail'] as const,
  detail: (groupid: number) =>
    queryOptions({
      queryKey: [...lockGroupQueries.details(), groupid] as const,
      queryFn: ({ signal }) => fetchGroup(groupid, signal),
    }),
};

function groupOf(body: Record<string, unknown>): LockGroup {
  const group = parseLockGroup(body.lockgroup);
  if (!group) throw new ApiError(200, 'The platform did not send the group back.');
  return group;
}

/** After any change to groups: group lists and details, and lock rows (they name their groups). */
function refreshAfterGroupChange(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: lockGroupQueries.all() });
  void queryClient.invalidateQueries({ queryKey: lockQueries.all() });
}

export function useCreateLockGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { name: string; description?: string }) =>
      groupOf(
        await request('/api/lockgroups', {
          method: 'POST',
          body: { groupname: input.name, ...(input.description !== undefined ? { description: input.description } : {}) },
        }),
      ),
    onSuccess: () => refreshAfterGroupChange(queryClient),
  });
}

export function useUpdateLockGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { groupid: number; name?: string; description?: string }) =>
      groupOf(
        await request(`/api/lockgroups/${input.groupid}`, {
          method: 'PUT',
          body: {
            ...(input.name !== undefined ? { groupname: input.name } : {}),
            ...(input.description !== undefined ? { description: input.description } : {}),
          },
        }),
      ),
    onSuccess: (group) => {
      queryClient.setQueryData(lockGroupQueries.detail(group.groupid).queryKey, group);
      refreshAfterGroupChange(queryClient);
    },
  });
}

export function useDeleteLockGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (groupid: number) => groupOf(await request(`/api/lockgroups/${groupid}`, { method: 'DELETE' })),
    onSuccess: (group) => {
      queryClient.removeQueries({ queryKey: lockGroupQueries.detail(group.groupid).queryKey });
      refreshAfterGroupChange(queryClient);
    },
  });
}

/** Adds and removes locks together; the platform applies all of it or none. */
export function useChangeGroupMembers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { groupid: number; add?: string[]; remove?: string[] }) =>
      groupOf(
        await request(`/api/lockgroups/${input.groupid}/locks`, {
          method: 'PUT',
          body: { ...(input.add?.length ? { add: input.add } : {}), ...(input.remove?.length ? { remove: input.remove } : {}) },
        }),
      ),
    onSuccess: (group) => {
      queryClient.setQueryData(lockGroupQueries.detail(group.groupid).queryKey, group);
      refreshAfterGroupChange(queryClient);
    },
  });
}
