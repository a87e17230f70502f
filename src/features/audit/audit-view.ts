import { AUDIT_ACTIONS, AUDIT_RESULTS, type AuditAction, type AuditResult } from '@contract/audit';
import type { AuditFilters } from '@/api/audit';

/**
 * The audit page's state in the URL, so that a link (a lock's "Audit trail": `?lockid=`, a person's:
 * `?personid=`) and a reload find the same records: the filters, and `before`, the cursors of the
 * pages after the newest ("13231.13206": older than 13231, then older than 13206), so that "Newer"
 * goes back exactly and records written meanwhile never shift an older page.
 */
export interface AuditView {
  /** Who did it (a dashboard account's userid). */
  userid: string | null;
  action: AuditAction | null;
  lockid: string | null;
  groupid: string | null;
  /** The person whose access changed. */
  personid: string | null;
  result: AuditResult | null;
  /** "YYYY-MM-DD", days in the viewer's zone. */
  from: string | null;
  to: string | null;
  before: number[];
}

export const FILTER_KEYS = ['userid', 'action', 'lockid', 'groupid', 'personid', 'result', 'from', 'to'] as const;
const MAX_CURSORS = 200;
const ID = /^\d{1,15}$/;

function day(value: string | null): string | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(y, m - 1, d);
  return date.getFullYear() === y && date.getMonth() === m - 1 && date.getDate() === d ? value : null;
}

/** "13231.13206" → [13231, 13206]; anything else (ids not strictly decreasing) → []. */
function cursors(value: string | null): number[] {
  if (!value || !/^\d{1,15}(\.\d{1,15})*$/.test(value)) return [];
  const ids = value.split('.').map(Number);
  const valid = ids.length <= MAX_CURSORS && ids.every((id, i) => id > 1 && (i === 0 || id < (ids[i - 1] ?? 0)));
  return valid ? ids : [];
}

const id = (value: string | null) => (value && ID.test(value.trim()) && Number(value) > 0 ? value.trim() : null);
const oneOf = <T extends string>(list: readonly T[], value: string | null): T | null => (value && (list as readonly string[]).includes(value) ? (value as T) : null);

export function readAuditView(search: URLSearchParams): AuditView {
  const lockid = (search.get('lockid') ?? '').trim().slice(0, 100);
  return {
    userid: id(search.get('userid')),
    action: oneOf(AUDIT_ACTIONS, search.get('action')),
    lockid: lockid || null,
    groupid: id(search.get('groupid')),
    personid: id(search.get('personid')),
    result: oneOf(AUDIT_RESULTS, search.get('result')),
    from: day(search.get('from')),
    to: day(search.get('to')),
    before: cursors(search.get('before')),
  };
}

/** A change of filter goes back to the newest records. The address is written in one order (a link is the same link). */
export function writeAuditView(current: URLSearchParams, patch: Partial<AuditView>): URLSearchParams {
  const next = new URLSearchParams();
  const view = { ...readAuditView(current), ...patch };
  if (!('before' in patch)) view.before = [];
  for (const key of FILTER_KEYS) {
    const value = view[key];
    if (value) next.set(key, value);
  }
  if (view.before.length > 0) next.set('before', view.before.join('.'));
  return next;
}

export function isFiltered(view: AuditView): boolean {
  return FILTER_KEYS.some((key) => view[key] !== null);
}

/** The dates are the wrong way round: nothing can match, and the page says so. */
export function isBadRange(view: Pick<AuditView, 'from' | 'to'>): boolean {
  return view.from !== null && view.to !== null && view.from > view.to;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A local day's first (or last) second, as the wire's UTC "YYYY-MM-DD HH:mm:ss". */
function utcOfDay(value: string, end: boolean): string {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = end ? new Date(y, m - 1, d, 23, 59, 59) : new Date(y, m - 1, d, 0, 0, 0);
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

/** The wire filters of a view (the page is not among them: see `before`). */
export function toAuditFilters(view: AuditView): AuditFilters {
  const filters: AuditFilters = {};
  for (const key of ['userid', 'action', 'lockid', 'groupid', 'personid', 'result'] as const) {
    const value = view[key];
    if (value) filters[key] = value;
  }
  if (view.from) filters.from = utcOfDay(view.from, false);
  if (view.to) filters.to = utcOfDay(view.to, true);
  return filters;
}
