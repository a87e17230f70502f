import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Store, type StoreDialect, type StoreOptions, openStore } from '../server/store/store';
import { type TestPostgres, startPostgres } from './postgres';

/**
 * The store's two engines, for running one suite on both:
 *
 *     describe.each(STORE_ENGINES)('on %s', (engine) => {
 *       let store: Store;
 *       beforeEach(async () => { store = await openTestStore(engine); });
 *       ...
 *     });
 *     afterAll(closeTestStores);
 */
export const STORE_ENGINES = ['sqlite', 'postgres'] as const satisfies readonly StoreDialect[];
export type StoreEngine = (typeof STORE_ENGINES)[number];

// One PostgreSQL server per test file (Vitest gives each file its own module state), started at first use.
let server: Promise<TestPostgres> | null = null;
const opened = new Set<Store>();
const folders: string[] = [];

/** This test file's PostgreSQL server, started on first use (closeTestStores stops it). */
export function testPostgres(): Promise<TestPostgres> {
  server ??= startPostgres();
  return server;
}

/**
 * Where a fresh, empty store is, for code that opens the store itself (a gateway copy): PostgreSQL, a
 * new database on this file's server (`{databaseUrl}`, the gateway's DATABASE_URL); SQLite, a new
 * folder (`{dataDir}`, the gateway's DATA_DIR). Several openStore calls with the same options share it.
 */
export async function freshStoreOptions(engine: StoreEngine): Promise<StoreOptions> {
  if (engine === 'postgres') return { databaseUrl: await (await testPostgres()).createDatabase() };
  const dataDir = mkdtempSync(join(tmpdir(), 'lockboard-store-'));
  folders.push(dataDir);
  return { dataDir };
}

/**
 * A fresh, migrated store of its own: a new PostgreSQL database, or an SQLite store in memory.
 * Its close() may be called any number of times; closeTestStores() closes whatever is left.
 */
export async function openTestStore(engine: StoreEngine): Promise<Store> {
  const options = engine === 'postgres' ? await freshStoreOptions(engine) : { file: ':memory:' };
  const store = await openStore(options);
  let closing: Promise<void> | null = null;
  const tracked: Store = {
    ...store,
    close: () => {
      opened.delete(tracked);
      closing ??= store.close();
      return closing;
    },
  };
  opened.add(tracked);
  return tracked;
}

/** Closes every store openTestStore opened, stops this file's PostgreSQL and removes the temp folders. */
export async function closeTestStores(): Promise<void> {
  await Promise.all([...opened].map((store) => store.close()));
  const running = server;
  server = null;
  // A server that never started has nothing to stop (its own failure was reported where it happened).
  if (running) await running.then((pg) => pg.stop(), () => undefined);
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
}
