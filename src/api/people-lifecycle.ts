import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import * as v from 'valibot';
import { DENIAL_REASONS, type DenialReason } from '@contract/constants';
import type { PersonStatus } from '@contract/people';
import { ApiError, request } from './client';
import { platformDate, text } from './parse';

/*
 * A person's lifecycle (contract/people.ts): status, department, tags, roles, the last door used and
 * the last refusal; suspend, reactivate, archive. An older host sends none of it: the defaults say
 * "active, no department, no roles".
 */

/** contract/people.ts PERSON_STATUSES (values come from the constants, never a zod module). */
export const PERSON_STATUSES = ['active', 'suspended', 'archived'] as const satisfies readonly PersonStatus[];

export interface DoorUse {
  lockid: string;
  lockName: string | null;
  /** UTC, like event dates. */
  date: string;
}

export interface PersonLifecycle {
  status: PersonStatus;
  department: string | null;
  tags: string[];
  roleids: number[];
  suspendedReason: string | null;
  /** Wall clock in the platform's zone; null = until reactivated by hand. */
  suspendedUntil: string | null;
  visitor: boolean;
  lastUsed: DoorUse | null;
  lastDenied: (DoorUse & { reason: DenialReason | null }) | null;
}

const doorUse = v.fallback(
  v.nullable(
    v.looseObject({
      lockid: v.pipe(v.union([v.string(), v.number()]), v.transform(String), v.minLength(1)),
      lockname: text,
      date: v.pipe(platformDate, v.string()),
      reason: v.fallback(v.nullable(v.picklist(DENIAL_REASONS)), null),
    }),
  ),
  null,
);

const lifecycleSchema = v.looseObject({
  status: v.fallback(v.picklist(PERSON_STATUSES), 'active'),
  department: text,
  tags: v.fallback(v.array(v.string()), []),
  roleids: v.fallback(v.array(v.pipe(v.number(), v.safeInteger(), v.minValue(1))), []),
  suspended_reason: text,
  suspended_until: platformDate,
  visitor: v.fallback(v.union([v.literal(0), v.literal(1), v.boolean()]), 0),
  last_used: doorUse,
  last_denied: doorUse,
});

const doorUseOf = (row: { lockid: string; lockname: string | null; date: string }): DoorUse => ({ lockid: row.lockid, lockName: row.lockname, date: row.date });

/** The lifecycle fields of a person row (lenient: anything unreadable takes its default). */
export function readLifecycle(row: unknown): PersonLifecycle {
  const r = v.parse(lifecycleSchema, typeof row === 'object' && row !== null ? row : {});
  return {
    status: r.status,
    department: r.department,
    tags: r.tags.map((tag) => tag.trim()).filter(Boolean),
    roleids: r.roleids,
    suspendedReason: r.suspended_reason,
    suspendedUntil: r.suspended_until,
    visitor: r.visitor === 1 || r.visitor === true,
    lastUsed: r.last_used ? doorUseOf(r.last_used) : null,
    lastDenied: r.last_denied ? { ...doorUseOf(r.last_denied), reason: r.last_denied.reason } : null,
  };
}

export type LifecycleAction = { action: 'suspend'; reason: string; until: string | null } | { action: 'reactivate' } | { action: 'archive' };

/** Everything a lifecycle change touches: the person, the lists, their grants, roles' counts. */
function refreshAfterLifecycle(queryClient: QueryClient) {
  for (const key of ['people', 'grants', 'roles', 'events']) void queryClient.invalidateQueries({ queryKey: [key] });
}

/** `POST /api/people/:userid/suspend|reactivate|archive`; the platform's 409 ("already archived") is the error's message. */
export function useLifecycleChange(userid: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (change: LifecycleAction) => {
      const body = change.action === 'suspend' ? { reason: change.reason, ...(change.until ? { until: change.until } : {}) } : undefined;
      const answer = await request(`/api/people/${userid}/${change.action}`, { method: 'POST', ...(body ? { body } : {}) });
      if (typeof answer.person !== 'object' || answer.person === null) throw new ApiError(200, 'The platform did not send the person back.');
      return readLifecycle(answer.person);
    },
    onSettled: () => refreshAfterLifecycle(queryClient),
  });
}
