import { keepPreviousData, queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import * as v from 'valibot';
import { AUDIT_ACTIONS, AUDIT_FILTERS, AUDIT_RESULTS, type AuditAction, type AuditFilter, type AuditResult, CHAIN_BREAKS, type ChainBreak } from '@contract/audit';
import { ROLES, type Role } from '@contract/constants';
import { platformDateToMs } from '@contract/platform-date';
import { ApiError, getJson, withQuery } from './client';
import { identifier, readRows, rowsOf, text } from './parse';

/**
 * The audit trail (DESIGN.md "Audit trail"), kept by the gateway; managers only. Read leniently: a
 * record without a usable id is dropped, an action this SPA does not know (a newer server) is kept as
 * its text, extra fields are ignored. Never holds a hash: the page has no use for one.
 */
export interface AuditItem {
  auditid: number;
  /** The wire's "YYYY-MM-DD HH:mm:ss" UTC as sent, and the instant it names (null when unreadable). */
  date: string | null;
  at: number | null;
  userid: number | null;
  username: string | null;
  email: string | null;
  role: Role | null;
  /** A known action, or the server's text for one this SPA does not know. */
  action: AuditAction | string;
  lockid: string | null;
  lockname: string | null;
  groupid: number | null;
  groupname: string | null;
  grantid: number | null;
  personid: number | null;
  personname: string | null;
  command: string | null;
  count: number | null;
  /** null when the server sent a result this SPA does not know. */
  result: AuditResult | null;
  detail: string | null;
  ip: string | null;
}

/** The wire's filters (contract AUDIT_FILTERS), each as its query text; `from`/`to` are UTC. */
export type AuditFilters = Partial<Record<AuditFilter, string>>;

export const AUDIT_PAGE = 50;

const whole = v.pipe(v.union([v.number(), v.pipe(v.string(), v.regex(/^\d+$/))]), v.transform(Number), v.safeInteger());
const positive = v.pipe(whole, v.minValue(1));
const orNull = <T extends v.GenericSchema>(schema: T) => v.fallback(v.nullable(schema), null);
const utc = orNull(v.pipe(v.string(), v.trim(), v.minLength(1)));

const recordSchema = v.looseObject({
  auditid: positive,
  date: utc,
  userid: orNull(positive),
  username: text,
  email: text,
  role: orNull(v.picklist(ROLES)),
  action: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100)),
  lockid: orNull(identifier),
  lockname: text,
  groupid: orNull(positive),
  groupname: text,
  grantid: orNull(positive),
  personid: orNull(positive),
  personname: text,
  command: text,
  count: orNull(v.pipe(whole, v.minValue(0))),
  result: orNull(v.picklist(AUDIT_RESULTS)),
  detail: text,
  ip: text,
});

export function parseAuditRecord(row: unknown): AuditItem | null {
  const parsed = v.safeParse(recordSchema, row);
  if (!parsed.success) return null;
  const { auditid, date, userid, username, email, role, action, lockid, lockname, groupid, groupname, grantid, personid, personname, command, count, result, detail, ip } = parsed.output;
  const known = (AUDIT_ACTIONS as readonly string[]).includes(action);
  return {
    auditid,
    date,
    at: platformDateToMs(date, 'UTC'),
    userid,
    username,
    email,
    role,
    action: known ? (action as AuditAction) : action,
    lockid,
    lockname,
    groupid,
    groupname,
    grantid,
    personid,
    personname,
    command,
    count,
    result,
    detail,
    ip,
  };
}

export interface AuditPage {
  records: AuditItem[];
  /** The `beforeid` of the older page, or null when this one is the oldest. */
  older: number | null;
  /** Rows left out as unreadable. */
  skipped: number;
}

export function parseAuditPage(body: Record<string, unknown>, limit = AUDIT_PAGE): AuditPage {
  const rows = rowsOf(body, 'auditlist');
  const { items, unusable } = readRows(rows, parseAuditRecord, (r) => r.auditid);
  const lowest = items.reduce<number | null>((low, r) => (low === null || r.auditid < low ? r.auditid : low), null);
  return { records: items, older: rows.length >= limit && lowest !== null ? lowest : null, skipped: unusable };
}

/** Only the filters the contract knows, without empty ones. */
function wireFilters(filters: AuditFilters): AuditFilters {
  const clean: AuditFilters = {};
  for (const key of AUDIT_FILTERS) {
    const value = filters[key]?.trim();
    if (value) clean[key] = value;
  }
  return clean;
}

export const auditQueries = {
  all: () => ['audit'] as const,
  /** A page of records, newest first: the newest (`beforeid` null), or those older than `beforeid`. */
  list: (filters: AuditFilters, beforeid: number | null) =>
    queryOptions({
      queryKey: [...auditQueries.all(), 'list', wireFilters(filters), beforeid] as const,
      // Always read again when a filter comes back: the manager's own last step (an export, a
      // reveal) is a record, and a page kept from a second ago would not show it.
      staleTime: 0,
      queryFn: async ({ signal }) =>
        parseAuditPage(await getJson('/api/audit', { ...wireFilters(filters), limit: AUDIT_PAGE, beforeid: beforeid ?? undefined }, signal)),
    }),
};

/** A page of the trail; the page before stays on screen while the next loads. */
export function useAuditList(filters: AuditFilters, beforeid: number | null, enabled = true) {
  return useQuery({ ...auditQueries.list(filters, beforeid), enabled, placeholderData: keepPreviousData });
}

export interface ChainVerdictView {
  ok: boolean;
  checked: number;
  firstBad: { auditid: number; why: ChainBreak | null } | null;
}

const verdictSchema = v.looseObject({
  ok: v.union([v.picklist([0, 1, '0', '1']), v.boolean()]),
  checked: v.fallback(v.pipe(whole, v.minValue(0)), 0),
  first_bad_auditid: orNull(positive),
  first_bad_why: orNull(v.picklist(CHAIN_BREAKS)),
});

export function parseVerdict(body: Record<string, unknown>): ChainVerdictView {
  const parsed = v.safeParse(verdictSchema, body);
  if (!parsed.success) throw new ApiError(200, 'The server did not say whether the audit trail verifies.');
  const { ok, checked, first_bad_auditid, first_bad_why } = parsed.output;
  const verified = ok === 1 || ok === '1' || ok === true;
  return { ok: verified, checked, firstBad: first_bad_auditid === null ? null : { auditid: first_bad_auditid, why: first_bad_why } };
}

/** Walks the whole kept chain, on demand (the "Verify" button): it reads every record. */
export function useAuditVerify() {
  return useMutation({
    mutationFn: async () => parseVerdict(await getJson('/api/audit/verify')),
  });
}

/** The CSV of every record the filters select (all pages), as the gateway streams it. */
export function auditExportUrl(filters: AuditFilters): string {
  return withQuery('/api/audit/export.csv', wireFilters(filters));
}
