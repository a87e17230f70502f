import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { EMAIL_MESSAGE, contactBodySchema, contactChangeSchema, isEmailAddress } from '../../../contract/team-alerts-schemas';
import type { Contact, ContactChannel } from '../../../contract/team-alerts';
import { WebhookAllowList, checkWebhookUrl } from '../../delivery/address-guard';
import { deny } from '../access';
import type { AuditLog } from '../audit-log';
import { gatewayRoute } from '../route-table';
import { ContactsRepository } from './contacts-repository';
import { auditChange, idOr400, notFound, parseOr400, userOr401 } from './route-kit';
import type { TeamAlertsServices } from './services';

const describe = (contact: Contact) => `contact ${contact.contactid} "${contact.name}" (${contact.channel})`;

/** A Standard Webhooks signing secret: `whsec_` and 24 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/**
 * Contacts (manager only, reading too: addresses are personal data). A webhook contact's secret
 * is answered once, when it is created, and never again; the audit log never holds it.
 */
export async function contactRoutes(
  app: FastifyInstance,
  options: { services: TeamAlertsServices; audit: AuditLog; webhookAllowHosts: readonly string[] },
) {
  const { services, audit } = options;
  const contacts = new ContactsRepository(services.store.db);
  const allow = new WebhookAllowList(options.webhookAllowHosts);

  /** Whether the address suits the channel; a 400 with the reason when it does not. */
  const addressOk = async (channel: ContactChannel, address: string, reply: FastifyReply): Promise<boolean> => {
    const refused = channel === 'email' ? (isEmailAddress(address) ? null : EMAIL_MESSAGE) : await checkWebhookUrl(address, allow);
    if (refused) void deny(reply, 400, `address: ${refused}`);
    return refused === null;
  };

  gatewayRoute(app, 'GET', '/api/contacts', async (request, reply) => {
    if (!userOr401(request, reply)) return reply;
    reply.header('cache-control', 'no-store');
    return { status: 1, msg: '', contactslist: await contacts.list() };
  });

  gatewayRoute(app, 'POST', '/api/contacts', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const user = userOr401(request, reply);
    const body = user && parseOr400(contactBodySchema, request.body, reply);
    if (!user || !body || !(await addressOk(body.channel, body.address, reply))) return reply;
    const secret = body.channel === 'webhook' ? newWebhookSecret() : null;
    const contact = await services.store.db.transaction().execute(async (trx) => {
      const created = await new ContactsRepository(trx).create({ ...body, secret }, Date.now());
      await auditChange(audit, request, user, 'contact-created', describe(created), { within: trx });
      return created;
    });
    return { status: 1, msg: '', contact, ...(secret ? { secret } : {}) };
  });

  gatewayRoute(app, 'PUT', '/api/contacts/:contactid', async (request, reply, route) => {
    const user = userOr401(request, reply);
    const contactid = user && idOr400(route, request, reply, 'contactid');
    const change = contactid && parseOr400(contactChangeSchema, request.body, reply);
    if (!user || !contactid || !change) return reply;
    const current = await contacts.find(contactid);
    if (!current) return notFound(reply, `No such contact: ${contactid}`);
    if (change.address !== undefined && !(await addressOk(current.channel, change.address, reply))) return reply;
    const contact = await services.store.db.transaction().execute(async (trx) => {
      const updated = await new ContactsRepository(trx).update(contactid, change);
      const changed = Object.keys(change).join(', ') || 'nothing';
      if (updated) await auditChange(audit, request, user, 'contact-changed', `${describe(updated)}: ${changed} changed`, { within: trx });
      return updated;
    });
    if (!contact) return notFound(reply, `No such contact: ${contactid}`);
    return { status: 1, msg: '', contact };
  });

  gatewayRoute(app, 'DELETE', '/api/contacts/:contactid', async (request, reply, route) => {
    const user = userOr401(request, reply);
    const contactid = user && idOr400(route, request, reply, 'contactid');
    if (!user || !contactid) return reply;
    const deleted = await contacts.delete(contactid, Date.now(), async (trx, gone) => {
      const rules = gone.rulesChanged.length ? `; removed from rules ${gone.rulesChanged.join(', ')}` : '';
      await auditChange(audit, request, user, 'contact-deleted', `${describe(gone.contact)}${rules}`, { within: trx });
    });
    if (!deleted) return notFound(reply, `No such contact: ${contactid}`);
    return { status: 1, msg: '', contact: deleted.contact };
  });

  gatewayRoute(app, 'POST', '/api/contacts/:contactid/test', async (request, reply, route) => {
    const user = userOr401(request, reply);
    const contactid = user && idOr400(route, request, reply, 'contactid');
    if (!user || !contactid) return reply;
    const contact = await contacts.find(contactid);
    if (!contact) return notFound(reply, `No such contact: ${contactid}`);
    const result = await services.messenger.sendTest(contactid);
    await auditChange(audit, request, user, 'contact-tested', `${describe(contact)}: ${result.ok ? 'delivered' : 'not delivered'}`, { result: result.ok ? 'ok' : 'failed' });
    const msg = result.ok ? `Test message delivered to ${contact.name}` : `The test message was not delivered: ${result.detail}`;
    return { status: 1, msg, result };
  });
}
