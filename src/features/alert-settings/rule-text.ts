import type { RuleScope } from '@contract/team-alerts';
import { type ContactRow, type Rule, RULE_KIND_INFO } from '@/api/alert-settings';

/** ISO weekday digit → short name. */
export const WEEKDAYS = [
  ['1', 'Mon'],
  ['2', 'Tue'],
  ['3', 'Wed'],
  ['4', 'Thu'],
  ['5', 'Fri'],
  ['6', 'Sat'],
  ['7', 'Sun'],
] as const;

export function kindLabel(rule: Pick<Rule, 'kind'>): string {
  return rule.kind ? RULE_KIND_INFO[rule.kind].label : 'A kind this version of Lockboard does not know';
}

/** "5 min", "90 s", "2 h". */
export function formatDuration(seconds: number): string {
  if (seconds % 3600 === 0 && seconds >= 3600) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return seconds < 60 ? `${seconds} s` : `${Math.round(seconds / 6) / 10} min`;
}

/** "Door left unlocked (10 min)" for a kind that takes a threshold. */
export function whatText(rule: Pick<Rule, 'kind' | 'threshold_s'>): string {
  const threshold = rule.kind ? RULE_KIND_INFO[rule.kind].threshold : null;
  return threshold ? `${kindLabel(rule)} (${formatDuration(rule.threshold_s)})` : kindLabel(rule);
}

/** "All locks", "Groups: Server rooms, Lobby", "3 locks". */
export function scopeText(scope: RuleScope | null, groupName: (groupid: number) => string | undefined): string {
  if (!scope) return 'Unknown scope';
  if ('all' in scope) return 'All locks';
  if ('groupids' in scope) {
    if (scope.groupids.length === 0) return 'No locks (no groups chosen)';
    const names = scope.groupids.map((id) => groupName(id) ?? `Group ${id}`);
    return `${names.length === 1 ? 'Group' : 'Groups'}: ${names.join(', ')}`;
  }
  if (scope.lockids.length === 1) return `1 lock (${scope.lockids[0]})`;
  return `${scope.lockids.length} locks`;
}

/** Consecutive runs of days: "Mon–Fri", "Mon, Wed, Sat–Sun", "Every day". */
export function daysText(days: string): string {
  if (days === '1234567') return 'Every day';
  const digits = [...days].map(Number).sort();
  const runs: number[][] = [];
  for (const d of digits) {
    const run = runs.at(-1);
    if (run && run.at(-1) === d - 1) run.push(d);
    else runs.push([d]);
  }
  const name = (d: number) => WEEKDAYS[d - 1]?.[1] ?? '?';
  return runs.map((run) => (run.length > 2 ? `${name(run[0] ?? 0)}–${name(run.at(-1) ?? 0)}` : run.map(name).join(', '))).join(', ');
}

/** The schedule, and whether the rule waits for the door's own schedule to be closed. */
export function whenText(rule: Pick<Rule, 'schedule' | 'when'>): string {
  const text = scheduleText(rule.schedule);
  return rule.when === 'outside-schedule' ? `${text}, outside the door’s schedule` : text;
}

export function scheduleText(schedule: Rule['schedule']): string {
  if (schedule === null) return 'Always';
  if (schedule === 'unreadable') return 'Unknown schedule';
  return `${daysText(schedule.days)} ${schedule.from}–${schedule.to} ${schedule.timezone}`;
}

/** Contact names, or null when there are none (the caller warns "No one is told"). */
export function contactNames(ids: readonly number[], contacts: readonly ContactRow[] | undefined): string | null {
  if (ids.length === 0) return null;
  if (!contacts) return ids.length === 1 ? '1 contact' : `${ids.length} contacts`;
  const byId = new Map(contacts.map((c) => [c.contactid, c.name]));
  return ids.map((id) => byId.get(id) ?? `Contact ${id} (removed)`).join(', ');
}

/** "After 15 min to On-call", or "None". */
export function escalationText(rule: Pick<Rule, 'escalate_after_s' | 'escalate_contactids'>, contacts: readonly ContactRow[] | undefined): string {
  if (rule.escalate_after_s === null) return 'None';
  return `After ${formatDuration(rule.escalate_after_s)} to ${contactNames(rule.escalate_contactids, contacts) ?? 'no one'}`;
}
