import { describe, expect, it } from 'vitest';
import type { AlertRule } from '../../contract/team-alerts';
import { type StepInput, step } from './engine';
import { type AlertAction, type EngineState, type FeedEvent, type LockInfo, type LockSnapshot, type OpenAlert, emptyState } from './engine-types';
import { inSchedule } from './schedule';

const T0 = Date.parse('2025-06-02T10:00:00Z');
const S = 1000;

function rule(kind: AlertRule['kind'], extra: Partial<AlertRule> = {}): AlertRule {
  return {
    ruleid: 1, name: kind, kind, enabled: true, scope: { all: true }, threshold_s: 0, schedule: null, when: 'always',
    contactids: [1], escalate_after_s: null, escalate_contactids: [], ...extra,
  };
}

let nextId = 100;
function ev(type: string, lockid: string, at: number, extra: Partial<FeedEvent> = {}): FeedEvent {
  nextId += 1;
  return { eventid: nextId, lockid, lockname: `Door ${lockid}`, type, userid: null, username: null, method: 'card', actor: null, at, battery: null, reason: null, ...extra };
}

function lock(lockid: string, extra: Partial<LockInfo> = {}): LockInfo {
  return { lockid, lockname: `Door ${lockid}`, open: false, online: true, battery: 80, timed: false, groupids: [], ...extra };
}
const list = (cursor: number, locks: LockInfo[], fresh = false): LockSnapshot => ({ cursor, fresh, locks: Object.fromEntries(locks.map((l) => [l.lockid, l])) });

/** Runs steps one after the other, keeping the open alerts as the store would. */
class Harness {
  state: EngineState = emptyState(100);
  open = new Map<string, OpenAlert>();
  wantsList = false;
  constructor(private rules: AlertRule[], public locks: LockSnapshot | null = list(1_000_000, [lock('A', { open: null }), lock('B', { open: null })]), private timeZone = 'UTC') {}
  run(now: number, events: FeedEvent[] = []): AlertAction[] {
    const input: StepInput = { state: this.state, events, rules: this.rules, openAlerts: this.open.values(), locks: this.locks, now, timeZone: this.timeZone };
    const result = step(input);
    this.state = result.state;
    for (const a of result.actions) {
      if (a.op === 'open') this.open.set(a.key, { key: a.key, ruleid: a.rule.ruleid, kind: a.kind, lockid: a.lockid });
      if (a.op === 'resolve') this.open.delete(a.key);
    }
    this.wantsList = result.wantsList;
    return result.actions;
  }
}
const ops = (actions: AlertAction[]) => actions.map((a) => `${a.op} ${a.key}`);

describe('offline', () => {
  it('a lock back before the threshold is nothing at all (a flap)', () => {
    const h = new Harness([rule('offline', { threshold_s: 300 })]);
    expect(h.run(T0 + 10 * S, [ev('offline', 'A', T0)])).toEqual([]);
    expect(h.run(T0 + 120 * S, [ev('online', 'A', T0 + 100 * S)])).toEqual([]);
    expect(h.run(T0 + 900 * S)).toEqual([]);
  });

  it('opens once at the threshold, never again while open, and resolves when back online', () => {
    const h = new Harness([rule('offline', { threshold_s: 300 })]);
    expect(h.run(T0 + 299 * S, [ev('offline', 'A', T0)])).toEqual([]);
    const opened = h.run(T0 + 300 * S);
    expect(ops(opened)).toEqual(['open rule:1:lock:A']);
    expect(opened[0]).toMatchObject({ title: 'Door A is offline', detail: 'Door A has been offline since 10:00 (5 min).' });
    expect(h.run(T0 + 400 * S)).toEqual([]);
    const back = h.run(T0 + 700 * S, [ev('online', 'A', T0 + 660 * S)]);
    expect(back).toEqual([{ op: 'resolve', key: 'rule:1:lock:A', detail: 'Door A came back online at 10:11 after 11 min offline.' }]);
  });

  it('a threshold of 0 tells at once', () => {
    const h = new Harness([rule('offline', { threshold_s: 0 })]);
    expect(ops(h.run(T0, [ev('offline', 'B', T0)]))).toEqual(['open rule:1:lock:B']);
  });
});

describe('left unlocked', () => {
  it('opens after the threshold and resolves when the door locks, naming who', () => {
    const h = new Harness([rule('left-unlocked', { threshold_s: 600 })]);
    expect(h.run(T0 + 599 * S, [ev('unlocked', 'A', T0, { username: 'Ana Lopez' })])).toEqual([]);
    const opened = h.run(T0 + 600 * S);
    expect(opened).toMatchObject([
      { op: 'open', key: 'rule:1:lock:A', title: 'Door A left unlocked', detail: 'Door A has been unlocked for 10 min, since 10:00, by Ana Lopez · Card.' },
    ]);
    expect(h.run(T0 + 700 * S)).toEqual([]);
    const locked = h.run(T0 + 1800 * S, [ev('locked', 'A', T0 + 1790 * S, { username: 'Ben Castillo', method: 'keypad' })]);
    expect(locked).toEqual([{ op: 'resolve', key: 'rule:1:lock:A', detail: 'Door A was locked at 10:29 by Ben Castillo · Keypad.' }]);
  });

  it('a door locked before the threshold is nothing', () => {
    const h = new Harness([rule('left-unlocked', { threshold_s: 600 })]);
    h.run(T0 + 10 * S, [ev('unlocked', 'A', T0), ev('locked', 'A', T0 + 5 * S, { method: 'system' })]);
    expect(h.run(T0 + 3600 * S)).toEqual([]);
  });

  it('a timed unlock (relock_at on the lock list) is not a door left unlocked', () => {
    const h = new Harness([rule('left-unlocked', { threshold_s: 60 })]);
    h.locks = list(1_000_000, [lock('A', { open: true, timed: true })]);
    h.run(T0, [ev('unlocked', 'A', T0, { method: 'remote' })]);
    expect(h.run(T0 + 600 * S)).toEqual([]);
    const relocked = h.run(T0 + 3600 * S, [ev('locked', 'A', T0 + 3600 * S, { method: 'system' })]);
    expect(relocked).toEqual([]);
  });

  it('a door its schedule holds unlocked is not left unlocked; once its schedule says locked and it stays open, it is', () => {
    const h = new Harness([rule('left-unlocked', { threshold_s: 60 })]);
    const shown = (state: string, until: number) => list(1_000_000, [lock('A', { open: true, schedule: { name: 'Office hours', state, until } })], true);
    h.locks = shown('unlocked', T0 + 3600 * S);
    h.run(T0);
    expect(h.run(T0 + 600 * S)).toEqual([]);
    h.locks = shown('locked', T0 + 20 * 3600 * S);
    h.run(T0 + 3700 * S);
    h.locks = { ...shown('locked', T0 + 20 * 3600 * S), fresh: false };
    expect(ops(h.run(T0 + 3761 * S))).toEqual(['open rule:1:lock:A']);
  });

  it('a door opened by a person while its schedule holds it unlocked is not left unlocked', () => {
    const h = new Harness([rule('left-unlocked', { threshold_s: 60 })]);
    h.locks = list(1_000_000, [lock('A', { open: true, schedule: { name: 'Office hours', state: 'unlocked', until: T0 + 3600 * S } })]);
    h.run(T0, [ev('unlocked', 'A', T0, { username: 'Ana Lopez' })]);
    expect(h.run(T0 + 600 * S)).toEqual([]);
  });

  it('a door schedule locking the door resolves its left-unlocked alert', () => {
    const h = new Harness([rule('left-unlocked', { threshold_s: 60 })]);
    h.run(T0, [ev('unlocked', 'A', T0, { username: 'Ana Lopez' })]);
    expect(ops(h.run(T0 + 61 * S))).toEqual(['open rule:1:lock:A']);
    const locked = h.run(T0 + 1800 * S, [ev('scheduled_lock', 'A', T0 + 1800 * S, { method: 'system', actor: 'Office hours' })]);
    expect(locked).toEqual([{ op: 'resolve', key: 'rule:1:lock:A', detail: 'Door A was locked at 10:30 automatically.' }]);
  });

  it('waits for a lock list newer than the unlock before telling (it may be timed)', () => {
    const h = new Harness([rule('left-unlocked', { threshold_s: 60 })], list(50, [lock('A')]));
    const unlock = ev('unlocked', 'A', T0);
    h.run(T0, [unlock]);
    const waiting = h.run(T0 + 120 * S);
    expect(waiting).toEqual([]);
    expect(h.wantsList).toBe(true);
    h.locks = list(unlock.eventid, [lock('A', { open: true })], true);
    expect(ops(h.run(T0 + 121 * S))).toEqual(['open rule:1:lock:A']);
  });

  it('a fresh lock list showing the door locked resolves it (its lock event never reached the feed)', () => {
    const h = new Harness([rule('left-unlocked', { threshold_s: 60 })]);
    h.run(T0, [ev('unlocked', 'A', T0)]);
    expect(ops(h.run(T0 + 60 * S))).toEqual(['open rule:1:lock:A']);
    h.locks = list(h.state.cursor, [lock('A', { open: false })], true);
    expect(h.run(T0 + 90 * S)).toMatchObject([{ op: 'resolve', key: 'rule:1:lock:A', detail: 'Door A was locked (the lock list showed it locked at 10:01).' }]);
  });
});

describe('access denied and possible break-in', () => {
  const deny = (lockid: string, at: number) => ev('access_denied', lockid, at, { username: 'Jamal Carter', reason: 'expired' });

  it('three refusals within the window at one lock are one break-in alert; later ones update it', () => {
    const h = new Harness([rule('access-denied-burst', { ruleid: 4, threshold_s: 300 })]);
    expect(h.run(T0 + 61 * S, [deny('A', T0), deny('A', T0 + 60 * S)])).toEqual([]);
    const burst = h.run(T0 + 121 * S, [deny('A', T0 + 120 * S)]);
    expect(burst).toMatchObject([{ op: 'open', key: 'rule:4:burst:A', title: 'Possible break-in attempt at Door A' }]);
    expect(burst[0]).toMatchObject({ detail: expect.stringContaining('3 refused attempts at Door A since 10:00') });
    const more = h.run(T0 + 200 * S, [deny('A', T0 + 180 * S)]);
    expect(more).toMatchObject([{ op: 'update', key: 'rule:4:burst:A', detail: expect.stringContaining('4 refused attempts') }]);
  });

  it('refusals spread wider than the window, or at different locks, are no burst', () => {
    const h = new Harness([rule('access-denied-burst', { threshold_s: 300 })]);
    expect(h.run(T0 + 700 * S, [deny('A', T0), deny('A', T0 + 301 * S), deny('A', T0 + 602 * S)])).toEqual([]);
    expect(h.run(T0 + 710 * S, [deny('B', T0 + 705 * S), deny('B', T0 + 706 * S)])).toEqual([]);
  });

  it('access-denied: one open alert per lock, updated with the count', () => {
    const h = new Harness([rule('access-denied', { ruleid: 2 })]);
    const first = h.run(T0 + 5 * S, [deny('A', T0)]);
    expect(first).toMatchObject([{ op: 'open', key: 'rule:2:lock:A', title: 'Access denied at Door A' }]);
    const next = h.run(T0 + 65 * S, [deny('A', T0 + 60 * S), deny('A', T0 + 61 * S)]);
    expect(next).toHaveLength(1);
    expect(next[0]).toMatchObject({ op: 'update', detail: expect.stringContaining('3 refused attempts since 10:00') });
  });
});

describe('door used during a watched window (20:00–06:00 on weekdays, New York)', () => {
  const watch = rule('door-used', { schedule: { days: '12345', from: '20:00', to: '06:00', timezone: 'America/New_York' } });
  // 2025-06-06 is a Friday; New York is UTC−4 in June.
  const cases: [string, string, boolean][] = [
    ['Friday 23:30 in New York', '2025-06-07T03:30:00Z', true],
    ['Saturday 03:00 (the early hours of Friday’s window)', '2025-06-07T07:00:00Z', true],
    ['Saturday 21:00 (not a watched day)', '2025-06-08T01:00:00Z', false],
    ['Friday 17:00 (21:00 in UTC, but not in New York)', '2025-06-06T21:00:00Z', false],
    ['Monday 05:59 (Sunday’s window: not watched)', '2025-06-09T09:59:00Z', false],
    ['Tuesday 05:59 (Monday’s window)', '2025-06-10T09:59:00Z', true],
    ['Tuesday 06:00 (the window has closed)', '2025-06-10T10:00:00Z', false],
  ];
  for (const [label, iso, fires] of cases) {
    it(`${fires ? 'tells' : 'ignores'} an unlock on ${label}`, () => {
      const at = Date.parse(iso);
      const h = new Harness([watch], undefined, 'America/New_York');
      const actions = h.run(at + S, [ev('unlocked', 'A', at, { username: 'Ana Lopez' })]);
      if (fires) expect(actions).toMatchObject([{ op: 'open', key: 'rule:1:lock:A', title: expect.stringMatching(/^Door A unlocked at \d\d:\d\d by Ana Lopez · Card$/) }]);
      else expect(actions).toEqual([]);
    });
  }

  it('names the time on the platform’s wall clock, and resolves when the door locks', () => {
    const at = Date.parse('2025-06-07T01:14:00Z');
    const h = new Harness([watch], undefined, 'America/New_York');
    expect(h.run(at, [ev('unlocked', 'A', at, { username: 'Ana Lopez' })])).toMatchObject([{ title: 'Door A unlocked at 21:14 by Ana Lopez · Card' }]);
    expect(ops(h.run(at + 60 * S, [ev('locked', 'A', at + 60 * S)]))).toEqual(['resolve rule:1:lock:A']);
  });

  it('inSchedule: a window passing midnight, and no schedule at all', () => {
    const s = { days: '5', from: '22:00', to: '02:00', timezone: 'Europe/Berlin' };
    expect(inSchedule(s, Date.parse('2025-06-06T20:30:00Z'))).toBe(true); // Fri 22:30 Berlin
    expect(inSchedule(s, Date.parse('2025-06-06T23:59:00Z'))).toBe(true); // Sat 01:59
    expect(inSchedule(s, Date.parse('2025-06-07T00:00:00Z'))).toBe(false); // Sat 02:00
    expect(inSchedule(null, T0)).toBe(true);
  });
});

describe('scope', () => {
  it('a rule for a group tells only of the locks in it (from the lock list)', () => {
    const h = new Harness([rule('offline', { scope: { groupids: [7] } })], list(1_000_000, [lock('A', { groupids: [3, 7] }), lock('B', { groupids: [3] })]));
    expect(ops(h.run(T0, [ev('offline', 'A', T0), ev('offline', 'B', T0)]))).toEqual(['open rule:1:lock:A']);
  });

  it('a rule for chosen locks, and a disabled rule', () => {
    const h = new Harness([rule('offline', { scope: { lockids: ['B'] } }), rule('offline', { ruleid: 2, enabled: false })]);
    expect(ops(h.run(T0, [ev('offline', 'A', T0), ev('offline', 'B', T0)]))).toEqual(['open rule:1:lock:B']);
  });
});

describe('door used outside its schedule', () => {
  const office = (state: string, until: number | null) => ({ name: 'Office hours', state, until });

  it('tells only a door opened while its own schedule keeps it locked, or that has no schedule', () => {
    const locks = [
      lock('A', { schedule: office('unlocked', T0 + 3600 * S) }),
      lock('B', { schedule: office('locked', T0 + 3600 * S) }),
      lock('C', { schedule: null }),
      lock('D', { schedule: office('unlocked', T0 - S) }),
      lock('E', { schedule: office('waiting', null) }),
    ];
    const h = new Harness([rule('door-used', { ruleid: 4, when: 'outside-schedule' })], list(1_000_000, locks));
    const opened = h.run(T0, ['A', 'B', 'C', 'D', 'E'].map((lockid) => ev('unlocked', lockid, T0, { username: 'Ana Lopez' })));
    expect(opened.map((a) => (a.op === 'open' ? [a.key, a.detail] : a.op))).toEqual([
      ['rule:4:lock:B', 'Door B was unlocked at 10:00 by Ana Lopez · Card, while its schedule "Office hours" keeps it locked.'],
      ['rule:4:lock:C', 'Door C was unlocked at 10:00 by Ana Lopez · Card, with no door schedule opening it.'],
      ['rule:4:lock:D', 'Door D was unlocked at 10:00 by Ana Lopez · Card, while its schedule "Office hours" keeps it locked.'],
    ]);
  });

  it('a rule for always tells every door opened, whatever its schedule', () => {
    const h = new Harness([rule('door-used', { ruleid: 5 })], list(1_000_000, [lock('A', { schedule: office('unlocked', null) })]));
    expect(ops(h.run(T0, [ev('unlocked', 'A', T0)]))).toEqual(['open rule:5:lock:A']);
  });
});

describe('battery, lockdown and unknown events', () => {
  it('battery critical at 10 % or less; resolved when the lock list shows it above 20 %', () => {
    const h = new Harness([rule('battery-critical', { ruleid: 3 }), rule('battery-low', { ruleid: 5 })]);
    expect(ops(h.run(T0, [ev('battery_low', 'A', T0, { battery: 9 }), ev('battery_low', 'B', T0, { battery: 18 })]))).toEqual([
      'open rule:3:lock:A',
      'open rule:5:lock:B',
    ]);
    h.locks = list(h.state.cursor, [lock('A', { battery: 100 }), lock('B', { battery: 19 })], true);
    expect(ops(h.run(T0 + 60 * S))).toEqual(['resolve rule:3:lock:A']);
  });

  it('lockdown_started opens one alert, lockdown_lifted resolves it; unknown types are ignored', () => {
    const h = new Harness([rule('lockdown', { ruleid: 9 })]);
    const started = h.run(T0, [ev('lockdown_started', 'A', T0, { actor: 'Demo Manager' }), ev('firmware_updated', 'A', T0)]);
    expect(started).toMatchObject([{ op: 'open', key: 'rule:9:lockdown', title: 'Lockdown started' }]);
    expect(ops(h.run(T0 + S, [ev('lockdown_lifted', 'A', T0 + S)]))).toEqual(['resolve rule:9:lockdown']);
  });

  it('a group\'s lockdown (one group-level event, as the platform writes it) opens one alert per covering rule and group, naming who and the group', () => {
    const h = new Harness(
      [
        rule('lockdown', { ruleid: 1 }),
        rule('lockdown', { ruleid: 2, scope: { groupids: [5] } }),
        rule('lockdown', { ruleid: 3, scope: { groupids: [6] } }),
        rule('lockdown', { ruleid: 4, scope: { lockids: ['A'] } }),
        rule('lockdown', { ruleid: 5, scope: { lockids: ['B'] } }),
      ],
      list(1_000_000, [lock('A', { groupids: [5] }), lock('B', { groupids: [6] })]),
    );
    const groupEvent = (type: string, at: number, groupid: number, groupname: string) =>
      ev(type, 'A', at, { lockid: null, lockname: null, groupid, groupname, method: 'system', actor: 'Mia Manager' });
    const started = h.run(T0, [groupEvent('lockdown_started', T0, 5, 'HQ')]);
    expect(started.map((a) => (a.op === 'open' ? [a.key, a.title, a.detail, a.lockid, a.groupid] : a.op))).toEqual(
      [1, 2, 4].map((ruleid) => [`rule:${ruleid}:lockdown:group:5`, 'Lockdown of the group HQ', 'A lockdown of the group HQ was started at 10:00 by Mia Manager.', null, 5]),
    );
    // Another group's lockdown is its own alert; lifting one resolves only its own.
    expect(ops(h.run(T0 + S, [groupEvent('lockdown_started', T0 + S, 6, 'Depot')]))).toEqual(['open rule:1:lockdown:group:6', 'open rule:3:lockdown:group:6', 'open rule:5:lockdown:group:6']);
    const lifted = h.run(T0 + 60 * S, [groupEvent('lockdown_lifted', T0 + 60 * S, 5, 'HQ')]);
    expect(lifted).toEqual(
      [1, 2, 4].map((ruleid) => ({ op: 'resolve', key: `rule:${ruleid}:lockdown:group:5`, detail: 'The lockdown of the group HQ was lifted at 10:01 by Mia Manager.' })),
    );
    expect([...h.open.keys()].sort()).toEqual(['rule:1:lockdown:group:6', 'rule:3:lockdown:group:6', 'rule:5:lockdown:group:6']);
  });

  it('a fleet lockdown (one fleet-level event, as the platform writes it) is one alert per rule in its hours, whatever its scope; its lift resolves it', () => {
    const h = new Harness(
      [
        rule('lockdown', { ruleid: 1 }),
        rule('lockdown', { ruleid: 2, scope: { groupids: [5] } }),
        rule('lockdown', { ruleid: 3, scope: { lockids: ['B'] } }),
        rule('lockdown', { ruleid: 4, schedule: { days: '1234567', from: '20:00', to: '06:00', timezone: 'UTC' } }),
      ],
      list(1_000_000, [lock('A', { groupids: [5] }), lock('B', { groupids: [6] })]),
    );
    const fleetEvent = (type: string, at: number, actor: string) => ev(type, 'A', at, { lockid: null, lockname: null, groupid: null, groupname: null, method: 'system', actor });
    const started = h.run(T0, [fleetEvent('lockdown_started', T0, 'Mia Manager')]);
    expect(started.map((a) => (a.op === 'open' ? [a.key, a.title, a.detail, a.lockid] : a.op))).toEqual(
      [1, 2, 3].map((ruleid) => [`rule:${ruleid}:lockdown`, 'Lockdown started', 'A lockdown was started at 10:00 by Mia Manager.', null]),
    );
    // A second start while it is open is no second alert.
    expect(h.run(T0 + S, [fleetEvent('lockdown_started', T0 + S, 'Mia Manager')])).toEqual([]);
    const lifted = h.run(T0 + 60 * S, [fleetEvent('lockdown_lifted', T0 + 60 * S, 'Ana Admin')]);
    expect(lifted).toEqual([1, 2, 3].map((ruleid) => ({ op: 'resolve', key: `rule:${ruleid}:lockdown`, detail: 'The lockdown was lifted at 10:01 by Ana Admin.' })));
    expect([...h.open.keys()]).toEqual([]);
  });

  it('a fleet lockdown written one event per lock (an older platform) is one alert per rule counting the locks it holds; a lift resolves it', () => {
    const h = new Harness([rule('lockdown', { ruleid: 9 })]);
    const started = h.run(T0, ['A', 'B'].map((lockid) => ev('lockdown_started', lockid, T0, { method: 'system', actor: 'Mia Manager' })));
    expect(started).toMatchObject([{ op: 'open', key: 'rule:9:lockdown', title: 'Lockdown started', detail: 'A lockdown was started at 10:00 by Mia Manager: 2 locks held.' }]);
    expect(started).toHaveLength(1);
    const lifted = h.run(T0 + S, ['A', 'B'].map((lockid) => ev('lockdown_lifted', lockid, T0 + S, { method: 'system', actor: 'Ana Admin' })));
    expect(lifted).toEqual([{ op: 'resolve', key: 'rule:9:lockdown', detail: 'The lockdown was lifted at 10:00 by Ana Admin.' }]);
    // The next lockdown counts afresh.
    expect(h.run(T0 + 2 * S, [ev('lockdown_started', 'B', T0 + 2 * S, { actor: 'Mia Manager' })])).toMatchObject([{ detail: 'A lockdown was started at 10:00 by Mia Manager, at Door B.' }]);
  });

  it('never tells an event twice (ids at or below the cursor are skipped)', () => {
    const h = new Harness([rule('offline')]);
    const offline = ev('offline', 'A', T0);
    expect(h.run(T0, [offline])).toHaveLength(1);
    h.run(T0 + S, [ev('online', 'A', T0 + S)]);
    expect(h.run(T0 + 2 * S, [offline])).toEqual([]);
  });
});

describe('one pass with many events', () => {
  it('unlocked, locked and unlocked again in one pass: opened, resolved, opened, the last one updated', () => {
    const h = new Harness([rule('door-used')]);
    const actions = h.run(T0 + 10 * S, [
      ev('unlocked', 'A', T0, { username: 'Ana Lopez' }),
      ev('locked', 'A', T0 + S),
      ev('unlocked', 'A', T0 + 2 * S, { username: 'Ben Castillo' }),
      ev('unlocked', 'A', T0 + 3 * S, { username: 'Chloe Nguyen' }),
    ]);
    expect(actions.map((a) => a.op)).toEqual(['open', 'resolve', 'open']);
    expect(actions[0]).toMatchObject({ title: 'Door A unlocked at 10:00 by Ana Lopez · Card' });
    expect(actions[2]).toMatchObject({ title: 'Door A unlocked at 10:00 by Chloe Nguyen · Card' });
  });
});
