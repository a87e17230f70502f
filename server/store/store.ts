import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { ensurePrivateDir } from '../config';
import { storeMigrations } from './migrations';
import { NulSafePlugin } from './nul-safe-plugin';
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
const NUMERIC_OID = 1700;

function postgresPool(url: string): pg.Pool {
  // Times are epoch milliseconds in bigint columns, counts are bigint and sums numeric: read them as
  // numbers, as SQLite gives them (safe up to 2^53, far past any time, count or sum kept here).
  const getTypeParser = ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID || oid === NUMERIC_OID ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser;
  // A server out of reach fails a query (and openStore) after 10 s instead of waiting forever.
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 10_000, types: { getTypeParser } });
  // An idle pooled connection that breaks (PostgreSQL restarted, a network cut) is dropped by the pool and
  // replaced on the next query; unheard, its 'error' event would end the process.
  pool.on('error', () => undefined);
  return pool;
}

/** The URL without its passwords (pg also reads `?password=` and `?sslpassword=`). */
function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    for (const key of ['password', 'sslpassword']) if (parsed.searchParams.has(key)) parsed.searchParams.set(key, '***');
    return parsed.toString().replaceAll('%2A%2A%2A', '***');
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
  let exclusive: SQLite.Database | undefined;
  const plugins = [new NulSafePlugin()];
  if (options.databaseUrl) {
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: postgresPool(options.databaseUrl) }), plugins });
    store = { db, dialect: 'postgres', where: redacted(options.databaseUrl), close: () => db.destroy() };
  } else {
    const file = sqliteFile(options);
    const database = new SQLite(file);
    database.pragma('journal_mode = WAL');
    // In WAL mode NORMAL loses nothing when the process dies (SIGKILL included), only on a power cut,
    // and spares an fsync per commit: the notifier commits several times a second.
    database.pragma('synchronous = NORMAL');
    database.pragma('busy_timeout = 5000');
    database.pragma('foreign_keys = ON');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }), plugins });
    store = { db, dialect: 'sqlite', where: file, close: () => db.destroy() };
    exclusive = database;
  }
  try {
    await reachable(store);
    await (exclusive ? migrateExclusively(store, exclusive) : migrate(store));
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

/** The reason of an error, also for Node's AggregateError (every address of a host refused) whose message is empty. */
function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && !error.message) return error.errors.map(reasonOf).join('; ');
  if (error instanceof Error) return error.message || String((error as { code?: unknown }).code ?? error.name);
  return String(error);
}

async function reachable(store: Store): Promise<void> {
  try {
    await sql`select 1`.execute(store.db);
  } catch (error) {
    throw new Error(`The gateway's store (${store.where}) could not be opened: ${reasonOf(error)}`, { cause: error });
  }
}

/**
 * SQLite: Kysely takes no lock of its own there, so two processes (or two opens in one) starting on a new
 * file would both create the tables. The migrations run in one write transaction instead; an open that
 * finds the file busy waits its turn without blocking the event loop.
 */
async function migrateExclusively(store: Store, database: SQLite.Database): Promise<void> {
  const deadline = Date.now() + 30_000;
  database.pragma('busy_timeout = 0');
  try {
    for (;;) {
      try {
        database.exec('BEGIN IMMEDIATE');
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }
  } finally {
    database.pragma('busy_timeout = 5000');
  }
  try {
    await migrate(store);
    database.exec('COMMIT');
  } catch (error) {
    if (database.inTransaction) database.exec('ROLLBACK');
    throw error;
  }
}

async function migrate(store: Store): Promise<void> {
  const migrator = new Migrator({
    db: store.db,
    provider: { getMigrations: async () => storeMigrations(store.dialect) },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'a migration';
    throw new Error(`The gateway's store (${store.where}) could not be migrated (${failed}): ${reasonOf(error)}`);
  }
}
