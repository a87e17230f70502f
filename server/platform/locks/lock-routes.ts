import type Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { toPlatformDate } from '../../../contract/envelope';
import { LOCK_COMMANDS, lockIdParamsSchema, lockListQuerySchema } from '../../../contract/locks';
import type { LockListResponse, LockResponse } from '../../../contract/locks';
import type { EventsRepository } from '../events/events-repository';
import { HttpError, parseOr400 } from '../http/errors';
import type { LocksRepository } from './locks-repository';

export const noSuchLock = (lockid: string) => new HttpError(404, `No lock ${lockid} on this platform`);

/**
 * `GET /api/locks` (the vendor's documented list), `/api/locks/summary`, `/api/locks/:lockid`, and
 * the remote commands `POST /api/locks/:lockid/lock|unlock`.
 */
export function registerLockRoutes(
  app: FastifyInstance,
  deps: { db: Database.Database; locks: LocksRepository; events: EventsRepository; now: () => Date },
): void {
  const { db, locks, events, now } = deps;
  app.get('/api/locks', async (request): Promise<LockListResponse> => {
    const query = parseOr400(lockListQuerySchema, request.query);
    const page = locks.list(query);
    return {
      status: 1,
      msg: '',
      totalCount: page.totalCount,
      totalPage: Math.ceil(page.totalCount / query.limit),
      currentPage: query.pagenumber,
      lockslist: page.locks,
    };
  });

  app.get('/api/locks/summary', async () => ({ status: 1 as const, msg: '', summary: locks.summary() }));

  app.get('/api/locks/:lockid', async (request): Promise<LockResponse> => {
    const { lockid } = parseOr400(lockIdParamsSchema, request.params);
    const lock = locks.get(lockid);
    if (!lock) throw noSuchLock(lockid);
    return { status: 1, msg: '', lock };
  });

  // A command always reaches the lock and is always recorded, even when the lock is already in
  // that state (locking a locked door is harmless and the audit trail shows who asked).
  for (const command of LOCK_COMMANDS) {
    app.post(`/api/locks/:lockid/${command}`, async (request): Promise<LockResponse> => {
      const { lockid } = parseOr400(lockIdParamsSchema, request.params);
      const user = request.platformUser;
      const lock = db.transaction(() => {
        const current = locks.get(lockid);
        if (!current) throw noSuchLock(lockid);
        if (current.lock_online_status !== 1) throw new HttpError(409, `${current.lockname} is offline`);
        locks.setOpen(lockid, command === 'unlock' ? 1 : 0);
        events.insert({
          lockid,
          lockname: current.lockname,
          event_type: command === 'unlock' ? 'unlocked' : 'locked',
          userid: user?.userid ?? null,
          username: user?.name ?? null,
          method: 'remote',
          event_date: toPlatformDate(now()),
          battery_level: null,
        });
        return locks.get(lockid);
      })();
      if (!lock) throw noSuchLock(lockid);
      return { status: 1, msg: `${lock.lockname} ${command === 'unlock' ? 'unlocked' : 'locked'}`, lock };
    });
  }
}
