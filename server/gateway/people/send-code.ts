import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { describeIssues } from '../../../contract/envelope';
import { createPassBodySchema, maskEmail } from '../../../contract/people';
import type { PersonMail } from '../../delivery/person-mail';
import { wireDate } from '../../store/wire';
import { ACCESS_MESSAGES, deny } from '../access';
import { type AuditEntry, type AuditLog, auditUser } from '../audit-log';
import { callUpstream } from '../grant-routes';
import { type GatewayRoute, gatewayRoute, upstreamPath, upstreamRead } from '../route-table';
import { type GatewaySession, activeSession } from '../session';
import { stripSecrets } from '../strip-secrets';
import { type Upstream, isSuccess, refusalStatus, upstreamMessage } from '../upstream';
import { type CodeMailFacts, codeMail } from './code-mail';

/** A keypad code as the platform makes them (contract/people.ts: six digits; older grants 4 to 12). */
const PASSCODE = /^\d{4,12}$/;

type Json = Record<string, unknown>;
const objectIn = (value: unknown): Json => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {});
const numberOr = (value: unknown): number | undefined => (typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined);
const textOr = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const texts = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

export interface SendCodeOptions {
  upstream: Upstream;
  audit: AuditLog;
  mail: PersonMail;
  publicUrl: string;
  platformTimeZone: string;
}

/** What one request shares: who asks, how to call the platform as them, how to audit. */
interface Call {
  request: FastifyRequest;
  reply: FastifyReply;
  session: GatewaySession;
  options: SendCodeOptions;
  /** What the record names once known (the grant, the person), also on a failure. */
  about: Partial<AuditEntry>;
  record: (result: AuditEntry['result'], detail: string, about?: Partial<AuditEntry>) => Promise<void>;
}

type Answer = { ok: true; body: Json } | { ok: false };

/** The platform's answer to a call; a refusal or failure is audited and answered here (then `ok: false`). */
async function platform(call: Call, path: string, method: 'GET' | 'POST', body?: unknown): Promise<Answer> {
  const { request, reply, session, options } = call;
  const answer = await callUpstream(request, reply, options.upstream, path, { method, body, token: session.token }, (why) => call.record('failed', why));
  if (!answer) return { ok: false };
  if (answer.status !== 200 || !isSuccess(answer.body)) {
    const msg = upstreamMessage(answer.body);
    await call.record('failed', msg || `HTTP ${answer.status}`);
    await deny(reply, refusalStatus(answer.status), msg || 'The Plus Platform refused the request');
    return { ok: false };
  }
  return { ok: true, body: answer.body };
}

/** The code in a platform answer, taken out; a missing one is audited and answered 502. */
async function codeOf(call: Call, body: Json): Promise<string | null> {
  const { passcode } = body;
  if (typeof passcode === 'string' && PASSCODE.test(passcode)) return passcode;
  await call.record('failed', 'the Plus Platform sent no keypad code');
  await deny(call.reply, 502, 'The Plus Platform sent no keypad code');
  return null;
}

/** Sends the mail; `sent` for the answer, or why not (never the code). */
async function mailCode(call: Call, facts: CodeMailFacts, code: string) {
  const { mail, publicUrl } = call.options;
  const result = await mail.send(codeMail(facts, code, publicUrl));
  if (!result.ok) return { sent: null, note: `code not sent to ${maskEmail(facts.to)}: ${result.detail}` };
  const sent = { to: maskEmail(facts.to), date: wireDate(result.at) };
  return { sent, note: `code sent to ${sent.to} (${mail.channel})` };
}

function passFacts(pass: Json, zone: string): CodeMailFacts {
  const places = [...texts(pass.lockids), ...(Array.isArray(pass.groupids) ? pass.groupids.map((g) => `group ${String(g)}`) : [])];
  return { to: textOr(pass.email) ?? '', name: textOr(pass.name) ?? 'visitor', places, from: textOr(pass.start_date) ?? null, until: textOr(pass.end_date) ?? null, hours: null, zone };
}

function passAbout(pass: Json): Partial<AuditEntry> {
  return { personid: numberOr(pass.userid), personname: textOr(pass.name) };
}

/** Runs a route's handler for a signed-in manager (accessControl refused anyone else), never cached. */
function handle(options: SendCodeOptions, action: AuditEntry['action'], run: (call: Call, route: GatewayRoute) => Promise<unknown>) {
  return async (request: FastifyRequest, reply: FastifyReply, route: GatewayRoute) => {
    reply.header('cache-control', 'no-store');
    const session = activeSession(request);
    if (!session) return deny(reply, 401, ACCESS_MESSAGES.signIn);
    const base = { action, user: auditUser(session.user), ip: request.ip };
    const call: Call = {
      request,
      reply,
      session,
      options,
      about: {},
      record: (result, detail, about = {}) => options.audit.record({ ...base, ...call.about, ...about, result, detail }),
    };
    return run(call, route);
  };
}

/** `POST /api/passes` and `POST /api/passes/:passid/resend`: the pass, its code mailed to the visitor. */
function passRoute(creating: boolean) {
  return async (call: Call, route: GatewayRoute) => {
    const { request, reply } = call;
    const path = upstreamPath(route, request.params as Record<string, string>);
    if (!path.ok) return deny(reply, 400, path.msg);
    let body: unknown;
    if (creating) {
      const parsed = createPassBodySchema.safeParse(request.body);
      if (!parsed.success) return deny(reply, 400, describeIssues(parsed.error));
      body = request.body;
    }
    const answer = await platform(call, path.path, 'POST', body);
    if (!answer.ok) return reply;
    const pass = objectIn(answer.body.pass);
    const code = await codeOf(call, answer.body);
    if (code === null) return reply;
    const facts = passFacts(pass, call.options.platformTimeZone);
    const what = `pass ${String(pass.passid ?? '')}, ${facts.from ?? '?'} to ${facts.until ?? '?'}`;
    const { sent, note } = facts.to ? await mailCode(call, facts, code) : { sent: null, note: 'the pass has no e-mail address' };
    await call.record(sent ? 'ok' : 'failed', `${what}; ${note}`, passAbout(pass));
    if (!sent && !creating) return deny(reply, 502, `A new code was made but could not be sent (${note}); the old code no longer works: try again`);
    const msg = sent ? '' : `The pass was created but its code could not be sent (${note}): send a new code to try again`;
    return { status: 1, msg, pass: stripSecrets(pass), ...(sent ? { sent } : {}) };
  };
}

const sendBodySchema = z.strictObject({
  userid: z.number({ error: 'userid must be the number of the grant’s person' }).int().min(1, 'userid must be at least 1'),
});

/** "HQ · Lobby" or "the group Depot": where a grant works. */
function grantPlace(grant: Json): string[] {
  const lock = textOr(grant.lockname) ?? textOr(grant.lockid);
  if (lock) return [lock];
  const group = textOr(grant.groupname) ?? (grant.groupid !== undefined ? `group ${String(grant.groupid)}` : undefined);
  return group ? [`the group ${group}`] : [];
}

function grantFacts(grant: Json, person: Json, zone: string): CodeMailFacts {
  const start = textOr(grant.start_time);
  const end = textOr(grant.end_time);
  const hours = start && end ? `${textOr(grant.weekdays) ? `days ${String(grant.weekdays)}, ` : ''}${start}–${end}` : null;
  return {
    to: textOr(person.email) ?? '',
    name: textOr(person.username) ?? 'there',
    places: grantPlace(grant),
    from: textOr(grant.start_date) ?? null,
    until: textOr(grant.end_date) ?? null,
    hours,
    zone,
  };
}

/**
 * `POST /api/grants/:grantid/send {userid}`: the person's e-mail is checked first (409 without one,
 * before any code changes), then the platform issues the grant a new code, which goes by mail.
 */
async function sendGrantCode(call: Call, route: GatewayRoute) {
  const { request, reply } = call;
  const grantid = Number((request.params as { grantid: string }).grantid);
  const checked = upstreamPath(route, request.params as Record<string, string>);
  if (!checked.ok) return deny(reply, 400, checked.msg);
  const parsed = sendBodySchema.safeParse(request.body ?? {});
  if (!parsed.success) return deny(reply, 400, describeIssues(parsed.error));
  const { userid } = parsed.data;
  const about: Partial<AuditEntry> = { grantid, personid: userid };
  call.about = about;
  const personPath = upstreamRead(route, '/api/people/:userid', {}, { userid: String(userid) });
  const read = await platform(call, personPath, 'GET');
  if (!read.ok) return reply;
  const person = objectIn(read.body.person);
  if (!textOr(person.email)) {
    await call.record('failed', 'the person has no e-mail address', { ...about, personname: textOr(person.username) });
    return deny(reply, 409, `Add an e-mail address for ${textOr(person.username) ?? 'this person'} first: the code is sent there`);
  }
  const issued = await platform(call, `/api/grants/${grantid}/passcode`, 'POST', {});
  if (!issued.ok) return reply;
  const grant = objectIn(issued.body.grant);
  const code = await codeOf(call, issued.body);
  if (code === null) return reply;
  const where = { lockid: textOr(grant.lockid), lockname: textOr(grant.lockname), groupid: numberOr(grant.groupid), groupname: textOr(grant.groupname) };
  if (numberOr(grant.userid) !== undefined && grant.userid !== userid) {
    await call.record('failed', `the grant is person ${String(grant.userid)}'s, not ${userid}'s: no mail sent`, { ...about, ...where });
    return deny(reply, 409, 'This grant belongs to someone else: open it from their page (its code was changed; send it from there)');
  }
  const { sent, note } = await mailCode(call, grantFacts(grant, person, call.options.platformTimeZone), code);
  await call.record(sent ? 'ok' : 'failed', note, { ...about, personname: textOr(person.username), ...where });
  if (!sent) return deny(reply, 502, `A new code was made but could not be sent (${note}); the old code no longer works: try again`);
  return { status: 1, msg: '', sent };
}

/**
 * The codes of issue 25, gateway-owned like `POST /api/grants` (DESIGN.md, Security): the gateway
 * calls the platform, takes the code out of its answer, mails it to the person through the team
 * alerts' mail channel and answers where it went (`sent: {to: "a…@example.com", date}`), never the
 * code. Audited (pass-created, pass-resent, code-sent) with where it went, never the code; nothing
 * here logs a body.
 */
export async function sendCodeRoutes(app: FastifyInstance, options: SendCodeOptions) {
  gatewayRoute(app, 'POST', '/api/passes', handle(options, 'pass-created', passRoute(true)));
  gatewayRoute(app, 'POST', '/api/passes/:passid/resend', handle(options, 'pass-resent', passRoute(false)));
  gatewayRoute(app, 'POST', '/api/grants/:grantid/send', handle(options, 'code-sent', sendGrantCode));
}
