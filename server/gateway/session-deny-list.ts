import { createHash } from 'node:crypto';
import type { SharedState } from './shared-state';

/** A session is named by a hash of its platform token: unique per sign-in, and never the token itself. */
export function sessionKey(token: string): string {
  return createHash('sha256').update(token).digest('base64url').slice(0, 32);
}

const KEY = (key: string) => `revoked:${key}`;

/**
 * Sessions that ended (sign-out, expiry, the platform ending them) before their cookie did. The
 * cookie is stateless and a copy of it would otherwise still open `/api/me` on any gateway copy:
 * an ended session is listed until its cookie could no longer be used anyway (its remaining life),
 * in this copy's memory and, when there is one, in the Redis every copy reads.
 */
export class SessionDenyList {
  /** key → epoch ms when the entry may be forgotten. */
  private readonly local = new Map<string, number>();

  constructor(
    private readonly shared: SharedState,
    private readonly now: () => number = Date.now,
  ) {
    // What ended while Redis was away is told to the other copies once it is back.
    shared.onUp(() => void this.publishLocal());
  }

  async revoke(token: string, until: number): Promise<void> {
    const key = sessionKey(token);
    const ttl = Math.max(1_000, Math.ceil(until - this.now()));
    this.sweep();
    this.local.set(key, this.now() + ttl);
    await this.shared.available?.set(KEY(key), '1', 'PX', ttl).catch(() => undefined);
  }

  async isRevoked(token: string): Promise<boolean> {
    const key = sessionKey(token);
    const until = this.local.get(key);
    if (until !== undefined && until > this.now()) return true;
    const redis = this.shared.available;
    if (!redis) return false;
    try {
      return (await redis.exists(KEY(key))) === 1;
    } catch {
      return false;
    }
  }

  private async publishLocal(): Promise<void> {
    const redis = this.shared.available;
    if (!redis) return;
    const now = this.now();
    await Promise.all(
      [...this.local].filter(([, until]) => until > now).map(([key, until]) => redis.set(KEY(key), '1', 'PX', until - now).catch(() => undefined)),
    );
  }

  private sweep(): void {
    if (this.local.size < 10_000) return;
    const now = this.now();
    for (const [key, until] of this.local) if (until <= now) this.local.delete(key);
  }
}
