import { describe, expect, it } from 'vitest';
import type { AlertRule, Contact, Delivery, OutboxMessage } from '@contract/team-alerts';
import {
  type BeforeIdPage,
  parseContact,
  parseDelivery,
  parseList,
  parseOutboxMail,
  parseRule,
  parseTestResult,
  rowsOfPages,
  wireDateMs,
} from './alert-settings';

const rule: AlertRule = {
  ruleid: 4,
  name: 'Server rooms at night',
  kind: 'door-used',
  enabled: true,
  scope: { groupids: [2, 5] },
  threshold_s: 0,
  schedule: { days: '12345', from: '20:00', to: '06:00', timezone: 'Europe/Berlin' },
  when: 'always',
  contactids: [1, 3],
  escalate_after_s: 900,
  escalate_contactids: [7],
};

const contact: Contact = {
  contactid: 3,
  name: 'On-call',
  channel: 'webhook',
  address: 'https://hooks.example.com/lockboard',
  enabled: true,
  failing: 1,
  last_delivery: { date: '2026-12-06 22:15:00', ok: 0, detail: 'HTTP 503' },
};

describe('reading alert rules', () => {
  it('reads a rule of the contract as it is', () => {
    expect(parseRule(rule)).toEqual({ ...rule });
  });

  it('reads numbers sent as text, 0/1 flags and repeated ids', () => {
    const parsed = parseRule({ ...rule, ruleid: '4', enabled: 0, threshold_s: '600', contactids: ['1', 1, 'x', null, 3], escalate_after_s: '900' });
    expect(parsed).toMatchObject({ ruleid: 4, enabled: false, threshold_s: 600, contactids: [1, 3], escalate_after_s: 900 });
  });

  it('keeps a rule it cannot fully read, saying what is unknown', () => {
    const parsed = parseRule({ ruleid: 9, kind: 'moon-phase', scope: { some: 'thing' }, schedule: { days: 'weekdays', from: '8am' }, enabled: 'maybe' });
    expect(parsed).toEqual({
      ruleid: 9,
      name: 'Rule 9',
      kind: null,
      enabled: true,
      scope: null,
      threshold_s: 0,
      schedule: 'unreadable',
      when: 'always',
      contactids: [],
      escalate_after_s: null,
      escalate_contactids: [],
    });
  });

  it('reads each scope, and lock IDs sent as numbers as text', () => {
    expect(parseRule({ ...rule, scope: { all: true } })?.scope).toEqual({ all: true });
    expect(parseRule({ ...rule, scope: { lockids: ['A1', 42, '', null] } })?.scope).toEqual({ lockids: ['A1', '42'] });
    expect(parseRule({ ...rule, scope: { all: false } })?.scope).toBeNull();
  });

  it('drops a row without a usable ruleid, and a repeated one', () => {
    const rules = parseList({ ruleslist: [rule, { ...rule, ruleid: 'x' }, { name: 'no id' }, rule, { ...rule, ruleid: 5 }] }, 'ruleslist', parseRule, (r) => r.ruleid);
    expect(rules.map((r) => r.ruleid)).toEqual([4, 5]);
    expect(parseList({ ruleslist: 'nope' }, 'ruleslist', parseRule, (r) => r.ruleid)).toEqual([]);
  });
});

describe('reading contacts, deliveries and kept mail', () => {
  it('reads a failing webhook contact, its last delivery date as UTC', () => {
    expect(parseContact(contact)).toEqual({
      contactid: 3,
      name: 'On-call',
      channel: 'webhook',
      address: 'https://hooks.example.com/lockboard',
      enabled: true,
      failing: true,
      lastDelivery: { date: Date.UTC(2026, 11, 6, 22, 15, 0), ok: false, detail: 'HTTP 503' },
    });
  });

  it('reads an unknown channel as null and a missing name as "Contact N"', () => {
    expect(parseContact({ contactid: '8', channel: 'pager', address: 'x', last_delivery: 'yesterday' })).toMatchObject({
      contactid: 8,
      name: 'Contact 8',
      channel: null,
      failing: false,
      lastDelivery: null,
    });
    expect(parseContact({ name: 'no id' })).toBeNull();
  });

  it('reads a delivery, with an unknown state as null', () => {
    const delivery: Delivery = {
      deliveryid: 51,
      messageid: 'msg_2Ksx',
      alertid: 12,
      contactid: 3,
      channel: 'webhook',
      attempt: 2,
      state: 'retrying',
      status_code: 503,
      detail: 'Service Unavailable',
      date: '2026-12-06 22:15:00',
      next_attempt_date: '2026-12-06 22:15:30',
    };
    expect(parseDelivery(delivery)).toEqual({
      deliveryid: 51,
      messageid: 'msg_2Ksx',
      alertid: 12,
      contactid: 3,
      attempt: 2,
      state: 'retrying',
      statusCode: 503,
      detail: 'Service Unavailable',
      date: Date.UTC(2026, 11, 6, 22, 15, 0),
      nextAttempt: Date.UTC(2026, 11, 6, 22, 15, 30),
    });
    expect(parseDelivery({ ...delivery, state: 'lost', status_code: '200', next_attempt_date: null })).toMatchObject({ state: null, statusCode: 200, nextAttempt: null });
  });

  it('reads kept mail, its text exactly as sent', () => {
    const mail: OutboxMessage = { mailid: 7, messageid: 'm7', to: 'a@example.com', subject: 'Door left unlocked', text: 'Line 1\n\n  Line 3 <b>', date: '2026-12-06 01:02:03' };
    expect(parseOutboxMail(mail)).toEqual({ mailid: 7, to: 'a@example.com', subject: 'Door left unlocked', text: 'Line 1\n\n  Line 3 <b>', date: Date.UTC(2026, 11, 6, 1, 2, 3) });
    expect(parseOutboxMail({ mailid: 8, text: 5 })).toMatchObject({ subject: '(no subject)', text: '', date: null });
  });

  it('reads the gateway’s dates as UTC, and nothing else', () => {
    expect(wireDateMs('2026-01-31 23:59:59')).toBe(Date.UTC(2026, 0, 31, 23, 59, 59));
    expect(wireDateMs('2026-01-31T08:00')).toBe(Date.UTC(2026, 0, 31, 8, 0, 0));
    for (const bad of [null, '', 'yesterday', 1_700_000_000, '31.01.2026']) expect(wireDateMs(bad), String(bad)).toBeNull();
  });
});

describe('a test delivery’s answer', () => {
  it('reads the result, else says why there is none', () => {
    expect(parseTestResult({ status: 1, msg: 'ok', result: { ok: 1, status_code: '200', detail: '' } })).toEqual({ ok: true, statusCode: 200, detail: '' });
    expect(parseTestResult({ status: 1, msg: 'Connection refused' })).toEqual({ ok: false, statusCode: null, detail: 'Connection refused' });
  });
});

describe('pages of a beforeid list', () => {
  it('shows a row that moved onto the next page once', () => {
    const page = (ids: number[], nextBefore: number | null): BeforeIdPage<{ id: number }> => ({ items: ids.map((id) => ({ id })), nextBefore });
    const rows = rowsOfPages({ pages: [page([9, 8, 7], 7), page([7, 6], null)], pageParams: [null, 7] }, (r) => r.id);
    expect(rows.map((r) => r.id)).toEqual([9, 8, 7, 6]);
    expect(rowsOfPages(undefined, (r: { id: number }) => r.id)).toEqual([]);
  });
});
