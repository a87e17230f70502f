/**
 * Team alerts (DESIGN.md, "Team alerts"): the wire shapes of the gateway's own alert routes, free of
 * zod so that the SPA can import the values. The server's strict request schemas are in
 * team-alerts-schemas.ts. Dates are "YYYY-MM-DD HH:mm:ss" UTC.
 */

export const RULE_KINDS = [
  'left-unlocked',
  'offline',
  'battery-low',
  'battery-critical',
  'access-denied',
  'access-denied-burst',
  'door-used',
  'lockdown',
  'secrets-burst',
  'schedule-failed',
] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export const SEVERITIES = ['critical', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** What each kind is called, how bad it is, and what its `threshold_s` means (null: it takes none). */
export const RULE_KIND_INFO: Record<RuleKind, { label: string; severity: Severity; threshold: string | null; defaultThresholdS: number }> = {
  'left-unlocked': { label: 'Door left unlocked', severity: 'critical', threshold: 'Unlocked for at least', defaultThresholdS: 600 },
  offline: { label: 'Lock offline', severity: 'critical', threshold: 'Offline for at least', defaultThresholdS: 300 },
  'battery-low': { label: 'Battery low', severity: 'warning', threshold: null, defaultThresholdS: 0 },
  'battery-critical': { label: 'Battery critical', severity: 'critical', threshold: null, defaultThresholdS: 0 },
  'access-denied': { label: 'Access denied', severity: 'info', threshold: null, defaultThresholdS: 0 },
  'access-denied-burst': { label: 'Possible break-in (repeated access denied)', severity: 'critical', threshold: 'Refusals counted within', defaultThresholdS: 300 },
  'door-used': { label: 'Door used during a watched window', severity: 'critical', threshold: null, defaultThresholdS: 0 },
  lockdown: { label: 'Lockdown started', severity: 'critical', threshold: null, defaultThresholdS: 0 },
  'secrets-burst': { label: 'Many secrets revealed', severity: 'warning', threshold: 'Reveals counted within', defaultThresholdS: 60 },
  'schedule-failed': { label: 'Door schedule failed', severity: 'warning', threshold: null, defaultThresholdS: 0 },
};

export const CONTACT_CHANNELS = ['email', 'webhook', 'slack'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

export const DELIVERY_STATES = ['sent', 'retrying', 'failed', 'dead'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export const WEBHOOK_EVENT_TYPES = ['alert.opened', 'alert.updated', 'alert.acknowledged', 'alert.escalated', 'alert.resolved'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export interface TeamAlert {
  alertid: number;
  ruleid: number | null;
  kind: RuleKind;
  severity: Severity;
  title: string;
  detail: string;
  lockid: string | null;
  lockname: string | null;
  groupid: number | null;
  /** The locks of a coalesced alert (a storm); [] or one lock otherwise. */
  lockids: string[];
  opened_date: string;
  updated_date: string;
  closed_date: string | null;
  closed_reason: 'resolved' | null;
  acked_by: { userid: number; name: string } | null;
  acked_date: string | null;
  ack_note: string | null;
  escalated: 0 | 1;
  /** The caller's own read mark. */
  read: 0 | 1;
}

export type RuleScope = { all: true } | { groupids: number[] } | { lockids: string[] };

export interface RuleSchedule {
  /** ISO weekday digits, "1234567" = every day. */
  days: string;
  /** "HH:mm"; a window may pass midnight (from 20:00 to 06:00). */
  from: string;
  to: string;
  /** IANA zone the hours are read in. */
  timezone: string;
}

export interface AlertRule {
  ruleid: number;
  name: string;
  kind: RuleKind;
  enabled: boolean;
  scope: RuleScope;
  threshold_s: number;
  schedule: RuleSchedule | null;
  when: 'always' | 'outside-schedule';
  contactids: number[];
  escalate_after_s: number | null;
  escalate_contactids: number[];
}

export interface Contact {
  contactid: number;
  name: string;
  channel: ContactChannel;
  address: string;
  enabled: boolean;
  failing: 0 | 1;
  last_delivery: { date: string; ok: 0 | 1; detail: string } | null;
}

export interface Delivery {
  deliveryid: number;
  messageid: string;
  alertid: number | null;
  contactid: number;
  channel: ContactChannel;
  attempt: number;
  state: DeliveryState;
  status_code: number | null;
  detail: string;
  date: string;
  next_attempt_date: string | null;
}

/** A mail kept in the outbox (SMTP_URL unset). */
export interface OutboxMessage {
  mailid: number;
  messageid: string;
  to: string;
  subject: string;
  text: string;
  date: string;
}

/** The signed webhook's body (Standard Webhooks). */
export interface WebhookBody {
  type: WebhookEventType;
  timestamp: string;
  data: { alert: TeamAlert; link: string };
}

/** The notifier's state, for `/alerts` and `/healthz`: why alerts may not be arriving. */
export interface NotifierStatus {
  /** `running` here or on another copy; `off` (NOTIFIER=off on every copy seen); `unavailable` with the reason. */
  state: 'running' | 'standby' | 'off' | 'unavailable';
  msg: string;
  /** When the feed was last read (any copy). */
  last_poll_date: string | null;
}
