import type { FastifyRequest } from 'fastify';
import type { AuditEntry } from '../audit-log';
import type { AuditedOutcome } from '../proxy/proxy-options';
import type { ProxiedAudit } from '../route-table';

type PeopleAudit = Extract<
  ProxiedAudit,
  'access-role-created' | 'access-role-changed' | 'access-role-deleted' | 'access-role-members' | 'person-suspended' | 'person-reactivated' | 'person-archived' | 'pass-ended'
>;
const PEOPLE_AUDITS: readonly string[] = [
  'access-role-created',
  'access-role-changed',
  'access-role-deleted',
  'access-role-members',
  'person-suspended',
  'person-reactivated',
  'person-archived',
  'pass-ended',
] satisfies PeopleAudit[];

export function isPeopleAudit(action: ProxiedAudit | undefined): action is PeopleAudit {
  return PEOPLE_AUDITS.includes(action ?? '');
}

type Json = Record<string, unknown>;
type Entry = Omit<AuditEntry, 'result' | 'user' | 'ip'>;
const objectIn = (value: unknown): Json => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {});
const numberOr = (value: unknown): number | undefined => (typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined);
const textOr = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const ids = (value: unknown): number[] => (Array.isArray(value) ? value.filter((v): v is number => numberOr(v) !== undefined) : []);

const withFailure = (what: string, outcome: AuditedOutcome) => (outcome.ok ? what : `${what}: ${outcome.msg}`);
const paramId = (request: FastifyRequest, name: string) => {
  const value = (request.params as Record<string, string | undefined>)[name];
  return value === undefined ? undefined : Number(value);
};

function roleEntry(request: FastifyRequest, action: PeopleAudit, outcome: AuditedOutcome): Entry {
  const role = objectIn(objectIn(outcome.body).role);
  const asked = objectIn(request.body);
  const roleid = numberOr(role.roleid) ?? paramId(request, 'roleid');
  const name = textOr(role.name) ?? textOr(asked.name);
  const which = `access role ${roleid ?? '(new)'}${name ? ` (${name})` : ''}`;
  if (action === 'access-role-members') {
    const [add, remove] = [ids(asked.add), ids(asked.remove)];
    const parts = [add.length ? `added people ${add.join(', ')}` : '', remove.length ? `removed people ${remove.join(', ')}` : ''].filter(Boolean);
    return { action, count: add.length + remove.length, detail: withFailure(`${which}: ${parts.join('; ') || 'nobody named'}`, outcome) };
  }
  const grants = Array.isArray(role.grants) ? role.grants.length : Array.isArray(asked.grants) ? asked.grants.length : undefined;
  return { action, count: grants, detail: withFailure(`${which}${grants === undefined ? '' : `, ${grants} grant template${grants === 1 ? '' : 's'}`}`, outcome) };
}

function personEntry(request: FastifyRequest, action: PeopleAudit, outcome: AuditedOutcome): Entry {
  const person = objectIn(objectIn(outcome.body).person);
  const asked = objectIn(request.body);
  const reason = action === 'person-suspended' ? [textOr(asked.reason), textOr(asked.until) ? `until ${String(asked.until)}` : 'until reactivated'].filter(Boolean).join(', ') : '';
  return {
    action,
    personid: numberOr(person.userid) ?? paramId(request, 'userid'),
    personname: textOr(person.username),
    detail: outcome.ok ? reason || undefined : withFailure(reason || action.replace('person-', ''), outcome),
  };
}

function passEntry(request: FastifyRequest, outcome: AuditedOutcome): Entry {
  const pass = objectIn(objectIn(outcome.body).pass);
  const passid = numberOr(pass.passid) ?? paramId(request, 'passid');
  return { action: 'pass-ended', personid: numberOr(pass.userid), personname: textOr(pass.name), detail: withFailure(`pass ${passid ?? '?'} ended`, outcome) };
}

/**
 * The audit record of a proxied people change (DESIGN.md, "People and roles"): access roles (the
 * role and how many templates, or whom a membership change added and removed), a person's
 * suspension (with the reason and until when), reactivation and archiving, a pass ended. A
 * `?preview=1` change changes nothing: no record (null).
 */
export function peopleAuditEntry(request: FastifyRequest, action: PeopleAudit, outcome: AuditedOutcome): Entry | null {
  if ((request.query as Record<string, unknown> | undefined)?.preview === '1') return null;
  if (action === 'pass-ended') return passEntry(request, outcome);
  if (action.startsWith('access-role-')) return roleEntry(request, action, outcome);
  return personEntry(request, action, outcome);
}
