import { type InfiniteData, infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import * as v from 'valibot';
import type { AlertRule, ContactChannel, DeliveryState, RuleKind, RuleSchedule, RuleScope } from '@contract/team-alerts';
import { CONTACT_CHANNELS, DELIVERY_STATES, RULE_KINDS, RULE_KIND_INFO } from '@contract/team-alerts';
import { ApiError, getJson, request } from './client';
import { count, flag, identifier, read, readRows, rowsOf, text } from './parse';

export { CONTACT_CHANNELS, RULE_KINDS, RULE_KIND_INFO };

/**
 * The gateway's alert settings (DESIGN.md "Team alerts"): rules, contacts, the delivery log and the
 * mail outbox. Answers are read leniently: a row without its id is dropped, a value this app cannot
 * read becomes null ("Unknown" on screen), never a crash.
 */

/** A rule as the SPA sees it; `kind` null is one this app does not know. */
export interface Rule {
  ruleid: number;
  name: string;
  kind: RuleKind | null;
  enabled: boolean;
  /** null: unreadable. */
  scope: RuleScope | null;
  threshold_s: number;
  /** null: always; 'unreadable': the gateway sent one this app cannot read. */
  schedule: RuleSchedule | null | 'unreadable';
  when: 'always' | 'outside-schedule';
  contactids: number[];
  escalate_after_s: number | null;
  escalate_contactids: number[];
}

export interface ContactRow {
  contactid: number;
  name: string;
  channel: ContactChannel | null;
  address: string;
  enabled: boolean;
  failing: boolean;
  /** `date` is epoch ms (null when unreadable). */
  lastDelivery: { date: number | null; ok: boolean; detail: string } | null;
}

export interface DeliveryRow {
  deliveryid: number;
  messageid: string;
  alertid: number | null;
  contactid: number | null;
  attempt: number | null;
  state: DeliveryState | null;
  statusCode: number | null;
  detail: string;
  date: number | null;
  nextAttempt: number | null;
}

export interface OutboxMail {
  mailid: number;
  to: string;
  subject: string;
  text: string;
  date: number | null;
}

/** What a rule is made of when it is sent (POST whole; PUT may carry only some of it). */
export type RuleInput = Pick<
  AlertRule,
  'name' | 'kind' | 'enabled' | 'scope' | 'threshold_s' | 'schedule' | 'contactids' | 'escalate_after_s' | 'escalate_contactids'
>;

export interface ContactInput {
  name: string;
  channel: ContactChannel;
  address: string;
}

export interface ContactTestResult {
  ok: boolean;
  statusCode: number | null;
  detail: string;
}

const WIRE_DATE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/;

/** The gateway's "YYYY-MM-DD HH:mm:ss" (UTC) as epoch ms, or null. */
export function wireDateMs(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = WIRE_DATE.exec(value.trim());
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  return Number.isFinite(ms) ? ms : null;
}

const id = v.pipe(v.union([v.number(), v.pipe(v.string(), v.regex(/^\s*\d+\s*$/))]), v.transform(Number), v.safeInteger(), v.minValue(1));
const optionalId = v.fallback(v.nullable(id), null);
/** Ids in an array, each once; anything unreadable in it is left out. */
function readIds(value: unknown): number[] {
  if (!Array.isArray(value)) return [];
  return [...new Set(value.flatMap((item) => (v.is(id, item) ? [v.parse(id, item)] : [])))];
}
const idList = v.optional(v.pipe(v.unknown(), v.transform(readIds)), []);
const orNull = <T extends v.GenericSchema>(schema: T) => v.fallback(v.nullable(schema), null);
/** A 0/1 flag; absent or unreadable: `fallback`. (valibot takes a missing key's fallback without its pipe.) */
const bool = (fallback: boolean) => v.optional(v.pipe(v.unknown(), v.transform((value) => read(flag, value) ?? fallback)), fallback);
const anything = v.optional(v.unknown());

function readScope(value: unknown): RuleScope | null {
  if (typeof value !== 'object' || value === null) return null;
  const scope = value as Record<string, unknown>;
  if (scope.all === true) return { all: true };
  if (Array.isArray(scope.groupids)) return { groupids: readIds(scope.groupids) };
  if (Array.isArray(scope.lockids)) return { lockids: scope.lockids.flatMap((item) => (v.is(identifier, item) ? [v.parse(identifier, item)] : [])) };
  return null;
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const scheduleSchema = v.object({
  days: v.pipe(v.string(), v.regex(/^[1-7]{1,7}$/)),
  from: v.pipe(v.string(), v.regex(HHMM)),
  to: v.pipe(v.string(), v.regex(HHMM)),
  timezone: v.pipe(v.string(), v.minLength(1)),
});

const ruleRowSchema = v.looseObject({
  ruleid: id,
  name: text,
  kind: orNull(v.picklist(RULE_KINDS)),
  enabled: bool(true),
  scope: anything,
  threshold_s: count,
  schedule: anything,
  when: v.fallback(v.picklist(['always', 'outside-schedule']), 'always'),
  contactids: idList,
  escalate_after_s: count,
  escalate_contactids: idList,
});

function readSchedule(value: unknown): Rule['schedule'] {
  if (value === null || value === undefined) return null;
  const parsed = v.safeParse(scheduleSchema, value);
  return parsed.success ? { ...parsed.output, days: [...new Set(parsed.output.days)].sort().join('') } : 'unreadable';
}

export function parseRule(row: unknown): Rule | null {
  const parsed = v.safeParse(ruleRowSchema, row);
  if (!parsed.success) return null;
  const r = parsed.output;
  return {
    ruleid: r.ruleid,
    name: r.name ?? `Rule ${r.ruleid}`,
    kind: r.kind,
    enabled: r.enabled,
    scope: readScope(r.scope),
    threshold_s: r.threshold_s ?? 0,
    schedule: readSchedule(r.schedule),
    when: r.when,
    contactids: r.contactids,
    escalate_after_s: r.escalate_after_s,
    escalate_contactids: r.escalate_after_s === null ? [] : r.escalate_contactids,
  };
}

const contactRowSchema = v.looseObject({
  contactid: id,
  name: text,
  channel: orNull(v.picklist(CONTACT_CHANNELS)),
  address: text,
  enabled: bool(true),
  failing: bool(false),
  last_delivery: orNull(v.looseObject({ date: anything, ok: bool(false), detail: text })),
});

export function parseContact(row: unknown): ContactRow | null {
  const parsed = v.safeParse(contactRowSchema, row);
  if (!parsed.success) return null;
  const c = parsed.output;
  return {
    contactid: c.contactid,
    name: c.name ?? `Contact ${c.contactid}`,
    channel: c.channel,
    address: c.address ?? '',
    enabled: c.enabled,
    failing: c.failing,
    lastDelivery: c.last_delivery && { date: wireDateMs(c.last_delivery.date), ok: c.last_delivery.ok, detail: c.last_delivery.detail ?? '' },
  };
}

const deliveryRowSchema = v.looseObject({
  deliveryid: id,
  messageid: text,
  alertid: optionalId,
  contactid: optionalId,
  attempt: count,
  state: orNull(v.picklist(DELIVERY_STATES)),
  status_code: count,
  detail: text,
  date: anything,
  next_attempt_date: anything,
});

export function parseDelivery(row: unknown): DeliveryRow | null {
  const parsed = v.safeParse(deliveryRowSchema, row);
  if (!parsed.success) return null;
  const d = parsed.output;
  return {
    deliveryid: d.deliveryid,
    messageid: d.messageid ?? '',
    alertid: d.alertid,
    contactid: d.contactid,
    attempt: d.attempt,
    state: d.state,
    statusCode: d.status_code,
    detail: d.detail ?? '',
    date: wireDateMs(d.date),
    nextAttempt: wireDateMs(d.next_attempt_date),
  };
}

const mailRowSchema = v.looseObject({ mailid: id, to: text, subject: text, text: v.fallback(v.string(), ''), date: anything });

export function parseOutboxMail(row: unknown): OutboxMail | null {
  const parsed = v.safeParse(mailRowSchema, row);
  if (!parsed.success) return null;
  const m = parsed.output;
  return { mailid: m.mailid, to: m.to ?? '', subject: m.subject ?? '(no subject)', text: m.text, date: wireDateMs(m.date) };
}

/** A list answer's usable rows, once each. */
export function parseList<T>(body: Record<string, unknown>, field: string, parse: (row: unknown) => T | null, key: (item: T) => number): T[] {
  return readRows(rowsOf(body, field), parse, key).items;
}

export const PAGE_LIMIT = 50;

/** A page of a `beforeid` list: its rows, and the id to ask before for the next page (null: no more). */
export interface BeforeIdPage<T> {
  items: T[];
  nextBefore: number | null;
}

function pageOf<T>(items: T[], key: (item: T) => number, limit: number): BeforeIdPage<T> {
  const last = items.at(-1);
  return { items, nextBefore: items.length >= limit && last ? key(last) : null };
}

/** Query keys and fetchers for the alert settings: nothing else writes their query keys. */
export const alertSettingsQueries = {
  all: () => ['alert-settings'] as const,
  rules: () =>
    queryOptions({
      queryKey: [...alertSettingsQueries.all(), 'rules'] as const,
      queryFn: async ({ signal }) => parseList(await getJson('/api/alert-rules', {}, signal), 'ruleslist', parseRule, (r) => r.ruleid),
    }),
  contacts: () =>
    queryOptions({
      queryKey: [...alertSettingsQueries.all(), 'contacts'] as const,
      queryFn: async ({ signal }) => parseList(await getJson('/api/contacts', {}, signal), 'contactslist', parseContact, (c) => c.contactid),
    }),
  deliveries: (contactid: number, limit = 20) =>
    infiniteQueryOptions({
      queryKey: [...alertSettingsQueries.all(), 'deliveries', contactid, limit] as const,
      initialPageParam: null as number | null,
      queryFn: async ({ pageParam, signal }) => {
        const body = await getJson('/api/deliveries', { contactid, limit, beforeid: pageParam ?? undefined }, signal);
        return pageOf(parseList(body, 'deliverieslist', parseDelivery, (d) => d.deliveryid), (d) => d.deliveryid, limit);
      },
      getNextPageParam: (page: BeforeIdPage<DeliveryRow>) => page.nextBefore,
    }),
  outbox: (limit = PAGE_LIMIT) =>
    infiniteQueryOptions({
      queryKey: [...alertSettingsQueries.all(), 'outbox', limit] as const,
      initialPageParam: null as number | null,
      queryFn: async ({ pageParam, signal }) => {
        const body = await getJson('/api/outbox', { limit, beforeid: pageParam ?? undefined }, signal);
        return pageOf(parseList(body, 'messageslist', parseOutboxMail, (m) => m.mailid), (m) => m.mailid, limit);
      },
      getNextPageParam: (page: BeforeIdPage<OutboxMail>) => page.nextBefore,
    }),
};

/** Every loaded page's rows, once each (a row that moved between pages while paging is shown once). */
export function rowsOfPages<T>(data: InfiniteData<BeforeIdPage<T>> | undefined, key: (item: T) => number): T[] {
  const seen = new Set<number>();
  return (data?.pages ?? []).flatMap((page) => page.items).filter((item) => !seen.has(key(item)) && !!seen.add(key(item)));
}

function ruleOf(body: Record<string, unknown>): Rule {
  const rule = parseRule(body.rule);
  if (!rule) throw new ApiError(200, 'The server did not send the rule back.');
  return rule;
}

function contactOf(body: Record<string, unknown>): ContactRow {
  const contact = parseContact(body.contact);
  if (!contact) throw new ApiError(200, 'The server did not send the contact back.');
  return contact;
}

/** Rules and contacts name each other (recipients, failing state): any change refreshes both. */
function useRefresh() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: alertSettingsQueries.all() });
}

export function useCreateRule() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: async (input: RuleInput) => ruleOf(await request('/api/alert-rules', { method: 'POST', body: input })),
    onSuccess: refresh,
  });
}

export function useUpdateRule() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: async ({ ruleid, ...change }: Partial<RuleInput> & { ruleid: number }) =>
      ruleOf(await request(`/api/alert-rules/${ruleid}`, { method: 'PUT', body: change })),
    onSuccess: refresh,
  });
}

export function useDeleteRule() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: async (ruleid: number) => {
      await request(`/api/alert-rules/${ruleid}`, { method: 'DELETE' });
    },
    onSuccess: refresh,
  });
}

/** Creates a contact; a webhook's signing secret comes back this once. */
export function useCreateContact() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: async (input: ContactInput) => {
      const body = await request('/api/contacts', { method: 'POST', body: input });
      return { contact: contactOf(body), secret: typeof body.secret === 'string' && body.secret ? body.secret : null };
    },
    onSuccess: refresh,
  });
}

export function useUpdateContact() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: async ({ contactid, ...change }: { contactid: number; name?: string; address?: string; enabled?: boolean }) =>
      contactOf(await request(`/api/contacts/${contactid}`, { method: 'PUT', body: change })),
    onSuccess: refresh,
  });
}

export function useDeleteContact() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: async (contactid: number) => {
      await request(`/api/contacts/${contactid}`, { method: 'DELETE' });
    },
    onSuccess: refresh,
  });
}

const testResultSchema = v.looseObject({ ok: bool(false), status_code: count, detail: text });

/** Reads a test delivery's `result`; without one, the answer's `msg`. */
export function parseTestResult(body: Record<string, unknown>): ContactTestResult {
  const parsed = v.safeParse(testResultSchema, body.result);
  const msg = read(text, body.msg) ?? '';
  if (!parsed.success) return { ok: false, statusCode: null, detail: msg || 'The server sent no result.' };
  const { ok, status_code: statusCode, detail } = parsed.output;
  return { ok, statusCode, detail: detail ?? (ok ? '' : msg) };
}

/** Sends a test message to a contact; a refusal (a 4xx) reads as a failed test with the server's reason. */
export function useTestContact() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: async (contactid: number): Promise<ContactTestResult> => {
      try {
        return parseTestResult(await request(`/api/contacts/${contactid}/test`, { method: 'POST' }));
      } catch (error) {
        if (error instanceof ApiError && error.body?.result) return parseTestResult({ ...error.body, msg: error.message });
        if (error instanceof ApiError && error.status !== 0) return { ok: false, statusCode: null, detail: error.message };
        throw error;
      }
    },
    onSettled: refresh,
  });
}
