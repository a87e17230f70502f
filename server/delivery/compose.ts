import { RULE_KIND_INFO, type TeamAlert, type WebhookEventType } from '../../contract/team-alerts';

/**
 * The event a message tells of: an alert event, a digest of a storm (alerts opened), a digest of
 * the storm's resolutions, or a contact's test.
 */
export type MessageType = WebhookEventType | 'digest' | 'digest.resolved' | 'contact.test';

/** Digests: many alerts in one message (the webhook's data.alerts). */
export function isDigest(type: string): boolean {
  return type === 'digest' || type === 'digest.resolved';
}

/**
 * What a message holds in the outbox (messages.payload): the alerts as they were when it was
 * queued, so that every attempt sends the same words. A digest keeps at most DIGEST_LISTED alerts
 * and counts the rest in `total`.
 */
export interface MessagePayload {
  type: MessageType;
  /** When the event happened (wire date); the webhook body's `timestamp`. */
  timestamp: string;
  alerts: TeamAlert[];
  total: number;
  /** A test message names the contact it was sent to. */
  contactName?: string;
}

export const DIGEST_LISTED = 50;

/** What each channel sends for one message. */
export interface Composed {
  subject: string;
  text: string;
  html: string;
  /** The webhook's JSON body (Standard Webhooks). */
  webhook: Record<string, unknown>;
  /** A Slack-compatible incoming webhook's body. */
  slack: { text: string };
}

const SEVERITY_WORD = { critical: 'Critical', warning: 'Warning', info: 'Info' } as const;

const STORM_PHRASE: Partial<Record<TeamAlert['kind'], string>> = {
  offline: 'locks went offline',
  'left-unlocked': 'doors were left unlocked',
  'battery-low': 'locks reported a low battery',
  'battery-critical': 'locks reported a critical battery',
  'access-denied': 'doors refused access',
  'access-denied-burst': 'doors saw repeated refusals (possible break-in)',
  'door-used': 'doors were used during a watched window',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function alertLink(publicUrl: string, alert: TeamAlert | undefined): string {
  const base = publicUrl.replace(/\/+$/, '');
  return alert?.lockid ? `${base}/locks/${encodeURIComponent(alert.lockid)}` : `${base}/alerts`;
}

function doorName(alert: TeamAlert): string {
  if (alert.lockname && alert.lockid) return `${alert.lockname} (${alert.lockid})`;
  return alert.lockname ?? alert.lockid ?? (alert.lockids.length ? alert.lockids.join(', ') : 'no single door');
}

function subjectFor(payload: MessagePayload, first: TeamAlert | undefined): string {
  if (payload.type === 'contact.test' || !first) return '[Lockboard] Test message';
  const severity = SEVERITY_WORD[first.severity];
  switch (payload.type) {
    case 'digest':
      return `[Lockboard] ${severity}: ${digestHeadline(payload, first)}`;
    case 'digest.resolved':
      return `[Lockboard] Resolved: ${digestHeadline(payload, first)}`;
    case 'alert.acknowledged':
      return `[Lockboard] Acknowledged: ${first.title}`;
    case 'alert.escalated':
      return `[Lockboard] Escalated, ${severity}: ${first.title}`;
    case 'alert.resolved':
      return `[Lockboard] Resolved: ${first.title}`;
    default:
      return `[Lockboard] ${severity}: ${first.title}`;
  }
}

function digestHeadline(payload: MessagePayload, first: TeamAlert): string {
  if (payload.type === 'digest.resolved') return `${payload.total} more alerts resolved (${RULE_KIND_INFO[first.kind].label})`;
  const phrase = STORM_PHRASE[first.kind] ?? `alerts: ${RULE_KIND_INFO[first.kind].label}`;
  return `${payload.total} more ${phrase}`;
}

function alertLines(payload: MessagePayload, alert: TeamAlert, link: string): string[] {
  const lines = [alert.title, '', `Door: ${doorName(alert)}`, `What happened: ${RULE_KIND_INFO[alert.kind].label}. ${alert.detail}`.trim()];
  lines.push(`Since: ${alert.opened_date} UTC`);
  if (alert.acked_by) lines.push(`Acknowledged by ${alert.acked_by.name} at ${alert.acked_date ?? ''} UTC${alert.ack_note ? `: ${alert.ack_note}` : ''}`);
  if (payload.type === 'alert.escalated') lines.push('Nobody acknowledged it in time: this is an escalation.');
  if (alert.closed_date) lines.push(`Resolved at ${alert.closed_date} UTC`);
  lines.push('', `Open it in Lockboard: ${link}`);
  return lines;
}

function digestLines(payload: MessagePayload, first: TeamAlert, link: string): string[] {
  const names = payload.alerts.map((a) => `- ${doorName(a)}: ${a.title} (since ${a.opened_date} UTC${a.closed_date ? `, resolved at ${a.closed_date} UTC` : ''})`);
  const more = payload.total - payload.alerts.length;
  if (more > 0) names.push(`- and ${more} more`);
  return [`${digestHeadline(payload, first)}:`, '', ...names, '', `See every alert in Lockboard: ${link}`];
}

function testLines(payload: MessagePayload, link: string): string[] {
  return [`This is a test message from Lockboard to ${payload.contactName ?? 'this contact'}.`, 'Alerts will arrive here like this one.', '', `Lockboard: ${link}`];
}

function htmlLine(line: string): string {
  if (line === '') return '<br>';
  const link = /^(.*: )(https?:\/\/\S+)$/.exec(line);
  if (link?.[1] && link[2]) return `<p>${escapeHtml(link[1])}<a href="${escapeHtml(link[2])}">${escapeHtml(link[2])}</a></p>`;
  return `<p>${escapeHtml(line)}</p>`;
}

function htmlFrom(lines: string[]): string {
  const body = lines.map(htmlLine).join('\n');
  return `<!doctype html><html><body style="font-family:sans-serif">\n${body}\n</body></html>`;
}

/** The words and bodies of a message for every channel. */
export function compose(payload: MessagePayload, publicUrl: string): Composed {
  const first = payload.alerts[0];
  const base = publicUrl.replace(/\/+$/, '');
  const link = isDigest(payload.type) || payload.type === 'contact.test' ? `${base}/alerts` : alertLink(publicUrl, first);
  let lines: string[];
  let webhook: Record<string, unknown>;
  if (payload.type === 'contact.test' || !first) {
    lines = testLines(payload, link);
    webhook = { type: 'contact.test', timestamp: payload.timestamp, data: { message: lines[0], link } };
  } else if (isDigest(payload.type)) {
    lines = digestLines(payload, first, link);
    webhook = { type: payload.type === 'digest' ? 'alert.opened' : 'alert.resolved', timestamp: payload.timestamp, data: { alert: first, alerts: payload.alerts, total: payload.total, link } };
  } else {
    lines = alertLines(payload, first, link);
    webhook = { type: payload.type, timestamp: payload.timestamp, data: { alert: first, link } };
  }
  const subject = subjectFor(payload, first);
  const text = `${lines.join('\n')}\n`;
  return { subject, text, html: htmlFrom(lines), webhook, slack: { text: `${subject.replace(/^\[Lockboard\] /, '')}\n\n${lines.join('\n')}`.trim() } };
}
