import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from '../../contract/envelope';
import { type AuditLog, auditUser } from './audit-log';
import { endSession, readSession } from './session';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const SIGN_IN = '/api/login';
const SIGN_OUT = '/api/logout';

export const ACCESS_MESSAGES = {
  signIn: 'Sign in to continue',
  expired: 'Your session has expired: sign in again',
  ended: 'Your session has ended on the Plus Platform: sign in again',
  readOnly: 'Support accounts can look but not change anything',
  crossOrigin: 'This request did not come from the Lockboard dashboard',
  tooMany: 'Too many requests; slow down and try again shortly',
} as const;

function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? '';
}

/** The dashboard's own origin as the browser sees it (behind TRUST_PROXY, the forwarded one). */
export function ownOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

export function deny(reply: FastifyReply, status: number, msg: string) {
  reply.header('cache-control', 'no-store');
  return reply.code(status).send(errorBody(msg));
}

/**
 * The gateway decides who may do what (DESIGN.md, Security), before any body is read or anything
 * goes upstream: state-changing requests must come from the dashboard's own origin; every /api/*
 * call but sign-in needs a live session; support accounts are read-only; a generous per-session
 * request limit.
 */
export async function accessControl(app: FastifyInstance, options: { audit: AuditLog; requestsPerMinute: number }) {
  const limit = app.createRateLimit({
    max: options.requestsPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => {
      const state = readSession(request);
      return state.kind === 'active' ? `session:${state.session.user.userid}:${state.session.expiresAt}` : `ip:${request.ip}`;
    },
  });

  app.addHook('onRequest', async (request, reply) => {
    const path = pathOf(request);
    if (!path.startsWith('/api/')) return;
    const changing = STATE_CHANGING.has(request.method);

    if (changing && request.headers.origin !== ownOrigin(request)) {
      return deny(reply, 403, ACCESS_MESSAGES.crossOrigin);
    }
    if (path === SIGN_IN || path === SIGN_OUT) return;

    const state = readSession(request);
    if (state.kind === 'expired') {
      endSession(request);
      return deny(reply, 401, ACCESS_MESSAGES.expired);
    }
    if (state.kind === 'none') return deny(reply, 401, ACCESS_MESSAGES.signIn);

    const { user } = state.session;
    if (changing && user.role !== 'manager') {
      options.audit.record({
        action: 'access-denied',
        result: 'denied',
        user: auditUser(user),
        ip: request.ip,
        detail: `${request.method} ${path}`,
      });
      return deny(reply, 403, ACCESS_MESSAGES.readOnly);
    }

    const status = await limit(request);
    if (!status.isAllowed && status.isExceeded) {
      reply.header('retry-after', String(status.ttlInSeconds));
      return deny(reply, 429, ACCESS_MESSAGES.tooMany);
    }
  });
}
