import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';

export type SharedStatus = 'up' | 'down' | 'off';

/** How long one Redis command may take before the gateway answers from its own memory instead. */
const COMMAND_TIMEOUT_MS = 500;
/** Reconnect attempts: quickly at first, then every 2 s for as long as Redis is away. */
const retryDelay = (attempt: number) => Math.min(100 * attempt, 2_000);

/**
 * The connection to Redis (`REDIS_URL`) that several gateway copies share: failed-sign-in and
 * per-session request limits, the deny list of ended sessions, the upstream's features. Without
 * `REDIS_URL` it is `off` and every copy keeps its own state. When Redis goes away the gateway
 * keeps serving from per-copy state (`down`, logged once), and reconnects by itself (`up`,
 * logged, and `onUp` listeners run, e.g. to copy what was recorded meanwhile).
 * Commands never queue while Redis is away: they fail at once, and callers fall back.
 */
export class SharedState {
  readonly redis: Redis | null;
  private readonly upListeners: (() => void)[] = [];

  private constructor(redis: Redis | null, log: FastifyBaseLogger) {
    this.redis = redis;
    if (!redis) return;
    let wasUp = false;
    let reportedDown = false;
    redis.on('ready', () => {
      wasUp = true;
      reportedDown = false;
      log.info('Redis is up: limits, ended sessions and features are shared by every gateway copy');
      for (const listener of this.upListeners) listener();
    });
    const down = (error?: Error) => {
      if (reportedDown) return;
      reportedDown = true;
      log.warn(
        `${wasUp ? 'Redis went away' : 'Redis cannot be reached'}${error ? ` (${error.message})` : ''}: ` +
          'this copy falls back to its own limits and deny list until it returns',
      );
    };
    redis.on('error', (error: Error) => down(error));
    redis.on('close', () => {
      if (wasUp) down();
    });
  }

  /** Connects when `url` is set (without waiting: the gateway starts whether Redis is there or not). */
  static connect(url: string | null, log: FastifyBaseLogger): SharedState {
    if (!url) return new SharedState(null, log);
    const redis = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: COMMAND_TIMEOUT_MS,
      connectTimeout: 2_000,
      retryStrategy: retryDelay,
      keyPrefix: 'lockboard:',
    });
    return new SharedState(redis, log);
  }

  get status(): SharedStatus {
    if (!this.redis) return 'off';
    return this.redis.status === 'ready' ? 'up' : 'down';
  }

  /** A connected Redis to use now, or null (off or down): the caller uses its own memory. */
  get available(): Redis | null {
    return this.redis?.status === 'ready' ? this.redis : null;
  }

  /** Runs `listener` every time Redis becomes available again. */
  onUp(listener: () => void): void {
    this.upListeners.push(listener);
  }

  async close(): Promise<void> {
    if (!this.redis) return;
    this.redis.disconnect();
  }
}
