import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { User } from '../../../contract/auth';
import { TOKEN_TTL_MS } from './tokens-repository';

/** A platform account as the guard sees it: a sign-in account, or the read-only service account. */
export type PlatformAccount = Omit<User, 'role'> & { role: User['role'] | 'service' };

export const SERVICE_ACCOUNT_EMAIL = 'notifier@lockboard.local';
/** Below every seeded account (2, 3) and person (101 on): no row of `users` has it. */
export const SERVICE_ACCOUNT_USERID = 1;

/**
 * The routes the service account may read (GET only): what the notifier watches. Compared with the
 * matched route's pattern, never the raw URL.
 */
const SERVICE_ROUTES = ['/api/locks', '/api/events', '/api/lockgroups'];

export function serviceMayCall(method: string, routeUrl: string | undefined): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  return SERVICE_ROUTES.some((prefix) => routeUrl === prefix || routeUrl?.startsWith(`${prefix}/`) === true);
}

const digest = (value: string) => createHash('sha256').update(value).digest();

export type ServiceAccountAuth = ReturnType<typeof createServiceAccount>;

/**
 * The embedded platform's read-only account for the gateway's notifier: kept in memory only, with a
 * random password made at every start (nobody can know it but the process that started the
 * platform), so it is never listed as a person nor stored. Its tokens live in memory too.
 */
export function createServiceAccount(now: () => Date, givenPassword?: string) {
  // `npm run platform` alone takes one (PLUS_SERVICE_PASSWORD), so that separate gateway copies can read with it.
  const password = givenPassword ?? randomBytes(24).toString('base64url');
  const passwordDigest = digest(password);
  const user: PlatformAccount = { userid: SERVICE_ACCOUNT_USERID, name: 'Lockboard notifier', email: SERVICE_ACCOUNT_EMAIL, role: 'service' };
  const tokens = new Map<string, number>();
  return {
    credentials: { email: SERVICE_ACCOUNT_EMAIL, password },
    user,
    isServiceEmail: (email: string) => email.toLowerCase() === SERVICE_ACCOUNT_EMAIL,
    matches: (candidate: string) => timingSafeEqual(digest(candidate), passwordDigest),
    issue(): string {
      const token = randomBytes(32).toString('base64url');
      const at = now().getTime();
      for (const [key, expires] of tokens) if (expires <= at) tokens.delete(key);
      tokens.set(digest(token).toString('base64url'), at + TOKEN_TTL_MS);
      return token;
    },
    verify(token: string): PlatformAccount | undefined {
      const expires = tokens.get(digest(token).toString('base64url'));
      return expires !== undefined && expires > now().getTime() ? user : undefined;
    },
    revoke: (token: string) => tokens.delete(digest(token).toString('base64url')),
  };
}
