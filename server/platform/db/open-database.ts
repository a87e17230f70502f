import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { bigramTokens } from '../locks/lock-search';
import { naturalSortKey } from '../locks/natural-sort';
import { MIGRATIONS } from './migrations';

/**
 * Opens (creating if needed) the platform's SQLite file: WAL, foreign keys, a page cache big
 * enough for a 100,000-lock fleet, the functions the schema calls (`lock_bigrams` in the search
 * triggers, `lock_name_key` behind the `name_key` column), and
 * every pending migration (tracked in `PRAGMA user_version`).
 */
export function openDatabase(path: string): Database.Database {
  if (path !== ':memory:' && path !== '') restrictFiles(path);
  const db = new Database(path);
  if (path !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -131072'); // KiB: 128 MiB
  db.pragma('temp_store = MEMORY');
  if (path !== ':memory:') db.pragma('mmap_size = 268435456');
  db.function('lock_bigrams', { deterministic: true }, (text: unknown) => bigramTokens(String(text ?? '')));
  db.function('lock_name_key', { deterministic: true }, (name: unknown) => naturalSortKey(String(name ?? '')));
  migrate(db);
  return db;
}

/**
 * The file holds lock passwords in clear and password hashes: owner-only (0600), in an owner-only
 * directory (0700) when we create it. SQLite gives the -wal and -shm files the main file's mode;
 * ones left by an older run are tightened too.
 */
function restrictFiles(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  closeSync(openSync(path, 'a', 0o600));
  for (const file of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) {
    if (existsSync(file)) chmodSync(file, 0o600);
  }
}

export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`database schema version ${current} is newer than this platform (${MIGRATIONS.length})`);
  }
  for (let version = current; version < MIGRATIONS.length; version += 1) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version] as string);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
