import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { User } from '../../../contract/auth';
import { describeIssues } from '../../../contract/envelope';
import { ACCESS_MESSAGES, deny } from '../access';
import { type AuditAction, type AuditEntry, type AuditLog, auditUser } from '../audit-log';
import { type GatewayRoute, upstreamPath } from '../route-table';
import { activeSession } from '../session';
import type { Database } from '../../store/schema';

/** The audit actions of the team-alerts routes. */
export type TeamAlertsAuditAction = Extract<
  AuditAction,
  'alert-ack' | 'rule-created' | 'rule-changed' | 'rule-deleted' | 'contact-created' | 'contact-changed' | 'contact-deleted' | 'contact-tested'
>;

/** Parses `value` or answers 400 naming the field; undefined when the answer is sent. */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, reply: FastifyReply): z.output<S> | undefined {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  // A refusal of the whole request (an unknown field) needs no "request:" before it.
  const [issue] = parsed.error.issues;
  void deny(reply, 400, issue && issue.path.length === 0 ? issue.message : describeIssues(parsed.error));
  return undefined;
}

/** The signed-in user (accessControl let the request through, so there is one), or a 401. */
export function userOr401(request: FastifyRequest, reply: FastifyReply): User | undefined {
  const session = activeSession(request);
  if (session) return session.user;
  void deny(reply, 401, ACCESS_MESSAGES.signIn);
  return undefined;
}

/** A path id checked against the route table's PARAM_RULES, as a number; undefined after a 400. */
export function idOr400(route: GatewayRoute, request: FastifyRequest, reply: FastifyReply, name: string): number | undefined {
  const params = request.params as Record<string, string | undefined>;
  const checked = upstreamPath(route, params);
  if (!checked.ok) {
    void deny(reply, 400, checked.msg);
    return undefined;
  }
  return Number(params[name]);
}

export function notFound(reply: FastifyReply, msg: string) {
  return deny(reply, 404, msg);
}

/**
 * Writes an audit record of a team-alerts change: who, from where, what (never a secret). `within`:
 * the change's own transaction, so that a record that cannot be written undoes the change.
 */
export async function auditChange(
  audit: AuditLog,
  request: FastifyRequest,
  user: User,
  action: TeamAlertsAuditAction,
  detail: string,
  options: { result?: AuditEntry['result']; within?: Transaction<Database> } = {},
): Promise<void> {
  await audit.record({ action, result: options.result ?? 'ok', user: auditUser(user), ip: request.ip, detail }, options.within);
}
