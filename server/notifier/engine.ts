import { LOW_BATTERY_LEVEL } from '../../contract/constants';
import type { AlertRule } from '../../contract/team-alerts';
import { denialsSince, sortedDenials } from './engine-denials';
import { applyEvent } from './engine-events';
import { scheduleFailures } from './engine-schedules';
import { Pass, lockKey } from './engine-pass';
import { clock, span } from './engine-text';
import { type AlertAction, type EngineState, type FeedEvent, type LockInfo, type LockSnapshot, type OpenAlert, drop } from './engine-types';

export interface StepInput {
  state: EngineState;
  /** New events, oldest first (those at or below the state's cursor are skipped). */
  events: readonly FeedEvent[];
  rules: readonly AlertRule[];
  openAlerts: Iterable<OpenAlert>;
  locks: LockSnapshot | null;
  now: number;
  timeZone: string;
}

export interface StepResult {
  state: EngineState;
  actions: AlertAction[];
  /** A door fell due after the lock list was read: read it again before telling (a timed unlock?). */
  wantsList: boolean;
}

const DENIALS_KEPT_MS = 2 * 3600_000;

function copy(state: EngineState): EngineState {
  return {
    cursor: state.cursor,
    doors: { ...state.doors },
    offline: { ...state.offline },
    // Copies: the burst tracker adds to a lock's refusals in place.
    denials: Object.fromEntries(Object.entries(state.denials).map(([lockid, times]) => [lockid, sortedDenials(times)])),
    counts: { ...state.counts },
  };
}

/** A door its schedule holds unlocked now is meant to be unlocked: not "left unlocked" (as a timed unlock). */
function openBySchedule(lock: LockInfo, now: number): boolean {
  const schedule = lock.schedule;
  return !!schedule && schedule.state === 'unlocked' && (schedule.until === null || now < schedule.until);
}

/**
 * What a freshly read lock list says: a door it shows locked, a lock it shows online, a battery
 * above the low level end their alerts; a door or lock it shows unlocked or offline that the feed
 * never told of is watched from now. Only for entries the list is newer than (see LockSnapshot).
 */
function applyList(pass: Pass, snapshot: LockSnapshot): void {
  const { state, now } = pass;
  const at = clock(now, pass.timeZone);
  const current = snapshot.cursor >= state.cursor;
  for (const lock of Object.values(snapshot.locks)) {
    const door = state.doors[lock.lockid];
    if (door && door.eventid <= snapshot.cursor && lock.open === false) {
      drop(state.doors, lock.lockid);
      pass.resolveAt(lock.lockid, ['left-unlocked', 'door-used'], `${lock.lockname} was locked (the lock list showed it locked at ${at}).`);
    } else if (!door && current && lock.open === true && !lock.timed && !openBySchedule(lock, now)) {
      state.doors[lock.lockid] = { eventid: snapshot.cursor, since: now, name: lock.lockname, by: '' };
    }
    const offline = state.offline[lock.lockid];
    if (offline && offline.eventid <= snapshot.cursor && lock.online === true) {
      drop(state.offline, lock.lockid);
      pass.resolveAt(lock.lockid, ['offline'], `${lock.lockname} is back online (the lock list showed it online at ${at}).`);
    } else if (!offline && current && lock.online === false) {
      state.offline[lock.lockid] = { eventid: snapshot.cursor, since: now, name: lock.lockname };
    }
    if (lock.battery !== null && lock.battery > LOW_BATTERY_LEVEL) {
      pass.resolveAt(lock.lockid, ['battery-low', 'battery-critical'], `${lock.lockname}'s battery is at ${lock.battery} % (checked at ${at}).`);
    }
  }
}

function offlineDue(pass: Pass): void {
  for (const [lockid, lock] of Object.entries(pass.state.offline)) {
    for (const rule of pass.rulesFor('offline', lockid, lock.since)) {
      const key = lockKey(rule, lockid);
      if (pass.isOpen(key) || pass.now - lock.since < rule.threshold_s * 1000) continue;
      const text = {
        title: `${lock.name} is offline`,
        detail: `${lock.name} has been offline since ${clock(lock.since, pass.timeZone)} (${span(pass.now - lock.since)}).`,
      };
      pass.openAlert(rule, key, lockid, lock.name, text, pass.now);
    }
  }
}

function doorsDue(pass: Pass): void {
  for (const [lockid, door] of Object.entries(pass.state.doors)) {
    for (const rule of pass.rulesFor('left-unlocked', lockid, door.since)) {
      const key = lockKey(rule, lockid);
      if (pass.isOpen(key) || pass.now - door.since < rule.threshold_s * 1000) continue;
      const listed = pass.locks?.locks[lockid];
      if (!pass.locks || door.eventid > pass.locks.cursor) {
        pass.wantsList = true; // the list predates this unlock: it cannot tell a timed unlock yet
        continue;
      }
      if (listed?.timed || listed?.open === false || (listed && openBySchedule(listed, pass.now))) continue;
      const by = door.by ? `, ${door.by}` : '';
      const text = {
        title: `${door.name} left unlocked`,
        detail: `${door.name} has been unlocked for ${span(pass.now - door.since)}, since ${clock(door.since, pass.timeZone)}${by}.`,
      };
      pass.openAlert(rule, key, lockid, door.name, text, pass.now);
    }
  }
}

function prune(pass: Pass): void {
  const { state } = pass;
  const keep = Math.max(DENIALS_KEPT_MS, ...pass.rules.filter((r) => r.kind === 'access-denied-burst').map((r) => 2 * r.threshold_s * 1000));
  for (const [lockid, times] of Object.entries(state.denials)) {
    const recent = denialsSince(times, pass.now - keep);
    if (recent.length) state.denials[lockid] = recent;
    else drop(state.denials, lockid);
  }
  for (const key of Object.keys(state.counts)) if (!pass.isOpen(key)) drop(state.counts, key);
}

/**
 * The rule engine, pure and clock-free: applies a fresh lock list, new events and the passing of
 * time to the state, and says which alerts open, change and resolve. One open alert per condition
 * (its key); a lock back online before an offline rule's threshold, or a door locked before a
 * left-unlocked rule's, is nothing at all.
 */
export function step(input: StepInput): StepResult {
  const state = copy(input.state);
  const pass = new Pass(state, input.openAlerts, input.rules, input.locks, input.now, input.timeZone);
  if (input.locks?.fresh) applyList(pass, input.locks);
  for (const event of input.events) {
    if (event.eventid <= state.cursor) continue;
    state.cursor = event.eventid;
    applyEvent(pass, event);
  }
  offlineDue(pass);
  doorsDue(pass);
  scheduleFailures(pass);
  prune(pass);
  return { state, actions: pass.actions, wantsList: pass.wantsList };
}

