import type { FastifyInstance, FastifyRequest } from 'fastify';
import { loginBodySchema } from '../../../contract/auth';
import type { User } from '../../../contract/auth';
import { HttpError, parseOr400 } from '../http/errors';
import { verifyPassword } from './password';
import type { TokensRepository } from './tokens-repository';
import type { UsersRepository } from './users-repository';

declare module 'fastify' {
  interface FastifyRequest {
    /** The platform account behind the request's Bearer token, if any. */
    platformUser: User | null;
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const OPEN_PATHS = new Set(['POST /api/login']);

function bearerToken(request: FastifyRequest): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]{16,200})$/.exec(request.headers.authorization ?? '');
  return match?.[1] ?? null;
}

/**
 * Sign-in (`POST /api/login`, `POST /api/logout`) and the guard in front of every other /api/*
 * route: 401 without a valid unexpired token (when `requireAuth`), 403 for a support account on
 * anything that changes state (always, as defence in depth behind the gateway's own check).
 */
export function registerAuth(
  app: FastifyInstance,
  deps: { users: UsersRepository; tokens: TokensRepository; requireAuth: boolean },
): void {
  const { users, tokens, requireAuth } = deps;
  app.decorateRequest('platformUser', null);

  app.addHook('onRequest', async (request) => {
    const path = request.url.split('?')[0] ?? '';
    if (!path.startsWith('/api/') || path.startsWith('/api/uploads/')) return;
    if (OPEN_PATHS.has(`${request.method} ${path}`)) return;
    const token = bearerToken(request);
    request.platformUser = token ? (tokens.verify(token) ?? null) : null;
    const user = request.platformUser;
    if (!user && requireAuth) {
      throw new HttpError(401, token ? 'Your session has expired: sign in again' : 'Sign in first: this needs a Bearer token');
    }
    if (user?.role === 'support' && STATE_CHANGING.has(request.method) && path !== '/api/logout') {
      throw new HttpError(403, 'A support account can look but not change anything');
    }
  });

  app.post('/api/login', async (request) => {
    const body = parseOr400(loginBodySchema, request.body);
    const account = users.accountByEmail(body.email);
    // scrypt runs whether or not the account exists, so both failures take the same time.
    const ok = await verifyPassword(body.password, account?.password_hash);
    if (!account || !ok) throw new HttpError(401, 'Invalid email or password');
    const { password_hash: _hash, ...user } = account;
    return { status: 1 as const, msg: '', token: tokens.issue(user.userid), user };
  });

  app.post('/api/logout', async (request) => {
    const token = bearerToken(request);
    if (!token || !tokens.revoke(token)) throw new HttpError(401, 'No valid token to sign out');
    return { status: 1 as const, msg: '' };
  });
}
