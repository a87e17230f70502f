// Issue 26's readings budget (DESIGN.md): a 90-day battery series of one lock in ≤ 20 ms p95 at
// 100,000 locks, over real HTTP on loopback; with readings for 10,000 of them × 90 days hourly
// (21.6M rows). Also the battery forecast list and one sampler tick (every lock, with retention).
// Run on its own: `npx tsx bench/readings.ts` (add `--locks=N --with-readings=M` to try other sizes).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { toPlatformDate } from '../contract/envelope';
import { backfillReadings } from '../server/platform/db/demo-readings';
import { createRng } from '../server/platform/db/prng';
import { startPlatform } from '../server/platform/platform';
import { createReadingsSampler } from '../server/platform/readings/sampler';

export interface ReadingsFigure {
  kind: string;
  requests: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}
export interface ReadingsBench {
  locks: number;
  withReadings: number;
  rows: number;
  loadMs: number;
  byQuery: ReadingsFigure[];
  /** One sampler tick: every lock sampled, trends updated, retention run. */
  tickMs: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number);
function summarize(kind: string, times: number[]): ReadingsFigure {
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

export async function benchReadings(opts: { locks?: number; withReadings?: number; requests?: number } = {}): Promise<ReadingsBench> {
  const locks = opts.locks ?? 100_000;
  const withReadings = opts.withReadings ?? 10_000;
  const requests = opts.requests ?? 300;
  const dir = mkdtempSync(join(tmpdir(), 'lockboard-readings-'));
  const now = new Date();
  const platform = await startPlatform({ dbPath: join(dir, 'platform.sqlite'), simulator: false, requireAuth: false, seed: { locks, historyDays: 0 }, now: () => now });
  try {
    const loadStart = performance.now();
    const rows = backfillReadings(platform.db, { now, days: 90, lockLimit: withReadings, seed: 26, tiers: [[90, 3600]], outages: false });
    platform.db.pragma('wal_checkpoint(TRUNCATE)');
    const loadMs = performance.now() - loadStart;
    const lockids = platform.db.prepare('SELECT lockid FROM locks ORDER BY id LIMIT ?').pluck().all(withReadings) as string[];
    const groupids = platform.db.prepare('SELECT groupid FROM lockgroups').pluck().all() as number[];
    const rng = createRng(26);
    const from = encodeURIComponent(toPlatformDate(new Date(now.getTime() - 90 * 86_400_000)));
    const kinds: [string, () => string][] = [
      ['90-day series of one lock', () => `/api/locks/${rng.pick(lockids)}/readings?from=${from}`],
      ['7-day series of one lock (default)', () => `/api/locks/${rng.pick(lockids)}/readings`],
      ['battery forecast, first page of 25', () => '/api/reports/battery-forecast?pagenumber=1&limit=25'],
      ['battery forecast, a later page', () => `/api/reports/battery-forecast?pagenumber=${rng.int(2, 400)}&limit=25`],
      ['"Replace soon": due within 30 days', () => '/api/reports/battery-forecast?pagenumber=1&limit=100&due_within_days=30'],
      ['battery forecast of a group', () => `/api/reports/battery-forecast?pagenumber=1&limit=25&groupid=${rng.pick(groupids)}`],
    ];
    const byQuery: ReadingsFigure[] = [];
    for (const [kind, path] of kinds) {
      for (let i = 0; i < 20; i += 1) await timedGet(platform.url + path());
      const times: number[] = [];
      for (let i = 0; i < requests; i += 1) times.push(await timedGet(platform.url + path()));
      byQuery.push(summarize(kind, times));
    }
    const sampler = createReadingsSampler({ db: platform.db, now: () => new Date(now.getTime() + 3_600_000) });
    const tickStart = performance.now();
    sampler.tick();
    const tickMs = performance.now() - tickStart;
    return { locks, withReadings, rows, loadMs, byQuery, tickMs };
  } finally {
    await platform.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`.padStart(9);

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const result = await benchReadings({ locks: Number(arg('locks') ?? 100_000), withReadings: Number(arg('with-readings') ?? 10_000) });
  console.log(`Readings at ${result.locks.toLocaleString('en')} locks, ${result.rows.toLocaleString('en')} readings of ${result.withReadings.toLocaleString('en')} (loaded in ${(result.loadMs / 1000).toFixed(1)} s), over HTTP:`);
  console.log(`${'kind'.padEnd(42)}${'n'.padStart(5)}${'p50'.padStart(9)}${'p95'.padStart(9)}${'max'.padStart(9)}`);
  for (const q of result.byQuery) console.log(`${q.kind.padEnd(42)}${String(q.requests).padStart(5)}${fmt(q.p50Ms)}${fmt(q.p95Ms)}${fmt(q.maxMs)}`);
  const series = result.byQuery[0];
  console.log(`\n90-day series p95 ${series?.p95Ms.toFixed(1)} ms — budget p95 ≤ 20 ms: ${series && series.p95Ms <= 20 ? 'within' : 'OVER'}`);
  console.log(`One sampler tick (every lock, trends, retention): ${result.tickMs.toFixed(0)} ms`);
}
