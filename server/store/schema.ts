import type { Generated } from 'kysely';

/**
 * The gateway's own store (DESIGN.md, Team alerts): what belongs to the dashboard and not to the
 * platform. The same tables on SQLite and PostgreSQL. Times are epoch milliseconds (integers: a
 * PostgreSQL bigint is read back as a number, store.ts); lists and objects are JSON text, so that
 * both engines read them the same way. Routes turn times into the wire's "YYYY-MM-DD HH:mm:ss".
 */
export interface Database {
  alert_rules: AlertRuleTable;
  contacts: ContactTable;
  alerts: AlertTable;
  alert_reads: AlertReadTable;
  alert_read_marks: AlertReadMarkTable;
  messages: MessageTable;
  message_alerts: MessageAlertTable;
  deliveries: DeliveryTable;
  mail_outbox: MailOutboxTable;
  notifier_state: NotifierStateTable;
  leases: LeaseTable;
  audit_records: AuditRecordTable;
}

export interface AlertRuleTable {
  ruleid: Generated<number>;
  name: string;
  /** contract/team-alerts.ts RULE_KINDS */
  kind: string;
  enabled: number;
  /** JSON: {all: true} | {groupids: [..]} | {lockids: [..]} */
  scope: string;
  threshold_s: number;
  /** JSON: null | {days, from, to, timezone} */
  schedule: string | null;
  /** 'always' | 'outside-schedule' */
  when_mode: string;
  /** JSON number[] */
  contactids: string;
  escalate_after_s: number | null;
  /** JSON number[] */
  escalate_contactids: string;
  created_at: number;
  updated_at: number;
}

export interface ContactTable {
  contactid: Generated<number>;
  name: string;
  /** 'email' | 'webhook' | 'slack' */
  channel: string;
  address: string;
  /** A webhook contact's signing secret (whsec_…): shown once, never again. */
  secret: string | null;
  enabled: number;
  failing: number;
  last_delivery_at: number | null;
  last_delivery_ok: number | null;
  last_delivery_detail: string | null;
  created_at: number;
}

export interface AlertTable {
  alertid: Generated<number>;
  ruleid: number | null;
  kind: string;
  /** 'critical' | 'warning' | 'info' */
  severity: string;
  title: string;
  detail: string;
  lockid: string | null;
  lockname: string | null;
  groupid: number | null;
  /** JSON string[]: the locks of a coalesced alert */
  lockids: string;
  /**
   * What makes two conditions the same alert (e.g. `rule:3:lock:A1`, `rule:3:storm:<minute>`): an
   * open alert with the same key is updated, never duplicated. Null once closed.
   */
  open_key: string | null;
  opened_at: number;
  updated_at: number;
  closed_at: number | null;
  /** 'resolved' | null */
  closed_reason: string | null;
  acked_by_userid: number | null;
  acked_by_name: string | null;
  acked_at: number | null;
  ack_note: string | null;
  escalated: number;
  /** When escalation falls due (null: none, or no longer: acknowledged, escalated, closed). */
  escalate_at: number | null;
}

/** One user's read mark on one alert. */
export interface AlertReadTable {
  userid: number;
  alertid: number;
}

/** "Mark all read": every alert up to this id is read for the user. */
export interface AlertReadMarkTable {
  userid: number;
  read_upto: number;
}

/**
 * One message to one contact (the durable outbox): `messageid` is stable across retries and is the
 * webhook's `webhook-id`.
 */
export interface MessageTable {
  messageid: string;
  contactid: number;
  alertid: number | null;
  /** alert.opened | alert.updated | alert.acknowledged | alert.escalated | alert.resolved | contact.test | digest */
  type: string;
  /** JSON: what the channel sends (subject, text, the webhook body) */
  payload: string;
  /** 'pending' | 'sent' | 'dead' */
  state: string;
  attempt: number;
  next_attempt_at: number;
  /** A sender holds it until then (a sender that dies lets it go). */
  claimed_until: number | null;
  created_at: number;
  sent_at: number | null;
}

/** Each alert a message tells of (a digest tells of many); written with the message and at every fold. */
export interface MessageAlertTable {
  messageid: string;
  alertid: number;
}

export interface DeliveryTable {
  deliveryid: Generated<number>;
  messageid: string;
  alertid: number | null;
  contactid: number;
  channel: string;
  attempt: number;
  /** 'sent' | 'retrying' | 'failed' | 'dead' */
  state: string;
  status_code: number | null;
  detail: string;
  created_at: number;
  next_attempt_at: number | null;
}

/** Mail kept when SMTP_URL is unset. */
export interface MailOutboxTable {
  mailid: Generated<number>;
  messageid: string;
  recipient: string;
  subject: string;
  text: string;
  html: string | null;
  created_at: number;
}

/** The notifier's memory (feed cursor, the watcher's state), as JSON by key. */
export interface NotifierStateTable {
  key: string;
  value: string;
  updated_at: number;
}

/** Who does a one-per-deployment job (the notifier), until when. */
export interface LeaseTable {
  name: string;
  holder: string;
  expires_at: number;
}

/**
 * The audit trail (DESIGN.md, Audit trail): one row per record, never edited; retention deletes
 * from the oldest end only. `hash` = SHA-256 of `prev_hash` and the record's canonical form
 * (server/audit/chain.ts).
 */
export interface AuditRecordTable {
  auditid: Generated<number>;
  date: number;
  userid: number | null;
  username: string | null;
  email: string | null;
  role: string | null;
  /** contract/audit.ts AUDIT_ACTIONS */
  action: string;
  lockid: string | null;
  lockname: string | null;
  groupid: number | null;
  groupname: string | null;
  grantid: number | null;
  personid: number | null;
  personname: string | null;
  command: string | null;
  count: number | null;
  /** 'ok' | 'denied' | 'failed' */
  result: string;
  detail: string | null;
  ip: string;
  prev_hash: string;
  hash: string;
}
