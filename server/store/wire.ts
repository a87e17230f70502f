import type { Selectable } from 'kysely';
import { toPlatformDate } from '../../contract/envelope';
import type { AlertRule, Contact, ContactChannel, RuleKind, RuleSchedule, RuleScope, Severity, TeamAlert } from '../../contract/team-alerts';
import type { AlertRuleTable, AlertTable, ContactTable } from './schema';

/** Epoch ms → the wire's "YYYY-MM-DD HH:mm:ss" UTC. */
export function wireDate(ms: number): string {
  return toPlatformDate(new Date(ms));
}

export function wireDateOrNull(ms: number | null): string | null {
  return ms === null ? null : wireDate(ms);
}

function jsonOr<T>(text: string | null, fallback: T): T {
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** A stored alert as the wire's `alert`, with the caller's read mark. */
export function alertFromRow(row: Selectable<AlertTable>, read: boolean): TeamAlert {
  return {
    alertid: row.alertid,
    ruleid: row.ruleid,
    kind: row.kind as RuleKind,
    severity: row.severity as Severity,
    title: row.title,
    detail: row.detail,
    lockid: row.lockid,
    lockname: row.lockname,
    groupid: row.groupid,
    lockids: jsonOr<string[]>(row.lockids, []),
    opened_date: wireDate(row.opened_at),
    updated_date: wireDate(row.updated_at),
    closed_date: wireDateOrNull(row.closed_at),
    closed_reason: row.closed_reason === 'resolved' ? 'resolved' : null,
    acked_by: row.acked_by_userid === null ? null : { userid: row.acked_by_userid, name: row.acked_by_name ?? '' },
    acked_date: wireDateOrNull(row.acked_at),
    ack_note: row.ack_note,
    escalated: row.escalated ? 1 : 0,
    read: read ? 1 : 0,
  };
}

export function ruleFromRow(row: Selectable<AlertRuleTable>): AlertRule {
  return {
    ruleid: row.ruleid,
    name: row.name,
    kind: row.kind as RuleKind,
    enabled: row.enabled === 1,
    scope: jsonOr<RuleScope>(row.scope, { all: true }),
    threshold_s: row.threshold_s,
    schedule: jsonOr<RuleSchedule | null>(row.schedule, null),
    when: row.when_mode === 'outside-schedule' ? 'outside-schedule' : 'always',
    contactids: jsonOr<number[]>(row.contactids, []),
    escalate_after_s: row.escalate_after_s,
    escalate_contactids: jsonOr<number[]>(row.escalate_contactids, []),
  };
}

/** A contact as the wire shows it: never its secret. */
export function contactFromRow(row: Selectable<ContactTable>): Contact {
  return {
    contactid: row.contactid,
    name: row.name,
    channel: row.channel as ContactChannel,
    address: row.address,
    enabled: row.enabled === 1,
    failing: row.failing ? 1 : 0,
    last_delivery:
      row.last_delivery_at === null
        ? null
        : { date: wireDate(row.last_delivery_at), ok: row.last_delivery_ok ? 1 : 0, detail: row.last_delivery_detail ?? '' },
  };
}
