import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  createGrantBodySchema,
  createPersonBodySchema,
  grantIdParamsSchema,
  grantListQuerySchema,
  personIdParamsSchema,
  personListQuerySchema,
  updatePersonBodySchema,
} from '../../../contract/access';
import type {
  CreateGrantResponse,
  GrantListResponse,
  GrantResponse,
  PasscodeResponse,
  PersonListResponse,
  PersonResponse,
  RevokeAllResponse,
} from '../../../contract/access';
import { HttpError, pageEnvelope, parseOr400 } from '../http/errors';
import type { LockGroupsRepository } from '../lockgroups/lockgroups-repository';
import type { LocksRepository } from '../locks/locks-repository';
import type { GrantsRepository } from './grants-repository';
import type { Lifecycle } from '../people/lifecycle';
import type { PeopleRepository } from './people-repository';

/** The dashboard account behind a change: `actor` on its events, `created_by`/`revoked_by` on grants. */
export const actorOf = (request: FastifyRequest): string | null => request.platformUser?.name ?? null;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * People (`/api/people…`) and grants (`/api/grants…`). Support accounts are refused every change
 * by the auth hook (users/auth.ts); reading is open to any signed-in account. The passcode travels
 * only in the answer of `POST /api/grants` and in `GET /api/grants/:grantid/passcode`, both of
 * which the gateway owns (DESIGN.md).
 */
export function registerAccessRoutes(
  app: FastifyInstance,
  deps: { people: PeopleRepository; grants: GrantsRepository; locks: LocksRepository; groups: LockGroupsRepository; lifecycle: Lifecycle },
): void {
  const { people, grants, locks, groups, lifecycle } = deps;

  app.get('/api/people', async (request): Promise<PersonListResponse> => {
    const query = parseOr400(personListQuerySchema, request.query);
    const page = people.list(query);
    return { ...pageEnvelope(page.totalCount, query.limit, query.pagenumber), peoplelist: page.people };
  });

  app.post('/api/people', async (request): Promise<PersonResponse> => {
    const body = parseOr400(createPersonBodySchema, request.body);
    const person = people.create(body);
    return { status: 1, msg: `${person.username} added`, person };
  });

  app.get('/api/people/:userid', async (request): Promise<PersonResponse> => {
    const { userid } = parseOr400(personIdParamsSchema, request.params);
    return { status: 1, msg: '', person: people.find(userid) };
  });

  app.put('/api/people/:userid', async (request): Promise<PersonResponse> => {
    const { userid } = parseOr400(personIdParamsSchema, request.params);
    const body = parseOr400(updatePersonBodySchema, request.body);
    const person = people.update(userid, body);
    return { status: 1, msg: `${person.username} saved`, person };
  });

  // Offboarding: everything the person can open (now or later) ends; their history stays.
  app.post('/api/people/:userid/revoke', async (request): Promise<RevokeAllResponse> => {
    const { userid } = parseOr400(personIdParamsSchema, request.params);
    if (request.body !== undefined && (typeof request.body !== 'object' || request.body === null || Object.keys(request.body).length > 0)) {
      throw new HttpError(400, 'This request takes no body');
    }
    const person = people.find(userid);
    // Grants from roles end with the person's memberships (a role would otherwise give them back).
    const revoked = lifecycle.revokeAll(userid, actorOf(request));
    const msg = revoked === 0 ? `${person.username} had no access to remove` : `Removed ${plural(revoked, 'grant', 'grants')} from ${person.username}`;
    return { status: 1, msg, revoked };
  });

  app.get('/api/grants', async (request): Promise<GrantListResponse> => {
    const query = parseOr400(grantListQuerySchema, request.query);
    const { pagenumber, limit, ...filters } = query;
    if (filters.lockid !== undefined) {
      const lockid = locks.resolve(filters.lockid);
      if (lockid === undefined) throw new HttpError(404, `lockid: no lock ${filters.lockid} on this platform`);
      filters.lockid = lockid;
    }
    if (filters.groupid !== undefined && !groups.exists(filters.groupid)) {
      throw new HttpError(404, `groupid: no lock group ${filters.groupid} on this platform`);
    }
    if (filters.userid !== undefined) people.find(filters.userid);
    const page = grants.list(filters, pagenumber, limit);
    return { ...pageEnvelope(page.totalCount, limit, pagenumber), grantslist: page.grants };
  });

  app.post('/api/grants', async (request, reply): Promise<CreateGrantResponse> => {
    // The answer may carry a keypad code.
    reply.header('cache-control', 'no-store');
    const body = parseOr400(createGrantBodySchema, request.body);
    const person = people.get(body.userid);
    if (!person) throw new HttpError(400, `userid: no person ${body.userid} on this platform`);
    if (person.status === 'archived') throw new HttpError(409, `userid: ${person.username} is archived`);
    let lockid: string | null = null;
    if (body.lockid !== undefined && body.lockid !== null) {
      lockid = locks.resolve(body.lockid) ?? null;
      if (lockid === null) throw new HttpError(400, `lockid: no lock ${body.lockid} on this platform`);
    }
    const groupid = body.groupid ?? null;
    if (groupid !== null && !groups.exists(groupid)) throw new HttpError(400, `groupid: no lock group ${groupid} on this platform`);
    const rule = {
      grantid: 0,
      method: body.method,
      start_date: body.start_date ?? null,
      end_date: body.end_date ?? null,
      weekdays: body.weekdays ?? null,
      start_time: body.start_time ?? null,
      end_time: body.end_time ?? null,
      revoked_date: null,
    };
    if (grants.statusNow(rule) === 'expired') throw new HttpError(400, 'end_date: is already past');
    const { revoked_date: _revoked, grantid: _id, ...schedule } = rule;
    const created = grants.create({ userid: person.userid, lockid, groupid, ...schedule }, actorOf(request));
    const { grant } = created;
    const target = grant.lockname ?? grant.groupname ?? '';
    const when = grant.status === 'scheduled' ? ` from ${grant.start_date}` : '';
    return { status: 1, msg: `${grant.username} can open ${target} (${grant.method})${when}`, ...created };
  });

  app.delete('/api/grants/:grantid', async (request): Promise<GrantResponse> => {
    const { grantid } = parseOr400(grantIdParamsSchema, request.params);
    const grant = grants.revoke(grantid, actorOf(request));
    return { status: 1, msg: `${grant.username} can no longer open ${grant.lockname ?? grant.groupname ?? ''} (${grant.method})`, grant };
  });

  app.get('/api/grants/:grantid/passcode', async (request, reply): Promise<PasscodeResponse> => {
    const { grantid } = parseOr400(grantIdParamsSchema, request.params);
    reply.header('cache-control', 'no-store');
    if (request.platformUser?.role === 'support') throw new HttpError(403, 'Only managers can reveal keypad codes');
    return { status: 1, msg: '', grantid, passcode: grants.passcode(grantid) };
  });
}
