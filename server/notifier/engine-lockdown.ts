import type { AlertRule } from '../../contract/team-alerts';
import { inSchedule } from './schedule';
import { clock, plural } from './engine-text';
import type { FeedEvent } from './engine-types';
import type { Pass } from './engine-pass';

/**
 * Lockdown alerts from the platform's `lockdown_started` / `lockdown_lifted` events (DESIGN.md,
 * "Schedules and lockdown"). A group's lockdown is one group-level event per group (`lockid` null,
 * `groupid` set): one alert per rule and group. A fleet lockdown is one fleet-level event (neither a
 * lock nor a group): one alert per rule whatever its scope (the fleet holds every lock), its lift
 * resolves it. A platform that writes a fleet lockdown as one event per lock (before migration 15)
 * still gets one alert per rule, counting the locks it holds; a lift at any of them resolves it.
 */
const by = (e: FeedEvent) => {
  const who = e.actor ?? e.username;
  return who ? ` by ${who}` : '';
};
const groupOf = (e: FeedEvent) => (e.groupname ? `the group ${e.groupname}` : `group ${String(e.groupid)}`);

const lockdownRules = (pass: Pass) => pass.rules.filter((r) => r.enabled && r.kind === 'lockdown');
const fleetKey = (rule: AlertRule) => `rule:${rule.ruleid}:lockdown`;
const groupKey = (rule: AlertRule, groupid: number) => `rule:${rule.ruleid}:lockdown:group:${groupid}`;

/** A rule covers a group's lockdown when its scope is everything, names the group, or names a lock in it (per the lock list). */
function coversGroup(pass: Pass, rule: AlertRule, groupid: number, at: number): boolean {
  if (!inSchedule(rule.schedule, at)) return false;
  const { scope } = rule;
  if ('all' in scope) return scope.all;
  if ('groupids' in scope) return scope.groupids.includes(groupid);
  return scope.lockids.some((lockid) => pass.groupsOf(lockid).includes(groupid));
}

function groupStarted(pass: Pass, e: FeedEvent, groupid: number): void {
  const text = { title: `Lockdown of ${groupOf(e)}`, detail: `A lockdown of ${groupOf(e)} was started at ${clock(e.at, pass.timeZone)}${by(e)}.` };
  for (const rule of lockdownRules(pass)) {
    const key = groupKey(rule, groupid);
    if (pass.isOpen(key) || !coversGroup(pass, rule, groupid, e.at)) continue;
    pass.openAlert(rule, key, null, null, text, e.at, groupid);
  }
}

function lockStarted(pass: Pass, e: FeedEvent, lockid: string): void {
  for (const rule of pass.rulesFor('lockdown', lockid, e.at)) {
    const key = fleetKey(rule);
    const opened = pass.isOpen(key);
    const previous = opened ? pass.state.counts[key] : undefined;
    const held = { count: (previous?.count ?? 0) + 1, since: previous?.since ?? e.at };
    pass.state.counts[key] = held;
    const where = held.count === 1 ? `, at ${e.lockname ?? lockid}` : `: ${plural(held.count, 'lock')} held`;
    const text = { title: 'Lockdown started', detail: `A lockdown was started at ${clock(held.since, pass.timeZone)}${by(e)}${where}.` };
    if (opened) pass.update(key, text);
    else pass.openAlert(rule, key, lockid, e.lockname, text, e.at);
  }
}

/** Neither a lock nor a group named: the whole fleet, for every rule in its hours (any scope is in the fleet). */
function fleetStarted(pass: Pass, e: FeedEvent): void {
  const text = { title: 'Lockdown started', detail: `A lockdown was started at ${clock(e.at, pass.timeZone)}${by(e)}.` };
  for (const rule of lockdownRules(pass)) {
    if (pass.isOpen(fleetKey(rule)) || !inSchedule(rule.schedule, e.at)) continue;
    pass.openAlert(rule, fleetKey(rule), null, null, text, e.at);
  }
}

export function onLockdownStarted(pass: Pass, e: FeedEvent): void {
  if (e.lockid !== null) lockStarted(pass, e, e.lockid);
  else if (typeof e.groupid === 'number') groupStarted(pass, e, e.groupid);
  else fleetStarted(pass, e);
}

export function onLockdownLifted(pass: Pass, e: FeedEvent): void {
  const group = e.lockid === null && typeof e.groupid === 'number' ? e.groupid : null;
  const what = group === null ? 'The lockdown' : `The lockdown of ${groupOf(e)}`;
  const detail = `${what} was lifted at ${clock(e.at, pass.timeZone)}${by(e)}.`;
  for (const rule of lockdownRules(pass)) pass.resolve(group === null ? fleetKey(rule) : groupKey(rule, group), detail);
}
