// Issue 26's report budget: the fleet overview's queries (uptime, usage, denials over the last 30
// days, fleet-wide and for one group) in ≤ 200 ms p95 at 100,000 locks and 1,000,000 events over
// 90 days, over real HTTP on loopback.
// Run on its own: `npx tsx bench/reports.ts` (`--keep-db` leaves the database for a look at the plans).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DENIAL_REASONS } from '../contract/constants';
import { toPlatformDate } from '../contract/envelope';
import type { EventMethod, EventType } from '../contract/events';
import { bulkLoadEvents } from '../server/platform/db/bulk-load';
import { DEMO_PEOPLE, FIRST_PERSON_ID } from '../server/platform/db/demo-people';
import { createRng } from '../server/platform/db/prng';
import type { Rng } from '../server/platform/db/prng';
import { createEventsRepository } from '../server/platform/events/events-repository';
import type { NewEvent } from '../server/platform/events/events-repository';
import { startPlatform } from '../server/platform/platform';
import type { LatencyFigure } from './platform-latency';

export const REPORT_BUDGET_MS = 200;
const DAY_MS = 86_400_000;

export interface ReportLatency {
  locks: number;
  events: number;
  outages: number;
  seedMs: number;
  loadMs: number;
  byQuery: LatencyFigure[];
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

type Lock = { lockid: string; lockname: string };
const people = DEMO_PEOPLE.map((name, i) => ({ userid: FIRST_PERSON_ID + i, name }));
const TYPES: [EventType, number][] = [['unlocked', 46], ['locked', 46], ['access_denied', 5], ['battery_low', 3]];
const METHODS: [EventMethod, number][] = [['card', 40], ['app', 25], ['keypad', 15], ['fingerprint', 8], ['remote', 4], ['system', 8]];

/** `total` events over the last `days`: door events and refusals at random, and outages as offline/online pairs (3 %). */
function history(fleet: readonly Lock[], rng: Rng, total: number, days: number): NewEvent[] {
  const start = Date.now() - days * DAY_MS;
  const at = () => start + rng.next() * days * DAY_MS;
  const list: (NewEvent & { t: number })[] = [];
  const event = (lock: Lock, t: number, event_type: EventType, method: EventMethod, extra: Partial<NewEvent> = {}) =>
    list.push({ t, lockid: lock.lockid, lockname: lock.lockname, event_type, method, userid: null, username: null, event_date: '', battery_level: null, ...extra });
  while (list.length < total * 0.03) {
    const lock = rng.pick(fleet);
    const t = at();
    event(lock, t, 'offline', 'system');
    const back = t + rng.int(3 * 60, 8 * 3600) * 1000;
    if (back < Date.now()) event(lock, back, 'online', 'system');
  }
  while (list.length < total) {
    const type = rng.weighted(TYPES);
    const person = type === 'unlocked' || type === 'access_denied' ? rng.pick(people) : null;
    const method = type === 'unlocked' ? rng.weighted(METHODS) : person ? 'card' : 'system';
    event(rng.pick(fleet), at(), type, method, {
      userid: person?.userid ?? null,
      username: person?.name ?? null,
      reason: type === 'access_denied' ? rng.pick(DENIAL_REASONS) : null,
      battery_level: type === 'battery_low' ? 20 : null,
    });
  }
  list.sort((a, b) => a.t - b.t);
  return list.map(({ t, ...e }) => ({ ...e, event_date: toPlatformDate(new Date(t)) }));
}

async function timedGet(url: string): Promise<number> {
  const start = performance.now();
  const response = await fetch(url);
  const body = (await response.json()) as { status?: number };
  const elapsed = performance.now() - start;
  if (response.status !== 200 || body.status !== 1) throw new Error(`${url}: HTTP ${response.status} ${JSON.stringify(body)}`);
  return elapsed;
}

/** Loads the fleet and its history, then times each report over the last 30 days. */
export async function benchReports(opts: { locks?: number; events?: number; requests?: number; keepDb?: boolean } = {}): Promise<ReportLatency> {
  const locks = opts.locks ?? 100_000;
  const total = opts.events ?? 1_000_000;
  const requests = opts.requests ?? 40;
  const dir = mkdtempSync(join(tmpdir(), 'lockboard-reports-'));
  const seedStart = performance.now();
  const platform = await startPlatform({ dbPath: join(dir, 'platform.sqlite'), simulator: false, requireAuth: false, seed: { locks, historyDays: 0 } });
  const seedMs = performance.now() - seedStart;
  try {
    const rng = createRng(26);
    const fleet = platform.db.prepare('SELECT lockid, lockname FROM locks ORDER BY id').all() as Lock[];
    const loadStart = performance.now();
    const events = createEventsRepository(platform.db);
    const list = history(fleet, rng, total, 90);
    bulkLoadEvents(platform.db, () => {
      for (let i = 0; i < list.length; i += 10_000) events.insertMany(list.slice(i, i + 10_000));
    });
    platform.db.pragma('wal_checkpoint(TRUNCATE)');
    const loadMs = performance.now() - loadStart;
    const outages = platform.db.prepare('SELECT count(*) FROM outages').pluck().get() as number;
    const groupids = platform.db.prepare('SELECT groupid FROM lockgroups').pluck().all() as number[];
    const day = (ago: number) => toPlatformDate(new Date(Date.now() - ago * DAY_MS)).slice(0, 10);
    const range = `from=${day(30)}&to=${day(0)}`;
    const u = platform.url;
    const kinds: [string, () => string][] = [];
    for (const report of ['uptime', 'usage', 'denials']) {
      kinds.push([`${report}, fleet, 30 days`, () => `${u}/api/reports/${report}?${range}`]);
      kinds.push([`${report}, one group, 30 days`, () => `${u}/api/reports/${report}?${range}&groupid=${rng.pick(groupids)}`]);
      kinds.push([`${report}, one lock, 90 days`, () => `${u}/api/reports/${report}?from=${day(90)}&to=${day(0)}&lockid=${rng.pick(fleet).lockid}`]);
    }
    const byQuery: LatencyFigure[] = [];
    for (const [kind, make] of kinds) {
      for (let i = 0; i < 5; i += 1) await timedGet(make());
      const times: number[] = [];
      for (let i = 0; i < requests; i += 1) times.push(await timedGet(make()));
      times.sort((a, b) => a - b);
      byQuery.push({ kind, requests, p50Ms: percentile(times, 50), p95Ms: percentile(times, 95), maxMs: times.at(-1) ?? 0 });
    }
    return { locks, events: list.length, outages, seedMs, loadMs, byQuery };
  } finally {
    await platform.close();
    if (opts.keepDb) console.log(`Kept the database in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`.padStart(10);

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchReports({ keepDb: process.argv.includes('--keep-db') });
  console.log(
    `Reports at ${result.locks.toLocaleString('en')} locks and ${result.events.toLocaleString('en')} events over 90 days ` +
      `(${result.outages.toLocaleString('en')} outages; fleet seeded in ${(result.seedMs / 1000).toFixed(1)} s, events loaded in ${(result.loadMs / 1000).toFixed(1)} s):`,
  );
  console.log(`${'kind'.padEnd(32)}${'n'.padStart(5)}${'p50'.padStart(10)}${'p95'.padStart(10)}${'max'.padStart(10)}  budget p95 ≤ ${REPORT_BUDGET_MS} ms`);
  for (const q of result.byQuery) {
    console.log(`${q.kind.padEnd(32)}${String(q.requests).padStart(5)}${fmt(q.p50Ms)}${fmt(q.p95Ms)}${fmt(q.maxMs)}  ${q.p95Ms <= REPORT_BUDGET_MS ? 'within' : 'OVER'}`);
  }
}
