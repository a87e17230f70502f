// A lockdown of 500 locks on the embedded platform, end to end through the gateway (issue 10): one
// `POST /api/commands` with the lockids of 500 unlocked, online locks, as the SPA sends a batch.
// Wall time and locks a second, median of 5 runs; the locks are unlocked again (in the platform's
// database) between runs. Then a lockdown as a state (issue 24): `POST /api/lockdowns {all: true}` on
// the embedded platform with 1,000 locks, timed until every online lock is marked and locked (the
// answer comes then; the database is checked); the lockdown is lifted and the doors reopened between
// runs. Run on its own: `npx tsx bench/lockdown.ts`.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startPlatform } from '../server/platform/platform';
import { loginAs } from '../server/platform/testing';
import { signIn, startGateway, testConfig } from '../test-support/gateway';
import { median } from './harness';

export interface LockdownFigure {
  locks: number;
  runs: number;
  /** Median wall time of one request, and the runs' times in order. */
  medianMs: number;
  timesMs: number[];
  locksPerSecond: number;
  /** Every run locked every lock (`done`), and the platform's database agrees. */
  allDone: boolean;
}

export async function benchLockdown(options: { locks?: number; runs?: number } = {}): Promise<LockdownFigure> {
  const count = options.locks ?? 500;
  const runs = options.runs ?? 5;
  const dir = mkdtempSync(join(tmpdir(), 'lockboard-bench-lockdown-'));
  // A fleet of its own, with room for `count` online locks (the demo fleet is about 86 % online).
  const platform = await startPlatform({ dbPath: join(dir, 'platform.sqlite'), simulator: false, seed: { locks: Math.ceil(count * 1.4), historyDays: 0 } });
  const gateway = await startGateway(platform.url, { mode: 'embedded', config: testConfig({ DATA_DIR: dir }) });
  try {
    const headers = { ...(await signIn(gateway.url, 'manager@lockboard.local', 'lockboard-manager')), 'content-type': 'application/json' };
    const lockids = platform.db.prepare('SELECT lockid FROM locks WHERE lock_online_status = 1 ORDER BY id LIMIT ?').pluck().all(count) as string[];
    if (lockids.length < count) throw new Error(`only ${lockids.length} online locks for a lockdown of ${count}`);
    const marks = lockids.map(() => '?').join(',');
    const unlockAll = platform.db.prepare(`UPDATE locks SET lock_open_status = 1, relock_at = NULL WHERE lockid IN (${marks})`);
    const stillUnlocked = platform.db.prepare(`SELECT count(*) FROM locks WHERE lock_open_status = 1 AND lockid IN (${marks})`).pluck();

    const send = async () => {
      const start = performance.now();
      const response = await fetch(`${gateway.url}/api/commands`, { method: 'POST', headers, body: JSON.stringify({ action: 'lock', lockids }) });
      const body = (await response.json()) as { results?: { outcome?: string }[] };
      const ms = performance.now() - start;
      const done = (body.results ?? []).filter((r) => r.outcome === 'done').length;
      return { ms, ok: response.status === 200 && done === count && stillUnlocked.get(...lockids) === 0 };
    };

    unlockAll.run(...lockids);
    await send(); // warm-up
    const timesMs: number[] = [];
    let allDone = true;
    for (let run = 0; run < runs; run += 1) {
      unlockAll.run(...lockids);
      const { ms, ok } = await send();
      timesMs.push(ms);
      allDone &&= ok;
    }
    const medianMs = median(timesMs);
    return { locks: count, runs, medianMs, timesMs, locksPerSecond: (count / medianMs) * 1000, allDone };
  } finally {
    await gateway.close();
    await platform.close();
  }
}

export interface PlatformLockdownFigure {
  /** Locks in the fleet, and of them online (locked by the request; the rest pending). */
  locks: number;
  online: number;
  runs: number;
  medianMs: number;
  timesMs: number[];
  /** Every run answered 200 with every lock marked and every online one locked. */
  allDone: boolean;
}

/** `POST /api/lockdowns {all: true}` on the embedded platform (budget: 5 s for 1,000 locks). */
export async function benchPlatformLockdown(options: { locks?: number; runs?: number } = {}): Promise<PlatformLockdownFigure> {
  const count = options.locks ?? 1000;
  const runs = options.runs ?? 5;
  const dir = mkdtempSync(join(tmpdir(), 'lockboard-bench-lockdown-state-'));
  const platform = await startPlatform({ dbPath: join(dir, 'platform.sqlite'), simulator: false, seed: { locks: count, historyDays: 0 } });
  try {
    const token = await loginAs(platform.url, 'manager');
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const db = platform.db;
    const online = db.prepare('SELECT count(*) FROM locks WHERE lock_online_status = 1').pluck().get() as number;
    const reopen = db.prepare('UPDATE locks SET lock_open_status = 1 WHERE lock_online_status = 1');
    const notDone = db.prepare('SELECT count(*) FROM locks WHERE lockdown = 0 OR (lock_online_status = 1 AND lock_open_status = 1)').pluck();
    const post = (path: string, body: unknown) => fetch(`${platform.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });

    const run = async () => {
      reopen.run();
      const start = performance.now();
      const response = await post('/api/lockdowns', { all: true });
      const body = (await response.json()) as { lockdown?: { lockdownid: number; lock_count: number } };
      const ms = performance.now() - start;
      const ok = response.status === 200 && body.lockdown?.lock_count === count && notDone.get() === 0;
      if (body.lockdown) await post(`/api/lockdowns/${body.lockdown.lockdownid}/lift`, {});
      return { ms, ok };
    };

    await run(); // warm-up
    const timesMs: number[] = [];
    let allDone = true;
    for (let i = 0; i < runs; i += 1) {
      const { ms, ok } = await run();
      timesMs.push(ms);
      allDone &&= ok;
    }
    return { locks: count, online, runs, medianMs: median(timesMs), timesMs, allDone };
  } finally {
    await platform.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const state = await benchPlatformLockdown();
  console.log(
    `Lockdown (a state) of ${state.locks} locks (${state.online} online) on the embedded platform: median ${state.medianMs.toFixed(0)} ms ` +
      `over ${state.runs} runs [${state.timesMs.map((t) => t.toFixed(0)).join(', ')} ms]; budget 5 s: ${state.medianMs <= 5000 ? 'met' : 'MISSED'}; ` +
      `all marked and locked: ${state.allDone ? 'yes' : 'NO'}`,
  );
  const figure = await benchLockdown();
  console.log(
    `Lockdown of ${figure.locks} locks through the gateway: median ${(figure.medianMs / 1000).toFixed(2)} s ` +
      `(${figure.locksPerSecond.toFixed(0)} locks/s) over ${figure.runs} runs [${figure.timesMs.map((t) => t.toFixed(0)).join(', ')} ms]; ` +
      `all done: ${figure.allDone ? 'yes' : 'NO'}`,
  );
}
