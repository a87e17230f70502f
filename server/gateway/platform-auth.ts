import { type LoginBody, type User, loginResponseSchema } from '../../contract/auth';
import { type Upstream, upstreamMessage, refusalStatus } from './upstream';

/**
 * The adapter for the platform's sign-in, which the vendor does not document (DESIGN.md gives the
 * shape we assume). Re-point these two functions when the real endpoints are known.
 */
export type SignInResult =
  | { kind: 'ok'; token: string; user: User }
  | { kind: 'invalid' }
  | { kind: 'refused'; status: number; msg: string };

/** Throws UpstreamError when the platform is down, slow or answers something that is not JSON. */
export async function signIn(upstream: Upstream, body: LoginBody, clientIp: string): Promise<SignInResult> {
  const { status, body: answer } = await upstream.request('/api/login', { method: 'POST', body, clientIp });
  // The vendor's documented failure is HTTP 200 with `status: 0`: a wrong password, counted as one.
  const vendorFailure = status === 200 && typeof answer === 'object' && answer !== null && (answer as { status?: unknown }).status !== 1;
  if (status === 401 || status === 403 || vendorFailure) return { kind: 'invalid' };
  const parsed = loginResponseSchema.safeParse(answer);
  if (status === 200 && parsed.success) return { kind: 'ok', token: parsed.data.token, user: parsed.data.user };
  const other = otherAccount(status, answer);
  if (other) {
    // A real account of another kind (the notifier's service account): its token is given back at once.
    await signOut(upstream, other.token);
    return { kind: 'refused', status: 403, msg: `This ${other.role} account cannot sign in to Lockboard: only manager and support accounts can` };
  }
  const msg = upstreamMessage(answer);
  return {
    kind: 'refused',
    status: refusalStatus(status),
    msg: msg || 'The Plus Platform refused the sign-in without saying why',
  };
}

/** A successful sign-in of an account that is neither manager nor support (its role and token), else null. */
function otherAccount(status: number, answer: unknown): { role: string; token: string } | null {
  if (status !== 200 || typeof answer !== 'object' || answer === null) return null;
  const { token, user } = answer as { token?: unknown; user?: { role?: unknown } };
  const role = user?.role;
  if (typeof token !== 'string' || typeof role !== 'string' || role === 'manager' || role === 'support') return null;
  return { role: role.replace(/[^a-z-]/gi, '').slice(0, 20) || 'other', token };
}

/** Revokes the token upstream; the session ends here whatever the platform answers. */
export async function signOut(upstream: Upstream, token: string): Promise<boolean> {
  try {
    const { status } = await upstream.request('/api/logout', { method: 'POST', token, timeoutMs: 5_000, checkToken: false });
    return status === 200;
  } catch {
    return false;
  }
}
