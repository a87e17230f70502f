import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDoor } from '../access/door';
import { createGrantsRepository } from '../access/grants-repository';
import { openDatabase } from '../db/open-database';
import { seedDatabase } from '../db/seed';
import { createEventsRepository } from '../events/events-repository';
import { createLocksRepository } from '../locks/locks-repository';
import { createSimulator } from '../simulator/simulator';
import { TICK_MS } from '../simulator/simulator';
import { createUsersRepository } from '../users/users-repository';
import { createLockdownsRepository } from './lockdowns-repository';

const START = new Date('2025-06-02T10:00:00Z');
let clock = START;
let db: Database.Database;
const manager = { userid: 2, name: 'Demo Manager' };

beforeEach(() => {
  clock = START;
  db = openDatabase(':memory:');
  seedDatabase(db, { locks: 240, historyDays: 0, now: START });
});
afterEach(() => db.close());

function repositories(afterLift?: (lockids: string[]) => void) {
  const locks = createLocksRepository(db);
  const events = createEventsRepository(db);
  return { locks, events, lockdowns: createLockdownsRepository({ db, locks, events, now: () => clock, afterLift }) };
}
const column = (sql: string, ...args: unknown[]) => db.prepare(sql).pluck().all(...args) as string[];

describe('lifting a lockdown', () => {
  it('hands the locks it released to afterLift (the scheduler), not those another lockdown still holds', () => {
    const afterLift = vi.fn<(lockids: string[]) => void>();
    const { lockdowns } = repositories(afterLift);
    const [a, b] = column('SELECT groupid FROM lockgroups WHERE lock_count > 0 ORDER BY groupid LIMIT 2') as unknown as [number, number];
    const inA = column('SELECT l.lockid FROM lockgroup_members m JOIN locks l ON l.id = m.lock_id WHERE m.groupid = ? ORDER BY l.lockid', a);
    const inBOnly = column(
      `SELECT l.lockid FROM lockgroup_members m JOIN locks l ON l.id = m.lock_id WHERE m.groupid = ?
       AND l.id NOT IN (SELECT lock_id FROM lockgroup_members WHERE groupid = ?) ORDER BY l.lockid`,
      b,
      a,
    );
    expect(inA.length).toBeGreaterThan(0);
    expect(inBOnly.length).toBeGreaterThan(0);
    const held = lockdowns.start({ groupids: [a] }, manager);
    const both = lockdowns.start({ groupids: [a, b] }, manager);
    expect(lockdowns.lift(both.lockdownid, manager)).toMatchObject({ lifted_by: 'Demo Manager' });
    expect(afterLift).toHaveBeenCalledTimes(1);
    expect([...(afterLift.mock.calls[0]?.[0] ?? [])].sort()).toEqual(inBOnly);
    lockdowns.lift(held.lockdownid, manager);
    expect(afterLift).toHaveBeenCalledTimes(2);
    expect([...(afterLift.mock.calls[1]?.[0] ?? [])].sort()).toEqual(inA);
    expect(lockdowns.lift(held.lockdownid, manager)).toBe('lifted');
    expect(afterLift).toHaveBeenCalledTimes(2);
  });
});

describe('a pending lock coming back through the simulator', () => {
  it('is locked the moment the simulator brings it back online', () => {
    const { locks, events, lockdowns } = repositories();
    const grants = createGrantsRepository(db, { now: () => clock, timeZone: 'UTC', events });
    const door = createDoor({ db, grants, events, locks, now: () => clock, timeZone: 'UTC' });
    const users = createUsersRepository(db);
    const simulator = createSimulator({ db, locks, events, people: users.people, now: () => clock, door, grants, onBackOnline: (id) => lockdowns.lockPending(id) });
    const tick = () => {
      clock = new Date(clock.getTime() + TICK_MS);
      simulator.tick();
    };
    // Run the fleet until the simulator takes a lock offline (it brings it back later).
    const wentOffline = db.prepare(`SELECT lockid FROM events WHERE event_type = 'offline' ORDER BY eventid DESC LIMIT 1`).pluck();
    for (let i = 0; i < 500 && wentOffline.get() === undefined; i += 1) tick();
    const away = wentOffline.get() as string;
    expect(away).toBeDefined();
    db.prepare('UPDATE locks SET lock_open_status = 1 WHERE lockid = ?').run(away);
    const lockdown = lockdowns.start({ all: true }, manager);
    expect(lockdown.pending_lockids).toContain(away);
    const isOnline = db.prepare('SELECT lock_online_status FROM locks WHERE lockid = ?').pluck();
    for (let i = 0; i < 500 && isOnline.get(away) === 0; i += 1) tick();
    expect(isOnline.get(away)).toBe(1);
    expect(db.prepare('SELECT lock_open_status, lockdown FROM locks WHERE lockid = ?').get(away)).toEqual({ lock_open_status: 0, lockdown: 1 });
    expect(lockdowns.get(lockdown.lockdownid)?.pending_lockids).not.toContain(away);
    expect(column(`SELECT event_type FROM events WHERE lockid = ? ORDER BY eventid DESC LIMIT 2`, away)).toEqual(['locked', 'online']);
  });

  it('refuses door uses in the simulated fleet with reason lockdown while it lasts', () => {
    const { locks, events, lockdowns } = repositories();
    const grants = createGrantsRepository(db, { now: () => clock, timeZone: 'UTC', events });
    const door = createDoor({ db, grants, events, locks, now: () => clock, timeZone: 'UTC' });
    const simulator = createSimulator({ db, locks, events, people: createUsersRepository(db).people, now: () => clock, door, grants });
    lockdowns.start({ all: true }, manager);
    const since = db.prepare('SELECT max(eventid) FROM events').pluck().get() as number;
    for (let i = 0; i < 100; i += 1) {
      clock = new Date(clock.getTime() + TICK_MS);
      simulator.tick();
    }
    const doorEvents = db.prepare(`SELECT event_type, reason FROM events WHERE eventid > ? AND event_type IN ('unlocked', 'access_denied')`).all(since);
    expect(doorEvents.length).toBeGreaterThan(0);
    expect(doorEvents.filter((e) => (e as { reason: string | null }).reason !== 'lockdown')).toEqual([]);
  });
});
