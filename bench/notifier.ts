// The notifier's budgets (issue 21 "Measured"; DESIGN.md, Team alerts, "Timing"), measured, not tested:
//  1. event on the platform → signed webhook received (a receiver that verifies the signature) and
//     → e-mail handed to SMTP (a real SMTP server): p95 ≤ 2 s at a 1 s feed poll;
//  2. a burst of 10,000 events in a minute over 1,000 locks: the notifier keeps up (lag ≤ 5 s),
//     memory stays flat, each contact gets at most a handful of messages.
// The platform (embedded, simulator off), the store (SQLite in a temporary DATA_DIR), Delivery and
// Notifier (composed by openTeamAlerts, as server/team-alerts.ts does for a gateway copy) all run in
// this one process. Run alone: `npx tsx bench/notifier.ts` (or `… latency` / `… burst`).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { toPlatformDate } from '../contract/envelope';
import type { RuleKind } from '../contract/team-alerts';
import { startPlatform } from '../server/platform/platform';
import { call, loginAs } from '../server/platform/testing';
import { type Store, openStore } from '../server/store/store';
import { openTeamAlerts } from '../server/team-alerts';
import { testConfig } from '../test-support/gateway';
import { startSmtpSink } from '../test-support/smtp-sink';
import { findPostgresBinDir, startPostgres } from '../test-support/postgres';
import { startWebhookReceiver } from '../test-support/webhook-receiver';
import { percentile } from './harness';

export type BenchRow = [figure: string, value: string, budget: string, ok: boolean];

const POLL_MS = 1000;
const MB = 1024 * 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Counts the store's queries by statement and table (a plugin on the Kysely instance every part uses). */
class QueryCounter implements KyselyPlugin {
  counts = new Map<string, number>();
  total = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const kind = args.node.kind.replace('QueryNode', '').toLowerCase();
    const key = `${kind} ${firstTable(args.node) ?? '?'}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.total += 1;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
  reset(): void {
    this.counts.clear();
    this.total = 0;
  }
  top(n: number): string {
    return [...this.counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${k} ${v}`).join(', ');
  }
}

function firstTable(node: unknown, depth = 0): string | null {
  if (!node || typeof node !== 'object' || depth > 8) return null;
  const n = node as Record<string, unknown>;
  if (n.kind === 'TableNode') {
    const table = n.table as { identifier?: { name?: string } } | undefined;
    return table?.identifier?.name ?? null;
  }
  for (const key of ['into', 'table', 'from', 'froms']) {
    const child = n[key];
    const found = Array.isArray(child) ? firstTable(child[0], depth + 1) : firstTable(child, depth + 1);
    if (found) return found;
  }
  return null;
}

export type Engine = 'sqlite' | 'postgres';

/** The store on SQLite (in `dataDir`) or on a PostgreSQL server of its own (test-support/postgres.ts), its queries counted. */
async function countedStore(engine: Engine, dataDir: string, counter: QueryCounter): Promise<{ store: Store; close(): Promise<void> }> {
  if (engine === 'sqlite') {
    const store = await openStore({ dataDir });
    return { store: { ...store, db: store.db.withPlugin(counter) }, close: () => store.close() };
  }
  const server = await startPostgres();
  try {
    const store = await openStore({ databaseUrl: await server.createDatabase('bench') });
    return {
      store: { ...store, db: store.db.withPlugin(counter) },
      async close() {
        await store.close();
        await server.stop();
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

export function postgresAvailable(): boolean {
  try {
    findPostgresBinDir();
    return true;
  } catch {
    return false;
  }
}

const quietLog = (warnings: string[]) => ({
  info: () => undefined,
  warn: (msg: string) => {
    if (warnings.length < 1000) warnings.push(msg);
  },
});

async function addContact(store: Store, channel: 'email' | 'webhook', address: string, name: string, secret: string | null = null): Promise<number> {
  const row = await store.db
    .insertInto('contacts')
    .values({
      name,
      channel,
      address,
      secret,
      enabled: 1,
      failing: 0,
      last_delivery_at: null,
      last_delivery_ok: null,
      last_delivery_detail: null,
      created_at: Date.now(),
    })
    .returning('contactid')
    .executeTakeFirstOrThrow();
  return row.contactid;
}

async function addRule(store: Store, rule: { name: string; kind: RuleKind; scope: unknown; threshold_s?: number; contactids: number[] }): Promise<number> {
  const now = Date.now();
  const row = await store.db
    .insertInto('alert_rules')
    .values({
      name: rule.name,
      kind: rule.kind,
      enabled: 1,
      scope: JSON.stringify(rule.scope),
      threshold_s: rule.threshold_s ?? 0,
      schedule: null,
      when_mode: 'always',
      contactids: JSON.stringify(rule.contactids),
      escalate_after_s: null,
      escalate_contactids: '[]',
      created_at: now,
      updated_at: now,
    })
    .returning('ruleid')
    .executeTakeFirstOrThrow();
  return row.ruleid;
}

async function engineCursor(store: Store): Promise<number | null> {
  const row = await store.db.selectFrom('notifier_state').select('value').where('key', '=', 'engine').executeTakeFirst();
  if (!row) return null;
  const cursor = (JSON.parse(row.value) as { cursor?: unknown }).cursor;
  return typeof cursor === 'number' ? cursor : null;
}

async function waitFor<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs: number, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(everyMs);
  }
}

/** Stamps each item as it is pushed (the receiver and the sink push what they receive). */
function stampPushes<T extends object>(list: T[], stamps: WeakMap<T, number>): void {
  list.push = (...items: T[]) => {
    const at = Date.now();
    for (const item of items) stamps.set(item, at);
    return Array.prototype.push.apply(list, items);
  };
}

// ───────────────────────── 1. event → webhook / e-mail ─────────────────────────

export interface LatencyFigures {
  engine: Engine;
  events: number;
  pollMs: number;
  webhookMs: number[];
  mailMs: number[];
  unverified: number;
  missingWebhooks: number;
  missingMails: number;
  /** From a message's row in the outbox (the pass's commit) to its sending, by the store's own times. */
  queuedToSentMs: number[];
  warnings: string[];
}

export async function benchNotifierLatency(options: { events?: number; engine?: Engine } = {}): Promise<LatencyFigures> {
  const count = options.events ?? 40;
  const engine = options.engine ?? 'sqlite';
  const dir = mkdtempSync(join(tmpdir(), 'lockboard-bench-notifier-'));
  const platform = await startPlatform({ dbPath: join(dir, 'platform.sqlite'), simulator: false, seed: { locks: Math.max(100, count * 2), historyDays: 0 } });
  const sink = await startSmtpSink();
  const receiver = await startWebhookReceiver();
  const warnings: string[] = [];
  const counter = new QueryCounter();
  const config = testConfig({
    DATA_DIR: dir,
    NOTIFIER_POLL_MS: String(POLL_MS),
    SMTP_URL: sink.url,
    MAIL_FROM: 'lockboard@bench.test',
    PUBLIC_URL: 'http://lockboard.bench.test',
    WEBHOOK_ALLOW_HOSTS: '127.0.0.1',
  });
  const opened = await countedStore(engine, dir, counter);
  const { store } = opened;
  const alerts = await openTeamAlerts(config, { upstreamUrl: platform.url, serviceAccount: platform.serviceAccount, log: quietLog(warnings), store });
  const hookAt = new WeakMap<(typeof receiver.received)[number], number>();
  const mailAt = new WeakMap<(typeof sink.mails)[number], number>();
  stampPushes(receiver.received, hookAt);
  stampPushes(sink.mails, mailAt);
  try {
    const email = await addContact(store, 'email', 'oncall@bench.test', 'On call (e-mail)');
    const webhook = await addContact(store, 'webhook', receiver.url, 'On call (webhook)', receiver.secret);
    const lockids = platform.db.prepare('SELECT lockid FROM locks WHERE lock_online_status = 1 AND lock_open_status = 0 ORDER BY id LIMIT ?').pluck().all(count) as string[];
    if (lockids.length < count) throw new Error(`only ${lockids.length} online, locked locks`);
    // One door-used rule per lock (scope: that lock), both contacts: every unlock is the first alert
    // of its rule's storm, so it is sent at once (one rule with 40 unlocks would fold them into digests).
    for (const lockid of lockids) await addRule(store, { name: `Door used: ${lockid}`, kind: 'door-used', scope: { lockids: [lockid] }, contactids: [email, webhook] });
    alerts.start();
    await waitFor('the notifier’s first pass', () => engineCursor(store), 15_000);
    const token = await loginAs(platform.url, 'manager');
    const sentAt = new Map<string, number>();
    for (const lockid of lockids) {
      // Spaced 0.7–1.7 s apart: the events fall at every phase of the 1 s feed poll.
      await sleep(700 + Math.random() * 1000);
      const at = Date.now();
      const answer = await call(platform.url, 'POST', `/api/locks/${encodeURIComponent(lockid)}/unlock`, { token, body: {} });
      if (answer.status !== 200) throw new Error(`unlock ${lockid}: HTTP ${answer.status}`);
      sentAt.set(lockid, at);
    }
    await waitFor('every webhook and mail', async () => receiver.received.length >= count && sink.mails.length >= count, 15_000, 100).catch(() => undefined);
    // A message's id is the webhook's webhook-id and the mail's Message-ID: the store names its alert's lock.
    const rows = await store.db
      .selectFrom('messages')
      .innerJoin('alerts', 'alerts.alertid', 'messages.alertid')
      .select(['messages.messageid', 'alerts.lockid', 'messages.type', 'messages.created_at', 'messages.sent_at'])
      .execute();
    const lockOf = new Map(rows.filter((r) => r.type === 'alert.opened').map((r) => [r.messageid, r.lockid ?? '']));
    const webhookMs: number[] = [];
    const mailMs: number[] = [];
    const seenHooks = new Set<string>();
    for (const hook of receiver.received) {
      const lockid = lockOf.get(hook.id);
      const start = lockid === undefined ? undefined : sentAt.get(lockid);
      if (start === undefined || seenHooks.has(hook.id)) continue;
      seenHooks.add(hook.id);
      webhookMs.push((hookAt.get(hook) ?? Number.NaN) - start);
    }
    const seenMails = new Set<string>();
    for (const mail of sink.mails) {
      const id = /^Message-ID:\s*<([^@>]+)@/im.exec(mail.raw)?.[1] ?? '';
      const lockid = lockOf.get(id);
      const start = lockid === undefined ? undefined : sentAt.get(lockid);
      if (start === undefined || seenMails.has(id)) continue;
      seenMails.add(id);
      mailMs.push((mailAt.get(mail) ?? Number.NaN) - start);
    }
    return {
      engine,
      events: count,
      pollMs: POLL_MS,
      webhookMs,
      mailMs,
      unverified: receiver.received.filter((h) => !h.verified).length,
      missingWebhooks: count - webhookMs.length,
      missingMails: count - mailMs.length,
      queuedToSentMs: rows.flatMap((r) => (r.sent_at === null ? [] : [r.sent_at - r.created_at])),
      warnings,
    };
  } finally {
    await alerts.close();
    await opened.close();
    await receiver.close();
    await sink.close();
    await platform.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// ───────────────────────── 2. 10,000 events in a minute ─────────────────────────

interface PlannedEvent {
  at: number;
  lockid: string;
  lockname: string;
  type: 'unlocked' | 'locked' | 'access_denied' | 'battery_low' | 'offline' | 'online';
  userid: number | null;
  username: string | null;
  method: 'card' | 'keypad' | 'system';
  battery: number | null;
}

export interface BurstFigures {
  events: number;
  locks: number;
  burstMs: number;
  afterMs: number;
  pollMs: number;
  lagP95Ms: number;
  lagMaxMs: number;
  /** Events whose insertion the cursor never passed before the end. */
  unseen: number;
  memory: { label: string; rssMb: number; heapMb: number }[];
  rssGrowthMb: number;
  heapGrowthMb: number;
  perContact: { name: string; messages: number; byType: string }[];
  alertsOpened: number;
  queries: string;
  queryTotal: number;
  warnings: string[];
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * 10,000 events over 1,000 locks in `burstMs`: door uses (unlocked, then locked by the system 1–3 s
 * later), refusals (scattered, plus 60 locks tried 5 times each: break-in bursts), low batteries
 * (300 locks, half critical), 100 locks going offline for good (an offline storm) and 500 flapping
 * offline → online within 2–8 s.
 */
function planBurst(locks: { lockid: string; lockname: string }[], people: { userid: number; name: string }[], burstMs: number, random: () => number): PlannedEvent[] {
  const events: PlannedEvent[] = [];
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)] as T;
  const person = () => pick(people);
  const base = (lock: { lockid: string; lockname: string }, at: number) => ({ at, lockid: lock.lockid, lockname: lock.lockname });
  const span = burstMs - 4000;
  const shuffled = [...locks].sort(() => random() - 0.5);
  const attacked = shuffled.slice(0, 60);
  const battery = shuffled.slice(60, 360);
  const deadForGood = shuffled.slice(360, 460);
  const flapping = shuffled.slice(460, 960);
  for (let i = 0; i < 3550; i++) {
    const lock = pick(locks);
    const at = random() * span;
    const p = person();
    events.push({ ...base(lock, at), type: 'unlocked', userid: p.userid, username: p.name, method: 'card', battery: null });
    events.push({ ...base(lock, at + 1000 + random() * 2000), type: 'locked', userid: null, username: null, method: 'system', battery: null });
  }
  for (let i = 0; i < 1200; i++) {
    const p = person();
    events.push({ ...base(pick(locks), random() * span), type: 'access_denied', userid: p.userid, username: p.name, method: 'keypad', battery: null });
  }
  for (const lock of attacked) {
    const start = random() * (span - 20_000);
    for (let i = 0; i < 5; i++) events.push({ ...base(lock, start + i * 4000 * random()), type: 'access_denied', userid: null, username: null, method: 'keypad', battery: null });
  }
  battery.forEach((lock, i) => {
    events.push({ ...base(lock, random() * span), type: 'battery_low', userid: null, username: null, method: 'system', battery: i % 2 ? 3 + (i % 7) : 12 + (i % 8) });
  });
  for (const lock of deadForGood) events.push({ ...base(lock, random() * 20_000), type: 'offline', userid: null, username: null, method: 'system', battery: null });
  for (const lock of flapping) {
    const at = random() * (span - 8000);
    events.push({ ...base(lock, at), type: 'offline', userid: null, username: null, method: 'system', battery: null });
    events.push({ ...base(lock, at + 2000 + random() * 6000), type: 'online', userid: null, username: null, method: 'system', battery: null });
  }
  return events.sort((a, b) => a.at - b.at);
}

let gcFn: (() => void) | null = null;
function collectGarbage(): void {
  if (!gcFn) {
    v8.setFlagsFromString('--expose-gc');
    gcFn = vm.runInNewContext('gc') as () => void;
  }
  gcFn();
  gcFn();
}

function memory(label: string, collect: boolean): { label: string; rssMb: number; heapMb: number } {
  if (collect) collectGarbage();
  const m = process.memoryUsage();
  return { label, rssMb: m.rss / MB, heapMb: m.heapUsed / MB };
}

export async function benchNotifierBurst(options: { events?: number; locks?: number; burstMs?: number; afterMs?: number } = {}): Promise<BurstFigures> {
  const locksCount = options.locks ?? 1000;
  const burstMs = options.burstMs ?? 60_000;
  const afterMs = options.afterMs ?? 90_000;
  const dir = mkdtempSync(join(tmpdir(), 'lockboard-bench-burst-'));
  const platform = await startPlatform({ dbPath: join(dir, 'platform.sqlite'), simulator: false, seed: { locks: locksCount, historyDays: 0 } });
  const sink = await startSmtpSink();
  const receiver = await startWebhookReceiver();
  const warnings: string[] = [];
  const counter = new QueryCounter();
  // The default offline rule at 30 s (OFFLINE_ALERT_AFTER_S seeds it), so that the offline storm opens within the run.
  const config = testConfig({
    DATA_DIR: dir,
    NOTIFIER_POLL_MS: String(POLL_MS),
    OFFLINE_ALERT_AFTER_S: '30',
    SMTP_URL: sink.url,
    MAIL_FROM: 'lockboard@bench.test',
    PUBLIC_URL: 'http://lockboard.bench.test',
    WEBHOOK_ALLOW_HOSTS: '127.0.0.1',
  });
  const opened = await countedStore('sqlite', dir, counter);
  const { store } = opened;
  const alerts = await openTeamAlerts(config, { upstreamUrl: platform.url, serviceAccount: platform.serviceAccount, log: quietLog(warnings), store });
  const db = platform.db;
  try {
    // All locks online, locked, batteries fine: every alert comes from the burst.
    db.prepare('UPDATE locks SET lock_open_status = 0, lock_online_status = 1, battery_level = 80, relock_at = NULL').run();
    const locks = db.prepare('SELECT lockid, lockname FROM locks ORDER BY id').all() as { lockid: string; lockname: string }[];
    const people = db.prepare("SELECT userid, name FROM users WHERE role = 'person' ORDER BY userid").all() as { userid: number; name: string }[];
    if (locks.length < 1000 && !options.locks) throw new Error(`only ${locks.length} locks`);
    if (people.length === 0) throw new Error('no people in the seeded platform');
    // The default rules (seeded with no recipients) get one contact each; then more kinds, one contact each.
    const rules = await store.db.selectFrom('alert_rules').select(['ruleid', 'name']).execute();
    let n = 0;
    const contactFor = async (name: string) => (n++ % 2 ? addContact(store, 'email', `c${n}@bench.test`, name) : addContact(store, 'webhook', receiver.url, name, receiver.secret));
    for (const rule of rules) await store.db.updateTable('alert_rules').set({ contactids: JSON.stringify([await contactFor(rule.name)]) }).where('ruleid', '=', rule.ruleid).execute();
    const serverRooms = locks.slice(0, 10).map((l) => l.lockid);
    const more: { name: string; kind: RuleKind; scope: unknown; threshold_s?: number }[] = [
      { name: 'Access denied', kind: 'access-denied', scope: { all: true } },
      { name: 'Break-in (1 min)', kind: 'access-denied-burst', scope: { all: true }, threshold_s: 60 },
      { name: 'Battery low', kind: 'battery-low', scope: { all: true } },
      { name: 'Server rooms used', kind: 'door-used', scope: { lockids: serverRooms } },
    ];
    for (const rule of more) await addRule(store, { ...rule, contactids: [await contactFor(rule.name)] });

    alerts.start();
    await waitFor('the notifier’s first pass', () => engineCursor(store), 15_000);
    await sleep(3 * POLL_MS); // a few idle passes: the lock list read, the first allocations made
    const memoryFigures = [memory('before the burst (after GC)', true)];
    counter.reset();

    const plan = planBurst(locks, people, burstMs, mulberry32(21));
    const planned = plan.length;
    const insert = db.prepare(`INSERT INTO events (lockid, lockname, event_type, userid, username, method, event_date, battery_level, actor, reason, groupid, groupname)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, NULL, NULL)`);
    const setOpen = db.prepare('UPDATE locks SET lock_open_status = ? WHERE lockid = ?');
    const setOnline = db.prepare('UPDATE locks SET lock_online_status = ? WHERE lockid = ?');
    const setBattery = db.prepare('UPDATE locks SET battery_level = ? WHERE lockid = ?');
    // Each batch: its newest eventid and when it was inserted.
    const batches: { upto: number; at: number; size: number }[] = [];
    const insertDue = db.transaction((due: PlannedEvent[], date: string) => {
      let last = 0;
      for (const e of due) {
        last = Number(insert.run(e.lockid, e.lockname, e.type, e.userid, e.username, e.method, date, e.battery, e.type === 'access_denied' ? 'no_grant' : null).lastInsertRowid);
        // The lock row follows its events, as the platform's own writes do (the notifier's lock list reads it).
        if (e.type === 'unlocked' || e.type === 'locked') setOpen.run(e.type === 'unlocked' ? 1 : 0, e.lockid);
        if (e.type === 'offline' || e.type === 'online') setOnline.run(e.type === 'online' ? 1 : 0, e.lockid);
        if (e.type === 'battery_low') setBattery.run(e.battery, e.lockid);
      }
      return last;
    });

    const lags: number[] = [];
    let passed = 0;
    let sampling = true;
    let peak = memoryFigures[0] as { label: string; rssMb: number; heapMb: number };
    const sampler = (async () => {
      while (sampling) {
        const cursor = await engineCursor(store);
        const now = Date.now();
        while (passed < batches.length && cursor !== null && (batches[passed]?.upto ?? Infinity) <= cursor) {
          const batch = batches[passed] as { upto: number; at: number; size: number };
          for (let i = 0; i < batch.size; i++) lags.push(now - batch.at);
          passed += 1;
        }
        const m = memory('peak during the burst', false);
        if (m.rssMb > peak.rssMb) peak = m;
        await sleep(50);
      }
    })();

    const start = Date.now();
    let next = 0;
    while (next < plan.length) {
      const elapsed = Date.now() - start;
      let end = next;
      while (end < plan.length && (plan[end]?.at ?? Infinity) <= elapsed) end++;
      if (end > next) {
        const at = Date.now();
        const upto = insertDue(plan.slice(next, end), toPlatformDate(new Date(at)));
        batches.push({ upto, at, size: end - next });
        next = end;
      }
      await sleep(25);
    }
    const burstEnd = Date.now();
    await waitFor('the cursor past the last event', async () => passed >= batches.length, 30_000, 100).catch(() => undefined);
    memoryFigures.push({ ...peak, label: 'peak during the burst (RSS sampled every 50 ms)' });
    memoryFigures.push(memory('right after the burst (after GC)', true));
    // Then the storms' digests fall due and the notifier idles on: memory should come back down.
    await sleep(Math.max(0, afterMs - (Date.now() - burstEnd)));
    sampling = false;
    await sampler;
    memoryFigures.push(memory(`${Math.round(afterMs / 1000)} s after the burst (after GC)`, true));

    const contacts = await store.db.selectFrom('contacts').select(['contactid', 'name']).orderBy('contactid').execute();
    const messages = await store.db.selectFrom('messages').select(['contactid', 'alertid', 'type']).execute();
    const perContact = contacts.map((c) => {
      const mine = messages.filter((m) => m.contactid === c.contactid);
      const types = new Map<string, number>();
      for (const m of mine) types.set(m.type, (types.get(m.type) ?? 0) + 1);
      // Why: an update or resolution of an alert that has no message of its own to this contact
      // (its opening was folded into a digest, whose message row names only the digest's first alert).
      const ownMessage = new Set(mine.filter((m) => m.type === 'alert.opened' || m.type === 'digest').map((m) => m.alertid));
      const ofFolded = mine.filter((m) => (m.type === 'alert.updated' || m.type === 'alert.resolved') && !ownMessage.has(m.alertid)).length;
      const byType = [...types.entries()].map(([t, k]) => `${t} ${k}`).join(', ');
      return { name: c.name, messages: mine.length, byType: byType ? `${byType}; ${ofFolded} of them updates/resolutions of alerts told only in a digest` : '' };
    });
    const alertCount = await store.db.selectFrom('alerts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const first = memoryFigures[0] as { rssMb: number; heapMb: number };
    const last = memoryFigures[memoryFigures.length - 1] as { rssMb: number; heapMb: number };
    return {
      events: planned,
      locks: locks.length,
      burstMs,
      afterMs,
      pollMs: POLL_MS,
      lagP95Ms: percentile(lags, 95),
      lagMaxMs: lags.length ? Math.max(...lags) : Number.NaN,
      unseen: planned - lags.length,
      memory: memoryFigures,
      rssGrowthMb: last.rssMb - first.rssMb,
      heapGrowthMb: last.heapMb - first.heapMb,
      perContact,
      alertsOpened: Number(alertCount.n),
      queries: counter.top(12),
      queryTotal: counter.total,
      warnings,
    };
  } finally {
    await alerts.close();
    await opened.close();
    await receiver.close();
    await sink.close();
    await platform.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// ───────────────────────── both, as rows for bench/run.ts ─────────────────────────

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export type NotifierPart = 'all' | 'latency' | 'latency-pg' | 'burst';

/** `all`: the latency on SQLite, and on PostgreSQL when it is installed, then the burst (SQLite). */
export async function benchNotifier(which: NotifierPart = 'all'): Promise<{ rows: BenchRow[]; notes: string[] }> {
  const rows: BenchRow[] = [];
  const notes: string[] = [
    'Notifier bench: platform, store, notifier and sender in one process, on a machine shared with other work: figures vary.',
  ];
  const engines: Engine[] = which === 'latency-pg' ? ['postgres'] : which === 'burst' ? [] : ['sqlite'];
  if (which === 'all') {
    if (postgresAvailable()) engines.push('postgres');
    else notes.push('PostgreSQL is not installed: the latency on PostgreSQL was not measured.');
  }
  for (const engine of engines) {
    console.log(`Notifier: 40 door unlocks on the platform → webhook and e-mail (NOTIFIER_POLL_MS=${POLL_MS}, store on ${engine})…`);
    const l = await benchNotifierLatency({ engine });
    if (engine === engines[0]) {
      notes.push(
        `Latency method: one door-used rule per lock (scope: that lock), both contacts on each; ${l.events} remote unlocks through the platform's API, ` +
          '0.7–1.7 s apart, each on its own lock: every alert is the first of its rule\'s storm (a storm folds a rule\'s alerts to one contact within 60 s into a digest), ' +
          'so each is sent at once. Time from just before the unlock request to the webhook arriving at the receiver (signature verified) / the mail accepted by the SMTP server; ' +
          'matched by message id (webhook-id, Message-ID).',
      );
    }
    notes.push(
      `  ${engine}: webhooks: ${l.webhookMs.length} received, ${l.unverified} failing verification; mails: ${l.mailMs.length}; p50 webhook ${s(percentile(l.webhookMs, 50))}, mail ${s(percentile(l.mailMs, 50))}; ` +
        `max webhook ${s(Math.max(...l.webhookMs))}, mail ${s(Math.max(...l.mailMs))}; queued → sent (store times) p50 ${s(percentile(l.queuedToSentMs, 50))}, ` +
        `p95 ${s(percentile(l.queuedToSentMs, 95))}, over 0.5 s: ${l.queuedToSentMs.filter((ms) => ms > 500).length} of ${l.queuedToSentMs.length}. Warnings: ${l.warnings.length}${l.warnings[0] ? ` (first: ${l.warnings[0]})` : ''}`,
    );
    const hookP95 = percentile(l.webhookMs, 95);
    const mailP95 = percentile(l.mailMs, 95);
    rows.push([`Event → signed webhook received, p95 (feed poll ${l.pollMs} ms, ${l.events} events, ${engine})`, `${s(hookP95)}${l.missingWebhooks ? ` (${l.missingWebhooks} missing)` : ''}`, '≤ 2 s', hookP95 <= 2000 && l.missingWebhooks === 0 && l.unverified === 0]);
    rows.push([`Event → e-mail handed to SMTP, p95 (feed poll ${l.pollMs} ms, ${engine})`, `${s(mailP95)}${l.missingMails ? ` (${l.missingMails} missing)` : ''}`, '≤ 2 s', mailP95 <= 2000 && l.missingMails === 0]);
  }
  if (which === 'all' || which === 'burst') {
    console.log('Notifier: a burst of 10,000 events in a minute over 1,000 locks, then 90 s more (about 3 minutes)…');
    const b = await benchNotifierBurst();
    rows.push([`Burst: ${b.events.toLocaleString('en')} events in ${b.burstMs / 1000} s over ${b.locks.toLocaleString('en')} locks, cursor lag p95 / max`, `${s(b.lagP95Ms)} / ${s(b.lagMaxMs)}${b.unseen ? ` (${b.unseen} never passed)` : ''}`, '≤ 5 s', b.lagMaxMs <= 5000 && b.unseen === 0]);
    rows.push(['Burst: memory growth, before → end (RSS / heap, after GC)', `${b.rssGrowthMb.toFixed(1)} / ${b.heapGrowthMb.toFixed(1)} MB`, '≤ 50 MB', b.rssGrowthMb <= 50]);
    const worst = Math.max(...b.perContact.map((c) => c.messages));
    rows.push(['Burst: messages to the busiest contact', String(worst), '≤ 5 (a handful)', worst <= 5]);
    notes.push(
      `Burst method: events inserted straight into the platform's events table every 25 ms, oldest first, with the columns the events repository writes (and the lock row updated as the platform would); ` +
        `the lag is from a batch's insertion to the notifier's cursor (notifier_state 'engine') passing its last event, sampled every 50 ms. NOTIFIER_POLL_MS=${b.pollMs}. ` +
        'Rules: the 4 defaults (offline seeded at 30 s) plus access-denied, a 1-minute break-in, battery-low, door-used on 10 "server rooms"; one contact each (webhooks and e-mails alternate).',
      `  memory (MB, the whole process): ${b.memory.map((m) => `${m.label}: RSS ${m.rssMb.toFixed(1)}, heap ${m.heapMb.toFixed(1)}`).join('; ')}`,
      `  alerts opened: ${b.alertsOpened}; store queries during the run: ${b.queryTotal} (${b.queries})`,
      ...b.perContact.map((c) => `  ${c.name}: ${c.messages} messages (${c.byType || 'none'})`),
      `  warnings: ${b.warnings.length}${b.warnings[0] ? ` (first: ${b.warnings[0]})` : ''}`,
    );
  }
  return { rows, notes };
}

export function printRows(rows: BenchRow[], notes: string[]): void {
  const width = Math.max(...rows.map((r) => r[0].length));
  console.log(`\n${'Figure'.padEnd(width + 2)} ${'Value'.padEnd(26)} ${'Budget'.padEnd(16)} ok`);
  for (const [figure, value, budget, ok] of rows) console.log(`${figure.padEnd(width + 2)} ${value.padEnd(26)} ${budget.padEnd(16)} ${ok ? 'yes' : 'NO'}`);
  for (const note of notes) console.log(note);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const which = (process.argv[2] ?? 'all') as NotifierPart;
  if (!['all', 'latency', 'latency-pg', 'burst'].includes(which)) throw new Error(`Unknown part "${which}": all, latency, latency-pg or burst.`);
  const { rows, notes } = await benchNotifier(which);
  printRows(rows, notes);
}
