import { CRITICAL_BATTERY_LEVEL } from '../../contract/constants';
import { RULE_KIND_INFO } from '../../contract/team-alerts';
import { denialsWithin, recordDenial } from './engine-denials';
import { clock, describeDenial, plural, span, who } from './engine-text';
import { type FeedEvent, drop } from './engine-types';
import { type Pass, lockKey } from './engine-pass';
import { onLockdownLifted, onLockdownStarted } from './engine-lockdown';

/** A burst is this many refusals at one lock within the rule's threshold. */
export const BURST_DENIALS = 3;

/**
 * Where a door stood against its own schedule when it was unlocked (the lock list as last read):
 * `inside` while its schedule keeps it unlocked (or waits for the first person in), else why not.
 */
function doorSchedule(pass: Pass, lockid: string, at: number): { inside: true } | { inside: false; why: string } {
  const schedule = pass.locks?.locks[lockid]?.schedule;
  if (!schedule) return { inside: false, why: 'with no door schedule opening it' };
  const open = (schedule.state === 'unlocked' || schedule.state === 'waiting') && (schedule.until === null || at < schedule.until);
  return open ? { inside: true } : { inside: false, why: `while its schedule "${schedule.name}" keeps it locked` };
}

function onUnlocked(pass: Pass, e: FeedEvent, lockid: string, name: string): void {
  if (!pass.state.doors[lockid]) pass.state.doors[lockid] = { eventid: e.eventid, since: e.at, name, by: who(e) };
  const at = clock(e.at, pass.timeZone);
  for (const rule of pass.rulesFor('door-used', lockid, e.at)) {
    // `outside-schedule`: only a door opened while its own schedule does not open it.
    const door = rule.when === 'outside-schedule' ? doorSchedule(pass, lockid, e.at) : null;
    if (door?.inside) continue;
    const where = door && !door.inside ? door.why : `inside the watched hours of "${rule.name}"`;
    const key = lockKey(rule, lockid);
    const text = { title: `${name} unlocked at ${at} ${who(e)}`, detail: `${name} was unlocked at ${at} ${who(e)}, ${where}.` };
    if (pass.isOpen(key)) pass.update(key, { ...text, detail: `${text.detail} It had been unlocked before and not locked since.` });
    else pass.openAlert(rule, key, lockid, name, text, e.at);
  }
}

function onLocked(pass: Pass, e: FeedEvent, lockid: string, name: string): void {
  drop(pass.state.doors, lockid);
  pass.resolveAt(lockid, ['left-unlocked', 'door-used'], `${name} was locked at ${clock(e.at, pass.timeZone)} ${who(e)}.`);
}

function onOffline(pass: Pass, e: FeedEvent, lockid: string, name: string): void {
  if (!pass.state.offline[lockid]) pass.state.offline[lockid] = { eventid: e.eventid, since: e.at, name };
}

function onOnline(pass: Pass, e: FeedEvent, lockid: string, name: string): void {
  const since = pass.state.offline[lockid]?.since;
  drop(pass.state.offline, lockid);
  const after = since === undefined ? '' : ` after ${span(e.at - since)} offline`;
  pass.resolveAt(lockid, ['offline'], `${name} came back online at ${clock(e.at, pass.timeZone)}${after}.`);
}

function onBattery(pass: Pass, e: FeedEvent, lockid: string, name: string): void {
  const critical = e.battery !== null && e.battery <= CRITICAL_BATTERY_LEVEL;
  const level = e.battery === null ? 'low' : `at ${e.battery} %`;
  const text = {
    title: `${name} battery ${critical ? 'critical' : 'low'}`,
    detail: `${name} reported its battery ${level} at ${clock(e.at, pass.timeZone)}: replace the batteries ${critical ? 'now' : 'soon'}.`,
  };
  for (const rule of pass.rulesFor(critical ? 'battery-critical' : 'battery-low', lockid, e.at)) {
    const key = lockKey(rule, lockid);
    if (pass.isOpen(key)) pass.update(key, text);
    else pass.openAlert(rule, key, lockid, name, text, e.at);
  }
}

/** The count of an open counting alert, one more; or a new count (`initial`, from `since`). */
function counted(pass: Pass, key: string, since: number, initial = 1): { count: number; since: number } {
  const previous = pass.isOpen(key) ? pass.state.counts[key] : undefined;
  const next = previous ? { count: previous.count + 1, since: previous.since } : { count: initial, since };
  pass.state.counts[key] = next;
  return next;
}

function onDenied(pass: Pass, e: FeedEvent, lockid: string, name: string): void {
  deniedAlerts(pass, e, lockid, name);
  const times = pass.state.denials[lockid] ?? [];
  recordDenial(times, e.at);
  pass.state.denials[lockid] = times;
  burstAlerts(pass, e, lockid, name, times);
}

function deniedAlerts(pass: Pass, e: FeedEvent, lockid: string, name: string): void {
  const at = clock(e.at, pass.timeZone);
  for (const rule of pass.rulesFor('access-denied', lockid, e.at)) {
    const key = lockKey(rule, lockid);
    const { count, since } = counted(pass, key, e.at);
    const text = {
      title: `Access denied at ${name}`,
      detail: `${plural(count, 'refused attempt')} since ${clock(since, pass.timeZone)}; the latest at ${at}: ${describeDenial(e)}.`,
    };
    if (pass.isOpen(key)) pass.update(key, text);
    else pass.openAlert(rule, key, lockid, name, text, e.at);
  }
}

/** A burst: BURST_DENIALS refusals at one lock within a rule's threshold (`times`: this lock's, ascending). */
function burstAlerts(pass: Pass, e: FeedEvent, lockid: string, name: string, times: readonly number[]): void {
  const at = clock(e.at, pass.timeZone);
  for (const rule of pass.rulesFor('access-denied-burst', lockid, e.at)) {
    const window = (rule.threshold_s || RULE_KIND_INFO['access-denied-burst'].defaultThresholdS) * 1000;
    const key = `rule:${rule.ruleid}:burst:${lockid}`;
    const recent = denialsWithin(times, e.at - window, e.at);
    if (!pass.isOpen(key) && recent.count < BURST_DENIALS) continue;
    const { count, since } = counted(pass, key, recent.first ?? e.at, recent.count);
    const text = {
      title: `Possible break-in attempt at ${name}`,
      detail: `${plural(count, 'refused attempt')} at ${name} since ${clock(since, pass.timeZone)}; the latest at ${at}: ${describeDenial(e)}.`,
    };
    if (pass.isOpen(key)) pass.update(key, text);
    else pass.openAlert(rule, key, lockid, name, text, e.at);
  }
}

type LockEventHandler = (pass: Pass, e: FeedEvent, lockid: string, name: string) => void;

/** An event about one lock: ignored without a lock, its name from the event, else the lock list. */
const atLock =
  (handle: LockEventHandler) =>
  (pass: Pass, e: FeedEvent): void => {
    if (e.lockid === null) return;
    handle(pass, e, e.lockid, e.lockname ?? pass.locks?.locks[e.lockid]?.lockname ?? e.lockid);
  };

/** One handler per event type of the feed. */
const HANDLERS: ReadonlyMap<string, (pass: Pass, e: FeedEvent) => void> = new Map([
  ['lockdown_started', onLockdownStarted],
  ['lockdown_lifted', onLockdownLifted],
  ['unlocked', atLock(onUnlocked)],
  ['locked', atLock(onLocked)],
  // A door schedule locking a door ends its left-unlocked and door-used alerts as a lock does.
  ['scheduled_lock', atLock(onLocked)],
  ['offline', atLock(onOffline)],
  ['online', atLock(onOnline)],
  ['battery_low', atLock(onBattery)],
  ['access_denied', atLock(onDenied)],
]);

/** Applies one feed event (unknown types are ignored). */
export function applyEvent(pass: Pass, e: FeedEvent): void {
  HANDLERS.get(e.type)?.(pass, e);
}
