import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { createRequire } from 'node:module';
import type { SharedState } from './shared-state';

// @fastify/rate-limit's own stores (its Redis store is the one its `redis` option uses).
const require = createRequire(import.meta.url);
type StoreCtor = new (continueExceeding: boolean, exponentialBackoff: boolean, ...rest: unknown[]) => FastifyRateLimitStore;
const RedisStore = require('@fastify/rate-limit/store/RedisStore') as StoreCtor;
const LocalStore = require('@fastify/rate-limit/store/LocalStore') as StoreCtor;

type Incr = FastifyRateLimitStore['incr'];
type ChildOptions = Parameters<FastifyRateLimitStore['child']>[0];

/**
 * The per-session request limit's store: @fastify/rate-limit's Redis store while Redis is up (every
 * gateway copy counts together), its in-memory store otherwise (each copy counts alone), switching
 * per request, so that Redis going away never stops the gateway.
 */
export function requestLimitStore(shared: SharedState): FastifyRateLimitStoreCtor {
  class SharedOrLocalStore implements FastifyRateLimitStore {
    constructor(
      private readonly redis: FastifyRateLimitStore | null,
      private readonly local: FastifyRateLimitStore,
    ) {}

    incr(...args: Parameters<Incr>): void {
      const [key, callback, timeWindow, max] = args;
      if (!this.redis || !shared.available) return this.local.incr(key, callback, timeWindow, max);
      this.redis.incr(
        key,
        (error, result) => (error ? this.local.incr(key, callback, timeWindow, max) : callback(null, result)),
        timeWindow,
        max,
      );
    }

    // One limiter (per session, all routes) uses this store: its Redis keys keep one plain prefix.
    child(options: ChildOptions): FastifyRateLimitStore {
      return new SharedOrLocalStore(this.redis, this.local.child(options));
    }
  }

  return class extends SharedOrLocalStore {
    constructor() {
      super(shared.redis ? new RedisStore(false, false, shared.redis, 'request-limit:') : null, new LocalStore(false, false, 10_000));
    }
  } as unknown as FastifyRateLimitStoreCtor;
}
