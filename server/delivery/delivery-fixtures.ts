import type { Kysely } from 'kysely';
import { openStore, type Store } from '../store/store';
import type { Database } from '../store/schema';
import { Delivery, type DeliveryOptions } from './delivery';

/** Test helpers: a throw-away store, rows inserted directly, and a Delivery with test timings. */
export async function memoryStore(): Promise<Store> {
  return openStore({ file: ':memory:' });
}

export async function addContact(
  db: Kysely<Database>,
  contact: { channel: 'email' | 'webhook' | 'slack'; address: string; secret?: string | null; name?: string },
): Promise<number> {
  const row = await db
    .insertInto('contacts')
    .values({
      name: contact.name ?? `${contact.channel} contact`,
      channel: contact.channel,
      address: contact.address,
      secret: contact.secret ?? null,
      enabled: 1,
      failing: 0,
      last_delivery_at: null,
      last_delivery_ok: null,
      last_delivery_detail: null,
      created_at: Date.now(),
    })
    .returning('contactid')
    .executeTakeFirstOrThrow();
  return row.contactid;
}

export async function addAlert(
  db: Kysely<Database>,
  alert: { ruleid?: number | null; lockid?: string | null; lockname?: string | null; title?: string; kind?: string; severity?: string; at?: number },
): Promise<number> {
  const at = alert.at ?? Date.now();
  const row = await db
    .insertInto('alerts')
    .values({
      ruleid: alert.ruleid ?? null,
      kind: alert.kind ?? 'left-unlocked',
      severity: alert.severity ?? 'critical',
      title: alert.title ?? 'Server room left unlocked',
      detail: 'Unlocked for 10 minutes.',
      lockid: alert.lockid === undefined ? 'A1' : alert.lockid,
      lockname: alert.lockname === undefined ? 'Server room' : alert.lockname,
      groupid: null,
      lockids: JSON.stringify(alert.lockid === null ? [] : [alert.lockid ?? 'A1']),
      open_key: null,
      opened_at: at,
      updated_at: at,
      closed_at: null,
      closed_reason: null,
      acked_by_userid: null,
      acked_by_name: null,
      acked_at: null,
      ack_note: null,
      escalated: 0,
      escalate_at: null,
    })
    .returning('alertid')
    .executeTakeFirstOrThrow();
  return row.alertid;
}

export function testDelivery(db: Kysely<Database>, options: Partial<DeliveryOptions> = {}): Delivery {
  return new Delivery({
    db,
    smtpUrl: null,
    mailFrom: 'lockboard@localhost',
    publicUrl: 'http://dash.example.test',
    webhookAllowHosts: ['127.0.0.1'],
    retryDelaysMs: [50, 50, 50],
    sendTimeoutMs: 2000,
    ...options,
  });
}

/** Polls `check` until it answers a value (not undefined/false) or the deadline passes. */
export async function eventually<T>(check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function deliveriesOf(db: Kysely<Database>, contactid: number) {
  return db.selectFrom('deliveries').selectAll().where('contactid', '=', contactid).orderBy('deliveryid').execute();
}
