import type Database from 'better-sqlite3';
import { FINE_READINGS_DAYS, READINGS_KEPT_DAYS, READING_STEP_S } from '../../../contract/reports';
import { type RepeatingTask, repeatingTask } from '../repeating-task';
import { DAY_S, TREND_FORECAST, TREND_UPSERT } from './trend';

export interface ReadingsSampler extends RepeatingTask {
  /** What the timer does: samples every lock at now (on the READING_STEP_S grid), then applies retention; how many rows were written. */
  tick(): number;
}

/** The slot a time falls in: readings are taken on a grid of READING_STEP_S from the epoch. */
export const slotOf = (date: Date) => Math.floor(date.getTime() / 1000 / READING_STEP_S) * READING_STEP_S;

/**
 * Every READING_STEP_S, one statement samples every lock's battery, temperature and online state,
 * and each lock's battery series takes the sample. Retention: readings older than
 * FINE_READINGS_DAYS keep only those on the hour; older than READINGS_KEPT_DAYS are deleted. Both
 * walk the primary key lock by lock over the times not trimmed yet (`readings_trimmed_until`), so
 * a tick costs the same whatever the table holds.
 */
export function createReadingsSampler(deps: { db: Database.Database; now: () => Date }): ReadingsSampler {
  const { db, now } = deps;
  const sample = db.prepare<[number]>(`
    INSERT OR IGNORE INTO readings (lock_id, at, battery, temperature, online)
    SELECT id, ?, battery_level, temperature, lock_online_status FROM locks`);
  const upsertTrend = db.prepare<{ at: number }>(TREND_UPSERT);
  const forecast = db.prepare<[number]>(TREND_FORECAST);
  const trimmedUntil = db.prepare(`SELECT value FROM platform_meta WHERE key = 'readings_trimmed_until'`).pluck();
  const setTrimmed = db.prepare<[number]>(`UPDATE platform_meta SET value = ? WHERE key = 'readings_trimmed_until'`);
  const thin = db.prepare<[number, number]>(`
    DELETE FROM readings WHERE lock_id IN (SELECT id FROM locks) AND at >= ? AND at < ? AND at % 3600 <> 0`);
  const drop = db.prepare<[number]>('DELETE FROM readings WHERE lock_id IN (SELECT id FROM locks) AND at < ?');

  const retain = (at: number) => {
    const fineFrom = at - FINE_READINGS_DAYS * DAY_S;
    const since = Number(trimmedUntil.get() ?? 0);
    if (fineFrom <= since) return;
    // The first trim of a table reaches back to the oldest kept reading.
    thin.run(Math.max(since, at - READINGS_KEPT_DAYS * DAY_S - DAY_S), fineFrom);
    drop.run(at - READINGS_KEPT_DAYS * DAY_S);
    setTrimmed.run(fineFrom);
  };

  const tick = db.transaction((): number => {
    const at = slotOf(now());
    const written = sample.run(at).changes;
    if (written > 0) {
      upsertTrend.run({ at });
      forecast.run(at);
    }
    retain(at);
    return written;
  });

  const task = repeatingTask(tick, READING_STEP_S * 1000, 'readings sampler');
  return {
    start: () => task.start(),
    stop: () => task.stop(),
    get running() {
      return task.running;
    },
    tick: () => tick(),
  };
}
