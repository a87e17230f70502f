import { type QueryClient, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import * as v from 'valibot';
import { GRANT_METHODS, GRANT_STATUSES, type GrantMethod, type GrantStatus } from '@contract/constants';
import { ApiError, getJson, request } from './client';
import { eventQueries } from './events';
import { lockGroupQueries } from './lockgroups';
import { count, identifier, platformDate, read, readPaging, readRows, rowsOf, text } from './parse';
import { type PersonLifecycle, readLifecycle } from './people-lifecycle';

/*
 * People (who open doors: employees, contractors, guests — not dashboard accounts) and their access
 * grants (DESIGN.md). Grant dates and hours are wall-clock times in the platform's zone
 * (`app-config.timezone`): "YYYY-MM-DD HH:mm:ss", both ends inclusive; `weekdays` ISO digits
 * ("12345" = Mon–Fri); `startTime`/`endTime` "HH:mm" (end may be "24:00"; an end before the start
 * runs overnight).
 */

export interface Person {
  userid: number;
  name: string;
  email: string | null;
  phone: string | null;
  /** Grants active or scheduled now. */
  grantCount: number;
  created: string | null;
  /** Issue 25 (roles feature): status, department, tags, roles, last door used / refused. */
  lifecycle: PersonLifecycle;
}

export interface Grant {
  grantid: number;
  userid: number;
  username: string;
  /** Exactly one of lockid / groupid is set: a group grant reaches every lock of the group. */
  lockid: string | null;
  lockName: string | null;
  groupid: number | null;
  groupName: string | null;
  method: GrantMethod;
  startDate: string | null;
  endDate: string | null;
  weekdays: string | null;
  startTime: string | null;
  endTime: string | null;
  status: GrantStatus;
  createdBy: string | null;
  created: string | null;
  revokedBy: string | null;
  revokedDate: string | null;
  /** The role this grant comes from (it ends when the person leaves the role); null for an individual grant. */
  roleid: number | null;
  roleName: string | null;
  /** When a keypad code was last sent to the person (UTC platform date), or null. */
  codeSent: string | null;
}

const positiveId = v.pipe(v.union([v.number(), v.pipe(v.string(), v.regex(/^\d+$/))]), v.transform(Number), v.safeInteger(), v.minValue(1));
const clock = v.fallback(v.nullable(v.pipe(v.string(), v.regex(/^\d{2}:\d{2}$/))), null);

const personRowSchema = v.looseObject({
  userid: positiveId,
  username: text,
  email: text,
  phone: text,
  grant_count: count,
  created_date: platformDate,
});

export function parsePerson(row: unknown): Person | null {
  const parsed = v.safeParse(personRowSchema, row);
  if (!parsed.success) return null;
  const r = parsed.output;
  return {
    userid: r.userid,
    name: r.username ?? `Person ${r.userid}`,
    email: r.email,
    phone: r.phone,
    grantCount: r.grant_count ?? 0,
    created: r.created_date,
    lifecycle: readLifecycle(row),
  };
}

const grantRowSchema = v.looseObject({
  grantid: positiveId,
  userid: positiveId,
  username: text,
  lockid: v.fallback(v.nullable(identifier), null),
  lockname: text,
  groupid: v.fallback(v.nullable(positiveId), null),
  groupname: text,
  method: v.picklist(GRANT_METHODS),
  start_date: platformDate,
  end_date: platformDate,
  weekdays: v.fallback(v.nullable(v.pipe(v.string(), v.regex(/^[1-7]{1,7}$/))), null),
  start_time: clock,
  end_time: clock,
  status: v.picklist(GRANT_STATUSES),
  created_by: text,
  created_date: platformDate,
  revoked_by: text,
  revoked_date: platformDate,
  roleid: v.fallback(v.nullable(positiveId), null),
  rolename: text,
  code_sent_date: platformDate,
});

/** One grant row; null when it has no usable ids, method or status, or names neither a lock nor a group. */
export function parseGrant(row: unknown): Grant | null {
  const parsed = v.safeParse(grantRowSchema, row);
  if (!parsed.success) return null;
  const r = parsed.output;
  if (r.lockid === null && r.groupid === null) return null;
  return {
    grantid: r.grantid,
    userid: r.userid,
    username: r.username ?? `Person ${r.userid}`,
    lockid: r.lockid,
    lockName: r.lockname,
    groupid: r.lockid === null ? r.groupid : null,
    groupName: r.lockid === null ? r.groupname : null,
    method: r.method,
    startDate: r.start_date,
    endDate: r.end_date,
    weekdays: r.weekdays,
    startTime: r.start_time,
    endTime: r.end_time,
    status: r.status,
    createdBy: r.created_by,
    created: r.created_date,
    revokedBy: r.revoked_by,
    revokedDate: r.revoked_date,
    roleid: r.roleid ?? null,
    roleName: r.roleid ? r.rolename : null,
    codeSent: r.code_sent_date ?? null,
  };
}

export interface Page<T> {
  items: T[];
  totalCount: number | null;
  totalPages: number;
}

export function pageOf<T>(
  body: Record<string, unknown>,
  field: string,
  params: { pagenumber: number; limit: number },
  parse: (row: unknown) => T | null,
  keyOf: (item: T) => number,
): Page<T> {
  const rows = rowsOf(body, field);
  const { totalCount, totalPages } = readPaging(body, rows.length, params);
  return { items: readRows(rows, parse, keyOf).items, totalCount, totalPages };
}

export interface PeopleParams {
  pagenumber: number;
  limit: number;
  searchkey?: string;
  /** Issue 25 filters (archived people are listed only with `status: 'archived'`). */
  status?: string;
  roleid?: number;
  department?: string;
}

export interface GrantParams {
  pagenumber: number;
  limit: number;
  /** Grants to this lock, and those that reach it through its groups. */
  lockid?: string;
  groupid?: number;
  userid?: number;
  /** One status or several, comma-separated. */
  status?: string;
}

export const peopleQueries = {
  all: () => ['people'] as const,
  list: (params: PeopleParams) =>
    queryOptions({
      queryKey: [...peopleQueries.all(), 'list', params] as const,
      queryFn: async ({ signal }) => pageOf(await getJson('/api/people', { ...params }, signal), 'peoplelist', params, parsePerson, (p) => p.userid),
    }),
  detail: (userid: number) =>
    queryOptions({
      queryKey: [...peopleQueries.all(), 'detail', userid] as const,
      queryFn: async ({ signal }) => {
        const person = parsePerson((await getJson(`/api/people/${userid}`, {}, signal)).person);
        if (!person) throw new ApiError(200, 'The platform sent this person without a usable ID.');
        return person;
      },
    }),
};

export const grantQueries = {
  all: () => ['grants'] as const,
  list: (params: GrantParams) =>
    queryOptions({
      queryKey: [...grantQueries.all(), 'list', params] as const,
      queryFn: async ({ signal }) => pageOf(await getJson('/api/grants', { ...params }, signal), 'grantslist', params, parseGrant, (g) => g.grantid),
    }),
};

/** After any access change: grants, people (their counts), group and lock views, and history. */
function refreshAfterAccessChange(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: grantQueries.all() });
  void queryClient.invalidateQueries({ queryKey: peopleQueries.all() });
  void queryClient.invalidateQueries({ queryKey: lockGroupQueries.all() });
  void queryClient.invalidateQueries({ queryKey: eventQueries.all() });
}

export interface PersonInput {
  name: string;
  email?: string | null;
  phone?: string | null;
  department?: string | null;
  tags?: string[];
}

export function useCreatePerson() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: PersonInput) => {
      const body = await request('/api/people', {
        method: 'POST',
        body: { username: input.name, ...(input.email ? { email: input.email } : {}), ...(input.phone ? { phone: input.phone } : {}) },
      });
      const person = parsePerson(body.person);
      if (!person) throw new ApiError(200, 'The platform did not send the person back.');
      return person;
    },
    onSuccess: () => refreshAfterAccessChange(queryClient),
  });
}

export function useUpdatePerson() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ userid, ...input }: Partial<PersonInput> & { userid: number }) => {
      const body = await request(`/api/people/${userid}`, {
        method: 'PUT',
        body: {
          ...(input.name !== undefined ? { username: input.name } : {}),
          ...(input.email !== undefined ? { email: input.email } : {}),
          ...(input.phone !== undefined ? { phone: input.phone } : {}),
          ...(input.department !== undefined ? { department: input.department } : {}),
          ...(input.tags !== undefined ? { tags: input.tags } : {}),
        },
      });
      const person = parsePerson(body.person);
      if (!person) throw new ApiError(200, 'The platform did not send the person back.');
      return person;
    },
    onSuccess: (person) => {
      queryClient.setQueryData(peopleQueries.detail(person.userid).queryKey, person);
      refreshAfterAccessChange(queryClient);
    },
  });
}

/** What "Grant access" sends: a lock or a group, a method, and an optional window (wall-clock, platform zone). */
export interface GrantInput {
  userid: number;
  lockid?: string;
  groupid?: number;
  method: GrantMethod;
  startDate?: string | null;
  endDate?: string | null;
  weekdays?: string | null;
  startTime?: string | null;
  endTime?: string | null;
}

export interface CreatedGrant {
  grant: Grant;
  /** A keypad grant's code: shown once, never cached. */
  passcode: string | null;
}

export function useCreateGrant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: GrantInput): Promise<CreatedGrant> => {
      const body = await request('/api/grants', {
        method: 'POST',
        body: {
          userid: input.userid,
          ...(input.lockid !== undefined ? { lockid: input.lockid } : { groupid: input.groupid }),
          method: input.method,
          ...(input.startDate ? { start_date: input.startDate } : {}),
          ...(input.endDate ? { end_date: input.endDate } : {}),
          ...(input.weekdays ? { weekdays: input.weekdays } : {}),
          ...(input.startTime && input.endTime ? { start_time: input.startTime, end_time: input.endTime } : {}),
        },
      });
      const grant = parseGrant(body.grant);
      if (!grant) throw new ApiError(200, 'The platform did not send the grant back.');
      return { grant, passcode: typeof body.passcode === 'string' && /^\d{6}$/.test(body.passcode) ? body.passcode : null };
    },
    onSuccess: () => refreshAfterAccessChange(queryClient),
  });
}

export function useRevokeGrant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (grantid: number) => {
      const grant = parseGrant((await request(`/api/grants/${grantid}`, { method: 'DELETE' })).grant);
      if (!grant) throw new ApiError(200, 'The platform did not send the grant back.');
      return grant;
    },
    onSettled: () => refreshAfterAccessChange(queryClient),
  });
}

/** Offboarding: ends every grant a person has; answers how many ended. */
export function useRevokeAllAccess() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (userid: number) => {
      const body = await request(`/api/people/${userid}/revoke`, { method: 'POST' });
      return read(count, body.revoked) ?? 0;
    },
    onSettled: () => refreshAfterAccessChange(queryClient),
  });
}

/**
 * A keypad grant's code, fetched on purpose by a manager (audited by the gateway). Deliberately not a
 * query: a secret is never put in the cache; the caller shows it briefly and forgets it.
 */
export async function fetchGrantPasscode(grantid: number): Promise<string> {
  const body = await getJson(`/api/grants/${grantid}/passcode`);
  if (typeof body.passcode !== 'string') throw new ApiError(200, 'The platform sent no code for this grant.');
  return body.passcode;
}
