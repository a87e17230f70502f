import type { FastifyInstance } from 'fastify';
import { deliveriesQuerySchema, outboxQuerySchema } from '../../../contract/team-alerts-schemas';
import { gatewayRoute } from '../route-table';
import { LogsRepository } from './logs-repository';
import { parseOr400, userOr401 } from './route-kit';
import type { TeamAlertsServices } from './services';

/** The delivery log and the mail outbox (manager only). */
export async function logRoutes(app: FastifyInstance, options: { services: TeamAlertsServices }) {
  const logs = new LogsRepository(options.services.store.db);

  gatewayRoute(app, 'GET', '/api/deliveries', async (request, reply) => {
    const query = userOr401(request, reply) && parseOr400(deliveriesQuerySchema, request.query, reply);
    if (!query) return reply;
    reply.header('cache-control', 'no-store');
    return { status: 1, msg: '', deliverieslist: await logs.deliveries(query) };
  });

  gatewayRoute(app, 'GET', '/api/outbox', async (request, reply) => {
    const query = userOr401(request, reply) && parseOr400(outboxQuerySchema, request.query, reply);
    if (!query) return reply;
    reply.header('cache-control', 'no-store');
    return { status: 1, msg: '', messageslist: await logs.outbox(query) };
  });
}
