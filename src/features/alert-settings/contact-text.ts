import type { ContactChannel, DeliveryState } from '@contract/team-alerts';
import type { ContactRow, DeliveryRow } from '@/api/alert-settings';
import { isEmailAddress } from '@/lib/email';
import { formatExact } from '@/lib/format';

export const CHANNEL_INFO: Record<ContactChannel, { label: string; address: string; hint: string; placeholder: string }> = {
  email: { label: 'E-mail', address: 'E-mail address', hint: 'One address, such as oncall@example.com. Mail has a plain-text part.', placeholder: 'oncall@example.com' },
  webhook: {
    label: 'Webhook',
    address: 'Webhook URL',
    hint: 'An http(s) address that receives a signed POST (Standard Webhooks). Addresses inside your network are refused unless the server allows them.',
    placeholder: 'https://example.com/hooks/lockboard',
  },
  slack: {
    label: 'Slack',
    address: 'Incoming webhook URL',
    hint: 'A Slack (or compatible) incoming webhook, such as https://hooks.slack.com/services/…',
    placeholder: 'https://hooks.slack.com/services/…',
  },
};

export function channelLabel(channel: ContactChannel | null): string {
  return channel ? CHANNEL_INFO[channel].label : 'Unknown channel';
}

/** What is wrong with an address for a channel, or null (the server checks again, and further). */
export function addressProblem(channel: ContactChannel, address: string): string | null {
  const value = address.trim();
  if (!value) return channel === 'email' ? 'Enter an e-mail address.' : 'Enter the webhook’s URL.';
  if (channel === 'email') return isEmailAddress(value) ? null : 'Enter an e-mail address such as oncall@example.com.';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'Enter a full URL, starting with https://.';
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? null : 'Only http:// and https:// addresses can receive webhooks.';
}

export const formatDate = (ms: number | null) => (ms === null ? 'an unknown date' : formatExact(ms));

/** "Failing — <detail>", "Last delivered <date>", "Last attempt failed — <detail>" or "Never used". */
export function contactState(contact: ContactRow): { text: string; problem: boolean } {
  const last = contact.lastDelivery;
  if (contact.failing) return { text: `Failing — ${last?.detail || 'no detail given'}`, problem: true };
  if (!last) return { text: 'Never used', problem: false };
  if (last.ok) return { text: `Last delivered ${formatDate(last.date)}`, problem: false };
  return { text: `Last attempt failed — ${last.detail || 'no detail given'}`, problem: true };
}

export const DELIVERY_STATE_LABEL: Record<DeliveryState, string> = {
  sent: 'Sent',
  retrying: 'Retrying',
  failed: 'Failed',
  dead: 'Gave up',
};

export function deliveryStateText(delivery: DeliveryRow): string {
  return delivery.state ? DELIVERY_STATE_LABEL[delivery.state] : 'Unknown';
}
