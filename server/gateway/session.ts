import secureSession from '@fastify/secure-session';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hkdfSync } from 'node:crypto';
import type { User } from '../../contract/auth';
import type { SessionDenyList } from './session-deny-list';

/** What a signed-in browser carries, encrypted in its cookie. The token never leaves the gateway. */
export interface GatewaySession {
  token: string;
  user: User;
  /** Epoch ms; the session ends then however active it is (SESSION_MAX_HOURS). */
  expiresAt: number;
}

declare module '@fastify/secure-session' {
  interface SessionData {
    auth: GatewaySession;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    sessionDenyList: SessionDenyList;
  }
}

export const SESSION_COOKIE = 'lockboard_session';

/**
 * Sessions are encrypted, httpOnly, SameSite=Strict cookies (libsodium secretbox): any copy with the
 * same SESSION_SECRET can serve any browser. The one state kept is the deny list of sessions that
 * ended before their cookie (shared through Redis when several copies run): such a cookie is
 * treated as no session at all, and cleared.
 */
export async function sessionPlugin(
  app: FastifyInstance,
  options: { secret: string; maxHours: number; secureCookies: boolean; denyList: SessionDenyList },
) {
  const key = Buffer.from(hkdfSync('sha256', options.secret, 'lockboard', 'session cookie v1', 32));
  // The cookie outlives the session by a few minutes, so that an expired session can be told
  // apart from no session at all ("Your session has expired" rather than "Sign in").
  const maxAgeSeconds = Math.round(options.maxHours * 3600) + 300;
  await app.register(secureSession, {
    key,
    cookieName: SESSION_COOKIE,
    expiry: maxAgeSeconds,
    cookie: {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: options.secureCookies ? true : 'auto',
      maxAge: maxAgeSeconds,
    },
  });
  app.decorate('sessionDenyList', options.denyList);
  app.addHook('onRequest', async (request) => {
    const session = request.session.get('auth');
    if (session && (await options.denyList.isRevoked(session.token))) request.session.delete();
  });
}

export type SessionState = { kind: 'none' } | { kind: 'expired'; session: GatewaySession } | { kind: 'active'; session: GatewaySession };

export function readSession(request: FastifyRequest): SessionState {
  // A deleted session keeps its data until the answer clears the cookie: it is no session.
  const session = request.session.deleted ? undefined : request.session.get('auth');
  if (!session) return { kind: 'none' };
  if (session.expiresAt <= Date.now()) return { kind: 'expired', session };
  return { kind: 'active', session };
}

export function activeSession(request: FastifyRequest): GatewaySession | null {
  const state = readSession(request);
  return state.kind === 'active' ? state.session : null;
}

export function startSession(request: FastifyRequest, token: string, user: User, maxHours: number) {
  request.session.set('auth', { token, user, expiresAt: Date.now() + maxHours * 3600_000 });
}

/** Ends the session: its cookie is cleared, and a copy of it is refused by every gateway copy. */
export function endSession(request: FastifyRequest) {
  const session = request.session.get('auth');
  // The cookie outlives the session by its 5-minute grace (sessionPlugin): list it that long.
  if (session) void request.server.sessionDenyList.revoke(session.token, Math.max(session.expiresAt, Date.now()) + 300_000);
  request.session.delete();
}
