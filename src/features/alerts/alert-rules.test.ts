import { describe, expect, it } from 'vitest';
import type { LockEvent } from '@/api/events';
import { type Alert, AWAY_MAX_EVENTS, AWAY_MAX_MS, awaySummary, isAway, isCritical, planToasts, step, type WatcherState } from './alert-rules';

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
const SETTINGS = { offlineAfterMs: 300_000, timezone: 'UTC', userid: 2 };
const platformDate = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
let nextId = 100;

function event(type: LockEvent['type'], at: number, extra: Partial<LockEvent> = {}): LockEvent {
  const lockid = extra.lockid ?? 'EM000001';
  return {
    eventid: nextId++,
    lockid,
    lockName: `Lock ${lockid}`,
    type,
    userid: null,
    username: null,
    method: 'system',
    date: platformDate(at),
    battery: null,
    ...extra,
  };
}

const fresh = (): WatcherState => ({ cursor: 99, cursorAt: T0, pendingOffline: {}, shownOffline: {} });

/** Runs the rules over time: each entry is a poll at `at` bringing `events`. */
function run(polls: { at: number; events?: LockEvent[] }[], state = fresh()) {
  const alerts: Alert[] = [];
  for (const poll of polls) {
    const result = step(state, poll.events ?? [], poll.at, SETTINGS);
    state = result.state;
    alerts.push(...result.alerts);
  }
  return { state, alerts };
}

describe('lock used', () => {
  it('tells who unlocked which door and how', () => {
    const { alerts } = run([{ at: T0, events: [event('unlocked', T0, { userid: 7, username: 'Amara Okafor', method: 'card' })] }]);
    expect(alerts).toEqual([
      expect.objectContaining({ kind: 'unlocked', lockid: 'EM000001', title: 'Lock EM000001 unlocked', detail: 'by Amara Okafor · Card', read: false }),
    ]);
  });

  it("skips the user's own remote commands (the command said so already), not other people's", () => {
    const own = event('unlocked', T0, { userid: 2, username: 'Demo Manager', method: 'remote' });
    const other = event('unlocked', T0, { userid: 5, username: 'Other Manager', method: 'remote' });
    expect(run([{ at: T0, events: [own, other] }]).alerts.map((a) => a.detail)).toEqual(['by Other Manager · Remote']);
  });

  it('says nothing of a door relocking itself', () => {
    expect(run([{ at: T0, events: [event('locked', T0, { method: 'system' })] }]).alerts).toEqual([]);
  });

  it('never tells the same event twice', () => {
    const once = event('locked', T0, { userid: 9, username: 'Zoe Whitfield', method: 'keypad' });
    const { alerts } = run([
      { at: T0, events: [once] },
      { at: T0 + 1000, events: [once] },
    ]);
    expect(alerts).toHaveLength(1);
  });
});

describe('offline', () => {
  it('falls due only after the lock stayed offline for OFFLINE_ALERT_AFTER_S', () => {
    const offline = event('offline', T0);
    const early = run([{ at: T0, events: [offline] }, { at: T0 + 299_000 }]);
    expect(early.alerts).toEqual([]);
    const due = run([{ at: T0 + 300_000 }], early.state);
    expect(due.alerts).toEqual([expect.objectContaining({ id: `offline:${offline.eventid}`, kind: 'offline', title: 'Lock EM000001 went offline' })]);
    expect(run([{ at: T0 + 400_000 }], due.state).alerts).toEqual([]);
  });

  it('pages nobody for a lock that flaps back within the threshold, and says nothing of it coming back', () => {
    const { alerts, state } = run([
      { at: T0, events: [event('offline', T0)] },
      { at: T0 + 20_000, events: [event('online', T0 + 20_000)] },
      { at: T0 + 600_000 },
    ]);
    expect(alerts).toEqual([]);
    expect(state.pendingOffline).toEqual({});
  });

  it('follows a shown offline alert with "back online", once', () => {
    const { alerts } = run([
      { at: T0, events: [event('offline', T0)] },
      { at: T0 + 300_000 },
      { at: T0 + 900_000, events: [event('online', T0 + 900_000)] },
      { at: T0 + 950_000, events: [event('online', T0 + 950_000)] },
    ]);
    expect(alerts.map((a) => a.kind)).toEqual(['offline', 'online']);
    expect(alerts[1]).toMatchObject({ title: 'Lock EM000001 is back online', detail: 'It was offline for 15 min.' });
  });

  it('counts from when the lock went offline, even if the event is read late', () => {
    const offline = event('offline', T0 - 600_000);
    expect(run([{ at: T0, events: [offline] }]).alerts).toEqual([expect.objectContaining({ kind: 'offline' })]);
  });
});

describe('battery', () => {
  const battery = (level: number, lockid: string) => event('battery_low', T0, { battery: level, lockid });

  it('is critical at exactly 10 % (and below), and only low at 11 % and 20 %', () => {
    const { alerts } = run([
      { at: T0, events: [battery(20, 'EM000001'), battery(11, 'EM000002'), battery(10, 'EM000003'), battery(9, 'EM000004'), battery(0, 'EM000005')] },
    ]);
    expect(alerts.map((a) => [a.lockid, a.kind, a.title, a.detail])).toEqual([
      ['EM000001', 'battery-low', 'Lock EM000001 battery low', '20 % — replace the batteries soon.'],
      ['EM000002', 'battery-low', 'Lock EM000002 battery low', '11 % — replace the batteries soon.'],
      ['EM000003', 'battery-critical', 'Lock EM000003 battery critical', '10 % — replace the batteries now.'],
      ['EM000004', 'battery-critical', 'Lock EM000004 battery critical', '9 % — replace the batteries now.'],
      ['EM000005', 'battery-critical', 'Lock EM000005 battery critical', '0 % — replace the batteries now.'],
    ]);
  });

  it('is low, not critical, when the event does not say the level', () => {
    expect(run([{ at: T0, events: [event('battery_low', T0)] }]).alerts).toEqual([
      expect.objectContaining({ kind: 'battery-low', detail: 'Replace the batteries soon.' }),
    ]);
  });

  it('keeps a critical battery on screen until dismissed, and lets a low one go by itself', () => {
    expect(isCritical('battery-critical')).toBe(true);
    expect(isCritical('battery-low')).toBe(false);
  });
});

describe('toasts', () => {
  it('coalesces a burst of one kind into one toast that opens the alert list', () => {
    const offline = Array.from({ length: 15 }, (_, i) => event('offline', T0, { lockid: `EM1${i}` }));
    const { alerts } = run([{ at: T0, events: offline }, { at: T0 + 300_000 }]);
    expect(alerts).toHaveLength(15);
    expect(planToasts(alerts)).toEqual([{ kind: 'offline', title: '15 locks went offline', detail: 'Open the alerts to see them all.', href: '/alerts', count: 15 }]);
  });

  const unlocks = (n: number) =>
    run([{ at: T0, events: Array.from({ length: n }, (_, i) => event('unlocked', T0, { lockid: `EM2${i}`, userid: 7, username: 'Amara Okafor' })) }]).alerts;

  it('shows 3 alerts of a kind in one poll as 3 toasts, and coalesces 4', () => {
    const three = planToasts(unlocks(3));
    expect(three.map((p) => [p.title, p.count, p.href])).toEqual([
      ['Lock EM20 unlocked', 1, '/locks/EM20'],
      ['Lock EM21 unlocked', 1, '/locks/EM21'],
      ['Lock EM22 unlocked', 1, '/locks/EM22'],
    ]);
    expect(planToasts(unlocks(4))).toEqual([{ kind: 'unlocked', title: '4 doors unlocked', detail: 'Open the alerts to see them all.', href: '/alerts', count: 4 }]);
  });

  it('counts a burst per kind: 4 unlocks coalesce while 3 low batteries in the same poll stay single', () => {
    const batteries = run([{ at: T0, events: [20, 15, 12].map((level, i) => event('battery_low', T0, { battery: level, lockid: `EM3${i}` })) }]).alerts;
    const plans = planToasts([...unlocks(4), ...batteries]);
    expect(plans.map((p) => [p.kind, p.count])).toEqual([
      ['unlocked', 4],
      ['battery-low', 1],
      ['battery-low', 1],
      ['battery-low', 1],
    ]);
  });

  it('keeps a few alerts as toasts of their own, each leading to its lock', () => {
    const { alerts } = run([{ at: T0, events: [event('unlocked', T0), event('unlocked', T0, { lockid: 'EM9' })] }]);
    expect(planToasts(alerts).map((p) => p.href)).toEqual(['/locks/EM000001', '/locks/EM9']);
  });
});

describe('coming back', () => {
  it('summarises when more than a day or more than 500 events behind', () => {
    const state = fresh();
    expect(isAway(state, 10, T0 + 3600_000)).toBe(false);
    expect(isAway(state, 10, T0 + AWAY_MAX_MS + 1)).toBe(true);
    expect(isAway(state, AWAY_MAX_EVENTS + 1, T0 + 1000)).toBe(true);
    expect(awaySummary(57, T0)).toMatchObject({ kind: 'away-summary', title: '57 events while you were away' });
    expect(planToasts([awaySummary(57, T0)])[0]?.href).toBe('/activity');
  });
});
