import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ACCESS_MESSAGES, deny } from './access';
import { type AuditEntry, type AuditLog, auditUser } from './audit-log';
import type { AuditedOutcome } from './proxy';
import { type GatewayRoute, gatewayRoute, upstreamPath } from './route-table';
import { activeSession, endSession } from './session';
import { grantsReached, readGrantsBeforeGroupChanges } from './group-audit';
import { isScheduleAudit, scheduleAuditEntry } from './schedule-audit';
import { isPeopleAudit, peopleAuditEntry } from './people/people-audit';
import type { RevealLimit } from './reveal-limit';
import { stripSecrets } from './strip-secrets';
import { type Upstream, UpstreamError, type UpstreamResponse, isSuccess, upstreamMessage, refusalStatus } from './upstream';

/** A keypad code as the platform makes them. */
const PASSCODE = /^\d{4,12}$/;

const numberOr = (value: unknown): number | undefined => (typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined);
const textOr = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

/** The names a grant object carries (the audit record's words: person, lock, group). */
function grantNames(grant: Record<string, unknown>) {
  return { personname: textOr(grant.username), lockname: textOr(grant.lockname), groupname: textOr(grant.groupname) };
}

/** Passes a request upstream as the session; an answer saying its token is no good ends the session. Null when the reply is already sent. */
export async function callUpstream(
  request: FastifyRequest,
  reply: FastifyReply,
  upstream: Upstream,
  path: string,
  options: { method: 'GET' | 'POST'; body?: unknown; token: string },
  failed: (detail: string) => Promise<void>,
): Promise<UpstreamResponse | null> {
  let answer: UpstreamResponse;
  try {
    answer = await upstream.request(path, { method: options.method, token: options.token, body: options.body });
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    await failed(error.message);
    await deny(reply, 502, error.message);
    return null;
  }
  if (answer.signedOut) {
    await failed('session rejected by the platform');
    endSession(request);
    await deny(reply, 401, ACCESS_MESSAGES.ended);
    return null;
  }
  return answer;
}

/**
 * Gateway-owned access routes (DESIGN.md, Security), both manager-only (accessControl refused
 * anyone else, audited) and never cached:
 * - `POST /api/grants`: passed to the platform's same path; its answer is stripped of secrets
 *   like any other, except the top-level `passcode` of a keypad grant, shown this once. Audited
 *   with the grant, never the code.
 * - `GET /api/grants/:grantid/passcode`: a manager reveals a keypad code again, on purpose;
 *   every reveal and refusal audited (without the code).
 */
export async function grantRoutes(app: FastifyInstance, options: { upstream: Upstream; audit: AuditLog; reveals?: RevealLimit }) {
  const { upstream, audit } = options;
  readGrantsBeforeGroupChanges(app, upstream);

  gatewayRoute(app, 'POST', '/api/grants', async (request, reply, route) => {
    reply.header('cache-control', 'no-store');
    const session = activeSession(request);
    if (!session) return deny(reply, 401, ACCESS_MESSAGES.signIn);
    const path = upstreamPath(route, {});
    if (!path.ok) return deny(reply, 400, path.msg);
    const body = request.body;
    if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
      return deny(reply, 400, 'Send the grant as a JSON object: {userid, lockid or groupid, method, …}');
    }
    const asked = body as Record<string, unknown>;
    const record = async (result: AuditEntry['result'], detail: string, grant?: Record<string, unknown>) =>
      audit.record({
        action: 'grant',
        result,
        user: auditUser(session.user),
        ip: request.ip,
        grantid: numberOr(grant?.grantid),
        personid: numberOr(grant?.userid) ?? numberOr(asked.userid),
        lockid: typeof (grant?.lockid ?? asked.lockid) === 'string' ? String(grant?.lockid ?? asked.lockid) : undefined,
        groupid: numberOr(grant?.groupid) ?? numberOr(asked.groupid),
        ...grantNames(grant ?? {}),
        detail,
      });

    const answer = await callUpstream(request, reply, upstream, path.path, { method: 'POST', body, token: session.token }, (why) => record('failed', why));
    if (!answer) return reply;
    const msg = upstreamMessage(answer.body);
    if (answer.status !== 200 || !isSuccess(answer.body)) {
      await record('failed', msg || `HTTP ${answer.status}`);
      return deny(reply, refusalStatus(answer.status), msg || 'The Plus Platform refused the grant');
    }
    const { passcode } = answer.body;
    const grant = (answer.body.grant ?? {}) as Record<string, unknown>;
    const method = typeof grant.method === 'string' ? grant.method : 'unknown method';
    await record('ok', `${method}${typeof grant.status === 'string' ? `, ${grant.status}` : ''}`, grant);
    const out = stripSecrets(answer.body) as Record<string, unknown>;
    // The one answer besides the reveal that carries a code: the platform's own, top level only.
    if (typeof passcode === 'string' && PASSCODE.test(passcode)) out.passcode = passcode;
    return reply.code(200).send(out);
  });

  gatewayRoute(app, 'GET', '/api/grants/:grantid/passcode', async (request, reply, route) => {
    reply.header('cache-control', 'no-store');
    const session = activeSession(request);
    if (!session) return deny(reply, 401, ACCESS_MESSAGES.signIn);
    const path = upstreamPath(route, request.params as Record<string, string>);
    if (!path.ok) return deny(reply, 400, path.msg);
    const grantid = Number((request.params as { grantid: string }).grantid);
    // Counted with lock passwords: at most 20 reveals a minute per user (reveal-limit.ts).
    if (options.reveals && !(await options.reveals.admit(request, reply, session.user, { grantid }))) return reply;
    const record = async (result: AuditEntry['result'], detail?: string) =>
      audit.record({ action: 'passcode-reveal', result, user: auditUser(session.user), ip: request.ip, grantid, detail });

    const answer = await callUpstream(request, reply, upstream, path.path, { method: 'GET', token: session.token }, (why) => record('failed', why));
    if (!answer) return reply;
    const passcode = isSuccess(answer.body) ? answer.body.passcode : undefined;
    if (answer.status !== 200 || typeof passcode !== 'string' || !PASSCODE.test(passcode)) {
      const msg = upstreamMessage(answer.body);
      await record('failed', msg || `HTTP ${answer.status}`);
      if (answer.status === 200 && isSuccess(answer.body)) return deny(reply, 502, 'The Plus Platform sent no keypad code');
      return deny(reply, refusalStatus(answer.status), msg || 'The Plus Platform refused the reveal');
    }
    await record('ok');
    return { status: 1, msg: '', grantid, passcode };
  });
}

const objectIn = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {});

/** "added EM1, EM2; removed EM3": what a membership change asked for. */
function membershipText(body: unknown): string {
  const asked = objectIn(body);
  const list = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
  const [add, remove] = [list(asked.add), list(asked.remove)];
  const parts = [add.length ? `added ${add.join(', ')}` : '', remove.length ? `removed ${remove.join(', ')}` : ''].filter(Boolean);
  return parts.join('; ') || 'no locks named';
}

/** The record of a group or person change (group-*, person-*): with the grants a membership change or a deletion reached. */
function groupOrPersonEntry(request: FastifyRequest, route: GatewayRoute, outcome: AuditedOutcome, body: Record<string, unknown>): Omit<AuditEntry, 'result' | 'user' | 'ip'> {
  const params = request.params as { groupid?: string; userid?: string };
  const action = route.audit as AuditEntry['action'];
  if (action === 'person-created' || action === 'person-changed') {
    const person = objectIn(body.person);
    const personid = numberOr(person.userid) ?? (params.userid ? Number(params.userid) : undefined);
    return { action, personid, personname: textOr(person.username), detail: outcome.ok ? undefined : outcome.msg };
  }
  const group = objectIn(body.lockgroup);
  const groupid = numberOr(group.groupid) ?? (params.groupid ? Number(params.groupid) : undefined);
  const reached = grantsReached(request);
  const what = action === 'group-locks-changed' ? membershipText(request.body) : undefined;
  const detail = [what, reached?.text, outcome.ok ? undefined : outcome.msg].filter(Boolean).join('; ');
  return { action, groupid, groupname: textOr(group.groupname), count: reached?.count, detail: detail || undefined };
}

/**
 * The audit line of a proxied change (rows with `audit`): revoking one grant (`grant-revoke`,
 * with the grant, its person and its lock or group), offboarding (`offboard`, with the person
 * and how many grants ended), group and person changes (a membership change or a group's deletion
 * naming the grants and people it reached, read before the change: group-audit.ts). Failures too,
 * with the platform's reason. Schedules, holidays and lockdowns: schedule-audit.ts.
 */
export async function auditProxiedChange(audit: AuditLog, request: FastifyRequest, route: GatewayRoute, outcome: AuditedOutcome): Promise<void> {
  const session = activeSession(request);
  const params = request.params as { grantid?: string; userid?: string };
  const body = objectIn(outcome.body);
  const base = { result: outcome.ok ? 'ok' : 'failed', user: session ? auditUser(session.user) : undefined, ip: request.ip } as const;
  if (isScheduleAudit(route.audit)) {
    await audit.record({ ...base, ...scheduleAuditEntry(request, route, route.audit, outcome) });
    return;
  }
  if (isPeopleAudit(route.audit)) {
    const entry = peopleAuditEntry(request, route.audit, outcome);
    if (entry) await audit.record({ ...base, ...entry });
    return;
  }
  if (route.audit === 'offboard') {
    const count = outcome.ok ? numberOr(body.revoked) : undefined;
    await audit.record({
      ...base,
      action: 'offboard',
      personid: Number(params.userid),
      count,
      detail: outcome.ok ? `${count ?? 'unknown number of'} grants revoked` : outcome.msg,
    });
    return;
  }
  if (route.audit !== 'grant-revoke') {
    await audit.record({ ...base, ...groupOrPersonEntry(request, route, outcome, body) });
    return;
  }
  const grant = objectIn(body.grant);
  await audit.record({
    ...base,
    action: 'grant-revoke',
    grantid: Number(params.grantid),
    personid: numberOr(grant.userid),
    lockid: typeof grant.lockid === 'string' ? grant.lockid : undefined,
    groupid: numberOr(grant.groupid),
    ...grantNames(grant),
    detail: outcome.ok ? `${typeof grant.method === 'string' ? grant.method : 'grant'} revoked` : outcome.msg,
  });
}
