import type Database from 'better-sqlite3';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { openDatabase } from './db/open-database';
import { seedDatabase } from './db/seed';
import { installErrorHandlers, installJsonParser } from './http/errors';
import { registerEventRoutes } from './events/event-routes';
import { createEventsRepository } from './events/events-repository';
import { registerLockRoutes } from './locks/lock-routes';
import { createLocksRepository } from './locks/locks-repository';
import { createSimulator } from './simulator/simulator';
import type { Simulator } from './simulator/simulator';
import { registerUploadRoutes } from './uploads/upload-routes';
import { registerAuth } from './users/auth';
import { createTokensRepository } from './users/tokens-repository';
import { createUsersRepository } from './users/users-repository';

export type { Simulator } from './simulator/simulator';

export interface PlatformOptions {
  /** A file path, or ':memory:'. */
  dbPath: string;
  /** Default true; false freezes the fleet. */
  simulator?: boolean;
  /** Demo fleet size (default 240) and days of seeded event history (default 90). */
  seed?: { locks?: number; historyDays?: number };
  /** Default true: every /api/* except POST /api/login and /api/uploads/* needs a Bearer token. */
  requireAuth?: boolean;
  /** Default false. */
  logger?: boolean;
  /** Clock for seeding, the simulator and tests. */
  now?: () => Date;
}

export const DEFAULT_FLEET_SIZE = 240;
export const DEFAULT_HISTORY_DAYS = 90;
/** Request bodies are small JSON documents. */
const BODY_LIMIT = 64 * 1024;

/** Builds the embedded Plus Platform (not listening yet). The simulator runs when `simulator` is on. */
export async function buildPlatform(
  opts: PlatformOptions,
): Promise<{ app: FastifyInstance; db: Database.Database; simulator: Simulator }> {
  const now = opts.now ?? (() => new Date());
  const db = openDatabase(opts.dbPath);
  seedDatabase(db, {
    locks: opts.seed?.locks ?? DEFAULT_FLEET_SIZE,
    historyDays: opts.seed?.historyDays ?? DEFAULT_HISTORY_DAYS,
    now: now(),
  });
  const locks = createLocksRepository(db);
  const events = createEventsRepository(db);
  const users = createUsersRepository(db);
  const tokens = createTokensRepository(db, now);
  const simulator = createSimulator({ db, locks, events, people: users.people, now });

  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: BODY_LIMIT });
  installErrorHandlers(app);
  // JSON only: any other body is answered 415.
  app.removeContentTypeParser('text/plain');
  installJsonParser(app);
  registerAuth(app, { users, tokens, requireAuth: opts.requireAuth ?? true });
  registerUploadRoutes(app);
  registerLockRoutes(app, { db, locks, events, now });
  registerEventRoutes(app, events, locks);

  app.addHook('onClose', async () => {
    simulator.stop();
    db.close();
  });
  if (opts.simulator ?? true) simulator.start();
  await app.ready();
  return { app, db, simulator };
}

/** Builds the platform and listens (host 127.0.0.1, port 0 = a free one by default). */
export async function startPlatform(
  opts: PlatformOptions & { host?: string; port?: number },
): Promise<{ url: string; db: Database.Database; simulator: Simulator; close(): Promise<void> }> {
  const { app, db, simulator } = await buildPlatform(opts);
  const host = opts.host ?? '127.0.0.1';
  await app.listen({ host, port: opts.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return { url: `http://${urlHost}:${port}`, db, simulator, close: () => app.close() };
}
