import type { FastifyInstance } from 'fastify';
import { REFUSED_TARGET_PATH } from '../../http-edge';
import { HttpError } from './errors';

/**
 * The route `routeRefusedTargets` (the app's `rewriteUrl`) sends every non-canonical request
 * target to: 400 `{status: 0, msg}` for any method, before any token is read.
 */
export function registerRefusedTargetRoute(app: FastifyInstance): void {
  app.all(REFUSED_TARGET_PATH, {
    config: { platformAccess: 'public' },
    // Before any body is parsed: a refused address is refused for its address (not its content type).
    onRequest: async (request) => {
      throw new HttpError(400, request.raw.refusedTarget ?? 'The request target is not canonical');
    },
    handler: async (_request, reply) => reply,
  });
}
