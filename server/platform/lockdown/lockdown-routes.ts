import type { FastifyInstance, FastifyRequest } from 'fastify';
import { lockdownBodySchema, lockdownIdParamsSchema, lockdownListQuerySchema } from '../../../contract/schedules';
import type { LockdownScope } from '../../../contract/schedules';
import { HttpError, pageEnvelope, parseOr400 } from '../http/errors';
import { UnknownGroupsError } from './lockdowns-repository';
import type { LockdownActor, LockdownsRepository } from './lockdowns-repository';

/** Who asks: the Bearer token's account (a platform run without sign-in answers for "someone"). */
function actorOf(request: FastifyRequest): LockdownActor {
  const user = request.platformUser;
  return { userid: user?.userid ?? null, name: user?.name ?? 'someone' };
}

/**
 * `GET /api/lockdowns?state=active|all`, `POST /api/lockdowns {all: true} | {groupids}` and
 * `POST /api/lockdowns/:lockdownid/lift`. Roles are the gateway's; the platform's sign-in already
 * refuses state changes to support and the service account.
 */
export function registerLockdownRoutes(app: FastifyInstance, lockdowns: LockdownsRepository): void {
  app.get('/api/lockdowns', async (request) => {
    const { state } = parseOr400(lockdownListQuerySchema, request.query);
    const lockdownslist = lockdowns.list(state);
    return { ...pageEnvelope(lockdownslist.length, Math.max(1, lockdownslist.length), 1), lockdownslist };
  });

  app.post('/api/lockdowns', async (request) => {
    const body = parseOr400(lockdownBodySchema, request.body);
    const scope: LockdownScope = body.groupids === undefined ? { all: true } : { groupids: [...new Set(body.groupids)] };
    try {
      const lockdown = lockdowns.start(scope, actorOf(request));
      const pending = lockdown.pending_lockids.length;
      const msg = `Lockdown started: ${lockdown.lock_count - pending} locked${pending > 0 ? `, ${pending} offline (locked when back)` : ''}`;
      return { status: 1 as const, msg, lockdown };
    } catch (error) {
      if (error instanceof UnknownGroupsError) throw new HttpError(400, error.message);
      throw error;
    }
  });

  app.post('/api/lockdowns/:lockdownid/lift', async (request) => {
    const { lockdownid } = parseOr400(lockdownIdParamsSchema, request.params);
    const lockdown = lockdowns.lift(lockdownid, actorOf(request));
    if (lockdown === undefined) throw new HttpError(404, `No lockdown ${lockdownid} on this platform`);
    if (lockdown === 'lifted') throw new HttpError(409, `Lockdown ${lockdownid} is already lifted`);
    return { status: 1 as const, msg: 'Lockdown lifted', lockdown };
  });
}
