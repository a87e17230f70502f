import { describe, expect, it } from 'vitest';
import { parseDelivery, parseHistoryPage, parseNotifier, parseTeamAlert } from './team-alerts';

const row = {
  alertid: 12,
  ruleid: 3,
  kind: 'left-unlocked',
  severity: 'critical',
  title: 'Server Room left unlocked',
  detail: 'Unlocked for 12 minutes',
  lockid: 'EM000007',
  lockname: 'HQ · Server Room',
  groupid: 2,
  lockids: ['EM000007'],
  opened_date: '2026-12-06 21:02:00',
  updated_date: '2026-12-06 21:10:00',
  closed_date: null,
  closed_reason: null,
  acked_by: { userid: 4, name: 'Ana' },
  acked_date: '2026-12-06 21:14:00',
  ack_note: 'On my way',
  escalated: 1,
  read: 0,
};

describe('team alerts at the boundary', () => {
  it('reads an alert of the contract, its UTC dates as instants', () => {
    expect(parseTeamAlert(row)).toEqual({
      alertid: 12,
      kind: 'left-unlocked',
      severity: 'critical',
      title: 'Server Room left unlocked',
      detail: 'Unlocked for 12 minutes',
      lockid: 'EM000007',
      lockName: 'HQ · Server Room',
      lockids: ['EM000007'],
      openedAt: Date.UTC(2026, 11, 6, 21, 2),
      updatedAt: Date.UTC(2026, 11, 6, 21, 10),
      closedAt: null,
      resolved: false,
      ackedBy: { userid: 4, name: 'Ana' },
      ackedAt: Date.UTC(2026, 11, 6, 21, 14),
      ackNote: 'On my way',
      escalated: true,
      read: false,
    });
  });

  it('defaults odd fields rather than failing the alert', () => {
    const odd = parseTeamAlert({
      alertid: '44',
      kind: 'meteor-strike',
      severity: 'apocalyptic',
      title: '',
      detail: { html: '<b>x</b>' },
      lockid: 7,
      lockids: 'EM1',
      opened_date: 'yesterday',
      closed_date: '2026-12-06 22:00:00',
      closed_reason: 'resolved',
      acked_by: { userid: 'x' },
      escalated: 'yes',
      read: '1',
    });
    expect(odd).toMatchObject({
      alertid: 44,
      kind: null,
      severity: 'warning',
      title: 'Alert',
      detail: '',
      lockid: '7',
      lockids: [],
      openedAt: null,
      closedAt: Date.UTC(2026, 11, 6, 22),
      resolved: true,
      ackedBy: null,
      escalated: false,
      read: true,
    });
    expect(parseTeamAlert({ alertid: 5, kind: 'offline' })?.title).toBe('Lock offline');
  });

  it('drops rows without a usable id, and never throws on junk', () => {
    for (const junk of [null, 7, 'alert', [], {}, { alertid: 0 }, { alertid: -3 }, { alertid: 'abc' }, { alertid: 1.5 }]) {
      expect(parseTeamAlert(junk)).toBeNull();
    }
  });

  it('pages the history by the lowest id of a full page; a short page is the last', () => {
    const rows = [{ ...row, alertid: 30 }, { ...row, alertid: 29 }, { alertid: 'junk' }, { ...row, alertid: 29 }];
    const full = parseHistoryPage({ status: 1, alertslist: rows }, 4);
    expect(full.alerts.map((a) => a.alertid)).toEqual([30, 29]);
    expect(full.next).toBe(29);
    expect(parseHistoryPage({ status: 1, alertslist: rows.slice(0, 2) }, 4).next).toBeNull();
    expect(parseHistoryPage({ status: 1, alertslist: 'nope' }, 4)).toEqual({ alerts: [], next: null });
  });

  it('reads the notifier state; an unknown state warns, a missing one does not', () => {
    expect(parseNotifier({ state: 'running', msg: 'Watching', last_poll_date: '2026-12-06 21:00:00' })).toEqual({
      state: 'running',
      msg: 'Watching',
      lastPollAt: Date.UTC(2026, 11, 6, 21),
    });
    expect(parseNotifier({ state: 'sleeping', msg: 3 })).toEqual({ state: 'unavailable', msg: '', lastPollAt: null });
    expect(parseNotifier(undefined)).toBeNull();
    expect(parseNotifier('running')).toBeNull();
  });

  it('reads a delivery leniently', () => {
    expect(
      parseDelivery({ deliveryid: 9, messageid: 'msg_1', alertid: 12, contactid: 2, channel: 'webhook', attempt: 2, state: 'retrying', status_code: 503, detail: 'Service Unavailable', date: '2026-12-06 21:03:00', next_attempt_date: null }),
    ).toEqual({ deliveryid: 9, contactid: 2, channel: 'webhook', attempt: 2, state: 'retrying', statusCode: 503, detail: 'Service Unavailable', date: Date.UTC(2026, 11, 6, 21, 3) });
    expect(parseDelivery({ deliveryid: '10', channel: 'pigeon', state: 'lost', status_code: 'abc' })).toMatchObject({ deliveryid: 10, channel: null, state: null, statusCode: null, detail: '' });
    expect(parseDelivery({ state: 'sent' })).toBeNull();
  });
});
