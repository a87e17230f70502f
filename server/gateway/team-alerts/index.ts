import type { FastifyInstance } from 'fastify';
import type { AuditLog } from '../audit-log';
import { alertRoutes } from './alert-routes';
import { contactRoutes } from './contact-routes';
import { logRoutes } from './log-routes';
import { ruleRoutes } from './rule-routes';
import type { TeamAlertsServices } from './services';

export type { AlertMessenger, ContactTestResult, TeamAlertsMessenger, TeamAlertsServices } from './services';

/** Every team-alerts route of the route table (DESIGN.md, Team alerts), over the gateway's store. */
export async function teamAlertsRoutes(
  app: FastifyInstance,
  options: { services: TeamAlertsServices; audit: AuditLog; webhookAllowHosts: readonly string[] },
) {
  await alertRoutes(app, options);
  await ruleRoutes(app, options);
  await contactRoutes(app, options);
  await logRoutes(app, options);
}
