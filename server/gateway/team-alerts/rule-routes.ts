import type { FastifyInstance, FastifyReply } from 'fastify';
import { type RuleBody, ruleBodySchema, ruleChangeSchema } from '../../../contract/team-alerts-schemas';
import type { AlertRule } from '../../../contract/team-alerts';
import { deny } from '../access';
import type { AuditLog } from '../audit-log';
import { gatewayRoute } from '../route-table';
import { ContactsRepository } from './contacts-repository';
import { RulesRepository } from './rules-repository';
import { auditChange, idOr400, notFound, parseOr400, userOr401 } from './route-kit';
import type { TeamAlertsServices } from './services';

const describe = (rule: AlertRule) => `rule ${rule.ruleid} "${rule.name}" (${rule.kind})`;

/** Alert rules: everyone signed in reads them; managers create, change and delete them (audited). */
export async function ruleRoutes(app: FastifyInstance, options: { services: TeamAlertsServices; audit: AuditLog }) {
  const { services, audit } = options;
  const rules = new RulesRepository(services.store.db);
  const contacts = new ContactsRepository(services.store.db);

  /** A rule may only name contacts that exist; undefined after a 400 naming the first that does not. */
  const contactsExist = async (rule: RuleBody, reply: FastifyReply): Promise<RuleBody | undefined> => {
    const missing = await contacts.firstMissing([...new Set([...rule.contactids, ...rule.escalate_contactids])]);
    if (missing === null) return rule;
    void deny(reply, 400, `No such contact: ${missing}`);
    return undefined;
  };

  gatewayRoute(app, 'GET', '/api/alert-rules', async (request, reply) => {
    if (!userOr401(request, reply)) return reply;
    reply.header('cache-control', 'no-store');
    return { status: 1, msg: '', ruleslist: await rules.list() };
  });

  gatewayRoute(app, 'POST', '/api/alert-rules', async (request, reply) => {
    const user = userOr401(request, reply);
    const parsed = user && parseOr400(ruleBodySchema, request.body, reply);
    const body = parsed && (await contactsExist(parsed, reply));
    if (!user || !body) return reply;
    const rule = await services.store.db.transaction().execute(async (trx) => {
      const created = await new RulesRepository(trx).create(body, Date.now());
      await auditChange(audit, request, user, 'rule-created', describe(created), { within: trx });
      return created;
    });
    return { status: 1, msg: '', rule };
  });

  gatewayRoute(app, 'PUT', '/api/alert-rules/:ruleid', async (request, reply, route) => {
    const user = userOr401(request, reply);
    const ruleid = user && idOr400(route, request, reply, 'ruleid');
    const change = ruleid && parseOr400(ruleChangeSchema, request.body, reply);
    if (!user || !ruleid || !change) return reply;
    const current = await rules.find(ruleid);
    if (!current) return notFound(reply, `No such rule: ${ruleid}`);
    const { ruleid: _id, ...fields } = current;
    // The rule as it would be, checked whole: a change cannot leave it inconsistent.
    const merged = parseOr400(ruleBodySchema, { ...fields, ...stripUndefined(change) }, reply);
    const body = merged && (await contactsExist(merged, reply));
    if (!body) return reply;
    const changed = Object.keys(stripUndefined(change)).join(', ') || 'nothing';
    const rule = await services.store.db.transaction().execute(async (trx) => {
      const updated = await new RulesRepository(trx).update(ruleid, body, Date.now());
      if (updated) await auditChange(audit, request, user, 'rule-changed', `${describe(updated)}: ${changed} changed`, { within: trx });
      return updated;
    });
    if (!rule) return notFound(reply, `No such rule: ${ruleid}`);
    return { status: 1, msg: '', rule };
  });

  gatewayRoute(app, 'DELETE', '/api/alert-rules/:ruleid', async (request, reply, route) => {
    const user = userOr401(request, reply);
    const ruleid = user && idOr400(route, request, reply, 'ruleid');
    if (!user || !ruleid) return reply;
    const rule = await services.store.db.transaction().execute(async (trx) => {
      const deleted = await new RulesRepository(trx).delete(ruleid);
      if (deleted) await auditChange(audit, request, user, 'rule-deleted', describe(deleted), { within: trx });
      return deleted;
    });
    if (!rule) return notFound(reply, `No such rule: ${ruleid}`);
    return { status: 1, msg: '', rule };
  });
}

function stripUndefined(change: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
}
