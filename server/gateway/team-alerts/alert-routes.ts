import type { FastifyInstance } from 'fastify';
import { ackBodySchema, readBodySchema, teamAlertsQuerySchema } from '../../../contract/team-alerts-schemas';
import { wireDateOrNull } from '../../store/wire';
import type { AuditLog } from '../audit-log';
import { gatewayRoute } from '../route-table';
import { AlertsRepository } from './alerts-repository';
import { RulesRepository } from './rules-repository';
import { auditChange, idOr400, notFound, parseOr400, userOr401 } from './route-kit';
import type { TeamAlertsServices } from './services';

/**
 * The team inbox (DESIGN.md, Team alerts): the list with the caller's read marks and the
 * notifier's state, acknowledging (manager), and the caller's own read marks (support too).
 */
export async function alertRoutes(app: FastifyInstance, options: { services: TeamAlertsServices; audit: AuditLog }) {
  const { services, audit } = options;
  const alerts = new AlertsRepository(services.store.db);
  const rules = new RulesRepository(services.store.db);

  gatewayRoute(app, 'GET', '/api/team-alerts', async (request, reply) => {
    const user = userOr401(request, reply);
    const query = user && parseOr400(teamAlertsQuerySchema, request.query, reply);
    if (!user || !query) return reply;
    reply.header('cache-control', 'no-store');
    const [page, notifier] = await Promise.all([
      query.state === 'open' ? alerts.open(query).then((rows) => ({ rows, total: rows.length })) : alerts.page(query),
      services.notifierStatus(),
    ]);
    const alertslist = await alerts.withReads(user.userid, page.rows);
    return { status: 1, msg: '', totalCount: page.total, alertslist, notifier };
  });

  gatewayRoute(app, 'POST', '/api/team-alerts/:alertid/ack', async (request, reply, route) => {
    const user = userOr401(request, reply);
    const alertid = user && idOr400(route, request, reply, 'alertid');
    const body = alertid && parseOr400(ackBodySchema, request.body, reply);
    if (!user || !alertid || !body) return reply;
    const before = await alerts.find(alertid);
    if (!before) return notFound(reply, `No such alert: ${alertid}`);
    const won = await services.store.db.transaction().execute(async (trx) => {
      const acked = await new AlertsRepository(trx).acknowledge(alertid, { userid: user.userid, name: user.name }, body.note || null, Date.now());
      if (acked) await auditChange(audit, request, user, 'alert-ack', `alert ${alertid} (${before.kind}): ${before.title}`, { within: trx });
      return acked;
    });
    const after = await alerts.find(alertid);
    if (!won || !after) {
      const by = after?.acked_by_name ?? 'someone else';
      await auditChange(audit, request, user, 'alert-ack', `alert ${alertid}: already acknowledged by ${by}`, { result: 'failed' });
      const msg = `Already acknowledged by ${by} at ${wireDateOrNull(after?.acked_at ?? null) ?? 'an earlier time'} (UTC)`;
      // The alert as it stands, so that the page can show who was first.
      const [alert] = after ? await alerts.withReads(user.userid, [after]) : [];
      return reply.code(409).send({ status: 0, msg, ...(alert ? { alert } : {}) });
    }
    await notifyAcknowledged(services, rules, after, request.log);
    const [alert] = await alerts.withReads(user.userid, [after]);
    return { status: 1, msg: '', alert };
  });

  gatewayRoute(app, 'POST', '/api/team-alerts/read', async (request, reply) => {
    const user = userOr401(request, reply);
    const body = user && parseOr400(readBodySchema, request.body, reply);
    if (!user || !body) return reply;
    if (body.all) await alerts.markAllRead(user.userid);
    else await alerts.markRead(user.userid, body.alertids ?? []);
    return { status: 1, msg: '' };
  });
}

/** Tells the rule's recipients (and, once escalated, its escalation list) that someone has it in hand. */
async function notifyAcknowledged(
  services: TeamAlertsServices,
  rules: RulesRepository,
  alert: { alertid: number; ruleid: number | null; escalated: number },
  log: { error(obj: object, msg: string): void },
) {
  const rule = alert.ruleid === null ? undefined : await rules.find(alert.ruleid);
  if (!rule) return;
  const contactids = [...new Set([...rule.contactids, ...(alert.escalated ? rule.escalate_contactids : [])])];
  if (contactids.length === 0) return;
  try {
    await services.messenger.enqueue({ alertid: alert.alertid, type: 'alert.acknowledged', contactids });
  } catch (error) {
    // The acknowledgement stands; only its message failed to queue.
    log.error({ err: error }, 'the acknowledgement message could not be queued');
  }
}
