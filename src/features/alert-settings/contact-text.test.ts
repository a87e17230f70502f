import { describe, expect, it } from 'vitest';
import type { ContactRow } from '@/api/alert-settings';
import { addressProblem, contactState } from './contact-text';

const contact: ContactRow = { contactid: 1, name: 'On-call', channel: 'webhook', address: 'https://x.example', enabled: true, failing: false, lastDelivery: null };

describe('a contact', () => {
  it('is failing with the reason, delivered with the date, or never used', () => {
    expect(contactState({ ...contact, failing: true, lastDelivery: { date: 0, ok: false, detail: 'HTTP 503' } })).toEqual({ text: 'Failing — HTTP 503', problem: true });
    expect(contactState({ ...contact, lastDelivery: { date: Date.UTC(2026, 11, 6, 22, 0, 0), ok: true, detail: '' } }).text).toMatch(/^Last delivered .*2026/);
    expect(contactState(contact)).toEqual({ text: 'Never used', problem: false });
  });

  it('address is checked for its channel before it is sent', () => {
    expect(addressProblem('email', 'oncall@example.com')).toBeNull();
    expect(addressProblem('email', 'oncall')).toMatch(/e-mail address such as/);
    expect(addressProblem('webhook', 'https://hooks.example.com/a')).toBeNull();
    expect(addressProblem('slack', 'hooks.slack.com/services/x')).toMatch(/full URL/);
    expect(addressProblem('webhook', 'ftp://example.com/')).toMatch(/Only http/);
    expect(addressProblem('webhook', '  ')).toMatch(/Enter the webhook/);
  });
});
