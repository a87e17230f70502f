import type { FastifyRequest } from 'fastify';
import type { AuditEntry } from './audit-log';
import type { AuditedOutcome } from './proxy/proxy-options';
import type { GatewayRoute, ProxiedAudit } from './route-table';

type ScheduleAudit = Extract<
  ProxiedAudit,
  'schedule-created' | 'schedule-changed' | 'schedule-deleted' | 'holiday-created' | 'holiday-changed' | 'holiday-deleted' | 'lockdown'
>;
const SCHEDULE_AUDITS: readonly ScheduleAudit[] = [
  'schedule-created',
  'schedule-changed',
  'schedule-deleted',
  'holiday-created',
  'holiday-changed',
  'holiday-deleted',
  'lockdown',
];

export function isScheduleAudit(action: ProxiedAudit | undefined): action is ScheduleAudit {
  return (SCHEDULE_AUDITS as readonly string[]).includes(action ?? '');
}

type Json = Record<string, unknown>;
const objectIn = (value: unknown): Json => (typeof value === 'object' && value !== null ? (value as Json) : {});
const numberOr = (value: unknown): number | undefined => (typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined);
const textOr = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const idList = (value: unknown): number[] => (Array.isArray(value) ? value.filter((v): v is number => numberOr(v) !== undefined) : []);

export type ScheduleEntry = Omit<AuditEntry, 'result' | 'user' | 'ip'>;

/** "schedule 3 (Office hours)": the object the answer names, else the one the path or body named. */
function named(noun: string, id: number | undefined, name: string | undefined): string {
  const which = id === undefined ? `a ${noun}` : `${noun} ${id}`;
  return name ? `${which} (${name})` : which;
}

function withFailure(what: string, outcome: AuditedOutcome): string {
  return outcome.ok ? what : `${what}: ${outcome.msg}`;
}

/** "all locks" or "groups 2, 5": a lockdown's scope, as the platform answered it, else as it was asked. */
function scopeText(scope: Json): { text: string; groupid?: number } {
  if (scope.all === true) return { text: 'all locks' };
  const groups = idList(scope.groupids);
  if (groups.length === 0) return { text: 'an unknown scope' };
  return { text: `group${groups.length === 1 ? '' : 's'} ${groups.join(', ')}`, groupid: groups.length === 1 ? groups[0] : undefined };
}

/** A lockdown started (`command` "start") or lifted ("lift"): its scope, how many locks it holds, those still offline. */
function lockdownEntry(request: FastifyRequest, route: GatewayRoute, outcome: AuditedOutcome): ScheduleEntry {
  const lockdown = objectIn(objectIn(outcome.body).lockdown);
  const lifting = route.path.endsWith('/lift');
  const asked = lifting ? {} : objectIn(request.body);
  const scope = scopeText(lockdown.scope === undefined ? asked : objectIn(lockdown.scope));
  const lockdownid = numberOr(lockdown.lockdownid) ?? (lifting ? Number((request.params as { lockdownid?: string }).lockdownid) : undefined);
  const count = numberOr(lockdown.lock_count);
  const pending = Array.isArray(lockdown.pending_lockids) ? lockdown.pending_lockids.filter((l): l is string => typeof l === 'string') : [];
  const parts = [
    `${named('lockdown', lockdownid, undefined)} of ${scope.text}`,
    count === undefined ? '' : `${count} lock${count === 1 ? '' : 's'}`,
    pending.length ? `offline, locked when back: ${pending.slice(0, 20).join(', ')}${pending.length > 20 ? ` and ${pending.length - 20} more` : ''}` : '',
  ];
  return {
    action: 'lockdown',
    command: lifting ? 'lift' : 'start',
    groupid: scope.groupid,
    count,
    detail: withFailure(parts.filter(Boolean).join('; '), outcome),
  };
}

/**
 * The audit record of a schedule, holiday or lockdown change passed to the platform: what it
 * changed, named by the platform's answer (or the path and body when it failed), and why it failed.
 */
export function scheduleAuditEntry(request: FastifyRequest, route: GatewayRoute, action: ScheduleAudit, outcome: AuditedOutcome): ScheduleEntry {
  if (action === 'lockdown') return lockdownEntry(request, route, outcome);
  const params = request.params as { scheduleid?: string; holidayid?: string };
  const asked = objectIn(request.body);
  if (action.startsWith('schedule-')) {
    const schedule = objectIn(objectIn(outcome.body).schedule);
    const id = numberOr(schedule.scheduleid) ?? (params.scheduleid ? Number(params.scheduleid) : undefined);
    return { action, detail: withFailure(named('schedule', id, textOr(schedule.name) ?? textOr(asked.name)), outcome) };
  }
  const holiday = objectIn(objectIn(outcome.body).holiday);
  const id = numberOr(holiday.holidayid) ?? (params.holidayid ? Number(params.holidayid) : undefined);
  const dates = textOr(holiday.start_date) ? ` from ${String(holiday.start_date)} to ${String(holiday.end_date)}${holiday.yearly === 1 ? ', every year' : ''}` : '';
  return { action, detail: withFailure(`${named('holiday', id, textOr(holiday.name) ?? textOr(asked.name))}${dates}`, outcome) };
}
