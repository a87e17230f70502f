import { randomBytes, scryptSync } from 'node:crypto';
import type Database from 'better-sqlite3';
import { createEventsRepository } from '../events/events-repository';
import { naturalSortKey } from '../locks/natural-sort';
import { createUsersRepository } from '../users/users-repository';
import { bulkLoadEvents, bulkLoadLocks } from './bulk-load';
import { CHECK_IDS_IN_NAME_ORDER } from './migrations';
import { generateFleet } from './demo-fleet';
import { seedDemoAccess } from './demo-access';
import { seedDemoGroups } from './demo-groups';
import type { SeedLock } from './demo-fleet';
import { generateHistory } from './demo-history';
import { seedDemoReadings } from './demo-readings';
import { DEMO_ACCOUNTS, DEMO_PEOPLE, FIRST_PERSON_ID } from './demo-people';
import { createRng } from './prng';
import { READINGS_KEPT_DAYS } from '../../../contract/reports';

export interface SeedOptions {
  locks: number;
  historyDays: number;
  now: Date;
  /** PLUS_TIMEZONE: the wall clock of the demo grants' schedules (default UTC). */
  timeZone?: string;
}

export const DEMO_SEED = 0x10cb0a2d;

/** The same format as users/password.ts `hashPassword`, synchronously (seeding only). */
function hashSync(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFC'), salt, 32, { N: 16384, r: 8, p: 1 });
  return ['scrypt', 16384, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/**
 * Seeds an empty database: the demo accounts and people, `locks` demo locks, their groups, the
 * people's grants, `historyDays` of events that agree with them and as many days of readings (up
 * to 90; a database from before readings gets 90 days once). Each part is skipped when its table
 * already holds rows. Deterministic (seeded PRNG) but for password salts; dates are relative to `now`.
 */
export function seedDatabase(db: Database.Database, opts: SeedOptions): void {
  const timeZone = opts.timeZone ?? 'UTC';
  const users = createUsersRepository(db);
  if (db.prepare('SELECT 1 FROM users LIMIT 1').get() === undefined) {
    db.transaction(() => {
      for (const account of DEMO_ACCOUNTS) {
        users.insert({ ...account, passwordHash: hashSync(account.password) });
      }
      DEMO_PEOPLE.forEach((name, i) => {
        users.insert({ userid: FIRST_PERSON_ID + i, name, email: null, role: 'person', passwordHash: null });
      });
    })();
  }
  if (db.prepare('SELECT 1 FROM locks LIMIT 1').get() !== undefined) {
    // A fleet from before lock groups or access gets its demo groups and grants once too (no
    // history for them: events written now with past dates would break the id order).
    seedDemoGroups(db, opts.now);
    seedDemoAccess(db, { now: opts.now, timeZone, rng: createRng(DEMO_SEED + 2) });
    seedDemoReadings(db, { now: opts.now, days: READINGS_KEPT_DAYS, seed: DEMO_SEED + 3 });
    return;
  }

  const rng = createRng(DEMO_SEED);
  // In name order (as the list sorts by default): ids then follow that order, which lets a
  // name-sorted search page straight from the search index (see locks-repository.ts).
  const fleet = inNameOrder(generateFleet(opts.locks, rng, opts.now));
  insertFleet(db, fleet);
  markIdsInNameOrder(db);
  seedDemoGroups(db, opts.now);
  const access = seedDemoAccess(db, { now: opts.now, timeZone, rng: createRng(DEMO_SEED + 2) }) ?? undefined;
  const history = generateHistory(fleet, users.people(), createRng(DEMO_SEED + 1), opts.now, opts.historyDays, access);
  const events = createEventsRepository(db);
  if (history.length > 0) bulkLoadEvents(db, () => events.insertMany(history));
  // As many days of readings as of history (tests that seed none stay fast).
  seedDemoReadings(db, { now: opts.now, days: opts.historyDays, seed: DEMO_SEED + 3 });
  // Move the new pages from the WAL into the database file: reads through a large WAL are slower.
  db.pragma('wal_checkpoint(TRUNCATE)');
}

/** Sorted like `ORDER BY name_key, lockid` (checked by markIdsInNameOrder). */
function inNameOrder(fleet: SeedLock[]): SeedLock[] {
  return fleet
    .map((lock) => ({ key: naturalSortKey(lock.lockname), lock }))
    .sort((a, b) => (a.key !== b.key ? (a.key < b.key ? -1 : 1) : a.lock.lockid < b.lock.lockid ? -1 : 1))
    .map(({ lock }) => lock);
}

/** Sets `ids_in_name_order` only after SQLite itself agrees that ids follow the name order. */
function markIdsInNameOrder(db: Database.Database): void {
  db.exec(CHECK_IDS_IN_NAME_ORDER);
}

function insertFleet(db: Database.Database, fleet: readonly SeedLock[]): void {
  const insert = db.prepare(`
    INSERT INTO locks (lockid, lockuserid, lockname, lock_open_status, lock_online_status, battery_level,
      lock_ssid, lock_password, mac_address, temperature, lock_model, online_updated_date, lock_pic)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  bulkLoadLocks(db, () => {
    for (const l of fleet) {
      insert.run(l.lockid, l.lockuserid, l.lockname, l.lock_open_status, l.lock_online_status, l.battery_level,
        l.lock_ssid, l.lock_password, l.mac_address, l.temperature, l.lock_model, l.online_updated_date, l.lock_pic);
    }
  });
}
