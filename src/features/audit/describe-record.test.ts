import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, type AuditAction } from '@contract/audit';
import { ACTION_GROUPS, ACTION_LABELS, type RecordFacts, describeRecord } from './describe-record';

const manager = { userid: 1, username: 'Demo Manager', email: 'manager@lockboard.local', role: 'manager' } as const;
const none = {
  lockid: null,
  lockname: null,
  groupid: null,
  groupname: null,
  grantid: null,
  personid: null,
  personname: null,
  command: null,
  count: null,
} as const;

function record(action: string, fields: Partial<RecordFacts> = {}): RecordFacts {
  return { ...manager, ...none, action, result: 'ok', ...fields };
}

const serverRoom = { lockid: 'EM000001', lockname: 'HQ · Server room' };
const pedro = { personid: 7, personname: 'Pedro' };

describe('an audit record in words', () => {
  it('says who did what to which lock, person or group', () => {
    const cases: [RecordFacts, string][] = [
      [record('password-reveal', serverRoom), 'Demo Manager revealed the password of HQ · Server room'],
      [record('lock-command', { lockid: 'EM000002', lockname: 'HQ · Lobby', command: 'unlock' }), 'Demo Manager unlocked HQ · Lobby'],
      [record('lock-command', { ...serverRoom, command: 'lock' }), 'Demo Manager locked HQ · Server room'],
      [record('grant', { ...serverRoom, ...pedro, grantid: 12 }), 'Demo Manager gave Pedro access to HQ · Server room'],
      [record('grant', { ...pedro, groupid: 3, groupname: 'Floor 2' }), 'Demo Manager gave Pedro access to the group Floor 2'],
      [record('grant-revoke', { ...serverRoom, ...pedro }), 'Demo Manager ended Pedro’s access to HQ · Server room'],
      [record('offboard', { ...pedro, count: 3 }), 'Demo Manager removed all of Pedro’s access (3 grants)'],
      [record('passcode-reveal', { ...serverRoom, personid: 8, personname: 'Agnes' }), 'Demo Manager revealed the keypad code of Agnes for HQ · Server room'],
      [record('passcode-reveal', { grantid: 44 }), 'Demo Manager revealed the keypad code of grant 44'],
      [record('bulk-command', { command: 'lock', count: 1 }), 'Demo Manager locked 1 lock'],
      [record('bulk-command', { command: 'unlock', count: 30 }), 'Demo Manager unlocked 30 locks'],
      [record('group-locks-changed', { groupid: 3, groupname: 'Floor 2' }), 'Demo Manager changed the locks of the group Floor 2'],
      [record('group-deleted', { groupid: 3 }), 'Demo Manager deleted group 3'],
      [record('sign-in-failed', { userid: null, username: null, role: null, email: 'who@example.com', result: 'denied' }), 'A sign-in as who@example.com failed'],
      [record('role-changed', { role: 'support' }), 'Demo Manager’s role changed to support (read-only)'],
      [record('lock-command', { lockid: 'EM000009', command: 'unlock' }), 'Demo Manager unlocked EM000009'],
    ];
    for (const [facts, sentence] of cases) expect(describeRecord(facts).sentence, facts.action).toBe(sentence);
  });

  it('says in words when it was denied or failed, not by colour alone', () => {
    const failed = describeRecord(record('lock-command', { ...serverRoom, command: 'unlock', result: 'failed' }));
    expect(failed).toEqual({ sentence: 'Demo Manager tried to unlock HQ · Server room', outcome: 'Failed' });
    const denied = describeRecord(record('password-reveal', { ...serverRoom, result: 'denied' }));
    expect(denied).toEqual({ sentence: 'Demo Manager tried to reveal the password of HQ · Server room', outcome: 'Denied' });
    expect(describeRecord(record('sign-in')).outcome).toBeNull();
    expect(describeRecord(record('sign-in', { result: null })).outcome).toBe('Outcome unknown');
  });

  it('has a sentence for every action of the contract, with or without names', () => {
    expect(AUDIT_ACTIONS.length).toBeGreaterThan(30);
    for (const action of AUDIT_ACTIONS) {
      for (const facts of [record(action), record(action, { ...serverRoom, ...pedro, groupid: 3, groupname: 'Floor 2', grantid: 9, command: 'unlock', count: 2 })]) {
        for (const result of ['ok', 'denied', 'failed'] as const) {
          const { sentence } = describeRecord({ ...facts, result });
          expect(sentence, action).toMatch(/^[A-Z]/);
          expect(sentence, action).not.toMatch(/undefined|null|NaN|\[object/);
          expect(sentence, action).not.toContain(`: ${action}`);
        }
      }
    }
  });

  it('names someone when the record names nobody, and keeps an action it does not know as the server wrote it', () => {
    const anonymous = { userid: null, username: null, email: null, role: null };
    expect(describeRecord(record('sign-out', anonymous)).sentence).toBe('Someone signed out');
    expect(describeRecord(record('sign-out', { ...anonymous, userid: 5 })).sentence).toBe('User 5 signed out');
    expect(describeRecord(record('door-painted')).sentence).toBe('Demo Manager: door-painted');
  });

  it('offers every action in exactly one group of the filter, each with a label', () => {
    const grouped = ACTION_GROUPS.flatMap((g) => g.actions);
    expect([...grouped].sort()).toEqual([...AUDIT_ACTIONS].sort());
    expect(new Set(grouped).size).toBe(grouped.length);
    const labels = Object.entries(ACTION_LABELS) as [AuditAction, string][];
    expect(labels).toHaveLength(AUDIT_ACTIONS.length);
    expect(new Set(labels.map(([, label]) => label)).size).toBe(labels.length);
  });
});
