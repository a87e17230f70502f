import type { FastifyInstance, FastifyRequest } from 'fastify';
import { loginBodySchema } from '../../contract/auth';
import type { SessionUserResponse } from '../../contract/auth';
import { describeIssues } from '../../contract/envelope';
import { ACCESS_MESSAGES, deny } from './access';
import { type AuditLog, auditUser } from './audit-log';
import type { Capabilities } from './capabilities';
import { signIn, signOut } from './platform-auth';
import { activeSession, endSession, startSession } from './session';
import { type Upstream, UpstreamError } from './upstream';

export interface AuthRoutesOptions {
  upstream: Upstream;
  capabilities: Capabilities;
  audit: AuditLog;
  /** Failed sign-ins allowed per minute per IP+email; 4× that per IP. */
  loginRateLimit: number;
  sessionMaxHours: number;
}

const INVALID = 'Invalid email or password';

function triedEmail(request: FastifyRequest): string {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email.trim().toLowerCase().slice(0, 254) : '';
}

/** `POST /api/login`, `POST /api/logout`, `GET /api/me`: the token stays in the encrypted cookie. */
export async function authRoutes(app: FastifyInstance, options: AuthRoutesOptions) {
  const { upstream, audit } = options;
  // Only failed attempts are counted (peek first, count on failure), per IP+email and per IP.
  const failuresPerEmail = app.createRateLimit({
    max: options.loginRateLimit,
    timeWindow: 60_000,
    keyGenerator: (request) => `login:${request.ip}:${triedEmail(request)}`,
  });
  const failuresPerIp = app.createRateLimit({
    max: options.loginRateLimit * 4,
    timeWindow: 60_000,
    keyGenerator: (request) => `login:${request.ip}`,
  });

  app.post('/api/login', async (request, reply) => {
    const parsed = loginBodySchema.safeParse(request.body);
    if (!parsed.success) return deny(reply, 400, describeIssues(parsed.error));
    const email = parsed.data.email.trim().toLowerCase();

    for (const limiter of [failuresPerEmail, failuresPerIp]) {
      const status = await limiter(request, { increment: false });
      if (!status.isAllowed && status.remaining <= 0) {
        const wait = Math.max(1, status.ttlInSeconds);
        audit.record({ action: 'sign-in-throttled', result: 'denied', user: { email }, ip: request.ip });
        reply.header('retry-after', String(wait));
        return deny(reply, 429, `Too many failed sign-ins. Try again in ${wait} seconds.`);
      }
    }

    let result;
    try {
      result = await signIn(upstream, { email, password: parsed.data.password });
    } catch (error) {
      if (error instanceof UpstreamError) return deny(reply, 502, error.message);
      throw error;
    }

    if (result.kind !== 'ok') {
      if (result.kind === 'invalid') {
        await failuresPerEmail(request);
        await failuresPerIp(request);
      }
      audit.record({
        action: 'sign-in-failed',
        result: 'failed',
        user: { email },
        ip: request.ip,
        detail: result.kind === 'invalid' ? 'invalid credentials' : result.msg,
      });
      return result.kind === 'invalid' ? deny(reply, 401, INVALID) : deny(reply, result.status, result.msg);
    }

    startSession(request, result.token, result.user, options.sessionMaxHours);
    audit.record({
      action: 'sign-in',
      result: 'ok',
      user: auditUser(result.user),
      ip: request.ip,
    });
    // An upstream that wants sign-in can only be asked about its features by a session: the first
    // one waits (a few seconds at most) for the answer, so that the page it opens already knows them.
    await options.capabilities.discoverWith(result.token);
    reply.header('cache-control', 'no-store');
    return { status: 1, msg: 'Signed in', user: result.user } satisfies SessionUserResponse;
  });

  app.post('/api/logout', async (request, reply) => {
    const session = activeSession(request);
    if (session) {
      const revoked = await signOut(upstream, session.token);
      audit.record({
        action: 'sign-out',
        result: 'ok',
        user: auditUser(session.user),
        ip: request.ip,
        detail: revoked ? 'token revoked upstream' : 'token could not be revoked upstream',
      });
    }
    endSession(request);
    reply.header('cache-control', 'no-store');
    return { status: 1, msg: 'Signed out' };
  });

  // accessControl has already answered 401 for a request without a live session.
  app.get('/api/me', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const session = activeSession(request);
    if (!session) return deny(reply, 401, ACCESS_MESSAGES.signIn);
    return { status: 1, msg: '', user: session.user } satisfies SessionUserResponse;
  });
}
