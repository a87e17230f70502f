import type { FastifyInstance } from 'fastify';
import type { CreateGrantResponse } from '../../../contract/access';
import { grantIdParamsSchema } from '../../../contract/access';
import { createPassBodySchema, passIdParamsSchema, passListQuerySchema } from '../../../contract/people';
import type { Pass } from '../../../contract/people';
import { actorOf } from '../access/access-routes';
import type { GrantsRepository } from '../access/grants-repository';
import { HttpError, pageEnvelope, parseOr400 } from '../http/errors';
import type { LockGroupsRepository } from '../lockgroups/lockgroups-repository';
import type { LocksRepository } from '../locks/locks-repository';
import type { createGrantCodeRotation } from './grant-code';
import type { PassesRepository, PassTargets } from './passes-repository';

interface PassWithCode {
  status: 1;
  msg: string;
  pass: Pass;
  passcode: string;
}

/** The locks and groups a pass body names, resolved; 400 naming the first unknown one. */
function targetsOf(body: { lockids?: string[]; groupids?: number[] }, locks: LocksRepository, groups: LockGroupsRepository): PassTargets {
  const lockids = (body.lockids ?? []).map((asked) => {
    const lockid = locks.resolve(asked);
    if (lockid === undefined) throw new HttpError(400, `lockids: no lock ${asked} on this platform`);
    return lockid;
  });
  const groupids = body.groupids ?? [];
  const unknown = groupids.find((groupid) => !groups.exists(groupid));
  if (unknown !== undefined) throw new HttpError(400, `groupids: no lock group ${unknown} on this platform`);
  return { lockids: [...new Set(lockids)], groupids: [...new Set(groupids)] };
}

const noBody = (body: unknown) => {
  if (body !== undefined && (typeof body !== 'object' || body === null || Object.keys(body).length > 0)) throw new HttpError(400, 'This request takes no body');
};

/**
 * Visitor passes (`/api/passes…`) and a new code for a keypad grant. The answers that carry a code
 * are for the gateway, which mails the code and never passes it on (DESIGN.md); they are not cached.
 */
export function registerPassRoutes(
  app: FastifyInstance,
  deps: { passes: PassesRepository; grants: GrantsRepository; locks: LocksRepository; groups: LockGroupsRepository; rotateCode: ReturnType<typeof createGrantCodeRotation> },
): void {
  const { passes, grants, locks, groups, rotateCode } = deps;

  app.get('/api/passes', async (request) => {
    const query = parseOr400(passListQuerySchema, request.query);
    const page = passes.list(query);
    return { ...pageEnvelope(page.totalCount, query.limit, query.pagenumber), passeslist: page.passes };
  });

  app.post('/api/passes', async (request, reply): Promise<PassWithCode> => {
    reply.header('cache-control', 'no-store');
    const body = parseOr400(createPassBodySchema, request.body);
    const targets = targetsOf(body, locks, groups);
    const rule = { grantid: 0, method: 'keypad' as const, start_date: body.start_date, end_date: body.end_date, weekdays: null, start_time: null, end_time: null, revoked_date: null };
    if (grants.statusNow(rule) === 'expired') throw new HttpError(400, 'end_date: is already past');
    const { pass, passcode } = passes.create(body, targets, actorOf(request));
    return { status: 1, msg: `Visitor pass for ${pass.name} created`, pass, passcode };
  });

  app.post('/api/passes/:passid/resend', async (request, reply): Promise<PassWithCode> => {
    reply.header('cache-control', 'no-store');
    const { passid } = parseOr400(passIdParamsSchema, request.params);
    noBody(request.body);
    const { pass, passcode } = passes.resend(passid);
    return { status: 1, msg: `A new code for ${pass.name}; the old one no longer works`, pass, passcode };
  });

  app.delete('/api/passes/:passid', async (request) => {
    const { passid } = parseOr400(passIdParamsSchema, request.params);
    const pass = passes.end(passid, actorOf(request));
    return { status: 1, msg: `Visitor pass for ${pass.name} ended`, pass };
  });

  app.post('/api/grants/:grantid/passcode', async (request, reply): Promise<CreateGrantResponse & { passcode: string }> => {
    reply.header('cache-control', 'no-store');
    const { grantid } = parseOr400(grantIdParamsSchema, request.params);
    noBody(request.body);
    const { grant, passcode } = rotateCode(grantid);
    return { status: 1, msg: `A new code for ${grant.username}; the old one no longer works`, grant, passcode };
  });
}
