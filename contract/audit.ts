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
  'lockdown',
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
  // The first record after retention trimmed older ones: it carries the hash it continues from.
  'retention-anchor',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_RESULTS = ['ok', 'denied', 'failed'] as const;
export type AuditResult = (typeof AUDIT_RESULTS)[number];

/** One record as `GET /api/audit` sends it. Never a password, token, keypad code or webhook secret. */
export interface AuditRecord {
  auditid: number;
  audit_date: string;
  action: AuditAction;
  result: AuditResult;
  /** Who: the signed-in user, or the email that was tried (sign-in failures). */
  userid: number | null;
  email: string | null;
  /** The person's display name when the gateway knew it. */
  username: string | null;
  role: Role | null;
  ip: string;
  lockid: string | null;
  lockname: string | null;
  command: string | null;
  grantid: number | null;
  groupid: number | null;
  groupname: string | null;
  /** The person whose access changed (grants, offboarding, group changes). */
  personid: number | null;
  personname: string | null;
  count: number | null;
  /** A short reason or the affected grants and people, as text. */
  detail: string | null;
  /** SHA-256 (hex) of the previous record's hash and this record's canonical form. */
  hash: string;
}

/**
 * `GET /api/audit` (managers): newest first, paged by id like Activity (`beforeid`), filtered by
 * `email` (or `userid`), `action` (comma-separated), `lockid`, `groupid`, `personid`, `result`,
 * `from`/`to` ("YYYY-MM-DD" or "YYYY-MM-DD HH:mm:ss" UTC) and `limit` (1..100, default 50).
 * `GET /api/audit/export.csv` takes the same filters but `beforeid`/`limit`.
 */
export interface AuditListResponse {
  status: 1;
  msg: string;
  auditlist: AuditRecord[];
  /** The `beforeid` of the next (older) page, or null at the end. */
  nextBeforeId: number | null;
}

export const AUDIT_FILTERS = ['email', 'userid', 'action', 'lockid', 'groupid', 'personid', 'result', 'from', 'to'] as const;

/** Why the chain breaks at a record. */
export const CHAIN_BREAKS = ['changed', 'removed', 'inserted'] as const;
export type ChainBreak = (typeof CHAIN_BREAKS)[number];

export interface ChainVerdict {
  ok: boolean;
  /** How many records were checked. */
  checked: number;
  /** The first record that does not fit the chain, and how. */
  firstBad: { auditid: number; why: ChainBreak } | null;
  /** The oldest kept record (the retention anchor's id, or the first), null when empty. */
  fromId: number | null;
}

/** `GET /api/audit/verify` (managers): walks the whole chain. */
export interface AuditVerifyResponse {
  status: 1;
  msg: string;
  verdict: ChainVerdict;
}
