import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import * as v from 'valibot';
import type { LockdownBody } from '@contract/schedules';
import { ApiError, getJson, request } from './client';
import { eventQueries } from './events';
import { type Lock, lockQueries, parseLock, storeLock } from './locks';
import { count, identifier, platformDate, rowsOf, text } from './parse';

/**
 * Lockdowns as a state on the platform (`features.lockdowns`, DESIGN "Schedules and lockdown"):
 * the active ones (the banner polls them), starting one, lifting one, and a manager's unlock with
 * a reason during one. Read leniently: a row without a usable id is left out, anything else unclear is null.
 */
export type LockdownScope = { all: true } | { groupids: number[] };

export interface Lockdown {
  lockdownid: number;
  scope: LockdownScope;
  startedBy: string | null;
  /** "YYYY-MM-DD HH:mm:ss" in the platform's zone. */
  startedDate: string | null;
  liftedBy: string | null;
  liftedDate: string | null;
  /** Locks it holds; null when the platform did not say. */
  lockCount: number | null;
  /** Locks in scope that were offline: they lock as soon as they are back. */
  pendingLockids: string[];
}

const positiveId = v.pipe(v.union([v.number(), v.pipe(v.string(), v.regex(/^\d+$/))]), v.transform(Number), v.safeInteger(), v.minValue(1));

const lockdownRowSchema = v.looseObject({
  lockdownid: positiveId,
  scope: v.fallback(v.unknown(), null),
  started_by: text,
  started_date: platformDate,
  lifted_by: text,
  lifted_date: platformDate,
  lock_count: count,
  pending_lockids: v.fallback(v.array(v.unknown()), []),
});

/** `{all: true}`, `{groupids}`, or (unreadable) the whole fleet: a lockdown is never shown as smaller than it may be. */
function parseScope(value: unknown): LockdownScope {
  if (typeof value !== 'object' || value === null) return { all: true };
  const ids = (value as { groupids?: unknown }).groupids;
  if (!Array.isArray(ids)) return { all: true };
  const groupids = [...new Set(ids.flatMap((id) => {
    const parsed = v.safeParse(positiveId, id);
    return parsed.success ? [parsed.output] : [];
  }))];
  return groupids.length > 0 ? { groupids } : { all: true };
}

function lockidsOf(values: unknown[]): string[] {
  return [...new Set(values.flatMap((value) => {
    const parsed = v.safeParse(identifier, value);
    return parsed.success ? [parsed.output] : [];
  }))];
}

/** One lockdown, or null without a usable id. */
export function parseLockdown(row: unknown): Lockdown | null {
  const parsed = v.safeParse(lockdownRowSchema, row);
  if (!parsed.success) return null;
  const r = parsed.output;
  return {
    lockdownid: r.lockdownid,
    scope: parseScope(r.scope),
    startedBy: r.started_by,
    startedDate: r.started_date,
    liftedBy: r.lifted_by,
    liftedDate: r.lifted_date,
    lockCount: r.lock_count,
    pendingLockids: lockidsOf(r.pending_lockids),
  };
}

export function parseLockdownList(body: Record<string, unknown>): Lockdown[] {
  const seen = new Set<number>();
  return rowsOf(body, 'lockdownslist').flatMap((row) => {
    const lockdown = parseLockdown(row);
    if (!lockdown || seen.has(lockdown.lockdownid)) return [];
    seen.add(lockdown.lockdownid);
    return [lockdown];
  });
}

function lockdownOf(body: Record<string, unknown>): Lockdown {
  const lockdown = parseLockdown(body.lockdown);
  if (!lockdown) throw new ApiError(200, 'The platform did not send the lockdown back.');
  return lockdown;
}

export const lockdownQueries = {
  all: () => ['lockdowns'] as const,
  active: () =>
    queryOptions({
      queryKey: [...lockdownQueries.all(), 'active'] as const,
      queryFn: async ({ signal }) => parseLockdownList(await getJson('/api/lockdowns', { state: 'active' }, signal)),
    }),
};

/** After a lockdown starts or ends: every lock's `lockdown`, the chips' counts, Activity and the banner. */
function useRefreshAfterLockdown() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: lockdownQueries.all() });
    void queryClient.invalidateQueries({ queryKey: lockQueries.all() });
    void queryClient.invalidateQueries({ queryKey: eventQueries.all() });
  };
}

export function useStartLockdown() {
  const refresh = useRefreshAfterLockdown();
  return useMutation({
    mutationFn: async (body: LockdownBody) => lockdownOf(await request('/api/lockdowns', { method: 'POST', body })),
    onSettled: refresh,
  });
}

export function useLiftLockdown() {
  const refresh = useRefreshAfterLockdown();
  return useMutation({
    mutationFn: async (lockdownid: number) => lockdownOf(await request(`/api/lockdowns/${lockdownid}/lift`, { method: 'POST' })),
    onSettled: refresh,
  });
}

/** A manager's unlock of a lock in lockdown: audited with its reason; a 423 carries the platform's own `msg`. */
export function useOverrideUnlock() {
  const queryClient = useQueryClient();
  const refresh = useRefreshAfterLockdown();
  return useMutation({
    mutationFn: async ({ lockid, reason }: { lockid: string; reason: string }): Promise<Lock> => {
      const body = await request(`/api/locks/${encodeURIComponent(lockid)}/unlock`, { method: 'POST', body: { override_reason: reason.trim() } });
      const lock = parseLock(body.lock);
      if (!lock) throw new ApiError(200, 'The platform did not send the lock back.');
      return lock;
    },
    onSuccess: (lock) => storeLock(queryClient, lock),
    onSettled: refresh,
  });
}
