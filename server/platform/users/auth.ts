import type { FastifyInstance, FastifyRequest } from 'fastify';
import { loginBodySchema } from '../../../contract/auth';
import { HttpError, parseOr400 } from '../http/errors';
import type { LoginLimiter } from './login-limiter';
import { verifyPassword } from './password';
import { type PlatformAccount, type ServiceAccountAuth, serviceMayCall } from './service-account';
import type { TokensRepository } from './tokens-repository';
import type { UsersRepository } from './users-repository';

declare module 'fastify' {
  interface FastifyRequest {
    /** The platform account behind the request's Bearer token, if any. */
    platformUser: PlatformAccount | null;
  }
  interface FastifyContextConfig {
    /**
     * Who may call a platform route. Unset (every route, and the not-found handler): a valid
     * Bearer token, and a manager when the method changes state. `public`: anyone, no token read.
     * `any-account`: a valid token of any role, whatever the method (sign-out).
     */
    platformAccess?: 'public' | 'any-account';
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function bearerToken(request: FastifyRequest): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]{16,200})$/.exec(request.headers.authorization ?? '');
  return match?.[1] ?? null;
}

/**
 * Sign-in (`POST /api/login`, `POST /api/logout`) and the guard in front of every other route,
 * decided on the matched route's `platformAccess`, never on the URL: 401 without a valid unexpired
 * token (when `requireAuth`), 403 for a support account on anything that changes state (always, as
 * defence in depth behind the gateway's own check). Failed sign-ins are limited by `limiter`.
 */
export function registerAuth(
  app: FastifyInstance,
  deps: { users: UsersRepository; tokens: TokensRepository; limiter: LoginLimiter; requireAuth: boolean; service?: ServiceAccountAuth },
): void {
  const { users, tokens, limiter, requireAuth, service } = deps;
  app.decorateRequest('platformUser', null);

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.platformAccess;
    if (access === 'public') return;
    const token = bearerToken(request);
    request.platformUser = token ? (tokens.verify(token) ?? service?.verify(token) ?? null) : null;
    const user = request.platformUser;
    if (!user && requireAuth) {
      throw new HttpError(401, token ? 'Your session has expired: sign in again' : 'Sign in first: this needs a Bearer token');
    }
    if (user?.role === 'support' && STATE_CHANGING.has(request.method) && access !== 'any-account') {
      throw new HttpError(403, 'A support account can look but not change anything');
    }
    if (user?.role === 'service' && access !== 'any-account' && !serviceMayCall(request.method, request.routeOptions.url)) {
      throw new HttpError(403, 'The service account can only read locks, events and lock groups');
    }
  });

  app.post('/api/login', { config: { platformAccess: 'public' } }, async (request, reply) => {
    const body = parseOr400(loginBodySchema, request.body);
    // Reserved before the check and given back on success: a burst of parallel guesses gets
    // only as many checks as the limit allows.
    const attempt = limiter.reserve(request.ip, body.email);
    if (!attempt.ok) {
      reply.header('retry-after', String(attempt.retryAfterS));
      throw new HttpError(429, `Too many failed sign-ins: try again in ${attempt.retryAfterS} s`);
    }
    if (service?.isServiceEmail(body.email)) {
      if (!service.matches(body.password)) throw new HttpError(401, 'Invalid email or password');
      attempt.release();
      return { status: 1 as const, msg: '', token: service.issue(), user: service.user };
    }
    const account = users.accountByEmail(body.email);
    // scrypt runs whether or not the account exists, so both failures take the same time.
    const ok = await verifyPassword(body.password, account?.password_hash);
    if (!account || !ok) throw new HttpError(401, 'Invalid email or password');
    attempt.release();
    const { password_hash: _hash, ...user } = account;
    return { status: 1 as const, msg: '', token: tokens.issue(user.userid), user };
  });

  // Who the token belongs to, with the role as it is now (the gateway asks before manager-only actions).
  app.get('/api/users/me', { config: { platformAccess: 'any-account' } }, async (request) => {
    const user = request.platformUser;
    if (!user) throw new HttpError(401, 'Sign in first: this needs a Bearer token');
    return { status: 1 as const, msg: '', user };
  });

  app.post('/api/logout', { config: { platformAccess: 'any-account' } }, async (request) => {
    const token = bearerToken(request);
    if (!token || !(tokens.revoke(token) || service?.revoke(token))) throw new HttpError(401, 'No valid token to sign out');
    return { status: 1 as const, msg: '' };
  });
}
