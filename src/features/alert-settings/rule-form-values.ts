import type { RuleKind } from '@contract/team-alerts';
import { type Rule, type RuleInput, RULE_KIND_INFO } from '@/api/alert-settings';

export type ScopeChoice = 'all' | 'groups' | 'locks';

/** What the rule form holds: text as typed, so that nothing typed is lost to a refusal. */
export interface RuleFormValues {
  name: string;
  kind: RuleKind;
  enabled: boolean;
  /** Minutes, as typed. */
  threshold: string;
  scope: ScopeChoice;
  groupids: number[];
  lockids: string[];
  scheduled: boolean;
  days: string;
  from: string;
  to: string;
  timezone: string;
  contactids: number[];
  escalate: boolean;
  /** Minutes, as typed. */
  escalateAfter: string;
  escalateContactids: number[];
}

export type RuleFormErrors = Partial<Record<'name' | 'threshold' | 'scope' | 'days' | 'hours' | 'timezone' | 'escalateAfter' | 'escalateContactids', string>>;

/** As the gateway allows (contract/team-alerts-schemas.ts). */
export const MAX_RULE_NAME = 80;

export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Minutes as a form shows them: whole when they are, else to a tenth. */
function minutesText(seconds: number): string {
  return String(Math.round(seconds / 6) / 10);
}

export function newRuleValues(kind: RuleKind = 'left-unlocked'): RuleFormValues {
  return {
    name: '',
    kind,
    enabled: true,
    threshold: minutesText(RULE_KIND_INFO[kind].defaultThresholdS),
    scope: 'all',
    groupids: [],
    lockids: [],
    scheduled: false,
    days: '12345',
    from: '20:00',
    to: '06:00',
    timezone: browserTimeZone(),
    contactids: [],
    escalate: false,
    escalateAfter: '15',
    escalateContactids: [],
  };
}

/** The form's values for an existing rule (a known kind). */
export function ruleValues(rule: Rule & { kind: RuleKind }): RuleFormValues {
  const base = newRuleValues(rule.kind);
  const scope = rule.scope ?? { all: true };
  const schedule = rule.schedule === 'unreadable' ? null : rule.schedule;
  return {
    ...base,
    name: rule.name,
    enabled: rule.enabled,
    threshold: minutesText(rule.threshold_s),
    scope: 'all' in scope ? 'all' : 'groupids' in scope ? 'groups' : 'locks',
    groupids: 'groupids' in scope ? scope.groupids : [],
    lockids: 'lockids' in scope ? scope.lockids : [],
    ...(schedule ? { scheduled: true, days: schedule.days, from: schedule.from, to: schedule.to, timezone: schedule.timezone } : {}),
    contactids: rule.contactids,
    ...(rule.escalate_after_s !== null
      ? { escalate: true, escalateAfter: minutesText(rule.escalate_after_s), escalateContactids: rule.escalate_contactids }
      : {}),
  };
}

const MAX_MINUTES = 7 * 24 * 60;
/** Escalation waits 1 minute to 24 hours (the gateway's bounds). */
const MAX_ESCALATE_MINUTES = 24 * 60;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Minutes typed as text → seconds, or null when it is not a number from `min` to `max`. */
function readMinutes(typed: string, min: number, max = MAX_MINUTES): number | null {
  const text = typed.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(text)) return null;
  const minutes = Number(text);
  return minutes >= min && minutes <= max ? Math.round(minutes * 60) : null;
}

/** What is wrong with the form, by field; empty when it can be sent. */
export function validateRule(values: RuleFormValues): RuleFormErrors {
  const errors: RuleFormErrors = {};
  if (!values.name.trim()) errors.name = 'Enter a name for the rule.';
  if (RULE_KIND_INFO[values.kind].threshold && readMinutes(values.threshold, 0) === null)
    errors.threshold = `Enter a number of minutes from 0 to ${MAX_MINUTES}.`;
  if (values.scope === 'groups' && values.groupids.length === 0) errors.scope = 'Choose at least one group.';
  if (values.scope === 'locks' && values.lockids.length === 0) errors.scope = 'Add at least one lock.';
  if (values.scheduled) {
    if (!values.days) errors.days = 'Choose at least one day.';
    if (!HHMM.test(values.from) || !HHMM.test(values.to)) errors.hours = 'Enter both times as HH:MM.';
    else if (values.from === values.to) errors.hours = 'The window must end at another time than it starts.';
    if (!values.timezone) errors.timezone = 'Choose a time zone.';
  }
  if (values.escalate) {
    if (readMinutes(values.escalateAfter, 1, MAX_ESCALATE_MINUTES) === null) errors.escalateAfter = `Enter a number of minutes from 1 to ${MAX_ESCALATE_MINUTES}.`;
    if (values.escalateContactids.length === 0) errors.escalateContactids = 'Choose who is told when nobody acknowledges.';
  }
  return errors;
}

/** The body sent for valid values (validateRule found nothing). */
export function ruleInput(values: RuleFormValues): RuleInput {
  const takesThreshold = RULE_KIND_INFO[values.kind].threshold !== null;
  return {
    name: values.name.trim(),
    kind: values.kind,
    enabled: values.enabled,
    scope: values.scope === 'all' ? { all: true } : values.scope === 'groups' ? { groupids: values.groupids } : { lockids: values.lockids },
    threshold_s: takesThreshold ? (readMinutes(values.threshold, 0) ?? 0) : 0,
    schedule: values.scheduled
      ? { days: [...new Set(values.days)].sort().join(''), from: values.from, to: values.to, timezone: values.timezone }
      : null,
    contactids: values.contactids,
    escalate_after_s: values.escalate ? readMinutes(values.escalateAfter, 1, MAX_ESCALATE_MINUTES) : null,
    escalate_contactids: values.escalate ? values.escalateContactids : [],
  };
}

/** Adds or removes one id, keeping the order ids were given in. */
export function toggled<T>(list: readonly T[], item: T, on: boolean): T[] {
  return on ? (list.includes(item) ? [...list] : [...list, item]) : list.filter((x) => x !== item);
}

/** Every IANA zone the browser knows, with the given ones (the browser's own, a rule's) included. */
export function timeZones(...include: string[]): string[] {
  let zones: string[];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = [];
  }
  return [...new Set([...include.filter(Boolean), 'UTC', ...zones])].sort((a, b) => a.localeCompare(b));
}
