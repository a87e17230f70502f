import type Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { toPlatformDate } from '../../../contract/envelope';
import {
  LOCK_COMMANDS,
  lockBodySchema,
  lockIdParamsSchema,
  lockListQuerySchema,
  lockSummaryQuerySchema,
  unlockBodySchema,
} from '../../../contract/locks';
import type { LockListResponse, LockResponse } from '../../../contract/locks';
import { createAnswerCache } from '../db/answer-cache';
import type { EventsRepository } from '../events/events-repository';
import { HttpError, pageEnvelope, parseOr400 } from '../http/errors';
import type { LockGroupsRepository } from '../lockgroups/lockgroups-repository';
import { hidesPasswords, lockFor } from './lock-row';
import type { LocksRepository } from './locks-repository';

export const noSuchLock = (lockid: string) => new HttpError(404, `No lock ${lockid} on this platform`);

/** "for 15 minutes", "for 90 seconds". */
function forDuration(seconds: number): string {
  if (seconds % 60 !== 0) return `for ${seconds} seconds`;
  const minutes = seconds / 60;
  return minutes === 1 ? 'for 1 minute' : `for ${minutes} minutes`;
}

/**
 * A lock in lockdown opens only for an unlock with `override_reason` (423 without one); the door
 * stays in lockdown. Returns the text the `unlocked` event's actor carries ("lockdown override:
 * <reason>"), or null when the lock is not in lockdown.
 */
function lockdownOverride(lock: { lockname: string; lockdown?: 0 | 1 }, reason: string | undefined): string | null {
  if (lock.lockdown !== 1) return null;
  if (reason === undefined) throw new HttpError(423, `${lock.lockname} is in lockdown: only an unlock with an override reason opens it`);
  return `lockdown override: ${reason}`;
}

/**
 * `GET /api/locks` (the vendor's documented list), `/api/locks/summary`, `/api/locks/:lockid`, and
 * the remote commands `POST /api/locks/:lockid/lock|unlock`. A lock's address ignores case; the
 * answer carries its real lockid.
 */
export function registerLockRoutes(
  app: FastifyInstance,
  deps: {
    db: Database.Database;
    locks: LocksRepository;
    groups: LockGroupsRepository;
    events: EventsRepository;
    now: () => Date;
    /** Told of every remote command: on a lock a schedule drives, it wins until the schedule's next boundary. */
    scheduler?: { manualCommand(lockid: string): void };
  },
): void {
  const { db, locks, groups, events, now } = deps;
  // Every lock row carries its groups.
  const withGroups = (lock: LockResponse['lock']) => groups.withGroups([lock])[0] ?? lock;
  // The list and the chip counts depend on the data alone: each distinct answer is built once per
  // change of the data, however many dashboards poll it (db/answer-cache.ts).
  const answers = createAnswerCache(db);
  const json = 'application/json; charset=utf-8';
  app.get('/api/locks', async (request, reply) => {
    const query = parseOr400(lockListQuerySchema, request.query);
    // A support token never gets a lock's password (its answers are cached apart).
    const hide = hidesPasswords(request.platformUser);
    const answer = answers.get(`list ${hide ? 'hidden ' : ''}${JSON.stringify(query)}`, () => {
      const page = locks.list(query);
      const lockslist = groups.withGroups(page.locks).map((lock) => lockFor(lock, hide));
      const body: LockListResponse = { ...pageEnvelope(page.totalCount, query.limit, query.pagenumber), lockslist };
      return JSON.stringify(body);
    });
    return reply.type(json).send(answer);
  });

  app.get('/api/locks/summary', async (request, reply) => {
    const query = parseOr400(lockSummaryQuerySchema, request.query);
    const answer = answers.get(`summary ${JSON.stringify(query)}`, () => JSON.stringify({ status: 1 as const, msg: '', summary: locks.summary(query) }));
    return reply.type(json).send(answer);
  });

  app.get('/api/locks/:lockid', async (request): Promise<LockResponse> => {
    const { lockid } = parseOr400(lockIdParamsSchema, request.params);
    const lock = locks.get(lockid);
    if (!lock) throw noSuchLock(lockid);
    return { status: 1, msg: '', lock: lockFor(withGroups(lock), hidesPasswords(request.platformUser)) };
  });

  // A command always reaches the lock and is always recorded, even when the lock is already in
  // that state (locking a locked door is harmless and the audit trail shows who asked). Either
  // command replaces a pending relock: an unlock with `duration_s` sets a new one, anything else
  // cancels it.
  for (const command of LOCK_COMMANDS) {
    app.post(`/api/locks/:lockid/${command}`, async (request): Promise<LockResponse> => {
      const { lockid } = parseOr400(lockIdParamsSchema, request.params);
      const unlockBody = command === 'unlock' ? parseOr400(unlockBodySchema, request.body) : undefined;
      const duration = unlockBody?.duration_s;
      if (command === 'lock') parseOr400(lockBodySchema, request.body);
      const user = request.platformUser;
      const lock = db.transaction(() => {
        const current = locks.get(lockid);
        if (!current) throw noSuchLock(lockid);
        const override = command === 'unlock' ? lockdownOverride(current, unlockBody?.override_reason) : null;
        if (current.lock_online_status !== 1) throw new HttpError(409, `${current.lockname} is offline`);
        const at = now();
        const relockAt = duration === undefined ? null : toPlatformDate(new Date(at.getTime() + duration * 1000));
        locks.setOpen(current.lockid, command === 'unlock' ? 1 : 0, relockAt);
        events.insert({
          lockid: current.lockid,
          lockname: current.lockname,
          event_type: command === 'unlock' ? 'unlocked' : 'locked',
          userid: user?.userid ?? null,
          username: user?.name ?? null,
          method: 'remote',
          event_date: toPlatformDate(at),
          battery_level: null,
          actor: override === null ? (user?.name ?? null) : `${user?.name ?? 'someone'} (${override})`,
        });
        deps.scheduler?.manualCommand(current.lockid);
        return locks.get(current.lockid);
      })();
      if (!lock) throw noSuchLock(lockid);
      const done = command === 'unlock' ? `unlocked${duration === undefined ? '' : ` ${forDuration(duration)}`}` : 'locked';
      return { status: 1, msg: `${lock.lockname} ${done}`, lock: withGroups(lock) };
    });
  }
}
