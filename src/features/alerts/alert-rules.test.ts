import { describe, expect, it } from 'vitest';
import type { LockEvent } from '@/api/events';
import {
  type Alert,
  type AlertKind,
  AWAY_MAX_EVENTS,
  AWAY_MAX_MS,
  awaySummary,
  capAlerts,
  DEFAULT_PREFERENCES,
  isAway,
  isCritical,
  MAX_ALERTS,
  planToasts,
  type PlatformOpen,
  type RuleSettings,
  ruleSettingsFrom,
  step,
  toastWorthy,
  type WatcherState,
} from './alert-rules';

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
    groupid: null,
    groupName: null,
    reason: null,
    actor: null,
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

/** Runs the rules over time: each entry is a poll at `at` bringing `events` (and the platform's word on due doors). */
function run(polls: { at: number; events?: LockEvent[]; platform?: PlatformOpen }[], state = fresh(), settings: RuleSettings = SETTINGS) {
  const alerts: Alert[] = [];
  for (const poll of polls) {
    const result = step(state, poll.events ?? [], poll.at, settings, poll.platform);
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

/** The rules as a user with these preferences (the defaults unless changed) has them. */
const withPreferences = (change: Partial<typeof DEFAULT_PREFERENCES> = {}): RuleSettings => ({ ...SETTINGS, ...ruleSettingsFrom({ ...DEFAULT_PREFERENCES, ...change }) });

describe('defaults: only the exceptional pops up', () => {
  const cardUnlock = () => event('unlocked', T0, { userid: 7, username: 'Amara Okafor', method: 'card' });

  it('makes no alert of a routine card, keypad, app or fingerprint unlock, nor of a lock by a person', () => {
    const events = (['card', 'keypad', 'app', 'fingerprint'] as const).map((method) => event('unlocked', T0, { userid: 7, username: 'Amara Okafor', method }));
    const locked = event('locked', T0, { userid: 7, username: 'Amara Okafor', method: 'card' });
    expect(run([{ at: T0, events: [...events, locked] }], fresh(), withPreferences()).alerts).toEqual([]);
  });

  it('lists and pops up routine unlocks once opted in, and only lists them with "List only"', () => {
    const popup = run([{ at: T0, events: [cardUnlock()] }], fresh(), withPreferences({ modes: { ...DEFAULT_PREFERENCES.modes, unlocked: 'popup' } }));
    expect(popup.alerts.map((a) => a.kind)).toEqual(['unlocked']);
    expect(toastWorthy(popup.alerts, { modes: { ...DEFAULT_PREFERENCES.modes, unlocked: 'popup' } }).map((a) => a.kind)).toEqual(['unlocked']);

    const listed = run([{ at: T0, events: [cardUnlock()] }], fresh(), withPreferences({ modes: { ...DEFAULT_PREFERENCES.modes, unlocked: 'list' } }));
    expect(listed.alerts.map((a) => a.kind)).toEqual(['unlocked']);
    expect(toastWorthy(listed.alerts, { modes: { ...DEFAULT_PREFERENCES.modes, unlocked: 'list' } })).toEqual([]);
  });

  it('pops up offline, low and critical batteries and doors left unlocked; lists "back online" without a pop-up', () => {
    const settings = withPreferences();
    const { alerts } = run(
      [
        { at: T0, events: [event('offline', T0, { lockid: 'EM1' }), event('battery_low', T0, { lockid: 'EM2', battery: 15 }), event('battery_low', T0, { lockid: 'EM3', battery: 5 })] },
        { at: T0, events: [event('unlocked', T0, { lockid: 'EM4', method: 'keypad', userid: 7, username: 'Amara Okafor' })] },
        { at: T0 + 600_000 },
        { at: T0 + 700_000, events: [event('online', T0 + 700_000, { lockid: 'EM1' })] },
      ],
      fresh(),
      settings,
    );
    expect(alerts.map((a) => a.kind).sort()).toEqual(['battery-critical', 'battery-low', 'left-unlocked', 'offline', 'online']);
    expect(toastWorthy(alerts, DEFAULT_PREFERENCES).map((a) => a.kind).sort()).toEqual(['battery-critical', 'battery-low', 'left-unlocked', 'offline']);
  });

  it('keeps the exceptional ones listed even if stored settings say "off"', () => {
    const settings = { ...SETTINGS, modes: { offline: 'off', 'battery-critical': 'off' } } as const;
    const { alerts } = run([{ at: T0, events: [event('offline', T0 - 600_000, { lockid: 'EM1' }), event('battery_low', T0, { lockid: 'EM2', battery: 3 })] }], fresh(), settings);
    expect(alerts.map((a) => a.kind).sort()).toEqual(['battery-critical', 'offline']);
  });
});

describe('door left unlocked', () => {
  const TEN_MIN = 600_000;
  const settings = (after: number | null = TEN_MIN): RuleSettings => ({ ...SETTINGS, leftUnlockedAfterMs: after });
  const unlock = (at: number, extra: Partial<LockEvent> = {}) => event('unlocked', at, { userid: 7, username: 'Amara Okafor', method: 'card', ...extra });
  const leftUnlocked = (alerts: Alert[]) => alerts.filter((a) => a.kind === 'left-unlocked');

  it('falls due once the threshold has passed with no further event (the clock alone), not a second before', () => {
    const opened = unlock(T0);
    const early = run([{ at: T0, events: [opened] }, { at: T0 + TEN_MIN - 1000 }], fresh(), settings());
    expect(leftUnlocked(early.alerts)).toEqual([]);
    const due = run([{ at: T0 + TEN_MIN }], early.state, settings());
    expect(due.alerts).toEqual([
      expect.objectContaining({
        id: `left-unlocked:${opened.eventid}`,
        kind: 'left-unlocked',
        lockid: 'EM000001',
        title: 'Lock EM000001 left unlocked',
        at: T0 + TEN_MIN,
        read: false,
      }),
    ]);
    expect(due.alerts[0]?.detail).toMatch(/^Unlocked for 10 min, since .+, by Amara Okafor · Card\.$/);
  });

  it('never tells the same unlock twice, however long the door stays open', () => {
    const { alerts } = run([{ at: T0, events: [unlock(T0)] }, { at: T0 + TEN_MIN }, { at: T0 + 2 * TEN_MIN }, { at: T0 + 60 * TEN_MIN }], fresh(), settings());
    expect(leftUnlocked(alerts)).toHaveLength(1);
  });

  it('says nothing of a door locked again in time, by a person or by the platform relocking it', () => {
    const locks = [() => event('locked', T0 + 60_000, { method: 'keypad', userid: 7, username: 'Amara Okafor' }), () => event('locked', T0 + 60_000, { method: 'system' })];
    for (const lock of locks) {
      const opened = unlock(T0);
      const { alerts, state } = run([{ at: T0, events: [opened] }, { at: T0 + 60_000, events: [lock()] }, { at: T0 + 3 * TEN_MIN }], fresh(), settings());
      expect(leftUnlocked(alerts)).toEqual([]);
      expect(state.openDoors).toEqual({});
    }
  });

  it('counts a door from its first unlock: a second unlock of an open door does not restart the clock', () => {
    const { alerts } = run([{ at: T0, events: [unlock(T0)] }, { at: T0 + 5 * 60_000, events: [unlock(T0 + 5 * 60_000, { method: 'app' })] }, { at: T0 + TEN_MIN }], fresh(), settings());
    expect(leftUnlocked(alerts).map((a) => a.detail)).toEqual([expect.stringContaining('by Amara Okafor · Card')]);
  });

  it('tells a new unlock after the door was locked again: once per unlock', () => {
    const { alerts } = run(
      [
        { at: T0, events: [unlock(T0)] },
        { at: T0 + TEN_MIN },
        { at: T0 + TEN_MIN + 1000, events: [event('locked', T0 + TEN_MIN + 1000, { method: 'system' })] },
        { at: T0 + 2 * TEN_MIN, events: [unlock(T0 + 2 * TEN_MIN, { method: 'remote', userid: 2, username: 'Demo Manager' })] },
        { at: T0 + 3 * TEN_MIN },
      ],
      fresh(),
      settings(),
    );
    // The user's own remote unlock is no alert of its own, but a door left open is, whoever opened it.
    expect(leftUnlocked(alerts).map((a) => a.detail)).toEqual([expect.stringContaining('Amara Okafor'), expect.stringContaining('by Demo Manager · Remote')]);
  });

  it('counts from the unlock, even when the event is read late', () => {
    expect(leftUnlocked(run([{ at: T0, events: [unlock(T0 - TEN_MIN - 5000)] }], fresh(), settings()).alerts)).toHaveLength(1);
  });

  it('is off when disabled', () => {
    const { alerts } = run([{ at: T0, events: [unlock(T0)] }, { at: T0 + 24 * 6 * TEN_MIN }], fresh(), settings(null));
    expect(alerts.map((a) => a.kind)).toEqual(['unlocked']);
  });

  it('follows the chosen threshold (5 minutes here)', () => {
    const five = withPreferences({ leftUnlockedAfterMin: 5 });
    expect(leftUnlocked(run([{ at: T0, events: [unlock(T0)] }, { at: T0 + 299_000 }], fresh(), five).alerts)).toEqual([]);
    expect(leftUnlocked(run([{ at: T0, events: [unlock(T0)] }, { at: T0 + 300_000 }], fresh(), five).alerts)).toHaveLength(1);
  });

  it('believes the platform when it has the lock locked (a lock event the feed missed), and forgets the door', () => {
    const { alerts, state } = run([{ at: T0, events: [unlock(T0)] }, { at: T0 + TEN_MIN, platform: { EM000001: false } }, { at: T0 + 2 * TEN_MIN }], fresh(), settings());
    expect(leftUnlocked(alerts)).toEqual([]);
    expect(state.openDoors).toEqual({});
  });

  it('does not call a timed unlock forgotten while its relock is still to come', () => {
    const { alerts, state } = run([{ at: T0, events: [unlock(T0)] }, { at: T0 + TEN_MIN, platform: { EM000001: 'timed' } }], fresh(), settings());
    expect(leftUnlocked(alerts)).toEqual([]);
    expect(Object.keys(state.openDoors ?? {})).toEqual(['EM000001']);
    // Still open a poll later, and the platform no longer has a relock to come: now it is a forgotten door.
    const later = run([{ at: T0 + TEN_MIN + 10_000, platform: { EM000001: true } }], state, settings());
    expect(leftUnlocked(later.alerts)).toHaveLength(1);
  });

  it('tells when the platform says the lock is unlocked, or cannot say', () => {
    for (const open of [true, null]) {
      expect(leftUnlocked(run([{ at: T0, events: [unlock(T0)] }, { at: T0 + TEN_MIN, platform: { EM000001: open } }], fresh(), settings()).alerts)).toHaveLength(1);
    }
  });

  it('works from a state kept before doors were tracked', () => {
    const old: WatcherState = { cursor: 99, cursorAt: T0, pendingOffline: {}, shownOffline: {} };
    expect(leftUnlocked(run([{ at: T0, events: [unlock(T0)] }, { at: T0 + TEN_MIN }], old, settings()).alerts)).toHaveLength(1);
  });

  it('stays on screen until dismissed', () => {
    expect(isCritical('left-unlocked')).toBe(true);
  });
});

describe('the list cap', () => {
  let id = 0;
  const alert = (kind: AlertKind, at: number, read = false): Alert => ({ id: `a${id++}`, kind, lockid: 'EM1', lockName: 'Lock EM1', title: 't', detail: 'd', at, read });
  /** Newest first, as the store keeps them. */
  const newestFirst = (alerts: Alert[]) => [...alerts].sort((a, b) => b.at - a.at);

  it('never drops an unread "offline" or "battery critical", however many routine and read alerts came after', () => {
    const offline = alert('offline', T0);
    const critical = alert('battery-critical', T0 + 1);
    const later = Array.from({ length: 2 * MAX_ALERTS }, (_, i) => alert(i % 3 === 0 ? 'battery-low' : 'unlocked', T0 + 10 + i, i % 2 === 0));
    const kept = capAlerts(newestFirst([offline, critical, ...later]));
    expect(kept).toHaveLength(MAX_ALERTS);
    expect(kept).toContain(offline);
    expect(kept).toContain(critical);
  });

  it('drops read ones first, then unread routine use, then other unread ones, even when those are older', () => {
    const low = alert('battery-low', T0);
    const online = alert('online', T0 + 1);
    const routine = alert('unlocked', T0 + 2);
    const read = alert('offline', T0 + 3, true);
    const fresh = Array.from({ length: MAX_ALERTS - 2 }, (_, i) => alert('battery-critical', T0 + 10 + i));
    // Two too many: the read one and the routine one go, though both are newer than the others.
    expect(capAlerts(newestFirst([low, online, routine, read, ...fresh]))).toEqual(newestFirst([low, online, ...fresh]));
    // One too many, none read or routine: the oldest other unread one goes.
    expect(capAlerts(newestFirst([low, online, alert('battery-critical', T0 + 5)].concat(fresh)))).toHaveLength(MAX_ALERTS);
    expect(capAlerts(newestFirst([low, online, alert('battery-critical', T0 + 5)].concat(fresh)))).not.toContain(low);
  });

  it('keeps unread critical ones past the cap rather than drop one', () => {
    const criticals = Array.from({ length: MAX_ALERTS + 20 }, (_, i) => alert(i % 2 ? 'offline' : 'left-unlocked', T0 + i));
    const kept = capAlerts(newestFirst([...criticals, alert('unlocked', T0 + 1000, true)]));
    expect(kept).toHaveLength(MAX_ALERTS + 20);
    expect(kept.filter((a) => a.kind === 'unlocked')).toEqual([]);
  });
});

describe('access denied', () => {
  const MIN = 60_000;
  const denied = (at: number, extra: Partial<LockEvent> = {}) =>
    event('access_denied', at, { userid: 7, username: 'Jamal Carter', method: 'card', reason: 'expired', ...extra });
  const bursts = (alerts: readonly Alert[]) => alerts.filter((a) => a.kind === 'access-denied-burst');

  it('tells one refused attempt: where, who, how and why', () => {
    const { alerts } = run([{ at: T0, events: [denied(T0)] }]);
    expect(alerts).toEqual([
      expect.objectContaining({ kind: 'access-denied', lockid: 'EM000001', title: 'Access denied at Lock EM000001', detail: 'Jamal Carter, Card: Access expired' }),
    ]);
    expect(alerts[0]?.pinned).toBeUndefined();
  });

  it('says "Someone" when the attempt names no person', () => {
    const { alerts } = run([{ at: T0, events: [denied(T0, { userid: null, username: null, method: 'keypad', reason: 'no_grant' })] }]);
    expect(alerts.map((a) => a.detail)).toEqual(['Someone, Keypad: No access to this door']);
  });

  it('makes one pinned "possible break-in" alert from exactly 3 refusals within 5 minutes, across polls', () => {
    const { alerts } = run([
      { at: T0, events: [denied(T0)] },
      { at: T0 + 2 * MIN, events: [denied(T0 + 2 * MIN)] },
      { at: T0 + 5 * MIN, events: [denied(T0 + 5 * MIN)] },
    ]);
    expect(bursts(alerts)).toEqual([
      expect.objectContaining({
        lockid: 'EM000001',
        title: 'Possible break-in attempt at Lock EM000001',
        detail: '3 refused attempts in 5 minutes.',
        pinned: true,
        at: T0 + 5 * MIN,
      }),
    ]);
    expect(alerts.filter((a) => a.kind === 'access-denied')).toHaveLength(3);
    expect(isCritical('access-denied-burst')).toBe(true);
  });

  it('makes none from 3 refusals spread over 6 minutes', () => {
    const { alerts } = run([{ at: T0 + 6 * MIN, events: [denied(T0), denied(T0 + 3 * MIN), denied(T0 + 6 * MIN)] }]);
    expect(bursts(alerts)).toEqual([]);
  });

  it('folds a 4th refusal of the same burst into its alert (an update), never a second alert', () => {
    let state = fresh();
    const first = step(state, [denied(T0), denied(T0 + MIN), denied(T0 + 2 * MIN)], T0 + 2 * MIN, SETTINGS);
    state = first.state;
    expect(bursts(first.alerts)).toHaveLength(1);
    const fourth = step(state, [denied(T0 + 4 * MIN)], T0 + 4 * MIN, SETTINGS);
    expect(bursts(fourth.alerts)).toEqual([]);
    expect(fourth.updates).toEqual([expect.objectContaining({ id: bursts(first.alerts)[0]?.id, detail: '4 refused attempts in 5 minutes.', pinned: true })]);
    // Within one poll the alert is told once, as it stands after the last refusal.
    const together = run([{ at: T0 + 8 * MIN, events: [denied(T0), denied(T0 + MIN), denied(T0 + 2 * MIN), denied(T0 + 6 * MIN)] }]);
    expect(bursts(together.alerts).map((a) => a.detail)).toEqual(['4 refused attempts in 6 minutes.']);
  });

  it('starts a new burst once the refusals stop for longer than the window', () => {
    const { alerts } = run([
      { at: T0 + 2 * MIN, events: [denied(T0), denied(T0 + MIN), denied(T0 + 2 * MIN)] },
      { at: T0 + 20 * MIN, events: [denied(T0 + 18 * MIN), denied(T0 + 19 * MIN), denied(T0 + 20 * MIN)] },
    ]);
    expect(bursts(alerts)).toHaveLength(2);
  });

  it('counts each lock on its own when refusals at two locks interleave', () => {
    const a = { lockid: 'EM000001' };
    const b = { lockid: 'EM000002' };
    const { alerts } = run([{ at: T0 + 3 * MIN, events: [denied(T0, a), denied(T0 + MIN, b), denied(T0 + 2 * MIN, a), denied(T0 + 3 * MIN, b)] }]);
    expect(bursts(alerts)).toEqual([]);
    const third = run([{ at: T0 + 3 * MIN, events: [denied(T0, a), denied(T0 + MIN, b), denied(T0 + 2 * MIN, a), denied(T0 + 3 * MIN, b), denied(T0 + 3 * MIN, a)] }]);
    expect(bursts(third.alerts).map((x) => x.lockid)).toEqual(['EM000001']);
  });

  it('reads event time, not feed order: refusals that arrive out of order within a page still make one burst', () => {
    const { alerts } = run([{ at: T0 + 5 * MIN, events: [denied(T0 + 4 * MIN), denied(T0 + 9 * MIN), denied(T0), denied(T0 + 2 * MIN)] }]);
    expect(bursts(alerts)).toEqual([expect.objectContaining({ detail: '3 refused attempts in 5 minutes.' })]);
    // …and a late one dated 7 minutes before the others is not counted with them.
    const apart = run([{ at: T0 + 8 * MIN, events: [denied(T0 + 7 * MIN), denied(T0 + 8 * MIN), denied(T0)] }]);
    expect(bursts(apart.alerts)).toEqual([]);
  });

  it('skips a group-level access event (no lock), and the single-refusal alert can be turned off, never the burst', () => {
    const group = event('access_granted', T0, { lockid: null, groupid: 3, groupName: 'Cedar Court', userid: 7, username: 'Ana Ruiz', method: 'keypad' });
    const settings: RuleSettings = { ...SETTINGS, modes: { 'access-denied': 'off', 'access-denied-burst': 'off' } };
    const { alerts } = run([{ at: T0, events: [group, denied(T0), denied(T0), denied(T0)] }], fresh(), settings);
    expect(alerts.map((a) => a.kind)).toEqual(['access-denied-burst']);
  });

  it('keeps an unread or read pinned alert when the list is full of others', () => {
    const pinned: Alert = { id: 'access-burst:1', kind: 'access-denied-burst', lockid: 'EM1', lockName: 'A', title: 't', detail: 'd', at: 0, read: true, pinned: true };
    const others = Array.from({ length: MAX_ALERTS }, (_, i): Alert => ({ ...pinned, id: `unlocked:${i}`, kind: 'unlocked', at: 1000 + i, read: false, pinned: undefined }));
    expect(capAlerts([...others, pinned]).map((a) => a.id)).toContain('access-burst:1');
  });
});
