import type Database from 'better-sqlite3';
import { toPlatformDate } from '../../../contract/envelope';
import type { EventsRepository } from '../events/events-repository';
import { type RepeatingTask, repeatingTask } from '../repeating-task';

/** How often the platform looks for passes that ran out. */
export const PASS_EXPIRY_CHECK_MS = 1000;

export interface PassExpiry extends RepeatingTask {
  /** What the timer does: one `access_expired` event for each pass that ran out and was not noted yet; how many. */
  tick(): number;
}

/**
 * Notes each visitor pass that ran out (its end_date passed on the platform's clock, not ended by hand)
 * with ONE `access_expired` event: the visitor in userid/username, no lock or group, method `system`,
 * no actor. `passes.expired_noted` keeps the note across restarts (a pass is never noted twice).
 */
export function createPassExpiry(deps: { db: Database.Database; events: EventsRepository; now: () => Date }): PassExpiry {
  const { db, events, now } = deps;
  // grant_status is registered by the grants repository (same wall-clock rule as grants).
  const due = db.prepare<[], { passid: number; userid: number; username: string }>(`
    SELECT p.passid, p.userid, u.name AS username FROM passes p INDEXED BY passes_to_note JOIN users u ON u.userid = p.userid
    WHERE p.expired_noted = 0 AND p.ended_date IS NULL AND grant_status(p.start_date, p.end_date, NULL) = 'expired'
    ORDER BY p.end_date, p.passid`);
  const noted = db.prepare<[number]>('UPDATE passes SET expired_noted = 1 WHERE passid = ? AND expired_noted = 0');

  const tick = db.transaction((): number => {
    const date = toPlatformDate(now());
    let count = 0;
    for (const pass of due.all()) {
      if (noted.run(pass.passid).changes === 0) continue;
      events.insert({
        lockid: null,
        lockname: null,
        event_type: 'access_expired',
        userid: pass.userid,
        username: pass.username,
        method: 'system',
        event_date: date,
        battery_level: null,
        actor: null,
      });
      count += 1;
    }
    return count;
  });

  const task = repeatingTask(tick, PASS_EXPIRY_CHECK_MS, 'pass expiry');
  return {
    start: () => task.start(),
    stop: () => task.stop(),
    get running() {
      return task.running;
    },
    tick: () => tick(),
  };
}
