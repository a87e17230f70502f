import type { FastifyInstance } from 'fastify';
import { loginBodySchema } from '../../contract/auth';
import type { SessionUserResponse } from '../../contract/auth';
import { describeIssues } from '../../contract/envelope';
import { ACCESS_MESSAGES, deny } from './access';
import { type AuditLog, auditUser } from './audit-log';
import type { Capabilities } from './capabilities';
import { signIn, signOut } from './platform-auth';
import { gatewayRoute } from './route-table';
import type { SharedState } from './shared-state';
import { SignInLimiter } from './sign-in-limiter';
import { activeSession, endSession, startSession } from './session';
import { type Upstream, UpstreamError } from './upstream';

export interface AuthRoutesOptions {
  upstream: Upstream;
  capabilities: Capabilities;
  audit: AuditLog;
  /** Failed sign-ins allowed per minute per IP+email; 4× that per IP. */
  loginRateLimit: number;
  sessionMaxHours: number;
  /** Redis shared by several copies (the failed-sign-in windows), when there is one. */
  shared?: SharedState;
}

const INVALID = 'Invalid email or password';

/** `POST /api/login`, `POST /api/logout`, `GET /api/me`: the token stays in the encrypted cookie. */
export async function authRoutes(app: FastifyInstance, options: AuthRoutesOptions) {
  // Failed attempts per IP+email and per IP: each attempt is reserved before the platform checks
  // the password and given back unless the password was wrong.
  signInRoute(app, options, new SignInLimiter(60_000, Date.now, options.shared));
  signOutRoute(app, options);

  // accessControl has already answered 401 for a request without a live session.
  gatewayRoute(app, 'GET', '/api/me', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const session = activeSession(request);
    if (!session) return deny(reply, 401, ACCESS_MESSAGES.signIn);
    return { status: 1, msg: '', user: session.user } satisfies SessionUserResponse;
  });
}

function signInRoute(app: FastifyInstance, options: AuthRoutesOptions, failures: SignInLimiter) {
  const { upstream, audit } = options;
  gatewayRoute(app, 'POST', '/api/login', async (request, reply) => {
    const parsed = loginBodySchema.safeParse(request.body);
    if (!parsed.success) return deny(reply, 400, describeIssues(parsed.error));
    const email = parsed.data.email.trim().toLowerCase();

    const attempt = await failures.reserve([
      [`${request.ip} ${email}`, options.loginRateLimit],
      [request.ip, options.loginRateLimit * 4],
    ]);
    if (!attempt.allowed) {
      await audit.record({ action: 'sign-in-throttled', result: 'denied', user: { email }, ip: request.ip });
      reply.header('retry-after', String(attempt.retryAfterS));
      return deny(reply, 429, `Too many failed sign-ins. Try again in ${attempt.retryAfterS} seconds.`);
    }

    let result;
    try {
      result = await signIn(upstream, { email, password: parsed.data.password }, request.ip);
    } catch (error) {
      attempt.release();
      if (error instanceof UpstreamError) return deny(reply, 502, error.message);
      throw error;
    }
    if (result.kind !== 'invalid') attempt.release();

    if (result.kind !== 'ok') {
      await audit.record({
        action: 'sign-in-failed',
        result: 'failed',
        user: { email },
        ip: request.ip,
        detail: result.kind === 'invalid' ? 'invalid credentials' : result.msg,
      });
      if (result.kind === 'invalid') return deny(reply, 401, INVALID);
      // The platform's own sign-in limit: tell the browser to wait, as ours does.
      if (result.status === 429) reply.header('retry-after', '60');
      return deny(reply, result.status, result.msg);
    }

    startSession(request, result.token, result.user, options.sessionMaxHours);
    await audit.record({
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
}

function signOutRoute(app: FastifyInstance, { upstream, audit }: AuthRoutesOptions) {
  gatewayRoute(app, 'POST', '/api/logout', async (request, reply) => {
    const session = activeSession(request);
    if (session) {
      const revoked = await signOut(upstream, session.token);
      await audit.record({
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
}
