import { buildPlatform } from '../platform';
import { createReadingsSampler } from './sampler';

/** A fresh in-memory platform (no demo readings: no history) on a clock the test moves, with its own sampler to tick. */
export async function readingsPlatform(start: string, locks = 3) {
  const clock = { now: new Date(start) };
  const now = () => clock.now;
  const platform = await buildPlatform({ dbPath: ':memory:', simulator: false, requireAuth: false, seed: { locks, historyDays: 0 }, now });
  const sampler = createReadingsSampler({ db: platform.db, now });
  const lockids = platform.db.prepare('SELECT lockid FROM locks ORDER BY id').pluck().all() as string[];
  const setBattery = platform.db.prepare<[number | null, string]>('UPDATE locks SET battery_level = ? WHERE lockid = ?');
  const get = async (url: string) => {
    const res = await platform.app.inject({ method: 'GET', url });
    return { status: res.statusCode, body: res.json() as unknown };
  };
  return { platform, db: platform.db, clock, sampler, lockids, setBattery, get, close: () => platform.app.close() };
}
