import type Database from 'better-sqlite3';
import { toPlatformDate } from '../../../contract/envelope';
import type { EventMethod, EventType } from '../../../contract/events';
import { CRITICAL_BATTERY_LEVEL, LOW_BATTERY_LEVEL } from '../../../contract/locks';
import { createRng } from '../db/prng';
import type { Rng } from '../db/prng';
import type { EventsRepository } from '../events/events-repository';
import type { LocksRepository } from '../locks/locks-repository';
import type { LockRow } from '../locks/lock-row';
import type { Person } from '../users/users-repository';
import { repeatingTask } from '../repeating-task';
import type { GrantMethod } from '../../../contract/constants';
import type { Door } from '../access/door';
import type { GrantsRepository, Holder } from '../access/grants-repository';
import { modelByCode } from '../db/demo-fleet';

export interface Simulator {
  start(): void;
  stop(): void;
  /** One step (what the timer does every ~3 s). */
  tick(): void;
  readonly running: boolean;
}

export const TICK_MS = 3000;
const SECOND = 1000;
/** Locks that drain fast, so batteries cross 20 % and 10 % within a demo's minutes. */
const FAST_DRAINERS = 3;

type Action = 'use' | 'denied' | 'manualLock' | 'checkIn' | 'flap' | 'outage' | 'drain';
/** Per tick 1–3 actions; something worth an alert comes every 10–20 s; a refused door about once a minute. */
const ACTIONS: readonly (readonly [Action, number])[] = [
  ['use', 45],
  ['denied', 2.5],
  ['manualLock', 8],
  ['checkIn', 30],
  ['flap', 3],
  ['outage', 0.8],
  ['drain', 8],
];

interface Deps {
  db: Database.Database;
  locks: LocksRepository;
  events: EventsRepository;
  people: () => Person[];
  now: () => Date;
  /** Door uses go through the access rule (enforce.ts). */
  door: Door;
  grants: GrantsRepository;
  seed?: number;
  /** A lock came back online: a lockdown waiting for it locks it now (lockdown/lockdowns-repository.ts). */
  onBackOnline?: (lockid: string) => void;
}

/**
 * The live fleet: people who hold grants unlock doors (with a method both their grant and the door
 * have), now and then someone is refused (a grant outside its hours, expired, revoked or not yet
 * started, a method they do not hold, or no grant at all), doors relock themselves (not one its
 * schedule holds unlocked: that door is the schedule's until its window ends), locks check in, drop offline (most flap back in seconds, some stay away for minutes), batteries
 * drain (a few fast) and get replaced. Every change updates the lock's row and writes its event.
 */
export function createSimulator(deps: Deps): Simulator {
  const { db, locks, events, now, door, grants } = deps;
  const rng: Rng = createRng(deps.seed ?? 0x5eed);
  const relockAt = new Map<string, number>();
  const onlineAt = new Map<string, number>();
  const replaceAt = new Map<string, number>();
  const fastDrainers = new Set<string>();
  let people: Person[] | null = null;
  // A schedule holds the door unlocked (a window, or a first-person-in door after its first use) and
  // no manual command overrides it: the scheduler locks it at the window's end, not a person.
  const scheduleHolds = db
    .prepare<[string, string]>(`SELECT 1 FROM locks WHERE lockid = ? AND schedule_state = 'unlocked'
      AND (schedule_override_until IS NULL OR schedule_override_until <= ?)`)
    .pluck();
  const heldOpenBySchedule = (lock: LockRow) => scheduleHolds.get(lock.lockid, toPlatformDate(now())) !== undefined;

  const record = (lock: LockRow, type: EventType, method: EventMethod, person: Person | null, battery: number | null = null) =>
    events.insert({
      lockid: lock.lockid,
      lockname: lock.lockname,
      event_type: type,
      userid: person?.userid ?? null,
      username: person?.name ?? null,
      method,
      event_date: toPlatformDate(now()),
      battery_level: battery,
    });

  /** A random lock matching `accept`, or null after a few tries. */
  function randomLock(accept: (lock: LockRow) => boolean): LockRow | null {
    const size = locks.fleetSize();
    for (let attempt = 0; attempt < 25 && size > 0; attempt += 1) {
      const row = locks.rowById(rng.int(1, size));
      if (row && accept(row)) return row;
    }
    return null;
  }

  function setBattery(lock: LockRow, level: number) {
    const before = lock.battery_level;
    locks.setBattery(lock.lockid, level);
    for (const threshold of [LOW_BATTERY_LEVEL, CRITICAL_BATTERY_LEVEL]) {
      if (before !== null && before > threshold && level <= threshold) record(lock, 'battery_low', 'system', null, level);
    }
    if (level <= 3 && !replaceAt.has(lock.lockid)) replaceAt.set(lock.lockid, now().getTime() + rng.int(60, 150) * SECOND);
  }

  function goOffline(lock: LockRow, backAfterMs: number) {
    const t = now();
    locks.setOnline(lock.lockid, 0, toPlatformDate(t));
    record(lock, 'offline', 'system', null);
    onlineAt.set(lock.lockid, t.getTime() + backAfterMs);
  }

  function pickFastDrainers() {
    const size = locks.fleetSize();
    for (let attempt = 0; fastDrainers.size < FAST_DRAINERS && attempt < 10; attempt += 1) {
      const candidates = locks.onlineWithBattery(24, 40, rng.int(1, Math.max(1, size)), 5);
      for (const lockid of candidates) {
        if (fastDrainers.size < FAST_DRAINERS && !replaceAt.has(lockid)) fastDrainers.add(lockid);
      }
    }
  }

  function due(map: Map<string, number>, t: number, run: (lock: LockRow) => boolean) {
    for (const [lockid, at] of map) {
      if (at > t) continue;
      const lock = locks.rowByLockid(lockid);
      if (!lock || run(lock)) map.delete(lockid);
    }
  }

  const methodsOf = (lock: LockRow) => modelByCode(lock.lock_model).methods as readonly string[];

  /** Who may open this door now, and how: grants in force now with a method the door has. */
  function admitted(lock: LockRow): Holder[] {
    const methods = methodsOf(lock);
    return grants
      .holdersOf(lock.lockid)
      .filter((h) => h.revoked_date === null && methods.includes(h.method) && grants.allowsNow(h));
  }

  /** Someone the door will refuse: a grant that does not work now, a method not held, or no grant. */
  function refused(lock: LockRow, everyone: Person[]): { userid: number; method: GrantMethod } | null {
    const methods = methodsOf(lock) as GrantMethod[];
    const holders = grants.holdersOf(lock.lockid).filter((h) => methods.includes(h.method));
    const roll = rng.next();
    if (roll < 0.5) {
      const notNow = holders.filter((h) => h.revoked_date !== null || !grants.allowsNow(h));
      if (notNow.length > 0) {
        const h = rng.pick(notNow);
        return { userid: h.userid, method: h.method };
      }
    }
    if (roll < 0.75 && holders.length > 0) {
      const h = rng.pick(holders);
      const held = new Set(holders.filter((x) => x.userid === h.userid).map((x) => x.method));
      const other = methods.filter((m) => !held.has(m));
      if (other.length > 0) return { userid: h.userid, method: rng.pick(other) };
    }
    const holding = new Set(holders.map((h) => h.userid));
    const strangers = everyone.filter((p) => !holding.has(p.userid));
    return strangers.length > 0 ? { userid: rng.pick(strangers).userid, method: rng.pick(methods) } : null;
  }

  function act(action: Action) {
    const everyone = (people ??= deps.people());
    switch (action) {
      case 'use': {
        const lock = randomLock((l) => l.lock_online_status === 1 && l.lock_open_status === 0);
        if (!lock) return;
        const candidates = admitted(lock);
        if (candidates.length === 0) return;
        const who = rng.pick(candidates);
        const result = door.attempt({ userid: who.userid, lockid: lock.lockid, method: who.method }, { open: true });
        if (result.allowed) relockAt.set(lock.lockid, now().getTime() + rng.int(5, 25) * SECOND);
        return;
      }
      case 'denied': {
        const lock = randomLock((l) => l.lock_online_status === 1 && l.lock_open_status === 0);
        if (!lock) return;
        const who = refused(lock, everyone);
        if (!who) return;
        const result = door.attempt({ userid: who.userid, lockid: lock.lockid, method: who.method }, { open: true });
        if (result.allowed) relockAt.set(lock.lockid, now().getTime() + rng.int(5, 25) * SECOND);
        return;
      }
      case 'manualLock': {
        // A door held open on purpose (a timed remote unlock) is left to the platform's relock.
        const lock = randomLock((l) => l.lock_online_status === 1 && l.lock_open_status === 1 && l.relock_at === null && !heldOpenBySchedule(l));
        if (!lock) return;
        const candidates = admitted(lock);
        if (candidates.length === 0) return;
        const who = rng.pick(candidates);
        locks.setOpen(lock.lockid, 0);
        relockAt.delete(lock.lockid);
        record(lock, 'locked', who.method, { userid: who.userid, name: who.username });
        return;
      }
      case 'checkIn': {
        const lock = randomLock((l) => l.lock_online_status === 1);
        if (!lock) return;
        locks.setOnline(lock.lockid, 1, toPlatformDate(now()));
        if (lock.temperature !== null) {
          const drifted = Math.min(32, Math.max(12, lock.temperature + rng.pick([-0.5, 0.5])));
          locks.setTemperature(lock.lockid, drifted);
        }
        return;
      }
      case 'flap':
      case 'outage': {
        const lock = randomLock((l) => l.lock_online_status === 1 && !onlineAt.has(l.lockid));
        if (!lock) return;
        goOffline(lock, action === 'flap' ? rng.int(4, 20) * SECOND : rng.int(5.5 * 60, 9 * 60) * SECOND);
        return;
      }
      case 'drain': {
        const lock = randomLock((l) => l.battery_level !== null && l.battery_level > 0);
        if (lock?.battery_level != null) setBattery(lock, lock.battery_level - 1);
        return;
      }
    }
  }

  function tick() {
    db.transaction(() => {
      const t = now().getTime();
      due(relockAt, t, (lock) => {
        if (lock.relock_at !== null) return true; // unlocked remotely for a while since: not ours
        if (heldOpenBySchedule(lock)) return true; // its schedule's now, until the window ends
        if (lock.lock_online_status !== 1) return false; // relocks once it is back
        if (lock.lock_open_status === 1) {
          locks.setOpen(lock.lockid, 0);
          record(lock, 'locked', 'system', null);
        }
        return true;
      });
      due(onlineAt, t, (lock) => {
        if (lock.lock_online_status === 0) {
          locks.setOnline(lock.lockid, 1, toPlatformDate(now()));
          record(lock, 'online', 'system', null);
          deps.onBackOnline?.(lock.lockid);
        }
        return true;
      });
      due(replaceAt, t, (lock) => {
        locks.setBattery(lock.lockid, 100);
        fastDrainers.delete(lock.lockid);
        return true;
      });
      pickFastDrainers();
      for (const lockid of fastDrainers) {
        const lock = locks.rowByLockid(lockid);
        if (!lock || lock.battery_level === null || lock.lock_online_status !== 1) continue;
        if (lock.battery_level > 3 && rng.chance(0.6)) setBattery(lock, lock.battery_level - 1);
      }
      const count = rng.int(1, 3);
      for (let i = 0; i < count; i += 1) act(rng.weighted(ACTIONS));
    })();
  }

  const task = repeatingTask(tick, TICK_MS, 'simulator tick');
  return {
    start: () => task.start(),
    stop: () => task.stop(),
    tick,
    get running() {
      return task.running;
    },
  };
}
