import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { AlertRule, WebhookEventType } from '../../contract/team-alerts';
import type { Database } from '../store/schema';
import { type Enqueue, applyActions, escalateDue, loadOpenAlerts, loadRules, loadState, saveState } from './alert-store';
import { step } from './engine';
import { type EngineState, type LockInfo, emptyState } from './engine-types';
import { acquireLease, releaseLease } from './lease';
import { FEED_PAGE, FeedUnavailable, PlatformClient, SignInRefused } from './platform-client';
import { LEASE_NAME, type StoredStatus, writeStatus } from './status';

export { readNotifierStatus } from './status';
export { seedDefaultRules } from './seed-rules';

export interface AlertMessenger {
  /** Queues inside `db` when given (the pass's transaction): alerts and their messages commit together. */
  enqueue(input: { alertid: number; type: WebhookEventType; contactids: readonly number[] }, db?: Kysely<Database>): Promise<void>;
  /** Called once a transaction that queued messages committed: send them now. */
  wake?(): void;
}

export interface NotifierOptions {
  db: Kysely<Database>;
  /** The platform. */
  upstreamUrl: string;
  /** null: the notifier says it is unavailable, and why. */
  account: { email: string; password: string } | null;
  /** NOTIFIER_POLL_MS */
  pollMs: number;
  /** PLUS_TIMEZONE: the zone of the platform's event dates (and of the times in messages). */
  platformTimeZone: string;
  messenger: AlertMessenger;
  holder?: string;
  /** Default 15 s, renewed at every poll. */
  leaseMs?: number;
  log?: { info(msg: string): void; warn(msg: string): void };
  now?: () => number;
}

export const DEFAULT_LEASE_MS = 15_000;
/** How often the lock list is read (rule scopes, doors due, resolving). */
export const LOCK_LIST_EVERY_MS = 15_000;
const ENGINE_KEY = 'engine';
/** How often an unchanged status is written again. */
const STATUS_EVERY_MS = 5_000;
/** Feed pages read in one pass at most (the next pass goes on). */
const MAX_ROUNDS = 40;
const NO_ACCOUNT = 'No service account: set PLUS_SERVICE_EMAIL and PLUS_SERVICE_PASSWORD';

class LeaseLost extends Error {}

interface Snapshot {
  cursor: number;
  at: number;
  locks: Record<string, LockInfo>;
}

/**
 * The server's watcher: one per deployment works (the lease); it reads the platform's feed and lock
 * list with its own account, runs the rule engine, writes alerts and the cursor in one transaction,
 * then hands the messages to the messenger; it escalates alerts nobody acknowledged.
 */
export class Notifier {
  /** What this copy is doing: `standby` while another copy holds the lease. */
  role: 'stopped' | 'running' | 'standby' | 'unavailable' = 'stopped';
  private readonly holder: string;
  private readonly leaseMs: number;
  private readonly now: () => number;
  private readonly client: PlatformClient | null;
  private snapshot: Snapshot | null = null;
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<void> | null = null;
  private stopped = true;
  private holding = false;
  private lastPollAt: number | null = null;
  private lastWarning = '';
  private written: { state: StoredStatus['state']; msg: string; at: number } | null = null;

  constructor(private readonly o: NotifierOptions) {
    this.holder = o.holder ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.leaseMs = o.leaseMs ?? DEFAULT_LEASE_MS;
    this.now = o.now ?? Date.now;
    this.client = o.account ? new PlatformClient(o.upstreamUrl.replace(/\/+$/, ''), o.account, o.platformTimeZone, this.now) : null;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const tick = () => {
      void this.runOnce()
        .catch((error: unknown) => this.warn(`Notifier: ${String(error)}`))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.o.pollMs);
        });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.current;
    if (this.holding) await releaseLease(this.o.db, LEASE_NAME, this.holder).catch(() => undefined);
    this.holding = false;
    this.role = 'stopped';
  }

  /** One pass (passes never overlap). */
  async runOnce(): Promise<void> {
    while (this.current) await this.current;
    this.current = this.pass().finally(() => {
      this.current = null;
    });
    return this.current;
  }

  private async pass(): Promise<void> {
    const now = this.now();
    try {
      this.holding = await acquireLease(this.o.db, LEASE_NAME, this.holder, this.leaseMs, now);
    } catch (error) {
      this.warn(`The notifier cannot reach its store: ${String(error)}`);
      return;
    }
    if (!this.holding) {
      if (this.role !== 'standby') this.o.log?.info('Notifier: standby (another copy holds the lease)');
      this.role = 'standby';
      return;
    }
    if (this.role !== 'running' && this.role !== 'unavailable') this.o.log?.info(`Notifier: working as ${this.holder}`);
    await this.escalate(now);
    if (!this.client) return this.report('unavailable', NO_ACCOUNT, now);
    try {
      await this.poll(this.client, now);
      this.lastPollAt = now;
      this.lastWarning = '';
      await this.report('running', 'Watching the platform’s event feed', now);
    } catch (error) {
      if (error instanceof LeaseLost) {
        this.holding = false;
        this.role = 'standby';
        return;
      }
      await this.report('unavailable', this.explain(error), now);
    }
  }

  /** Escalation goes on whatever the feed does (it needs only the store). */
  private async escalate(now: number): Promise<void> {
    try {
      const queued = await this.o.db.transaction().execute(async (trx) => this.send(await escalateDue(trx, await this.rulesById(trx), now), trx));
      if (queued) this.o.messenger.wake?.();
    } catch (error) {
      this.warn(`The notifier could not escalate: ${String(error)}`);
    }
  }

  private explain(error: unknown): string {
    if (error instanceof FeedUnavailable) return 'The platform has no event feed';
    if (error instanceof SignInRefused) return error.message;
    const reason = error instanceof Error ? error.message : String(error);
    return `Cannot read the platform (${reason}); retrying every ${Math.max(1, Math.round(this.o.pollMs / 1000))} s`;
  }

  private async report(state: StoredStatus['state'], msg: string, now: number): Promise<void> {
    this.role = state;
    if (state === 'unavailable') this.warn(`Notifier: ${msg}`);
    // A status that says the same is written again only every few seconds (any copy reads it as live for
    // three polls and the lease's length): the notifier polls several times a second.
    if (state === this.written?.state && msg === this.written.msg && now - this.written.at < STATUS_EVERY_MS) return;
    this.written = { state, msg, at: now };
    const status: StoredStatus = { state, msg, last_poll_at: this.lastPollAt, holder: this.holder, poll_ms: this.o.pollMs, lease_ms: this.leaseMs, at: now };
    await writeStatus(this.o.db, status).catch((error: unknown) => this.warn(`The notifier cannot write its status: ${String(error)}`));
  }

  private warn(msg: string): void {
    if (msg !== this.lastWarning) this.o.log?.warn(msg);
    this.lastWarning = msg;
  }

  private async rulesById(db: Parameters<typeof loadRules>[0]): Promise<Map<number, AlertRule>> {
    return new Map((await loadRules(db)).map((r) => [r.ruleid, r]));
  }

  private async readState(client: PlatformClient, now: number): Promise<EngineState> {
    const stored = await loadState<EngineState>(this.o.db, ENGINE_KEY);
    if (stored && typeof stored.cursor === 'number') return { ...emptyState(stored.cursor), ...stored };
    // First start: from the newest event on, so that history is not alerted.
    const state = emptyState(await client.newestEventId());
    await saveState(this.o.db, ENGINE_KEY, state, now);
    return state;
  }

  private async refreshList(client: PlatformClient, cursor: number, now: number): Promise<void> {
    this.snapshot = { cursor, at: now, locks: await client.locks() };
  }

  private async poll(client: PlatformClient, now: number): Promise<void> {
    let state = await this.readState(client, now);
    let fresh = false;
    if (!this.snapshot || now - this.snapshot.at >= LOCK_LIST_EVERY_MS) {
      await this.refreshList(client, state.cursor, now);
      fresh = true;
    }
    let relisted = false;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const events = await client.eventsAfter(state.cursor);
      const rules = await this.rulesById(this.o.db);
      const result = step({
        state,
        events,
        rules: [...rules.values()].filter((r) => r.enabled),
        openAlerts: await loadOpenAlerts(this.o.db),
        locks: this.snapshot && { ...this.snapshot, fresh },
        now,
        timeZone: this.o.platformTimeZone,
      });
      fresh = false;
      state = result.state;
      const next = state;
      const queued = await this.o.db.transaction().execute(async (trx) => {
        // A pass slower than the lease may have lost it: then another copy writes, not this one.
        if (!(await acquireLease(trx, LEASE_NAME, this.holder, this.leaseMs, this.now()))) throw new LeaseLost();
        const out = await applyActions(trx, result.actions, rules, now);
        await saveState(trx, ENGINE_KEY, next, now);
        // The messages commit with the alerts and the cursor: a crash loses neither, nor sends twice.
        return this.send(out, trx);
      });
      if (queued) this.o.messenger.wake?.();
      if (events.length >= FEED_PAGE) continue; // not caught up yet
      if (!result.wantsList || relisted) break;
      await this.refreshList(client, state.cursor, now);
      fresh = relisted = true;
    }
  }

  /** Queues the pass's messages in its transaction; a failure fails the pass (retried whole on the next poll). */
  private async send(messages: readonly Enqueue[], trx: Kysely<Database>): Promise<boolean> {
    for (const message of messages) await this.o.messenger.enqueue(message, trx);
    return messages.length > 0;
  }
}
