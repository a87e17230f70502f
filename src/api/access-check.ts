import { queryOptions } from '@tanstack/react-query';
import * as v from 'valibot';
import { DENIAL_REASONS, type DenialReason, type GrantMethod } from '@contract/constants';
import { ApiError, getJson } from './client';

/*
 * "Can this person open this door now?" (`GET /api/access-check`): the door's own decision, asked
 * without opening it — the grant (and role) that allows it, or the reason it would refuse.
 */

export interface AccessCheckParams {
  userid: number;
  lockid: string;
  method?: GrantMethod;
  /** Wall clock of the platform's zone, "YYYY-MM-DD HH:mm:ss"; absent = now. */
  at?: string;
}

export interface AccessCheck {
  allowed: boolean;
  reason: DenialReason | null;
  grantid: number | null;
  roleid: number | null;
  roleName: string | null;
  explanation: string;
}

const id = v.fallback(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1))), null);
const checkSchema = v.looseObject({
  allowed: v.union([v.literal(0), v.literal(1), v.literal('0'), v.literal('1'), v.boolean()]),
  reason: v.fallback(v.nullable(v.picklist(DENIAL_REASONS)), null),
  grantid: id,
  roleid: id,
  rolename: v.fallback(v.nullable(v.string()), null),
  explanation: v.fallback(v.string(), ''),
});

export function parseAccessCheck(value: unknown): AccessCheck | null {
  const parsed = v.safeParse(checkSchema, value);
  if (!parsed.success) return null;
  const c = parsed.output;
  return {
    allowed: c.allowed === 1 || c.allowed === '1' || c.allowed === true,
    reason: c.reason,
    grantid: c.grantid,
    roleid: c.roleid,
    roleName: c.rolename,
    explanation: c.explanation.trim(),
  };
}

export const accessCheckQueries = {
  all: () => ['access-check'] as const,
  check: (params: AccessCheckParams) =>
    queryOptions({
      queryKey: [...accessCheckQueries.all(), params] as const,
      queryFn: async ({ signal }) => {
        const check = parseAccessCheck((await getJson('/api/access-check', { ...params }, signal)).check);
        if (!check) throw new ApiError(200, 'The platform’s answer does not say yes or no.');
        return check;
      },
      // An answer is about one moment: asked again, it is asked again.
      staleTime: 0,
      gcTime: 0,
    }),
};
