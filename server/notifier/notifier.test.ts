import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { lockListResponseSchema } from '../../contract/locks';
import type { AlertRule, WebhookEventType } from '../../contract/team-alerts';
import { startPlatform } from '../platform/platform';
import { call, loginAs } from '../platform/testing';
import { type Store, openStore } from '../store/store';
import { Notifier, type NotifierOptions, readNotifierStatus } from './notifier';

type Sent = { alertid: number; type: WebhookEventType; contactids: readonly number[] };

let dir: string;
let platform: Awaited<ReturnType<typeof startPlatform>>;
let manager: string;
const stores: Store[] = [];
const notifiers: Notifier[] = [];
const usedLocks = new Set<string>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'notifier-test-'));
  platform = await startPlatform({ dbPath: join(dir, 'platform.sqlite'), simulator: false, seed: { locks: 30, historyDays: 1 } });
  manager = await loginAs(platform.url, 'manager');
});
afterEach(async () => {
  await Promise.all(notifiers.splice(0).map((n) => n.stop()));
  await Promise.all(stores.splice(0).map((s) => s.close()));
});
afterAll(async () => {
  await platform.close();
  rmSync(dir, { recursive: true, force: true });
});

async function store(file = ':memory:'): Promise<Store> {
  const s = await openStore({ file });
  stores.push(s);
  return s;
}

function notifier(s: Store, sent: Sent[], extra: Partial<NotifierOptions> = {}): Notifier {
  const n = new Notifier({
    db: s.db,
    upstreamUrl: platform.url,
    account: platform.serviceAccount,
    pollMs: 50,
    platformTimeZone: 'UTC',
    messenger: { enqueue: async (m) => void sent.push(m) },
    ...extra,
  });
  notifiers.push(n);
  return n;
}

async function addRule(s: Store, rule: Partial<AlertRule> & Pick<AlertRule, 'kind'>): Promise<number> {
  const now = Date.now();
  const row = await s.db
    .insertInto('alert_rules')
    .values({
      name: rule.name ?? rule.kind,
      kind: rule.kind,
      enabled: 1,
      scope: JSON.stringify(rule.scope ?? { all: true }),
      threshold_s: rule.threshold_s ?? 0,
      schedule: rule.schedule ? JSON.stringify(rule.schedule) : null,
      when_mode: 'always',
      contactids: JSON.stringify(rule.contactids ?? []),
      escalate_after_s: rule.escalate_after_s ?? null,
      escalate_contactids: JSON.stringify(rule.escalate_contactids ?? []),
      created_at: now,
      updated_at: now,
    })
    .returning('ruleid')
    .executeTakeFirstOrThrow();
  return row.ruleid;
}

/** An online, locked lock no other test has used. */
async function freshLock(): Promise<{ lockid: string; lockname: string }> {
  const page = lockListResponseSchema.parse((await call(platform.url, 'GET', '/api/locks?pagenumber=1&limit=100&online=1&open=0', { token: manager })).body);
  const lock = page.lockslist.find((l) => !usedLocks.has(l.lockid));
  if (!lock) throw new Error('no online locked lock left');
  usedLocks.add(lock.lockid);
  return lock;
}

async function command(lockid: string, action: 'lock' | 'unlock'): Promise<void> {
  const res = await call(platform.url, 'POST', `/api/locks/${lockid}/${action}`, { token: manager, body: {} });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** Runs passes until `done` holds (a deadline, never a fixed sleep). */
async function passUntil(n: Notifier, done: () => Promise<boolean> | boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    await n.runOnce();
    if (await done()) return;
    if (Date.now() > deadline) throw new Error('condition not met before the deadline');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const alertsOf = (s: Store, lockid: string) => s.db.selectFrom('alerts').selectAll().where('lockid', '=', lockid).execute();

describe('the notifier against the embedded platform', () => {
  it('a door left unlocked past a 1 s threshold opens one alert and one alert.opened; locking it resolves it', async () => {
    const s = await store();
    const lock = await freshLock();
    const ruleid = await addRule(s, { kind: 'left-unlocked', threshold_s: 1, scope: { lockids: [lock.lockid] }, contactids: [7, 8] });
    const sent: Sent[] = [];
    const n = notifier(s, sent);
    await n.runOnce();
    expect(n.role).toBe('running');
    await command(lock.lockid, 'unlock');
    await passUntil(n, async () => (await alertsOf(s, lock.lockid)).length > 0);
    const [alert] = await alertsOf(s, lock.lockid);
    expect(alert).toMatchObject({ ruleid, kind: 'left-unlocked', severity: 'critical', title: `${lock.lockname} left unlocked`, closed_at: null });
    expect(alert?.detail).toContain('by Demo Manager · Remote');
    // More passes tell nothing more.
    await n.runOnce();
    await n.runOnce();
    expect(sent).toEqual([{ alertid: alert?.alertid, type: 'alert.opened', contactids: [7, 8] }]);

    await command(lock.lockid, 'lock');
    await passUntil(n, async () => (await alertsOf(s, lock.lockid))[0]?.closed_at !== null);
    const [closed] = await alertsOf(s, lock.lockid);
    expect(closed).toMatchObject({ closed_reason: 'resolved', open_key: null });
    expect(closed?.detail).toMatch(new RegExp(`^${lock.lockname} was locked at \\d\\d:\\d\\d by Demo Manager · Remote\\.$`));
    expect(sent.map((m) => m.type)).toEqual(['alert.opened', 'alert.resolved']);
    expect(await alertsOf(s, lock.lockid)).toHaveLength(1);
  });

  it('a timed unlock is not a door left unlocked', async () => {
    const s = await store();
    const [timed, plain] = [await freshLock(), await freshLock()];
    await addRule(s, { kind: 'left-unlocked', threshold_s: 1, scope: { lockids: [timed.lockid, plain.lockid] } });
    const n = notifier(s, []);
    await n.runOnce();
    const res = await call(platform.url, 'POST', `/api/locks/${timed.lockid}/unlock`, { token: manager, body: { duration_s: 600 } });
    expect(res.status).toBe(200);
    await command(plain.lockid, 'unlock');
    // The plain unlock, made after the timed one, falls due at the same pass or later.
    await passUntil(n, async () => (await alertsOf(s, plain.lockid)).length > 0);
    expect(await alertsOf(s, timed.lockid)).toEqual([]);
    await command(timed.lockid, 'lock');
    await command(plain.lockid, 'lock');
  });

  it('history before the first start is not alerted, and a restart neither repeats nor loses alerts', async () => {
    const file = join(dir, 'restart.sqlite');
    const s1 = await store(file);
    const [a, b] = [await freshLock(), await freshLock()];
    await addRule(s1, { kind: 'door-used', scope: { all: true }, contactids: [1] });
    const sent: Sent[] = [];
    const first = notifier(s1, sent);
    await first.runOnce();
    expect(await s1.db.selectFrom('alerts').selectAll().execute()).toEqual([]); // a day of history, none told
    await command(a.lockid, 'unlock');
    await passUntil(first, () => sent.length === 1);
    await command(a.lockid, 'lock'); // resolved: a replay of its unlock would open a second alert
    await passUntil(first, () => sent.length === 2);
    await first.stop();
    await command(b.lockid, 'unlock'); // while no notifier runs

    const second = notifier(await store(file), sent);
    await passUntil(second, () => sent.length >= 3);
    await second.runOnce();
    const alerts = await s1.db.selectFrom('alerts').select(['lockid', 'kind']).orderBy('alertid').execute();
    expect(alerts).toEqual([
      { lockid: a.lockid, kind: 'door-used' },
      { lockid: b.lockid, kind: 'door-used' },
    ]);
    expect(sent.map((m) => m.type)).toEqual(['alert.opened', 'alert.resolved', 'alert.opened']);
    await command(b.lockid, 'lock');
  });

  it('history is not alerted at the first start even behind an event dated ahead (a lock with a fast clock)', async () => {
    const s = await store();
    const [ahead, later] = [await freshLock(), await freshLock()];
    await addRule(s, { kind: 'door-used', scope: { all: true }, contactids: [1] });
    const insert = platform.db.prepare(
      `INSERT INTO events (lockid, lockname, event_type, method, event_date) VALUES (?, ?, 'unlocked', 'card', ?)`,
    );
    // Newest by date, but not by id: the unlock recorded after it has a higher id and an earlier date.
    insert.run(ahead.lockid, ahead.lockname, '2099-01-01 00:00:00');
    insert.run(later.lockid, later.lockname, new Date().toISOString().slice(0, 19).replace('T', ' '));
    const n = notifier(s, []);
    await n.runOnce();
    await n.runOnce();
    expect(await s.db.selectFrom('alerts').select(['lockid']).execute()).toEqual([]);
  });

  it('three refused attempts at one door are a possible break-in', async () => {
    const s = await store();
    const lock = await freshLock();
    await addRule(s, { kind: 'access-denied-burst', threshold_s: 300, scope: { lockids: [lock.lockid] } });
    const n = notifier(s, []);
    await n.runOnce();
    // Someone with no access at all.
    const person = await call(platform.url, 'POST', '/api/people', { token: manager, body: { username: 'Mallory Stranger' } });
    const userid = (person.body as { person: { userid: number } }).person.userid;
    const refusals = [0, 1, 2].map(() => platform.useDoor({ userid, lockid: lock.lockid, method: 'card' }));
    expect(refusals.filter((r) => !r.allowed)).toHaveLength(3);
    await passUntil(n, async () => (await alertsOf(s, lock.lockid)).length > 0);
    expect(await alertsOf(s, lock.lockid)).toMatchObject([{ kind: 'access-denied-burst', title: `Possible break-in attempt at ${lock.lockname}` }]);
  });
});

describe('lockdown alerts from the platform\'s feed', () => {
  /** A lockdown event as the platform writes it for a group's lockdown: group-level, lockid null, the actor who started it. */
  function groupLockdownEvent(type: 'lockdown_started' | 'lockdown_lifted', groupid: number, groupname: string, actor: string) {
    const date = new Date().toISOString().slice(0, 19).replace('T', ' ');
    platform.db
      .prepare("INSERT INTO events (lockid, lockname, event_type, userid, username, method, event_date, actor, groupid, groupname) VALUES (NULL, NULL, ?, NULL, NULL, 'system', ?, ?, ?, ?)")
      .run(type, date, actor, groupid, groupname);
  }
  const lockdownAlerts = (s: Store) => s.db.selectFrom('alerts').selectAll().where('kind', '=', 'lockdown').execute();

  it('a group\'s lockdown opens an alert naming who and the group, and its lift resolves it', async () => {
    const s = await store();
    await addRule(s, { kind: 'lockdown', scope: { groupids: [41] }, contactids: [3] });
    const sent: Sent[] = [];
    const n = notifier(s, sent);
    await n.runOnce();
    groupLockdownEvent('lockdown_started', 42, 'Depot', 'Demo Manager');
    groupLockdownEvent('lockdown_started', 41, 'Head office', 'Demo Manager');
    await passUntil(n, async () => (await lockdownAlerts(s)).length > 0);
    const [alert] = await lockdownAlerts(s);
    expect(alert).toMatchObject({ groupid: 41, lockid: null, title: 'Lockdown of the group Head office', closed_at: null });
    expect(alert?.detail).toMatch(/^A lockdown of the group Head office was started at \d\d:\d\d by Demo Manager\.$/);
    groupLockdownEvent('lockdown_lifted', 41, 'Head office', 'Demo Manager');
    await passUntil(n, async () => (await lockdownAlerts(s))[0]?.closed_at !== null);
    expect(await lockdownAlerts(s)).toMatchObject([{ closed_reason: 'resolved', detail: expect.stringMatching(/^The lockdown of the group Head office was lifted at/) }]);
    expect(sent.map((m) => m.type)).toEqual(['alert.opened', 'alert.resolved']);
  });
});

describe('start and stop', () => {
  it('start() polls by itself every pollMs; stop() ends it and gives the lease up', async () => {
    const s = await store();
    const lock = await freshLock();
    await addRule(s, { kind: 'door-used', scope: { lockids: [lock.lockid] } });
    const sent: Sent[] = [];
    const n = notifier(s, sent);
    n.start();
    const deadline = Date.now() + 10_000;
    while (n.role !== 'running' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await command(lock.lockid, 'unlock');
    while (sent.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(sent.map((m) => m.type)).toEqual(['alert.opened']);
    await n.stop();
    expect(n.role).toBe('stopped');
    expect(await s.db.selectFrom('leases').selectAll().execute()).toEqual([]);
    await command(lock.lockid, 'lock');
  });
});

describe('one notifier at a time (the lease)', () => {
  it('two notifiers on one store: one works, the other stands by; stop it and the other takes over', async () => {
    const file = join(dir, 'lease.sqlite');
    const [s1, s2] = [await store(file), await store(file)];
    const one = notifier(s1, [], { holder: 'copy-1' });
    const two = notifier(s2, [], { holder: 'copy-2' });
    await one.runOnce();
    await two.runOnce();
    expect([one.role, two.role]).toEqual(['running', 'standby']);
    await one.runOnce(); // renewing
    await two.runOnce();
    expect(two.role).toBe('standby');
    const status = await s2.db.selectFrom('notifier_state').select('value').where('key', '=', 'status').executeTakeFirstOrThrow();
    expect(JSON.parse(status.value)).toMatchObject({ holder: 'copy-1', state: 'running' });

    await one.stop();
    await two.runOnce();
    expect(two.role).toBe('running');
    expect(await readNotifierStatus(s1.db, Date.now())).toMatchObject({ state: 'running', msg: 'Watching the platform’s event feed' });
  });

  it('a copy that dies (no release) is replaced once its lease runs out, within 30 s', async () => {
    const file = join(dir, 'lease-dead.sqlite');
    const [s1, s2] = [await store(file), await store(file)];
    let clock = Date.now();
    const one = notifier(s1, [], { holder: 'dies', now: () => clock });
    const two = notifier(s2, [], { holder: 'survives', now: () => clock });
    await one.runOnce();
    clock += 14_000;
    await two.runOnce();
    expect(two.role).toBe('standby');
    clock += 2_000; // 16 s after the last renewal: the 15 s lease has run out
    await two.runOnce();
    expect(two.role).toBe('running');
    await one.runOnce();
    expect(one.role).toBe('standby');
  });
});

describe('status', () => {
  it('without a service account: unavailable, with the reason, on every copy', async () => {
    const s = await store();
    const n = notifier(s, [], { account: null });
    await n.runOnce();
    expect(n.role).toBe('unavailable');
    expect(await readNotifierStatus(s.db, Date.now())).toEqual({
      state: 'unavailable',
      msg: 'No service account: set PLUS_SERVICE_EMAIL and PLUS_SERVICE_PASSWORD',
      last_poll_date: null,
    });
  });

  it('a platform without an event feed (404): unavailable, "The platform has no event feed"', async () => {
    const { createServer } = await import('node:http');
    const server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/api/login') return res.end(JSON.stringify({ status: 1, msg: '', token: 'a'.repeat(32), user: {} }));
      if (req.url?.startsWith('/api/locks')) return res.end(JSON.stringify({ status: 1, msg: '', totalCount: 0, lockslist: [] }));
      res.statusCode = 404;
      res.end(JSON.stringify({ status: 0, msg: 'Not found' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const address = server.address();
      const s = await store();
      const n = notifier(s, [], { upstreamUrl: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
      await n.runOnce();
      expect(await readNotifierStatus(s.db, Date.now())).toMatchObject({ state: 'unavailable', msg: 'The platform has no event feed' });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a platform that cannot be reached: retried, and the status says so; a wrong password says so', async () => {
    const s = await store();
    const n = notifier(s, [], { upstreamUrl: 'http://127.0.0.1:9' });
    await n.runOnce();
    expect((await readNotifierStatus(s.db, Date.now())).msg).toMatch(/^Cannot read the platform \(.+\); retrying every 1 s$/);
    const wrong = notifier(await store(), [], { account: { email: platform.serviceAccount.email, password: 'not-it' } });
    await wrong.runOnce();
    expect(wrong.role).toBe('unavailable');
  });

  it('a notifier that stopped reporting, with nobody holding the lease, is "not running"', async () => {
    const s = await store();
    let clock = Date.now();
    const n = notifier(s, [], { now: () => clock, leaseMs: 15_000 });
    await n.runOnce();
    await n.stop();
    expect((await readNotifierStatus(s.db, clock + 15_000)).state).toBe('running');
    clock += 60_000;
    expect(await readNotifierStatus(s.db, clock)).toMatchObject({ state: 'unavailable', msg: expect.stringMatching(/^The notifier is not running/) });
  });
});

describe('escalation', () => {
  it('an alert nobody acknowledged escalates once, to the escalation contacts; an acknowledged one does not', async () => {
    const s = await store();
    const ruleid = await addRule(s, { kind: 'offline', contactids: [1], escalate_after_s: 60, escalate_contactids: [5, 6] });
    const base = { ruleid, kind: 'offline', severity: 'critical', title: 't', detail: 'd', lockid: 'A', lockname: 'A', groupid: null, lockids: '[]', opened_at: 0, updated_at: 0, escalated: 0 };
    const now = Date.now();
    const rows = await s.db
      .insertInto('alerts')
      .values([
        { ...base, open_key: 'k1', escalate_at: now - 1 },
        { ...base, open_key: 'k2', escalate_at: now - 1, acked_at: now - 5, acked_by_userid: 2, acked_by_name: 'Demo Manager' },
        { ...base, open_key: 'k3', escalate_at: now + 60_000 },
      ])
      .returning('alertid')
      .execute();
    const sent: Sent[] = [];
    const n = notifier(s, sent, { account: null, now: () => now });
    await n.runOnce();
    await n.runOnce();
    expect(sent).toEqual([{ alertid: rows[0]?.alertid, type: 'alert.escalated', contactids: [5, 6] }]);
    const escalated = await s.db.selectFrom('alerts').select(['open_key', 'escalated', 'escalate_at']).orderBy('alertid').execute();
    expect(escalated).toEqual([
      { open_key: 'k1', escalated: 1, escalate_at: null },
      { open_key: 'k2', escalated: 0, escalate_at: now - 1 },
      { open_key: 'k3', escalated: 0, escalate_at: now + 60_000 },
    ]);
  });
});

describe('seedDefaultRules', () => {
  it('seeds the five default rules once per store, for all locks and nobody yet', async () => {
    const { seedDefaultRules } = await import('./notifier');
    const { ruleFromRow } = await import('../store/wire');
    const s = await store();
    await seedDefaultRules(s.db, 240);
    await seedDefaultRules(s.db, 240);
    const rules = (await s.db.selectFrom('alert_rules').selectAll().orderBy('ruleid').execute()).map(ruleFromRow);
    expect(rules.map((r) => [r.name, r.kind, r.threshold_s])).toEqual([
      ['Door left unlocked for 10 minutes', 'left-unlocked', 600],
      ['Lock offline for 4 minutes', 'offline', 240],
      ['Battery critical', 'battery-critical', 0],
      ['Possible break-in', 'access-denied-burst', 300],
      ['Many secrets revealed', 'secrets-burst', 60],
    ]);
    expect(rules.map((r) => [r.enabled, r.scope, r.contactids, r.schedule, r.escalate_after_s])).toEqual(
      Array.from({ length: 5 }, () => [true, { all: true }, [], null, null]),
    );
    // Deleted by a manager: not seeded again.
    await s.db.deleteFrom('alert_rules').execute();
    await seedDefaultRules(s.db, 240);
    expect(await s.db.selectFrom('alert_rules').selectAll().execute()).toEqual([]);
  });
});
