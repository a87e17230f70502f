import { z } from 'zod';
import { AUDIT_ACTIONS, AUDIT_RESULTS, type AuditAction, type AuditRecord, type AuditResult } from '../../../contract/audit';
import type { Role } from '../../../contract/constants';
import { toPlatformDate } from '../../../contract/envelope';
import type { AuditQuery } from '../../audit/audit-store';
import type { StoredAuditRecord } from '../../audit/chain';
import { wireDate } from '../../store/wire';

const DATE = /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/;
const ID = /^[1-9]\d{0,11}$/;

const id = (name: string) => z.string().regex(ID, `${name} must be a positive whole number`).transform(Number);

/** A real UTC date or time (2026-02-30 is not one), as epoch ms. */
function dateMs(name: string) {
  return z
    .string()
    .regex(DATE, `${name} must be a date "YYYY-MM-DD" or "YYYY-MM-DD HH:mm:ss" (UTC)`)
    .transform((value, ctx) => {
      const full = value.length === 10 ? `${value} 00:00:00` : value;
      const ms = Date.parse(`${full.replace(' ', 'T')}Z`);
      if (Number.isNaN(ms) || toPlatformDate(new Date(ms)) !== full) {
        ctx.addIssue({ code: 'custom', message: `${name} is not a real date: ${value}` });
        return z.NEVER;
      }
      return { ms, dayOnly: value.length === 10 };
    });
}

const filterShape = {
  userid: id('userid').optional(),
  action: z
    .string()
    .refine((v) => v.split(',').every((a) => (AUDIT_ACTIONS as readonly string[]).includes(a)), 'action must be one or more audit actions, comma-separated')
    .transform((v) => [...new Set(v.split(','))] as AuditAction[])
    .optional(),
  lockid: z.string().min(1).max(64, 'lockid must be 1 to 64 characters').optional(),
  groupid: id('groupid').optional(),
  personid: id('personid').optional(),
  result: z.enum(AUDIT_RESULTS, { error: `result must be one of ${AUDIT_RESULTS.join(', ')}` }).optional(),
  from: dateMs('from').optional(),
  to: dateMs('to').optional(),
};

/** `GET /api/audit/export.csv`: the filters, nothing else. */
export const exportQuerySchema = z.strictObject(filterShape);

/** `GET /api/audit`: the filters, and paging by id. */
export const listQuerySchema = z.strictObject({
  ...filterShape,
  beforeid: id('beforeid').optional(),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, 'limit must be a whole number from 1 to 100')
    .transform(Number)
    .refine((n) => n >= 1 && n <= 100, 'limit must be a whole number from 1 to 100')
    .optional(),
});

/** The parsed filters as the store's query; `to` a day includes that whole day. */
export function auditQueryOf(parsed: z.output<typeof exportQuerySchema>): AuditQuery {
  const { from, to, action, ...ids } = parsed;
  return {
    ...ids,
    actions: action,
    fromMs: from?.ms,
    toMs: to === undefined ? undefined : to.ms + (to.dayOnly ? 86_400_000 : 1_000),
  } satisfies AuditQuery;
}

/** A stored record as the wire's. */
export function auditRecordFromRow(row: StoredAuditRecord): AuditRecord {
  return {
    auditid: row.auditid,
    date: wireDate(row.date),
    userid: row.userid,
    username: row.username,
    email: row.email,
    role: row.role as Role | null,
    action: row.action as AuditAction,
    lockid: row.lockid,
    lockname: row.lockname,
    groupid: row.groupid,
    groupname: row.groupname,
    grantid: row.grantid,
    personid: row.personid,
    personname: row.personname,
    command: row.command,
    count: row.count,
    result: row.result as AuditResult,
    detail: row.detail,
    ip: row.ip,
    prev_hash: row.prev_hash,
    hash: row.hash,
  };
}

export const CSV_COLUMNS = [
  'auditid', 'date', 'userid', 'username', 'email', 'role', 'action', 'lockid', 'lockname', 'groupid', 'groupname',
  'grantid', 'personid', 'personname', 'command', 'count', 'result', 'detail', 'ip', 'prev_hash', 'hash',
] as const satisfies readonly (keyof AuditRecord)[];
