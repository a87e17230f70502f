import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ROLES, type Role } from '../../contract/auth';
import { ACCESS_MESSAGES, deny } from './access';
import { type AuditLog, auditUser } from './audit-log';
import type { GatewayRoute } from './route-table';
import { type GatewaySession, endSession } from './session';
import type { SharedState } from './shared-state';
import type { Upstream } from './upstream';

/** How long the platform's answer about a token's role is trusted (DESIGN.md: a role change reaches the session within a minute). */
export const ROLE_CHECK_TTL_MS = 60_000;
/** A host without `GET /api/users/me` is asked again after this long. */
const ABSENT_RETRY_MS = 5 * 60_000;

/** What the platform says of a token now: its role, that it no longer takes it, or nothing useful. */
export type TokenRole = { kind: 'role'; role: Role } | { kind: 'signed-out' } | { kind: 'unknown' };

const digest = (token: string) => createHash('sha256').update(token).digest('base64url');
const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);

/**
 * Asks the platform who a session's token belongs to (`GET /api/users/me`) before a manager-only
 * action, so that a manager demoted on the platform stops acting as one within `ttlMs`. Answers are
 * cached per token (its SHA-256, never the token) for `ttlMs`: in Redis when several copies share
 * one (every copy then asks at most once per window), else in this copy's memory. A host without
 * the endpoint (404) keeps the role given at sign-in; so does an unreachable one (the platform
 * still refuses what the token may not do).
 */
export class RoleCheck {
  private readonly cache = new Map<string, { role: Role; until: number }>();
  private absentUntil = 0;
  /** The role last recorded as changed, per token digest. */
  private readonly reported = new Map<string, Role>();

  constructor(
    private readonly upstream: Upstream,
    private readonly shared: SharedState | null,
    private readonly audit: AuditLog,
    readonly ttlMs: number = ROLE_CHECK_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** The token's role as the platform says it now (cached up to `ttlMs`). */
  async roleOf(token: string): Promise<TokenRole> {
    const key = digest(token);
    const now = this.now();
    const redis = this.shared?.available;
    // With Redis, its copy (expiring with the window) is the one cache, so no copy trusts an answer longer.
    const stored = redis ? await redis.get(`role:${key}`).catch(() => null) : null;
    if (isRole(stored)) return { kind: 'role', role: stored };
    const cached = redis ? undefined : this.cache.get(key);
    if (cached && cached.until > now) return { kind: 'role', role: cached.role };
    if (now < this.absentUntil) return { kind: 'unknown' };
    const answer = await this.upstream.request('/api/users/me', { token, timeoutMs: 5_000 }).catch(() => null);
    if (!answer) return { kind: 'unknown' };
    if (answer.signedOut) return { kind: 'signed-out' };
    const role = (answer.body as { user?: { role?: unknown } } | null)?.user?.role;
    if (answer.status !== 200 || !isRole(role)) {
      // No such endpoint (404), or one that says nothing of roles: not asked again for a while.
      if (answer.status < 500) this.absentUntil = now + ABSENT_RETRY_MS;
      return { kind: 'unknown' };
    }
    if (redis) {
      await redis.set(`role:${key}`, role, 'PX', this.ttlMs).catch(() => undefined);
      return { kind: 'role', role };
    }
    return this.remember(key, role);
  }

  /**
   * For a manager's session on a manager-only request (or `GET /api/me`): a role changed on the
   * platform downgrades the session (audited `role-changed`), and a manager-only request is then
   * refused 403; a token the platform no longer takes ends the session (401). True when answered.
   */
  async refuses(request: FastifyRequest, reply: FastifyReply, session: GatewaySession, route: GatewayRoute, needsManager: boolean): Promise<boolean> {
    const found = await this.roleOf(session.token);
    if (found.kind === 'signed-out') {
      endSession(request);
      await deny(reply, 401, ACCESS_MESSAGES.ended);
      return true;
    }
    if (found.kind === 'unknown' || found.role === session.user.role) return false;
    const user = { ...session.user, role: found.role };
    request.session.set('auth', { ...session, user });
    const who = auditUser(session.user);
    // Recorded once per token and change, however often a copy of the old cookie comes back.
    const key = digest(session.token);
    if (this.reported.get(key) !== found.role) {
      this.reported.set(key, found.role);
      await this.recordChange(request, session, found.role);
    }
    if (!needsManager || found.role === 'manager') return false;
    const msg = route.method === 'GET' ? ACCESS_MESSAGES.managersOnly : ACCESS_MESSAGES.readOnly;
    await this.audit.record({ action: 'access-denied', result: 'denied', user: { ...who, role: found.role }, ip: request.ip, detail: `${request.method} ${route.path}: ${msg}` });
    await deny(reply, 403, msg);
    return true;
  }

  private async recordChange(request: FastifyRequest, session: GatewaySession, role: Role): Promise<void> {
    if (this.reported.size >= 10_000) this.reported.clear();
    await this.audit.record({
      action: 'role-changed',
      result: 'ok',
      user: auditUser(session.user),
      ip: request.ip,
      detail: `${session.user.role} → ${role} on the Plus Platform: the session now has the ${role} role`,
    });
  }

  private remember(key: string, role: Role): TokenRole {
    if (this.cache.size >= 10_000) for (const [k, v] of this.cache) if (v.until <= this.now()) this.cache.delete(k);
    this.cache.set(key, { role, until: this.now() + this.ttlMs });
    return { kind: 'role', role };
  }
}
