import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { lockListResponseSchema } from '../contract/locks';
import type { Contact, TeamAlert } from '../contract/team-alerts';
import { type GatewayProcess, startGatewayProcess, stopGatewayProcesses } from '../test-support/gateway-process';
import { signIn } from '../test-support/gateway';
import { type TestPostgres, startPostgres } from '../test-support/postgres';
import { type TestRedis, startRedis } from '../test-support/redis';
import { type ReceivedWebhook, type WebhookReceiver, startWebhookReceiver } from '../test-support/webhook-receiver';
import { type Caller, caller } from './gateway/team-alerts/test-kit';
import { startPlatform } from './platform/platform';
import { DEMO_CREDENTIALS, call, loginAs } from './platform/testing';
import { type Store, openStore } from './store/store';

/**
 * Team alerts with real gateway processes (`node --import tsx server/main.ts`) in front of one platform,
 * on one PostgreSQL and one Redis: several copies and crashes (SIGKILL), as a deployment meets them.
 * The two scenarios run side by side (each waits on the store's real clocks: the 15 s lease, the
 * 40 s claim of a message whose sender died) on their own databases, doors and receivers.
 */
let dir: string;
let platform: Awaited<ReturnType<typeof startPlatform>>;
let pg: TestPostgres;
let redis: TestRedis;
let platformManager: string;
let doors: string[];
const receivers: WebhookReceiver[] = [];
const stores: Store[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lockboard-copies-'));
  [pg, redis, platform] = await Promise.all([
    startPostgres(),
    startRedis(),
    startPlatform({ dbPath: join(dir, 'platform.sqlite'), simulator: false, seed: { locks: 12, historyDays: 0 }, loginRateLimit: 200 }),
  ]);
  platformManager = await loginAs(platform.url, 'manager');
  const page = lockListResponseSchema.parse((await call(platform.url, 'GET', '/api/locks?pagenumber=1&limit=100&online=1&open=0', { token: platformManager })).body);
  doors = page.lockslist.map((lock) => lock.lockid).slice(0, 4);
  if (doors.length < 4) throw new Error(`the seeded platform has ${doors.length} online, locked doors; the test needs 4`);
}, 60_000);

afterAll(async () => {
  await stopGatewayProcesses();
  await Promise.all(stores.map((store) => store.close()));
  await Promise.all(receivers.map((receiver) => receiver.close()));
  await platform?.close();
  await Promise.all([pg?.stop(), redis?.stop()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 30_000);

const SESSION_SECRET = 'copies-test-session-secret-of-at-least-32-bytes';

/** One gateway copy, as an operator would start it: main.ts with the deployment's shared settings. */
function copy(databaseUrl: string): Promise<GatewayProcess> {
  return startGatewayProcess({
    PLUS_API_URL: platform.url,
    PLUS_SERVICE_EMAIL: platform.serviceAccount.email,
    PLUS_SERVICE_PASSWORD: platform.serviceAccount.password,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    SESSION_SECRET,
    NOTIFIER_POLL_MS: '200',
    WEBHOOK_ALLOW_HOSTS: '127.0.0.1',
    LOGIN_RATE_LIMIT: '100',
    // Every copy names the dashboard alike in its messages (a resent message is the same message).
    PUBLIC_URL: 'https://locks.example.com',
  });
}

async function managerOf(gateway: GatewayProcess): Promise<Caller> {
  return caller(gateway.url, await signIn(gateway.url, DEMO_CREDENTIALS.manager.email, DEMO_CREDENTIALS.manager.password));
}

/** A door watched for a manager: its own webhook receiver and contact, and a "left unlocked" rule (at once) for it alone. */
interface WatchedDoor {
  lockid: string;
  receiver: WebhookReceiver;
  /** The contact's signing secret (shown once, at creation). */
  secret: string;
}

/**
 * Each door gets a contact of its own, so that its first message is an `alert.opened` at once: a contact's
 * second alert within the storm window would wait for that contact's digest (a minute later).
 */
async function watchDoor(manager: Caller, lockid: string): Promise<WatchedDoor> {
  const receiver = await newReceiver();
  const made = await manager('POST', '/api/contacts', { name: `Hook for ${lockid}`, channel: 'webhook', address: receiver.url });
  if (made.status !== 200) throw new Error(`contact: ${made.status} ${JSON.stringify(made.body)}`);
  const contact = made.body.contact as Contact;
  const rule = await manager('POST', '/api/alert-rules', { name: `${lockid} left open`, kind: 'left-unlocked', threshold_s: 0, scope: { lockids: [lockid] }, contactids: [contact.contactid] });
  if (rule.status !== 200) throw new Error(`rule: ${rule.status} ${JSON.stringify(rule.body)}`);
  return { lockid, receiver, secret: String(made.body.secret) };
}

async function unlock(lockid: string): Promise<void> {
  const res = await call(platform.url, 'POST', `/api/locks/${lockid}/unlock`, { token: platformManager, body: {} });
  if (res.status !== 200) throw new Error(`unlock ${lockid}: ${res.status} ${JSON.stringify(res.body)}`);
}

async function newReceiver(): Promise<WebhookReceiver> {
  const receiver = await startWebhookReceiver();
  receivers.push(receiver);
  return receiver;
}

async function storeOf(databaseUrl: string): Promise<Store> {
  const store = await openStore({ databaseUrl });
  stores.push(store);
  return store;
}

/** The pid in the notifier lease's holder (`host:pid:tag`) while the lease holds, else null. */
async function leasePid(store: Store): Promise<number | null> {
  const row = await store.db.selectFrom('leases').select(['holder', 'expires_at']).where('name', '=', 'notifier').executeTakeFirst();
  if (!row || row.expires_at < Date.now()) return null;
  return Number(row.holder.split(':').at(-2));
}

async function notifierState(gateway: GatewayProcess): Promise<string> {
  const res = await fetch(`${gateway.url}/healthz`);
  return ((await res.json()) as { notifier: { state: string } }).notifier.state;
}

type Hook = { door: string; id: string; type: string; lockid: string | null; verified: boolean; answered: number | null };

/** What the doors' receivers got, read: each webhook's id, type and door, and whether its contact's secret signs it. */
function hooks(watched: WatchedDoor[]): Hook[] {
  return watched.flatMap((door) =>
    door.receiver.received.map((hook: ReceivedWebhook) => {
      const body = hook.body as { type: string; data: { alert?: TeamAlert } };
      let verified = true;
      try {
        new Webhook(door.secret).verify(hook.raw, {
          'webhook-id': String(hook.headers['webhook-id']),
          'webhook-timestamp': String(hook.headers['webhook-timestamp']),
          'webhook-signature': String(hook.headers['webhook-signature']),
        });
      } catch {
        verified = false;
      }
      return { door: door.lockid, id: hook.id, type: body.type, lockid: body.data.alert?.lockid ?? null, verified, answered: hook.answered };
    }),
  );
}

/** The door's alert.opened, answered `answered` (null: the receiver held it). */
function opened(door: WatchedDoor, answered: number | null = 200, timeoutMs = 10_000): Promise<ReceivedWebhook> {
  return door.receiver.waitFor((hook) => {
    const body = hook.body as { type?: string; data?: { alert?: TeamAlert } };
    return body.type === 'alert.opened' && body.data?.alert?.lockid === door.lockid && hook.answered === answered;
  }, timeoutMs);
}

/** Per door and message type, the distinct webhook-ids received: one each means nothing went out twice under a new id. */
function idsPerMessage(list: Hook[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const hook of list) {
    const key = `${hook.lockid}/${hook.type}`;
    out[key] = [...new Set([...(out[key] ?? []), hook.id])];
  }
  return out;
}

/** A dump of the store's alerts and messages, for a failure's message. */
async function storeDump(store: Store): Promise<string> {
  const alerts = await store.db.selectFrom('alerts').select(['alertid', 'lockid', 'opened_at', 'closed_at']).execute();
  const messages = await store.db.selectFrom('messages').select(['messageid', 'alertid', 'type', 'state', 'attempt', 'next_attempt_at', 'claimed_until']).execute();
  return JSON.stringify({ now: Date.now(), alerts, messages });
}

/** Waits for `what`; a failure says what the store held and what `gateway` logged. */
async function explained<T>(what: Promise<T>, store: Store, gateway: GatewayProcess): Promise<T> {
  try {
    return await what;
  } catch (error) {
    throw new Error(`${String(error)}\nstore: ${await storeDump(store)}\n--- ${gateway.pid} logged:\n${gateway.output().slice(-4000)}`, { cause: error });
  }
}

const messageStates = async (store: Store) => (await store.db.selectFrom('messages').select('state').orderBy('created_at').execute()).map((m) => m.state);

describe.concurrent('gateway processes on one PostgreSQL and one Redis', () => {
  it('two copies: one notifier works; SIGKILLed, the other takes over within 30 s; every webhook-id arrives once', async ({ expect }) => {
    const databaseUrl = await pg.createDatabase();
    const copies = await Promise.all([copy(databaseUrl), copy(databaseUrl)]);
    const store = await storeOf(databaseUrl);

    // Exactly one notifier works: the lease names one copy, the other stands by; both say it runs.
    await expect.poll(() => leasePid(store), { timeout: 10_000, interval: 100 }).toBeOneOf(copies.map((c) => c.pid));
    const workerPid = (await leasePid(store))!;
    const working = copies.find((c) => c.pid === workerPid)!;
    const survivor = copies.find((c) => c.pid !== workerPid)!;
    await expect.poll(() => survivor.output(), { timeout: 5_000 }).toMatch(/Notifier: standby/);
    expect(survivor.output()).not.toMatch(/Notifier: working/);
    expect(await store.db.selectFrom('leases').select('name').execute()).toEqual([{ name: 'notifier' }]);
    // Started together on an empty database, the copies migrated it and seeded the default rules once.
    const seeded = await store.db.selectFrom('alert_rules').select('kind').orderBy('ruleid').execute();
    expect(seeded.map((r) => r.kind)).toEqual(['left-unlocked', 'offline', 'battery-critical', 'access-denied-burst', 'secrets-burst']);
    await expect.poll(async () => [await notifierState(working), await notifierState(survivor)], { timeout: 5_000 }).toEqual(['running', 'running']);

    // A manager on the standby copy writes the rules: the working copy's notifier acts on them.
    const manager = await managerOf(survivor);
    const watched = [await watchDoor(manager, doors[0]!), await watchDoor(manager, doors[1]!)];
    await unlock(doors[0]!);
    await explained(opened(watched[0]!), store, working);
    await expect.poll(() => messageStates(store), { timeout: 5_000 }).toEqual(['sent']);

    await working.kill();
    const killedAt = Date.now();
    expect((await working.exited).signal).toBe('SIGKILL');
    await unlock(doors[1]!);

    await expect.poll(() => leasePid(store), { timeout: 30_000, interval: 200 }).toBe(survivor.pid);
    const takeoverMs = Date.now() - killedAt;
    expect(takeoverMs).toBeLessThan(30_000);
    await explained(opened(watched[1]!), store, survivor);
    expect(await notifierState(survivor)).toBe('running');

    // Every webhook-id once, signed with its contact's secret; one id per door and type; one alert per door.
    const list = hooks(watched);
    const ids = list.map((h) => h.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(list.filter((h) => !h.verified)).toEqual([]);
    expect(idsPerMessage(list)).toEqual({ [`${doors[0]}/alert.opened`]: [expect.any(String)], [`${doors[1]}/alert.opened`]: [expect.any(String)] });
    const alerts = await store.db.selectFrom('alerts').select(['lockid', 'closed_at']).orderBy('alertid').execute();
    expect(alerts).toEqual([
      { lockid: doors[0], closed_at: null },
      { lockid: doors[1], closed_at: null },
    ]);
    await expect.poll(() => messageStates(store), { timeout: 5_000 }).toEqual(['sent', 'sent']);
    console.info(`copies: the standby copy took the lease ${takeoverMs} ms after the working copy was killed`);
  }, 60_000);

  it('the notifier SIGKILLed mid-delivery and started again: the held message goes again with the same webhook-id, nothing is lost', async ({ expect }) => {
    const databaseUrl = await pg.createDatabase();
    const first = await copy(databaseUrl);
    const store = await storeOf(databaseUrl);
    const manager = await managerOf(first);
    const watched = [await watchDoor(manager, doors[2]!), await watchDoor(manager, doors[3]!)];

    // The receiver holds the first request: the message is in flight when the process dies.
    watched[0]!.receiver.hangNext();
    await unlock(doors[2]!);
    const held = await explained(opened(watched[0]!, null), store, first);
    await first.kill();
    const killedAt = Date.now();
    const message = await store.db.selectFrom('messages').select(['messageid', 'state']).executeTakeFirstOrThrow();
    expect(message).toEqual({ messageid: held.id, state: 'pending' });

    // Another door left open while no copy runs: the restarted notifier finds it in the feed.
    await unlock(doors[3]!);
    const second = await copy(databaseUrl);
    // The dead sender's claim (its 10 s send timeout and a 30 s margin) lapses, then the message goes again.
    const resent = await explained(
      watched[0]!.receiver.waitFor((h) => h.id === held.id && h.answered === 200, 50_000),
      store,
      second,
    );
    expect(resent.raw).toBe(held.raw);
    await explained(opened(watched[1]!), store, second);
    await expect.poll(() => leasePid(store), { timeout: 5_000 }).toBe(second.pid);

    const list = hooks(watched);
    expect(list.filter((h) => !h.verified)).toEqual([]);
    expect(list.filter((h) => h.id === held.id).map((h) => h.answered)).toEqual([null, 200]);
    expect(idsPerMessage(list)).toEqual({ [`${doors[2]}/alert.opened`]: [held.id], [`${doors[3]}/alert.opened`]: [expect.any(String)] });
    const others = list.filter((h) => h.id !== held.id).map((h) => h.id);
    expect(new Set(others).size).toBe(others.length);
    const alerts = await store.db.selectFrom('alerts').select('lockid').orderBy('alertid').execute();
    expect(alerts.map((a) => a.lockid)).toEqual([doors[2], doors[3]]);
    await expect.poll(() => messageStates(store), { timeout: 5_000 }).toEqual(['sent', 'sent']);
    console.info(`copies: the held message went again ${Date.now() - killedAt} ms after its sender was killed`);
  }, 90_000);
});
