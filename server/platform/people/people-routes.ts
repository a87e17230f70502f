import type { FastifyInstance } from 'fastify';
import { personIdParamsSchema } from '../../../contract/access';
import type { PersonResponse } from '../../../contract/access';
import {
  createRoleBodySchema,
  importQuerySchema,
  previewQuerySchema,
  roleIdParamsSchema,
  roleListQuerySchema,
  roleMembersBodySchema,
  suspendBodySchema,
  updateRoleBodySchema,
} from '../../../contract/people';
import { actorOf } from '../access/access-routes';
import { HttpError, pageEnvelope, parseOr400 } from '../http/errors';
import type { createPeopleImport } from './import';
import type { Lifecycle } from './lifecycle';
import type { RoleChangeResult, RolesRepository } from './roles-repository';

/** The largest CSV an import takes. */
export const IMPORT_BODY_LIMIT = 1024 * 1024;

const changeAnswer = (result: RoleChangeResult, done: string) =>
  result.preview !== undefined ? { status: 1 as const, msg: 'Preview: nothing was changed', preview: result.preview } : { status: 1 as const, msg: done, role: result.role };

function noBody(body: unknown): void {
  if (body !== undefined && (typeof body !== 'object' || body === null || Object.keys(body).length > 0)) throw new HttpError(400, 'This request takes no body');
}

/** Roles (`/api/roles…`; issue 25). Support accounts are refused every change by the auth hook. */
export function registerRoleRoutes(app: FastifyInstance, roles: RolesRepository): void {
  app.get('/api/roles', async (request) => {
    const query = parseOr400(roleListQuerySchema, request.query);
    const page = roles.list(query);
    return { ...pageEnvelope(page.totalCount, query.limit, query.pagenumber), roleslist: page.roles };
  });
  app.post('/api/roles', async (request) => {
    const body = parseOr400(createRoleBodySchema, request.body);
    const role = roles.create(body);
    return { status: 1, msg: `Role ${role.name} created`, role };
  });
  app.get('/api/roles/:roleid', async (request) => {
    const { roleid } = parseOr400(roleIdParamsSchema, request.params);
    return { status: 1, msg: '', role: roles.find(roleid) };
  });
  app.put('/api/roles/:roleid', async (request) => {
    const { roleid } = parseOr400(roleIdParamsSchema, request.params);
    const { preview } = parseOr400(previewQuerySchema, request.query);
    const body = parseOr400(updateRoleBodySchema, request.body);
    const result = roles.update(roleid, body, actorOf(request), preview === '1');
    return changeAnswer(result, `Role ${result.role?.name ?? ''} saved`);
  });
  app.put('/api/roles/:roleid/members', async (request) => {
    const { roleid } = parseOr400(roleIdParamsSchema, request.params);
    const { preview } = parseOr400(previewQuerySchema, request.query);
    const body = parseOr400(roleMembersBodySchema, request.body);
    const result = roles.changeMembers(roleid, body, actorOf(request), preview === '1');
    return changeAnswer(result, `Role ${result.role?.name ?? ''}: ${result.role?.member_count ?? 0} members`);
  });
  app.delete('/api/roles/:roleid', async (request) => {
    const { roleid } = parseOr400(roleIdParamsSchema, request.params);
    const role = roles.remove(roleid, actorOf(request));
    return { status: 1, msg: `Role ${role.name} deleted`, role };
  });
}

/** Suspend, reactivate, archive (`/api/people/:userid/…`). */
export function registerLifecycleRoutes(app: FastifyInstance, lifecycle: Lifecycle): void {
  app.post('/api/people/:userid/suspend', async (request): Promise<PersonResponse> => {
    const { userid } = parseOr400(personIdParamsSchema, request.params);
    const body = parseOr400(suspendBodySchema, request.body);
    const person = lifecycle.suspend(userid, body);
    const until = person.suspended_until === null || person.suspended_until === undefined ? '' : ` until ${person.suspended_until}`;
    return { status: 1, msg: `${person.username} is suspended${until}`, person };
  });
  app.post('/api/people/:userid/reactivate', async (request): Promise<PersonResponse> => {
    const { userid } = parseOr400(personIdParamsSchema, request.params);
    noBody(request.body);
    const person = lifecycle.reactivate(userid);
    return { status: 1, msg: `${person.username} is active again`, person };
  });
  app.post('/api/people/:userid/archive', async (request): Promise<PersonResponse> => {
    const { userid } = parseOr400(personIdParamsSchema, request.params);
    noBody(request.body);
    const person = lifecycle.archive(userid, actorOf(request));
    return { status: 1, msg: `${person.username} is archived`, person };
  });
}

/**
 * `POST /api/people/import[?dry_run=1]` with a `text/csv` body (at most 1 MB): the one route with a
 * body that is not JSON, so its parser lives in its own scope.
 */
export function registerImportRoute(app: FastifyInstance, peopleImport: ReturnType<typeof createPeopleImport>): void {
  void app.register(async (scope) => {
    scope.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT }, (_request, body, done) => done(null, body));
    scope.post('/api/people/import', { bodyLimit: IMPORT_BODY_LIMIT }, async (request, reply) => {
      const { dry_run } = parseOr400(importQuerySchema, request.query);
      if (typeof request.body !== 'string') throw new HttpError(415, 'Send the people as text/csv');
      const answer = peopleImport.run(request.body, { dryRun: dry_run === '1', actor: actorOf(request) });
      return reply.code(answer.status === 1 ? 200 : 400).send(answer);
    });
  });
}
