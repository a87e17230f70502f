import { type QueryClient, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import * as v from 'valibot';
import { GRANT_METHODS, type GrantMethod, MAX_PAGE_SIZE } from '@contract/constants';
import { ApiError, getJson, request } from './client';
import { count, platformDate, readPaging, readRows, rowsOf, text } from './parse';

/*
 * Access roles (contract/people.ts): a named set of grant templates; each member holds one real
 * grant per template. Changing a role changes every member's grants; `?preview=1` says what would.
 */

/** One grant template: a lock or a group, a method, and optional days and hours (platform wall clock). */
export interface RoleGrant {
  lockid: string | null;
  lockName: string | null;
  groupid: number | null;
  groupName: string | null;
  method: GrantMethod;
  weekdays: string | null;
  startTime: string | null;
  endTime: string | null;
}

export interface Role {
  roleid: number;
  name: string;
  grants: RoleGrant[];
  memberCount: number;
  created: string | null;
}

export interface RolePreview {
  grants: { change: 'gain' | 'lose'; grant: RoleGrant; people: number }[];
  members: { change: 'gain' | 'lose'; userid: number; name: string; grants: number }[];
}

const positiveId = v.pipe(v.union([v.number(), v.pipe(v.string(), v.regex(/^\d+$/))]), v.transform(Number), v.safeInteger(), v.minValue(1));
const clock = v.fallback(v.nullable(v.pipe(v.string(), v.regex(/^\d{2}:\d{2}$/))), null);

const roleGrantSchema = v.pipe(
  v.looseObject({
    lockid: v.fallback(v.nullable(v.pipe(v.string(), v.minLength(1))), null),
    lockname: text,
    groupid: v.fallback(v.nullable(positiveId), null),
    groupname: text,
    method: v.picklist(GRANT_METHODS),
    weekdays: v.fallback(v.nullable(v.pipe(v.string(), v.regex(/^[1-7]{1,7}$/))), null),
    start_time: clock,
    end_time: clock,
  }),
  v.check((g) => g.lockid !== null || g.groupid !== null),
  v.transform(
    (g): RoleGrant => ({
      lockid: g.lockid,
      lockName: g.lockid !== null ? g.lockname : null,
      groupid: g.lockid === null ? g.groupid : null,
      groupName: g.lockid === null ? g.groupname : null,
      method: g.method,
      weekdays: g.weekdays,
      startTime: g.start_time,
      endTime: g.end_time,
    }),
  ),
);

function readGrants(list: unknown): RoleGrant[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((item) => {
    const parsed = v.safeParse(roleGrantSchema, item);
    return parsed.success ? [parsed.output] : [];
  });
}

const roleRowSchema = v.looseObject({ roleid: positiveId, name: text, member_count: count, created_date: platformDate });

/** One role; null without a usable id. Unreadable templates are left out, never fatal. */
export function parseRole(row: unknown): Role | null {
  const parsed = v.safeParse(roleRowSchema, row);
  if (!parsed.success) return null;
  const r = parsed.output;
  return { roleid: r.roleid, name: r.name ?? `Role ${r.roleid}`, grants: readGrants((row as { grants?: unknown }).grants), memberCount: r.member_count ?? 0, created: r.created_date };
}

const previewMemberSchema = v.looseObject({ change: v.picklist(['gain', 'lose']), userid: positiveId, username: text, grants: count });
const previewGrantSchema = v.looseObject({ change: v.picklist(['gain', 'lose']), grant: roleGrantSchema, people: count });

export function parsePreview(body: Record<string, unknown>): RolePreview {
  const preview = (typeof body.preview === 'object' && body.preview !== null ? body.preview : {}) as Record<string, unknown>;
  const list = (value: unknown) => (Array.isArray(value) ? value : []);
  return {
    grants: list(preview.grants).flatMap((item) => {
      const p = v.safeParse(previewGrantSchema, item);
      return p.success ? [{ change: p.output.change, grant: p.output.grant, people: p.output.people ?? 0 }] : [];
    }),
    members: list(preview.members).flatMap((item) => {
      const p = v.safeParse(previewMemberSchema, item);
      return p.success ? [{ change: p.output.change, userid: p.output.userid, name: p.output.username ?? `Person ${p.output.userid}`, grants: p.output.grants ?? 0 }] : [];
    }),
  };
}

/** Every role (a site has a handful): one page of the largest size. */
const ALL = { pagenumber: 1, limit: MAX_PAGE_SIZE };

export const roleQueries = {
  all: () => ['roles'] as const,
  list: () =>
    queryOptions({
      queryKey: [...roleQueries.all(), 'list'] as const,
      queryFn: async ({ signal }) => {
        const body = await getJson('/api/roles', { ...ALL }, signal);
        const rows = rowsOf(body, 'roleslist');
        return { roles: readRows(rows, parseRole, (r) => r.roleid).items, ...readPaging(body, rows.length, ALL) };
      },
    }),
};

/** The body of a role's templates, as the platform takes them (contract roleGrantBodySchema). */
export function roleGrantBody(g: RoleGrant) {
  return {
    ...(g.lockid !== null ? { lockid: g.lockid } : { groupid: g.groupid }),
    method: g.method,
    weekdays: g.weekdays,
    start_time: g.startTime,
    end_time: g.endTime,
  };
}

/** A role change reaches grants, people (their counts and roles) and history. */
function refreshAfterRoleChange(queryClient: QueryClient) {
  for (const key of ['roles', 'grants', 'people', 'events']) void queryClient.invalidateQueries({ queryKey: [key] });
}

function roleOf(body: Record<string, unknown>): Role {
  const role = parseRole(body.role);
  if (!role) throw new ApiError(200, 'The platform did not send the role back.');
  return role;
}

export interface RoleInput {
  name: string;
  grants: RoleGrant[];
}

export function useCreateRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: RoleInput) => roleOf(await request('/api/roles', { method: 'POST', body: { name: input.name, grants: input.grants.map(roleGrantBody) } })),
    onSuccess: () => refreshAfterRoleChange(queryClient),
  });
}

/** What saving would change, nothing changed (`PUT ?preview=1`). */
export async function previewRoleChange(roleid: number, input: RoleInput): Promise<RolePreview> {
  return parsePreview(await request(`/api/roles/${roleid}?preview=1`, { method: 'PUT', body: { name: input.name, grants: input.grants.map(roleGrantBody) } }));
}

export function useUpdateRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ roleid, ...input }: RoleInput & { roleid: number }) =>
      roleOf(await request(`/api/roles/${roleid}`, { method: 'PUT', body: { name: input.name, grants: input.grants.map(roleGrantBody) } })),
    onSettled: () => refreshAfterRoleChange(queryClient),
  });
}

export function useDeleteRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (roleid: number) => {
      await request(`/api/roles/${roleid}`, { method: 'DELETE' });
    },
    onSettled: () => refreshAfterRoleChange(queryClient),
  });
}

/** `PUT /api/roles/:roleid/members {add, remove}`: the role back, with its new member count. */
export function useRoleMembers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ roleid, add = [], remove = [] }: { roleid: number; add?: number[]; remove?: number[] }) =>
      roleOf(await request(`/api/roles/${roleid}/members`, { method: 'PUT', body: { ...(add.length ? { add } : {}), ...(remove.length ? { remove } : {}) } })),
    onSettled: () => refreshAfterRoleChange(queryClient),
  });
}
