/**
 * The audit trail (issue 22): every record the gateway writes, kept in its own store with a hash
 * chain, and its routes. Free of zod so that the SPA can import the values. Dates on the wire are
 * "YYYY-MM-DD HH:mm:ss" UTC.
 */
import type { Role } from './constants';

export const AUDIT_ACTIONS = [
  'sign-in',
  'sign-in-failed',
  'sign-in-throttled',
  'sign-out',
  'session-ended',
  'role-changed',
  'password-reveal',
  'passcode-reveal',
  'reveal-limited',
  'lock-command',
  'bulk-command',
  // `command` "start" or "lift"; `count` the locks it holds; `groupid` when it is one group's.
  'lockdown',
  // An unlock during a lockdown with the manager's reason (`detail`).
  'lock-override',
  'activity-export',
  'audit-export',
  'grant',
  'grant-revoke',
  'offboard',
  'person-created',
  'person-changed',
  'group-created',
  'group-changed',
  'group-deleted',
  'group-locks-changed',
  // Door schedules and holidays (`detail` names the schedule or holiday).
  'schedule-created',
  'schedule-changed',
  'schedule-deleted',
  'holiday-created',
  'holiday-changed',
  'holiday-deleted',
  'access-denied',
  'request-refused',
  // Team alerts: acknowledging, and changes to rules and contacts.
  'alert-ack',
  'rule-created',
  'rule-changed',
  'rule-deleted',
  'contact-created',
  'contact-changed',
  'contact-deleted',
  'contact-tested',
  // People from hire to exit (issue 25): access roles (`access-role-*`: `role-changed` above is a
  // dashboard account's own role), a person's lifecycle, the import (`count` the lines applied,
  // `detail` how many created / updated), the people export, visitor passes and codes sent by mail
  // (where to, never the code).
  'access-role-created',
  'access-role-changed',
  'access-role-deleted',
  'access-role-members',
  'person-suspended',
  'person-reactivated',
  'person-archived',
  'people-imported',
  'people-export',
  'pass-created',
  'pass-resent',
  'pass-ended',
  'code-sent',
  // The first record after retention trimmed older ones: it carries the hash it continues from.
  'retention-anchor',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_RESULTS = ['ok', 'denied', 'failed'] as const;
export type AuditResult = (typeof AUDIT_RESULTS)[number];

/**
 * One record as `GET /api/audit` sends it (DESIGN.md, "Audit trail"). Never a password, token,
 * keypad code or webhook secret.
 */
export interface AuditRecord {
  auditid: number;
  /** When, "YYYY-MM-DD HH:mm:ss" UTC. */
  date: string;
  /** Who: the signed-in user, or for a failed sign-in the email that was tried (`username` null). */
  userid: number | null;
  username: string | null;
  email: string | null;
  role: Role | null;
  action: AuditAction;
  lockid: string | null;
  lockname: string | null;
  groupid: number | null;
  groupname: string | null;
  grantid: number | null;
  /** The person whose access changed (grants, offboarding, group changes). */
  personid: number | null;
  personname: string | null;
  command: string | null;
  count: number | null;
  result: AuditResult;
  /** A short reason, or the grants and people a change affected, as text. */
  detail: string | null;
  ip: string;
  /** SHA-256 (hex) chain: `hash` covers `prev_hash` and this record's canonical form. */
  prev_hash: string;
  hash: string;
}

/**
 * `GET /api/audit` (managers): newest first, paged by id like Activity (`beforeid`, `limit` 1..100,
 * default 50), filtered by `userid`, `action` (comma-separated), `lockid`, `groupid`, `personid`,
 * `result`, `from`/`to` ("YYYY-MM-DD" or "YYYY-MM-DD HH:mm:ss" UTC). `GET /api/audit/export.csv`
 * takes the same filters and writes every matching record.
 */
export interface AuditListResponse {
  status: 1;
  msg: string;
  auditlist: AuditRecord[];
}

export const AUDIT_FILTERS = ['userid', 'action', 'lockid', 'groupid', 'personid', 'result', 'from', 'to'] as const;
export type AuditFilter = (typeof AUDIT_FILTERS)[number];

/** Why the chain breaks at a record. */
export const CHAIN_BREAKS = ['changed', 'removed', 'inserted'] as const;
export type ChainBreak = (typeof CHAIN_BREAKS)[number];

/** `GET /api/audit/verify` (managers) walks the whole kept chain, from the retention anchor on. */
export interface AuditVerifyResponse {
  status: 1;
  msg: string;
  ok: 0 | 1;
  checked: number;
  /** The first record that does not fit the chain, and how; null when it verifies. */
  first_bad_auditid: number | null;
  first_bad_why: ChainBreak | null;
}
