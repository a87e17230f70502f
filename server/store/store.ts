import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { ensurePrivateDir } from '../config';
import { storeMigrations } from './migrations';
import type { Database } from './schema';

export type StoreDialect = 'sqlite' | 'postgres';

/** The gateway's store: one query layer (Kysely) over SQLite or PostgreSQL. */
export interface Store {
  db: Kysely<Database>;
  dialect: StoreDialect;
  /** Where it is, for messages (never the password of a DATABASE_URL). */
  where: string;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** `postgres://…`: PostgreSQL, shared by every copy. */
  databaseUrl?: string | null;
  /** Without databaseUrl: SQLite in this folder (`gateway.sqlite`). */
  dataDir?: string;
  /** Without either: an SQLite file here (':memory:' for a throw-away store). */
  file?: string;
}

const INT8_OID = 20;

function postgresPool(url: string): pg.Pool {
  // Times are epoch milliseconds in bigint columns, and counts are bigint: read them as numbers
  // (safe up to 2^53, far past any time or count kept here).
  const getTypeParser = ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser;
  return new pg.Pool({ connectionString: url, max: 10, types: { getTypeParser } });
}

function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'PostgreSQL';
  }
}

function sqliteFile(options: StoreOptions): string {
  if (options.dataDir) {
    ensurePrivateDir(options.dataDir);
    return join(options.dataDir, 'gateway.sqlite');
  }
  return options.file ?? ':memory:';
}

/** Opens the store and brings its tables up to date (the migrations run at every start). */
export async function openStore(options: StoreOptions): Promise<Store> {
  let store: Store;
  if (options.databaseUrl) {
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: postgresPool(options.databaseUrl) }) });
    store = { db, dialect: 'postgres', where: redacted(options.databaseUrl), close: () => db.destroy() };
  } else {
    const file = sqliteFile(options);
    const database = new SQLite(file);
    database.pragma('journal_mode = WAL');
    database.pragma('busy_timeout = 5000');
    database.pragma('foreign_keys = ON');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
    store = { db, dialect: 'sqlite', where: file, close: () => db.destroy() };
  }
  try {
    await migrate(store);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

async function migrate(store: Store): Promise<void> {
  const migrator = new Migrator({
    db: store.db,
    provider: { getMigrations: async () => storeMigrations(store.dialect) },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'a migration';
    throw new Error(`The gateway's store (${store.where}) could not be migrated (${failed}): ${String(error)}`);
  }
}
