import type { FastifyInstance } from 'fastify';
import { accessCheckQuerySchema } from '../../../contract/people';
import type { AccessCheck } from '../../../contract/people';
import { parseOr400 } from '../http/errors';
import type { createAccessCheck } from './access-check';

/** `GET /api/access-check?userid&lockid[&method&at]` → `{check}`: any signed-in account may ask. */
export function registerAccessCheckRoute(app: FastifyInstance, check: ReturnType<typeof createAccessCheck>): void {
  app.get('/api/access-check', async (request): Promise<{ status: 1; msg: string; check: AccessCheck }> => {
    const query = parseOr400(accessCheckQuerySchema, request.query);
    return { status: 1, msg: '', check: check(query) };
  });
}
