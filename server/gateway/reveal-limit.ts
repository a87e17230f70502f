import type { FastifyReply, FastifyRequest } from 'fastify';
import type { User } from '../../contract/auth';
import { toPlatformDate } from '../../contract/envelope';
import { type Enqueue, applyActions, loadRules } from '../notifier/alert-store';
import { isUniqueViolation } from '../store/errors';
import type { Store } from '../store/store';
import { deny } from './access';
import { type AuditLog, auditUser } from './audit-log';
import type { SharedState } from './shared-state';
import type { AlertMessenger } from './team-alerts/services';

/** Reveals of lock passwords and keypad codes allowed per user in a window (DESIGN.md, Audit trail). */
export const REVEALS_PER_MINUTE = 20;
const WINDOW_MS = 60_000;

/** Counts one reveal in the user's window, atomically: the count so far and the window's time left. */
const COUNT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {n, redis.call('PTTL', KEYS[1])}`;

export interface RevealLimitOptions {
  shared: SharedState | null;
  audit: AuditLog;
  /** Where a burst raises its team alert ("Many secrets revealed"); null: no alert. */
  alerts: { store: Store; messenger: AlertMessenger } | null;
  max?: number;
  windowMs?: number;
  now?: () => number;
  /** Where a failure to raise the alert is told (it never stops the reveal's answer). */
  warn?: (msg: string) => void;
}

/** What was revealed (or asked for): a lock's password or a grant's keypad code. */
export interface RevealTarget {
  lockid?: string;
  grantid?: number;
}

/**
 * Reveals are limited per user (userid), not per session: signing in again does not reset the
 * count, and with Redis every gateway copy counts together (without it, or while it is away, each
 * copy counts alone). A fixed one-minute window: the `max`th reveal in it is a burst and opens one
 * team alert (kind `secrets-burst`, per enabled rule, one open alert per user); beyond `max`, `429`
 * with `Retry-After`, audited as `reveal-limited`.
 */
export class RevealLimit {
  private readonly windows = new Map<number, { count: number; resetAt: number }>();
  private readonly max: number;
  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(private readonly o: RevealLimitOptions) {
    this.max = o.max ?? REVEALS_PER_MINUTE;
    this.windowMs = o.windowMs ?? WINDOW_MS;
    this.now = o.now ?? Date.now;
  }

  /** Counts a reveal by `user`: true when it may go on; else the 429 is sent (and audited). */
  async admit(request: FastifyRequest, reply: FastifyReply, user: User, target: RevealTarget): Promise<boolean> {
    const { count, leftMs } = await this.count(user.userid);
    if (count === this.max) await this.raiseAlert(user);
    if (count <= this.max) return true;
    const retryAfterS = Math.max(1, Math.ceil(leftMs / 1000));
    await this.o.audit.record({
      action: 'reveal-limited',
      result: 'denied',
      user: auditUser(user),
      ip: request.ip,
      ...target,
      detail: `more than ${this.max} reveals in ${this.windowMs / 1000} s; allowed again in ${retryAfterS} s`,
    });
    reply.header('retry-after', String(retryAfterS));
    await deny(reply, 429, `Too many passwords and codes revealed: at most ${this.max} a minute. Try again in ${retryAfterS} seconds.`);
    return false;
  }

  private async count(userid: number): Promise<{ count: number; leftMs: number }> {
    const redis = this.o.shared?.available;
    if (redis) {
      try {
        const [count, ttl] = (await redis.eval(COUNT, 1, `reveals:${userid}`, this.windowMs)) as [number, number];
        return { count, leftMs: ttl > 0 ? ttl : this.windowMs };
      } catch {
        // Redis went away mid-request: this copy counts alone.
      }
    }
    const now = this.now();
    let window = this.windows.get(userid);
    if (!window || window.resetAt <= now) {
      if (this.windows.size >= 10_000) for (const [key, w] of this.windows) if (w.resetAt <= now) this.windows.delete(key);
      window = { count: 0, resetAt: now + this.windowMs };
      this.windows.set(userid, window);
    }
    window.count += 1;
    return { count: window.count, leftMs: window.resetAt - now };
  }

  /** One open "Many secrets revealed" alert per enabled secrets-burst rule and user; told to the rule's contacts. */
  private async raiseAlert(user: User): Promise<void> {
    const alerts = this.o.alerts;
    if (!alerts) return;
    const now = this.now();
    try {
      const rules = (await loadRules(alerts.store.db)).filter((rule) => rule.kind === 'secrets-burst' && rule.enabled);
      const text = {
        title: `Many secrets revealed by ${user.name}`,
        detail: `${user.name} (${user.email}) revealed ${this.max} lock passwords or keypad codes within a minute, up to ${toPlatformDate(new Date(now))} UTC; further reveals are refused until the minute is over.`,
      };
      const messages: Enqueue[] = [];
      for (const rule of rules) {
        const key = `rule:${rule.ruleid}:secrets:user:${user.userid}`;
        const action = { op: 'open' as const, key, rule, kind: 'secrets-burst' as const, lockid: null, lockname: null, ...text, at: now };
        try {
          messages.push(...(await applyActions(alerts.store.db, [action], new Map([[rule.ruleid, rule]]), now)));
        } catch (error) {
          // Already open for this user (another copy, or a burst nobody acknowledged yet): one is enough.
          if (!isUniqueViolation(error)) throw error;
        }
      }
      for (const message of messages) await alerts.messenger.enqueue(message);
    } catch (error) {
      this.o.warn?.(`the "Many secrets revealed" alert could not be raised: ${String(error)}`);
    }
  }
}
