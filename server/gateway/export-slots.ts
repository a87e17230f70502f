import { randomUUID } from 'node:crypto';
import type { SharedState } from './shared-state';

/** A slot outlives a copy that died holding it by this much at most; a running export renews it. */
const SLOT_TTL_MS = 120_000;

const RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end return 0";
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";

/** One running export's hold on its user's slot. */
export interface ExportSlot {
  /** Keeps the slot while the export makes progress (an export may run for minutes). */
  renew(): void;
  /** Gives the slot back; only the first call counts. */
  release(): Promise<void>;
}

/**
 * One export at a time per user (DESIGN.md, Audit trail: one Activity or audit export): a slot per
 * user key, in Redis when it is up (every copy of the gateway sees it; `SET NX` with a time to
 * live, so a copy that dies frees it), else in this copy's memory. Exports ask with their own
 * key, e.g. `activity:<userid>`.
 */
export class ExportSlots {
  private static readonly byShared = new WeakMap<SharedState, ExportSlots>();
  private readonly local = new Map<string, string>();

  private constructor(private readonly shared: SharedState | null) {}

  /** The slots of one gateway (every export route of a gateway shares them). */
  static of(shared: SharedState | null): ExportSlots {
    if (!shared) return new ExportSlots(null);
    let slots = ExportSlots.byShared.get(shared);
    if (!slots) {
      slots = new ExportSlots(shared);
      ExportSlots.byShared.set(shared, slots);
    }
    return slots;
  }

  /** The slot for `key`, or null while another export holds it. */
  async take(key: string): Promise<ExportSlot | null> {
    const holder = randomUUID();
    const redis = this.shared?.available ?? null;
    if (redis) {
      const name = `export-slot:${key}`;
      const taken = await redis.set(name, holder, 'PX', SLOT_TTL_MS, 'NX').catch(() => 'down' as const);
      if (taken === null) return null;
      if (taken === 'OK') {
        return this.slot(
          () => void redis.eval(RENEW, 1, name, holder, SLOT_TTL_MS).catch(() => undefined),
          async () => void (await redis.eval(RELEASE, 1, name, holder).catch(() => undefined)),
        );
      }
    }
    // Without Redis (or with Redis away): this copy's own slots.
    if (this.local.has(key)) return null;
    this.local.set(key, holder);
    return this.slot(
      () => undefined,
      async () => {
        if (this.local.get(key) === holder) this.local.delete(key);
      },
    );
  }

  private slot(renew: () => void, release: () => Promise<void>): ExportSlot {
    let released = false;
    return {
      renew: () => {
        if (!released) renew();
      },
      release: async () => {
        if (released) return;
        released = true;
        await release();
      },
    };
  }
}
