import type Database from 'better-sqlite3';
import {
  EVENT_INDEXES,
  LOCK_INDEXES,
  LOCK_SEARCH_TRIGGERS,
  createEventIndexes,
  createLockIndexes,
  createLockSearchTriggers,
  fillLockSearchIndexes,
} from './migrations';

/**
 * Runs `load` (which inserts many locks) inside one transaction with the lock indexes and search
 * triggers set aside, then builds them once: about 4× faster than maintaining them row by row
 * (100,000 locks). Only for filling an empty table.
 */
export function bulkLoadLocks(db: Database.Database, load: () => void): void {
  db.transaction(() => {
    for (const [name] of LOCK_SEARCH_TRIGGERS) db.exec(`DROP TRIGGER ${name}`);
    for (const [name] of LOCK_INDEXES) db.exec(`DROP INDEX ${name}`);
    load();
    db.exec(createLockIndexes());
    db.exec(fillLockSearchIndexes());
    db.exec(createLockSearchTriggers());
  })();
}

/** Runs `load` (many event inserts, in date order) with the event indexes built once afterwards. */
export function bulkLoadEvents(db: Database.Database, load: () => void): void {
  db.transaction(() => {
    for (const [name] of EVENT_INDEXES) db.exec(`DROP INDEX ${name}`);
    load();
    db.exec(createEventIndexes());
  })();
}
