// The embedded platform's latency budget (DESIGN.md): a searched page of 100,000 locks in ≤ 20 ms
// at p95, over real HTTP on loopback; with figures of their own for the natural name order, MACs
// typed without separators, several words and the searched summary. Also measures the event
// endpoints at a million events.
// Run on its own: `npx tsx bench/platform-latency.ts` (add `--events` for the million-event figures).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { toPlatformDate } from '../contract/envelope';
import type { EventMethod, EventType } from '../contract/events';
import { bulkLoadEvents } from '../server/platform/db/bulk-load';
import { DEMO_PEOPLE, FIRST_PERSON_ID } from '../server/platform/db/demo-people';
import { createRng } from '../server/platform/db/prng';
import { createEventsRepository } from '../server/platform/events/events-repository';
import type { NewEvent } from '../server/platform/events/events-repository';
import { startPlatform } from '../server/platform/platform';

export interface LatencyFigure {
  /** What kind of request (e.g. "site name", "lockid fragment + filter"). */
  kind: string;
  requests: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

export interface PlatformLatency {
  locks: number;
  requests: number;
  /** How long seeding the fleet took. */
  seedMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  byQuery: LatencyFigure[];
  /** One kind of request each, measured on its own (issue 9: natural sort, MACs, words, summary). */
  focused: LatencyFigure[];
}

export interface PlatformLatencyOptions {
  locks?: number;
  /** Measured requests (after a warm-up of a fifth as many). */
  requests?: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number);

function summarize(kind: string, times: number[]): LatencyFigure {
  const sorted = [...times].sort((a, b) => a - b);
  return { kind, requests: times.length, p50Ms: percentile(sorted, 50), p95Ms: percentile(sorted, 95), maxMs: sorted.at(-1) ?? 0 };
}

async function timedGet(url: string): Promise<number> {
  const start = performance.now();
  const response = await fetch(url);
  const body = (await response.json()) as { status?: number };
  const elapsed = performance.now() - start;
  if (response.status !== 200 || body.status !== 1) throw new Error(`${url}: HTTP ${response.status}`);
  return elapsed;
}

/** The realistic searches: what people type, by kind, drawn from the seeded fleet itself. */
async function searchMix(url: string): Promise<[kind: string, key: string][]> {
  const sample = (await (await fetch(`${url}/api/locks?pagenumber=7&limit=20&sortby=battery_level`)).json()) as {
    lockslist: { lockid: string; mac_address: string | null }[];
  };
  const ids = sample.lockslist.map((l) => l.lockid);
  const macs = sample.lockslist.map((l) => l.mac_address).filter((m): m is string => m !== null);
  const compact = (i: number) => (macs[i] ?? 'A4:C1:38:D7:57:B3').replaceAll(':', '');
  return [
    ['site name', 'Riverside'],
    ['site name', 'northgate clinic'],
    ['site name', 'Harbor Lofts'],
    ['site name', 'Lakeview'],
    ['door name', 'server room'],
    ['door name', 'Loading Dock'],
    ['door name', 'Room 3'],
    ['lockid fragment', (ids[0] ?? 'EM12AB').slice(0, 5)],
    ['lockid fragment', (ids[1] ?? 'EM12AB').slice(3, 7).toLowerCase()],
    ['lockid fragment', ids[2] ?? 'EM12AB34'],
    ['model', 'ARC7RF'],
    ['model', 'arh3'],
    ['MAC fragment', (macs[0] ?? 'A4:C1:38').slice(9, 14)],
    ['MAC fragment', 'A4:C1:38'],
    ['MAC without separators', compact(1)],
    ['MAC without separators', compact(2).slice(4, 10).toLowerCase()],
    ['MAC without separators', (macs[3] ?? 'A4:C1:38:D7').replaceAll(':', '-').slice(3, 11)],
    ['words in any order', 'Lobby Cedar'],
    ['words in any order', 'dock riverside'],
    ['words in any order', 'room 2 hq'],
    ['no match', 'zqxw'],
    ['no match', 'Basement 99'],
    ['1–2 characters', 'hq'],
    ['1–2 characters', '7'],
    ['1–2 characters', (ids[3] ?? 'EM3C').slice(2, 4)],
  ];
}

/** What a list view adds to a search: sorting, a filter chip, the next pages. */
const EXTRAS = [
  '',
  '',
  '&sortby=lockname&sortorder=desc',
  '&sortby=battery_level&sortorder=desc',
  '&online=0',
  '&open=1',
  '&batterybelow=21',
  '&sortby=temperature',
  '&sortby=online_updated_date&sortorder=desc&online=1',
];
const PAGES = [1, 1, 1, 1, 2, 3];

/** Requests of one kind each: [kind, a URL maker]. */
function focusedKinds(
  url: string,
  mix: [kind: string, key: string][],
  rng: ReturnType<typeof createRng>,
  groupids: readonly number[],
): [string, () => string][] {
  const keys = mix.filter(([kind]) => kind !== 'no match').map(([, key]) => key);
  const macKeys = mix.filter(([kind]) => kind === 'MAC without separators').map(([, key]) => key);
  const wordKeys = mix.filter(([kind]) => kind === 'words in any order').map(([, key]) => key);
  const order = () => rng.pick(['', '&sortorder=asc', '&sortorder=desc']);
  const filter = () => rng.pick(['', '', '&online=1', '&online=0', '&open=1', '&batterybelow=21', '&batterybelow=37']);
  const q = (key: string) => `searchkey=${encodeURIComponent(key)}`;
  const sort = () => rng.pick(['', '&sortby=lockname', '&sortby=battery_level', '&sortby=temperature', '&sortby=online_updated_date']) + order();
  return [
    ['name-sorted page, no search', () => `${url}/api/locks?pagenumber=${rng.pick([1, 2, 3, 40])}&limit=25&sortby=lockname${order()}${filter()}`],
    ['name-sorted page, searched', () => `${url}/api/locks?pagenumber=${rng.pick(PAGES)}&limit=25&${q(rng.pick(keys))}&sortby=lockname${order()}${filter()}`],
    ['MAC without separators, whole', () => `${url}/api/locks?pagenumber=1&limit=25&${q(rng.pick([macKeys[0] ?? '', (macKeys[0] ?? '').toLowerCase()]))}`],
    ['MAC without separators, part', () => `${url}/api/locks?pagenumber=${rng.pick(PAGES)}&limit=25&${q(rng.pick(macKeys))}${rng.pick(EXTRAS)}`],
    ['words in any order', () => `${url}/api/locks?pagenumber=${rng.pick(PAGES)}&limit=25&${q(rng.pick(wordKeys))}${rng.pick(EXTRAS)}`],
    ['summary, searched and filtered', () => `${url}/api/locks/summary?${q(rng.pick(keys))}${filter()}`],
    // Lock groups (issue 10): a site's or a cross-site group's page and chips, and the groups with their health.
    ['group page, searched and filtered', () => `${url}/api/locks?pagenumber=${rng.pick(PAGES)}&limit=25&groupid=${rng.pick(groupids)}&${q(rng.pick(keys))}${sort()}${filter()}`],
    ['group page, no search', () => `${url}/api/locks?pagenumber=${rng.pick(PAGES)}&limit=25&groupid=${rng.pick(groupids)}${rng.pick(EXTRAS)}`],
    ['group summary, searched and filtered', () => `${url}/api/locks/summary?groupid=${rng.pick(groupids)}&${q(rng.pick(keys))}${filter()}`],
    ['lock groups with their counts', () => `${url}/api/lockgroups?pagenumber=1&limit=25`],
  ];
}

export async function benchPlatformLatency(opts: PlatformLatencyOptions = {}): Promise<PlatformLatency> {
  const locks = opts.locks ?? 100_000;
  const requests = opts.requests ?? 500;
  const dir = mkdtempSync(join(tmpdir(), 'lockboard-latency-'));
  const seedStart = performance.now();
  const platform = await startPlatform({
    dbPath: join(dir, 'platform.sqlite'),
    simulator: false,
    requireAuth: false,
    seed: { locks, historyDays: 0 },
  });
  const seedMs = performance.now() - seedStart;
  try {
    const mix = await searchMix(platform.url);
    const rng = createRng(7);
    const plan = (n: number) =>
      Array.from({ length: n }, () => {
        const [kind, key] = rng.pick(mix);
        const extra = rng.pick(EXTRAS);
        const page = rng.pick(PAGES);
        const url = `${platform.url}/api/locks?pagenumber=${page}&limit=25&searchkey=${encodeURIComponent(key)}${extra}`;
        return { kind: extra ? `${kind} + sort/filter` : kind, url };
      });
    for (const { url } of plan(Math.ceil(requests / 5))) await timedGet(url);
    const all: number[] = [];
    const byKind = new Map<string, number[]>();
    for (const { kind, url } of plan(requests)) {
      const ms = await timedGet(url);
      all.push(ms);
      byKind.set(kind, [...(byKind.get(kind) ?? []), ms]);
    }
    const total = summarize('all', all);
    const sorted = [...all].sort((a, b) => a - b);
    const focused: LatencyFigure[] = [];
    const groups = (await (await fetch(`${platform.url}/api/lockgroups?pagenumber=1&limit=100`)).json()) as {
      lockgroupslist: { groupid: number }[];
    };
    const groupids = groups.lockgroupslist.map((g) => g.groupid);
    for (const [kind, make] of focusedKinds(platform.url, mix, rng, groupids)) {
      for (let i = 0; i < 20; i += 1) await timedGet(make());
      const times: number[] = [];
      for (let i = 0; i < Math.ceil(requests / 2.5); i += 1) times.push(await timedGet(make()));
      focused.push(summarize(kind, times));
    }
    return {
      locks,
      requests,
      seedMs,
      p50Ms: total.p50Ms,
      p95Ms: total.p95Ms,
      p99Ms: percentile(sorted, 99),
      byQuery: [...byKind].map(([kind, times]) => summarize(kind, times)).sort((a, b) => a.kind.localeCompare(b.kind)),
      focused,
    };
  } finally {
    await platform.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface EventLatency {
  events: number;
  locks: number;
  loadMs: number;
  byQuery: LatencyFigure[];
}

/** The event endpoints at `events` events (default a million) over `locks` locks. */
export async function benchEventLatency(opts: { events?: number; locks?: number; requests?: number } = {}): Promise<EventLatency> {
  const total = opts.events ?? 1_000_000;
  const lockCount = opts.locks ?? 2_000;
  const requests = opts.requests ?? 40;
  const dir = mkdtempSync(join(tmpdir(), 'lockboard-events-'));
  const platform = await startPlatform({
    dbPath: join(dir, 'platform.sqlite'),
    simulator: false,
    requireAuth: false,
    seed: { locks: lockCount, historyDays: 0 },
  });
  try {
    const fleet = platform.db.prepare('SELECT lockid, lockname FROM locks ORDER BY id').all() as { lockid: string; lockname: string }[];
    const rng = createRng(11);
    const people = DEMO_PEOPLE.map((name, i) => ({ userid: FIRST_PERSON_ID + i, name }));
    const start = Date.now() - 365 * 24 * 3600_000;
    const step = (365 * 24 * 3600_000) / total;
    const types: [EventType, number][] = [['unlocked', 48], ['locked', 48], ['offline', 1.5], ['online', 1.5], ['battery_low', 1]];
    const loadStart = performance.now();
    const events = createEventsRepository(platform.db);
    bulkLoadEvents(platform.db, () => {
      const batch: NewEvent[] = [];
      for (let i = 0; i < total; i += 1) {
        const lock = rng.pick(fleet);
        const type = rng.weighted(types);
        const person = type === 'unlocked' || (type === 'locked' && rng.chance(0.3)) ? rng.pick(people) : null;
        batch.push({
          lockid: lock.lockid,
          lockname: lock.lockname,
          event_type: type,
          userid: person?.userid ?? null,
          username: person?.name ?? null,
          method: (person ? 'card' : 'system') as EventMethod,
          event_date: toPlatformDate(new Date(start + i * step)),
          battery_level: type === 'battery_low' ? 20 : null,
        });
        if (batch.length === 10_000) events.insertMany(batch.splice(0));
      }
      events.insertMany(batch);
    });
    const loadMs = performance.now() - loadStart;
    const latest = events.latestId();
    const u = platform.url;
    const day = (offset: number) => toPlatformDate(new Date(Date.now() - offset * 24 * 3600_000)).slice(0, 10);
    const lockid = () => rng.pick(fleet).lockid;
    const queries: [string, () => string][] = [
      ['one lock, newest first', () => `${u}/api/locks/${lockid()}/events?pagenumber=1&limit=25`],
      ['one lock, type + dates', () => `${u}/api/locks/${lockid()}/events?pagenumber=1&limit=25&type=unlocked,locked&from=${day(90)}&to=${day(1)}`],
      ['fleet, newest first', () => `${u}/api/events?pagenumber=1&limit=25`],
      ['fleet, page 40', () => `${u}/api/events?pagenumber=40&limit=25`],
      ['fleet, type battery_low', () => `${u}/api/events?pagenumber=1&limit=25&type=battery_low`],
      ['fleet, types offline,online', () => `${u}/api/events?pagenumber=1&limit=25&type=offline,online`],
      ['fleet, one day', () => `${u}/api/events?pagenumber=1&limit=25&from=${day(30)}&to=${day(30)}`],
      ['fleet, searchkey lockid', () => `${u}/api/events?pagenumber=1&limit=25&searchkey=${lockid()}`],
      ['fleet, searchkey site', () => `${u}/api/events?pagenumber=1&limit=25&searchkey=Riverside`],
      ['fleet, searchkey site + type', () => `${u}/api/events?pagenumber=1&limit=25&searchkey=northgate&type=offline`],
      ['fleet, beforeid page 2', () => `${u}/api/events?beforeid=${latest - 24}&limit=25`],
      ['fleet, beforeid deep (half way)', () => `${u}/api/events?beforeid=${rng.int(Math.floor(latest / 3), Math.floor(latest / 2))}&limit=25`],
      ['fleet, beforeid + type unlocked', () => `${u}/api/events?beforeid=${rng.int(Math.floor(latest / 2), latest)}&limit=25&type=unlocked`],
      ['fleet, one person (userid)', () => `${u}/api/events?pagenumber=1&limit=25&userid=${rng.pick(people).userid}`],
      ['fleet, searchkey person', () => `${u}/api/events?pagenumber=1&limit=25&searchkey=${encodeURIComponent(rng.pick(people).name)}`],
      ['fleet, searchkey person + site', () => `${u}/api/events?pagenumber=1&limit=25&searchkey=${encodeURIComponent(`${rng.pick(people).name.split(' ')[0]} riverside`)}`],
      ['feed, afterid near the end', () => `${u}/api/events?afterid=${latest - 50}&limit=500`],
      ['feed, afterid 0', () => `${u}/api/events?afterid=0&limit=500`],
    ];
    const byQuery: LatencyFigure[] = [];
    for (const [kind, make] of queries) {
      for (let i = 0; i < 5; i += 1) await timedGet(make());
      const times: number[] = [];
      for (let i = 0; i < requests; i += 1) times.push(await timedGet(make()));
      byQuery.push(summarize(kind, times));
    }
    return { events: total, locks: lockCount, loadMs, byQuery };
  } finally {
    await platform.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`.padStart(9);

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchPlatformLatency();
  console.log(`Searched pages at ${result.locks.toLocaleString('en')} locks (seeded in ${(result.seedMs / 1000).toFixed(1)} s), ${result.requests} requests over HTTP:`);
  console.log(`${'kind'.padEnd(42)}${'n'.padStart(5)}${'p50'.padStart(9)}${'p95'.padStart(9)}${'max'.padStart(9)}`);
  for (const q of result.byQuery) console.log(`${q.kind.padEnd(42)}${String(q.requests).padStart(5)}${fmt(q.p50Ms)}${fmt(q.p95Ms)}${fmt(q.maxMs)}`);
  const ok = result.p95Ms <= 20;
  console.log(`\nall: p50 ${result.p50Ms.toFixed(1)} ms, p95 ${result.p95Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms — budget p95 ≤ 20 ms: ${ok ? 'within' : 'OVER'}`);
  console.log(`\nOne kind at a time, at ${result.locks.toLocaleString('en')} locks (budget p95 ≤ 20 ms):`);
  console.log(`${'kind'.padEnd(42)}${'n'.padStart(5)}${'p50'.padStart(9)}${'p95'.padStart(9)}${'max'.padStart(9)}  budget`);
  for (const q of result.focused) {
    const within = q.p95Ms <= 20 ? 'within' : 'OVER';
    console.log(`${q.kind.padEnd(42)}${String(q.requests).padStart(5)}${fmt(q.p50Ms)}${fmt(q.p95Ms)}${fmt(q.maxMs)}  ${within}`);
  }
  if (process.argv.includes('--events')) {
    const ev = await benchEventLatency();
    console.log(`\nEvents: ${ev.events.toLocaleString('en')} over ${ev.locks.toLocaleString('en')} locks (loaded in ${(ev.loadMs / 1000).toFixed(1)} s):`);
    for (const q of ev.byQuery) console.log(`${q.kind.padEnd(42)}${String(q.requests).padStart(5)}${fmt(q.p50Ms)}${fmt(q.p95Ms)}${fmt(q.maxMs)}`);
  }
}
