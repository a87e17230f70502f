import { describe, expect, it } from 'vitest';
import type { AlertRule } from '../../contract/team-alerts';
import { step } from './engine';
import { type AlertAction, type LockInfo, type OpenAlert, emptyState } from './engine-types';

const T0 = Date.parse('2025-06-02T10:00:00Z');
const HOUR = 3600_000;

const rule: AlertRule = {
  ruleid: 7, name: 'Schedules', kind: 'schedule-failed', enabled: true, scope: { all: true }, threshold_s: 0, schedule: null, when: 'always',
  contactids: [1], escalate_after_s: null, escalate_contactids: [],
};
const office = (state: string, until: number | null = T0 + 8 * HOUR) => ({ name: 'Lobby hours', state, until });
function lock(lockid: string, extra: Partial<LockInfo>): LockInfo {
  return { lockid, lockname: `Door ${lockid}`, open: false, online: true, battery: 80, timed: false, groupids: [], ...extra };
}

/** One engine step over a fresh lock list, with the alerts already open. */
function run(locks: LockInfo[], open: OpenAlert[] = [], now = T0): AlertAction[] {
  const snapshot = { cursor: 1_000_000, fresh: true, locks: Object.fromEntries(locks.map((l) => [l.lockid, l])) };
  return step({ state: emptyState(100), events: [], rules: [rule], openAlerts: open, locks: snapshot, now, timeZone: 'UTC' }).actions;
}

describe('a schedule that could not unlock its door', () => {
  it('is an alert only for an offline door its schedule wants unlocked now, naming the schedule', () => {
    const actions = run([
      lock('A', { online: false, schedule: office('unlocked') }),
      lock('B', { online: true, schedule: office('unlocked') }),
      lock('C', { online: false, schedule: office('locked') }),
      lock('D', { online: false, schedule: office('unlocked'), lockdown: true }),
      lock('E', { online: false, schedule: null }),
      lock('F', { online: false, schedule: office('unlocked', T0 - 1000) }),
    ]);
    expect(actions.map((a) => (a.op === 'open' ? `${a.key} ${a.title}` : a.op))).toEqual(['rule:7:lock:A Lobby hours could not unlock Door A']);
    expect(actions[0]).toMatchObject({ detail: 'Door A is offline, so "Lobby hours" could not unlock it (due unlocked until 18:00). It unlocks when the lock is back inside the window.' });
  });

  it('resolves once the list shows the door back or its window over, and opens once only', () => {
    const open: OpenAlert[] = [{ key: 'rule:7:lock:A', ruleid: 7, kind: 'schedule-failed', lockid: 'A' }];
    expect(run([lock('A', { online: false, schedule: office('unlocked') })], open)).toEqual([]);
    expect(run([lock('A', { online: true, open: true, schedule: office('unlocked') })], open).map((a) => a.op)).toEqual(['resolve']);
    expect(run([lock('A', { online: false, schedule: office('locked') })], open).map((a) => a.op)).toEqual(['resolve']);
  });
});
