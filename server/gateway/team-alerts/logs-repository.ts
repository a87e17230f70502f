import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { deliveriesQuerySchema, outboxQuerySchema } from '../../../contract/team-alerts-schemas';
import type { ContactChannel, Delivery, DeliveryState, OutboxMessage } from '../../../contract/team-alerts';
import type { Database } from '../../store/schema';
import { wireDate, wireDateOrNull } from '../../store/wire';

/** The delivery log and the mail outbox, newest first, paged by `beforeid`. */
export class LogsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async deliveries(query: z.output<typeof deliveriesQuerySchema>): Promise<Delivery[]> {
    let select = this.db.selectFrom('deliveries').selectAll();
    if (query.beforeid) select = select.where('deliveryid', '<', query.beforeid);
    if (query.alertid) select = select.where('alertid', '=', query.alertid);
    if (query.contactid) select = select.where('contactid', '=', query.contactid);
    if (query.state) select = select.where('state', '=', query.state);
    const rows = await select.orderBy('deliveryid', 'desc').limit(query.limit).execute();
    return rows.map((row) => ({
      deliveryid: row.deliveryid,
      messageid: row.messageid,
      alertid: row.alertid,
      contactid: row.contactid,
      channel: row.channel as ContactChannel,
      attempt: row.attempt,
      state: row.state as DeliveryState,
      status_code: row.status_code,
      detail: row.detail,
      date: wireDate(row.created_at),
      next_attempt_date: wireDateOrNull(row.next_attempt_at),
    }));
  }

  async outbox(query: z.output<typeof outboxQuerySchema>): Promise<OutboxMessage[]> {
    let select = this.db.selectFrom('mail_outbox').selectAll();
    if (query.beforeid) select = select.where('mailid', '<', query.beforeid);
    const rows = await select.orderBy('mailid', 'desc').limit(query.limit).execute();
    return rows.map((row) => ({
      mailid: row.mailid,
      messageid: row.messageid,
      to: row.recipient,
      subject: row.subject,
      text: row.text,
      date: wireDate(row.created_at),
    }));
  }
}
