import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from '../../contract/envelope';
import { REFUSED_TARGET_PATH, wasApiRequest } from '../http-edge';
import { type AuditEntry, type AuditLog, auditUser } from './audit-log';
import { signOut } from './platform-auth';
import { type GatewayRoute, changesState, matchedRoute } from './route-table';
import type { RoleCheck } from './role-check';
import { endSession, readSession } from './session';
import type { Upstream } from './upstream';

export const ACCESS_MESSAGES = {
  signIn: 'Sign in to continue',
  expired: 'Your session has expired: sign in again',
  ended: 'Your session has expired on the Plus Platform: sign in again',
  readOnly: 'Support accounts can look but not change anything',
  managersOnly: 'Only managers can reveal passwords and codes',
  managersOnlyData: 'Only managers can see contacts, deliveries and the outbox (they hold personal data)',
  managersOnlyAudit: 'Only managers can read the audit trail',
  crossOrigin: 'This request did not come from the Lockboard dashboard',
  notJson: 'Send the request body as application/json',
  notCsv: 'Send the import as text/csv (a header line name,email,department,roles, then one person a line)',
  tooMany: 'Too many requests; slow down and try again shortly',
} as const;

/** The dashboard's own origin as the browser sees it (behind TRUST_PROXY, the forwarded one). */
export function ownOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

export function deny(reply: FastifyReply, status: number, msg: string) {
  reply.header('cache-control', 'no-store');
  return reply.code(status).type('application/json; charset=utf-8').send(errorBody(msg));
}

/** Why a support account may not read a manager-only row: a reveal, or the alerts' personal data. */
function readRefusal(route: GatewayRoute): string {
  if (/^\/api\/audit(\/|$)/.test(route.path)) return ACCESS_MESSAGES.managersOnlyAudit;
  return /^\/api\/(contacts|deliveries|outbox)(\/|$)/.test(route.path) ? ACCESS_MESSAGES.managersOnlyData : ACCESS_MESSAGES.managersOnly;
}

/** A state change must come from a page of the dashboard itself: its exact Origin, and same-origin Fetch Metadata when sent. */
function fromOwnPage(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  return request.headers.origin === ownOrigin(request) && (site === undefined || site === 'same-origin');
}

/**
 * A body, when there is one, must be JSON: no HTML form (urlencoded, multipart, text/plain) can ever
 * be a command. The one exception is the people import's row (`csvBody`), whose body must be
 * `text/csv` (a type no HTML form can send either).
 */
function bodyTypeRefusal(request: FastifyRequest, route: GatewayRoute): string | null {
  const length = request.headers['content-length'];
  const hasBody = request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  if (!hasBody) return null;
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (route.csvBody) return type === 'text/csv' ? null : ACCESS_MESSAGES.notCsv;
  return type === 'application/json' ? null : ACCESS_MESSAGES.notJson;
}

/** One request counted against the session's limit: allowed, or over it (retry after so many seconds). */
export type RequestCount = { allowed: true } | { allowed: false; retryAfterS: number };

/** The one per-session limit: every /api request, and every platform read of a server render (ssr/render.ts). */
function sessionRequestLimit(app: FastifyInstance, requestsPerMinute: number) {
  const limit = app.createRateLimit({
    max: requestsPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => {
      const state = readSession(request);
      return state.kind === 'active' ? `session:${state.session.user.userid}:${state.session.expiresAt}` : `ip:${request.ip}`;
    },
  });
  return async (request: FastifyRequest): Promise<RequestCount> => {
    const status = await limit(request);
    return !status.isAllowed && status.isExceeded ? { allowed: false, retryAfterS: status.ttlInSeconds } : { allowed: true };
  };
}

/**
 * The gateway decides who may do what (DESIGN.md, Security) from the route-table row the request
 * matched, before any body is read or anything goes upstream: state changes must come from the
 * dashboard's own page with a JSON body or none; every row but the public ones needs a live
 * session; `manager` rows, and every state change not marked `supportMayChange`, refuse support
 * accounts; a generous per-session request limit.
 * Requests whose target is not canonical never reach a row: they are refused with 400 here.
 */
export async function accessControl(
  app: FastifyInstance,
  options: { audit: AuditLog; upstream: Upstream; requestsPerMinute: number; roleCheck?: RoleCheck },
): Promise<{ countRequest: (request: FastifyRequest) => Promise<RequestCount> }> {
  const { audit, upstream } = options;
  const countRequest = sessionRequestLimit(app, options.requestsPerMinute);

  const refuse = async (request: FastifyRequest, reply: FastifyReply, route: GatewayRoute, status: number, msg: string, user?: AuditEntry['user']) => {
    await audit.record({
      action: 'access-denied',
      result: 'denied',
      user,
      ip: request.ip,
      lockid: (request.params as { lockid?: string } | undefined)?.lockid,
      detail: `${request.method} ${route.path}: ${msg}`,
    });
    return deny(reply, status, msg);
  };

  app.route({
    method: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    url: REFUSED_TARGET_PATH,
    exposeHeadRoute: false,
    // Answered before any body is read or parsed: a refused address is refused for its address.
    onRequest: async (request, reply) => {
      const msg = request.raw.refusedTarget ?? 'The address is not valid';
      const target = request.originalUrl;
      await audit.record({ action: 'request-refused', result: 'denied', ip: request.ip, detail: `${request.method} ${target.slice(0, 200)}: ${msg}` });
      const wantsPage = (request.method === 'GET' || request.method === 'HEAD') && (request.headers.accept ?? '').includes('text/html');
      if (wantsPage && !wasApiRequest(target)) return reply.callNotFound();
      return deny(reply, 400, msg);
    },
    handler: async (_request, reply) => reply,
  });

  app.addHook('onRequest', async (request, reply) => {
    const route = matchedRoute(request);
    if (!route) return;
    const changing = changesState(route);
    const state = readSession(request);
    const user = state.kind === 'active' ? auditUser(state.session.user) : undefined;

    if (changing && !fromOwnPage(request)) return refuse(request, reply, route, 403, ACCESS_MESSAGES.crossOrigin, user);
    const wrongBody = changing ? bodyTypeRefusal(request, route) : null;
    if (wrongBody) return refuse(request, reply, route, 415, wrongBody, user);
    if (route.access === 'public') return;

    if (state.kind === 'expired') {
      // The platform's token must not outlive the session that held it.
      void signOut(upstream, state.session.token);
      endSession(request);
      return changing ? refuse(request, reply, route, 401, ACCESS_MESSAGES.expired) : deny(reply, 401, ACCESS_MESSAGES.expired);
    }
    if (state.kind === 'none') {
      return changing ? refuse(request, reply, route, 401, ACCESS_MESSAGES.signIn) : deny(reply, 401, ACCESS_MESSAGES.signIn);
    }
    // Support accounts look but change nothing shared: every state change needs a manager unless
    // its row says otherwise (their own alert read marks).
    const needsManager = route.access === 'manager' || (changing && route.supportMayChange !== true);
    if (needsManager && state.session.user.role !== 'manager') {
      return refuse(request, reply, route, 403, changing ? ACCESS_MESSAGES.readOnly : readRefusal(route), user);
    }
    // A manager demoted on the platform since signing in (role-check.ts); /api/me reports the role as
    // it is now, and a read that support sees less of is answered for the role as it is now.
    if ((needsManager || route.path === '/api/me' || route.supportStrips !== undefined) && (await options.roleCheck?.refuses(request, reply, state.session, route, needsManager))) return reply;

    const counted = await countRequest(request);
    if (!counted.allowed) {
      reply.header('retry-after', String(counted.retryAfterS));
      return deny(reply, 429, ACCESS_MESSAGES.tooMany);
    }
  });
  return { countRequest };
}
