import type Database from 'better-sqlite3';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { clientErrorHandler, refuseConnect, requestTimeoutOptions, routeRefusedTargets } from '../http-edge';
import { isTimeZone } from '../../contract/platform-date';
import { registerAccessRoutes } from './access/access-routes';
import { createDoor } from './access/door';
import { createDoorDecision } from './access/door-decision';
import type { DoorUse, DoorUseResult } from './access/door';
import { createGrantsRepository } from './access/grants-repository';
import { createPeopleRepository } from './access/people-repository';
import { openDatabase } from './db/open-database';
import { seedDatabase } from './db/seed';
import { installErrorHandlers, installJsonParser } from './http/errors';
import { registerRefusedTargetRoute } from './http/refused-targets';
import { registerEventRoutes } from './events/event-routes';
import { createEventsRepository } from './events/events-repository';
import { createLockdownsRepository } from './lockdown/lockdowns-repository';
import { registerLockdownRoutes } from './lockdown/lockdown-routes';
import { createLockGroupsRepository } from './lockgroups/lockgroups-repository';
import { registerLockGroupRoutes } from './lockgroups/lockgroups-routes';
import { registerLockRoutes } from './locks/lock-routes';
import { type PlatformQuirks, installVendorQuirks } from './quirks/vendor-quirks';
import { createLocksRepository } from './locks/locks-repository';
import { createRelocker } from './locks/relocker';
import type { Relocker } from './locks/relocker';
import { registerPassesAndAccessCheck } from './passes/register';
import { registerReadings } from './readings/register';
import type { PassExpiry } from './passes/pass-expiry';
import { createSimulator } from './simulator/simulator';
import type { Simulator } from './simulator/simulator';
import { stopPromptly } from '../stop-promptly';
import { withLockSchedules } from './schedules/lock-rows';
import { registerScheduleRoutes } from './schedules/schedule-routes';
import { createScheduler } from './schedules/scheduler';
import type { Scheduler } from './schedules/scheduler';
import { createSchedulesRepository } from './schedules/schedules-repository';
import { registerReportRoutes } from './reports/report-routes';
import { registerUploadRoutes } from './uploads/upload-routes';
import { createPeopleImport } from './people/import';
import { createLifecycle, createResumer } from './people/lifecycle';
import type { Resumer } from './people/lifecycle';
import { registerImportRoute, registerLifecycleRoutes, registerRoleRoutes } from './people/people-routes';
import { createRolesRepository } from './people/roles-repository';
import { registerAuth } from './users/auth';
import { createLoginLimiter } from './users/login-limiter';
import { createServiceAccount } from './users/service-account';
import { createTokensRepository } from './users/tokens-repository';
import { createUsersRepository } from './users/users-repository';

export type { Simulator } from './simulator/simulator';
export type { Relocker } from './locks/relocker';
export type { Scheduler } from './schedules/scheduler';
export type { Resumer } from './people/lifecycle';
export type { DoorUse, DoorUseResult } from './access/door';

export interface PlatformOptions {
  /** A file path, or ':memory:'. */
  dbPath: string;
  /** Default true; false freezes the fleet. */
  simulator?: boolean;
  /** Demo fleet size (default 240) and days of seeded event history (default 90). */
  seed?: { locks?: number; historyDays?: number };
  /** Default true: every route but POST /api/login and the pictures needs a Bearer token. */
  requireAuth?: boolean;
  /** Failed sign-ins allowed a minute per IP+email (default 5; 4× that per IP). */
  loginRateLimit?: number;
  /** Longest time a whole request (headers and body) may take to arrive, in ms (default 30 s). */
  requestTimeoutMs?: number;
  /** Default false. */
  logger?: boolean;
  /** `vendor`: answer like a real vendor host (quirks/vendor-quirks.ts); default: cleanly. */
  quirks?: PlatformQuirks;
  /** Clock for seeding, the simulator, timed unlocks and tests. */
  now?: () => Date;
  /**
   * PLUS_TIMEZONE (default UTC): the wall clock on which grants' dates, weekdays and hours are
   * read (and the seeded schedules written).
   */
  timeZone?: string;
  /** Where keypad codes come from: an integer in [0, below) (default crypto.randomInt; tests). */
  random?: (below: number) => number;
  /** The read-only service account's password (default: random at every start). */
  servicePassword?: string;
}

/** The embedded platform, built: its server and the parts tests drive in-process. */
export interface BuiltPlatform {
  app: FastifyInstance;
  db: Database.Database;
  simulator: Simulator;
  relocker: Relocker;
  scheduler: Scheduler;
  /** Notes visitor passes that ran out (one `access_expired` each); tests tick it on their clock. */
  passExpiry: PassExpiry;
  /** Ends suspensions at their `suspended_until`. */
  resumer: Resumer;
  useDoor: UseDoor;
  serviceAccount: ServiceAccount;
}

export const DEFAULT_FLEET_SIZE = 240;
export const DEFAULT_HISTORY_DAYS = 90;
export const DEFAULT_LOGIN_RATE_LIMIT = 5;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/** Request bodies are small JSON documents. */
const BODY_LIMIT = 64 * 1024;

/**
 * Builds the embedded Plus Platform (not listening yet). The simulator runs when `simulator` is on;
 * the relocker (timed unlocks) always runs.
 */
export async function buildPlatform(opts: PlatformOptions): Promise<BuiltPlatform> {
  const now = opts.now ?? (() => new Date());
  const timeZone = opts.timeZone ?? 'UTC';
  if (!isTimeZone(timeZone)) throw new Error(`timeZone ${timeZone} is not an IANA time zone`);
  const loginRateLimit = opts.loginRateLimit ?? DEFAULT_LOGIN_RATE_LIMIT;
  const requestTimeout = opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  if (!Number.isSafeInteger(loginRateLimit) || loginRateLimit < 1) throw new Error('loginRateLimit must be a whole number ≥ 1');
  if (!Number.isSafeInteger(requestTimeout) || requestTimeout < 1) throw new Error('requestTimeoutMs must be a whole number ≥ 1');
  const db = openDatabase(opts.dbPath);
  seedDatabase(db, {
    locks: opts.seed?.locks ?? DEFAULT_FLEET_SIZE,
    historyDays: opts.seed?.historyDays ?? DEFAULT_HISTORY_DAYS,
    now: now(),
    timeZone,
  });
  const locks = createLocksRepository(db);
  const events = createEventsRepository(db);
  const groups = createLockGroupsRepository(db, now);
  const users = createUsersRepository(db);
  const tokens = createTokensRepository(db, now);
  const grants = createGrantsRepository(db, { now, timeZone, events, random: opts.random });
  const people = createPeopleRepository(db, now);
  const roles = createRolesRepository({ db, grants, resolveLock: (lockid) => locks.resolve(lockid), now });
  const lifecycle = createLifecycle({ db, people, grants, roles, now, timeZone });
  const resumer = createResumer(lifecycle);
  const schedules = createSchedulesRepository(db, now);
  const scheduler = createScheduler({ db, schedules, locks, events, now });
  // One decision for the door and for GET /api/access-check.
  const decision = createDoorDecision({ db, grants, timeZone });
  const door = createDoor({ db, grants, events, locks, now, timeZone, firstPersonIn: scheduler.personIn, decision });
  // Lifting a lockdown gives its doors back to their schedules: the state due now.
  const lockdowns = createLockdownsRepository({ db, locks, events, now, afterLift: (lockids) => scheduler.applyNow(lockids) });
  const lockPending = (lockid?: string) => lockdowns.lockPending(lockid);
  const simulator = createSimulator({ db, locks, events, people: users.people, now, door, grants, onBackOnline: lockPending });
  const relocker = createRelocker({ db, locks, events, now, lockPendingLockdowns: lockPending });

  const service = createServiceAccount(now, opts.servicePassword);
  const limiter = createLoginLimiter({ perEmail: loginRateLimit, perIp: loginRateLimit * 4, now: () => now().getTime() });

  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: BODY_LIMIT,
    // Non-canonical targets never reach a route (DESIGN.md, Security).
    rewriteUrl: routeRefusedTargets,
    // The gateway beside it passes on the browser's address (the sign-in limits count per address);
    // from anywhere but loopback, X-Forwarded-For is ignored.
    trustProxy: 'loopback',
    clientErrorHandler,
    ...requestTimeoutOptions(requestTimeout),
  });
  app.server.on('connect', refuseConnect);
  stopPromptly(app);
  installErrorHandlers(app);
  // JSON only: any other body is answered 415.
  app.removeContentTypeParser('text/plain');
  installJsonParser(app);
  if (opts.quirks === 'vendor') installVendorQuirks(app);
  registerRefusedTargetRoute(app);
  registerAuth(app, { users, tokens, limiter, requireAuth: opts.requireAuth ?? true, service });
  registerUploadRoutes(app);
  registerLockRoutes(app, { db, locks, groups: withLockSchedules(groups, scheduler), events, now, scheduler });
  registerLockGroupRoutes(app, groups, {
    endGrants: (groupid, actor) => grants.endGroupGrants(groupid, actor),
    locksWithSharedCode: (lockids) => grants.locksWithSharedCode(lockids),
    history: { events, now },
  });
  registerEventRoutes(app, db, events, locks);
  registerAccessRoutes(app, { people, grants, locks, groups, lifecycle });
  registerRoleRoutes(app, roles);
  registerLifecycleRoutes(app, lifecycle);
  registerImportRoute(app, createPeopleImport({ db, people, roles }));
  registerScheduleRoutes(app, { schedules, scheduler, now, timeZone });
  registerLockdownRoutes(app, lockdowns);
  registerReadings(app, { db, locks, now, sample: opts.simulator ?? true });
  registerReportRoutes(app, { db, now, timeZone, resolveLock: (lockid) => locks.resolve(lockid) });
  const passExpiry = registerPassesAndAccessCheck(app, { db, decision, grants, people, locks, groups, events, now, timeZone });

  app.addHook('onClose', async () => {
    simulator.stop();
    relocker.stop();
    scheduler.stop();
    passExpiry.stop();
    resumer.stop();
    db.close();
  });
  if (opts.simulator ?? true) simulator.start();
  relocker.start();
  scheduler.start();
  passExpiry.start();
  resumer.start();
  await app.ready();
  return { app, db, simulator, relocker, scheduler, passExpiry, resumer, useDoor: (use) => door.use(use), serviceAccount: service.credentials };
}

/**
 * The embedded platform's read-only account for the gateway's notifier (role `service`: GET of
 * locks, events and lock groups only), with a random password made at this start.
 */
export interface ServiceAccount {
  email: string;
  password: string;
}

/**
 * The test hook (in-process, like `db`; deliberately no route, which would be a way around the
 * gate): a person tries a door with a method, now or `at`. Allowed, they pass (`unlocked`, then
 * `locked` by the system); refused, an `access_denied` event with its reason. Throws for an
 * unknown person or lock.
 */
export type UseDoor = (use: DoorUse) => DoorUseResult;

/** Builds the platform and listens (host 127.0.0.1, port 0 = a free one by default). */
export async function startPlatform(
  opts: PlatformOptions & { host?: string; port?: number },
): Promise<Omit<BuiltPlatform, 'app'> & { url: string; close(): Promise<void> }> {
  const { app, db, simulator, relocker, scheduler, passExpiry, resumer, useDoor, serviceAccount } = await buildPlatform(opts);
  const host = opts.host ?? '127.0.0.1';
  await app.listen({ host, port: opts.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return { url: `http://${urlHost}:${port}`, db, simulator, relocker, scheduler, passExpiry, resumer, useDoor, serviceAccount, close: () => app.close() };
}
