import { type QueryClient, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import * as v from 'valibot';
import type { CreatePassBody, PassStatus } from '@contract/people';
import { grantQueries, pageOf, peopleQueries } from './access';
import { ApiError, getJson, request } from './client';
import { platformDate, text } from './parse';

/*
 * Visitor passes (contract/people.ts): a visitor with keypad access for a day or a few hours. The
 * gateway sends the code to the visitor by e-mail and answers only where it went (`sent`): no answer
 * here ever holds a code.
 */

export const PASS_STATUS_NAMES = ['scheduled', 'active', 'expired', 'ended'] as const satisfies readonly PassStatus[];

export interface Pass {
  passid: number;
  userid: number;
  name: string;
  /** null: hidden from this account (support), or not sent. */
  email: string | null;
  lockids: string[];
  groupids: number[];
  /** Wall clock of the platform's zone. */
  startDate: string;
  endDate: string;
  status: PassStatus;
  createdBy: string | null;
  /** When the current code was sent (UTC), or null. */
  codeSentDate: string | null;
}

/** Where a code went: a masked address ("a…@example.com") and when (UTC). */
export interface Sent {
  to: string;
  date: string;
}

const positiveId = v.pipe(v.union([v.number(), v.pipe(v.string(), v.regex(/^\d+$/))]), v.transform(Number), v.safeInteger(), v.minValue(1));
const lockidText = v.pipe(v.union([v.string(), v.number()]), v.transform(String), v.minLength(1));

function readIds<T>(list: unknown, schema: v.GenericSchema<unknown, T>): T[] {
  if (!Array.isArray(list)) return [];
  const out: T[] = [];
  for (const item of list) {
    const parsed = v.safeParse(schema, item);
    if (parsed.success && !out.includes(parsed.output)) out.push(parsed.output);
  }
  return out;
}

const passRowSchema = v.looseObject({
  passid: positiveId,
  userid: positiveId,
  name: text,
  email: text,
  start_date: platformDate,
  end_date: platformDate,
  status: v.picklist(PASS_STATUS_NAMES),
  created_by: text,
  code_sent_date: platformDate,
});

/** One pass; null without usable ids, dates or status. */
export function parsePass(row: unknown): Pass | null {
  const parsed = v.safeParse(passRowSchema, row);
  if (!parsed.success) return null;
  const r = parsed.output;
  if (r.start_date === null || r.end_date === null) return null;
  const raw = row as Record<string, unknown>;
  return {
    passid: r.passid,
    userid: r.userid,
    name: r.name ?? `Visitor ${r.userid}`,
    email: r.email,
    lockids: readIds(raw.lockids, lockidText),
    groupids: readIds(raw.groupids, positiveId),
    startDate: r.start_date,
    endDate: r.end_date,
    status: r.status,
    createdBy: r.created_by,
    codeSentDate: r.code_sent_date,
  };
}

const sentSchema = v.looseObject({ to: v.pipe(v.string(), v.minLength(1)), date: platformDate });

/** Where the gateway sent a code; null when the answer does not say. */
export function parseSent(value: unknown): Sent | null {
  const parsed = v.safeParse(sentSchema, value);
  if (!parsed.success || parsed.output.date === null) return null;
  return { to: parsed.output.to, date: parsed.output.date };
}

export interface PassListParams {
  pagenumber: number;
  limit: number;
  status?: PassStatus;
}

export const passQueries = {
  all: () => ['passes'] as const,
  list: (params: PassListParams) =>
    queryOptions({
      queryKey: [...passQueries.all(), 'list', params] as const,
      queryFn: async ({ signal }) => pageOf(await getJson('/api/passes', { ...params }, signal), 'passeslist', params, parsePass, (p) => p.passid),
    }),
};

/** A pass changes grants and people (the visitor is a person). */
function refreshAfterPassChange(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: passQueries.all() });
  void queryClient.invalidateQueries({ queryKey: grantQueries.all() });
  void queryClient.invalidateQueries({ queryKey: peopleQueries.all() });
}

export interface PassAnswer {
  pass: Pass;
  sent: Sent | null;
}

function passAnswer(body: Record<string, unknown>): PassAnswer {
  const pass = parsePass(body.pass);
  if (!pass) throw new ApiError(200, 'The platform did not send the pass back.');
  return { pass, sent: parseSent(body.sent) };
}

export function useCreatePass() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: CreatePassBody) => passAnswer(await request('/api/passes', { method: 'POST', body })),
    onSuccess: () => refreshAfterPassChange(queryClient),
  });
}

/** A new code for the pass, sent again; the old one stops working. */
export function useResendPass() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (passid: number) => passAnswer(await request(`/api/passes/${passid}/resend`, { method: 'POST' })),
    onSettled: () => refreshAfterPassChange(queryClient),
  });
}

/** Ends the pass now. */
export function useEndPass() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (passid: number) => passAnswer(await request(`/api/passes/${passid}`, { method: 'DELETE' })),
    onSettled: () => refreshAfterPassChange(queryClient),
  });
}

/** Sends a keypad grant's code to its person (a new code: the old one stops working). 409 without an e-mail address. */
export function useSendGrantCode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ grantid, userid }: { grantid: number; userid: number }) => {
      // The gateway reads the person (their e-mail) before it changes the code: it needs to know whose grant it is.
      const sent = parseSent((await request(`/api/grants/${grantid}/send`, { method: 'POST', body: { userid } })).sent);
      if (!sent) throw new ApiError(200, 'The code was sent, but the answer does not say where.');
      return sent;
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: grantQueries.all() }),
  });
}
