import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database, MessageTable } from '../store/schema';
import type { MessagePayload, MessageType } from './compose';

export type MessageRow = Selectable<MessageTable>;

/** A message's id: the webhook's `webhook-id`, stable across every attempt. */
export function newMessageId(): string {
  return `msg_${randomBytes(16).toString('base64url')}`;
}

export function parsePayload(text: string): MessagePayload {
  return JSON.parse(text) as MessagePayload;
}

export async function insertMessage(
  db: Kysely<Database>,
  input: { contactid: number; alertid: number | null; type: MessageType; payload: MessagePayload; dueAt: number; now: number },
): Promise<string> {
  const messageid = newMessageId();
  await db
    .insertInto('messages')
    .values({
      messageid,
      contactid: input.contactid,
      alertid: input.alertid,
      type: input.type,
      payload: JSON.stringify(input.payload),
      state: 'pending',
      attempt: 0,
      next_attempt_at: input.dueAt,
      claimed_until: null,
      created_at: input.now,
      sent_at: null,
    })
    .execute();
  if (input.alertid !== null) await linkAlert(db, messageid, input.alertid);
  return messageid;
}

/** Records that a message tells of an alert (its own, or one folded into a digest). */
export async function linkAlert(db: Kysely<Database>, messageid: string, alertid: number): Promise<void> {
  await db
    .insertInto('message_alerts')
    .values({ messageid, alertid })
    .onConflict((oc) => oc.columns(['messageid', 'alertid']).doNothing())
    .execute();
}

/**
 * Rewrites a pending message nobody is sending and that no attempt has been made of (so that a
 * receiver never sees one id with two contents); false when it is already on its way.
 */
export async function rewritePending(db: Kysely<Database>, messageid: string, payload: MessagePayload, now: number): Promise<boolean> {
  const result = await db
    .updateTable('messages')
    .set({ payload: JSON.stringify(payload) })
    .where('messageid', '=', messageid)
    .where('state', '=', 'pending')
    .where('attempt', '=', 0)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Ids of messages due now that no live sender holds, oldest first. */
export async function dueMessageIds(db: Kysely<Database>, now: number, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('messages')
    .select('messageid')
    .where('state', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.messageid);
}

/**
 * Takes a due message for this sender until `until`: the same condition as dueMessageIds in the
 * UPDATE's WHERE, so that of two senders racing for one message exactly one changes the row.
 */
export async function claimMessage(db: Kysely<Database>, messageid: string, now: number, until: number): Promise<MessageRow | null> {
  const result = await db
    .updateTable('messages')
    .set({ claimed_until: until })
    .where('messageid', '=', messageid)
    .where('state', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return null;
  const row = await db.selectFrom('messages').selectAll().where('messageid', '=', messageid).executeTakeFirst();
  return row ?? null;
}

export interface AttemptRecord {
  message: MessageRow;
  channel: string;
  attempt: number;
  /** sent | retrying | failed | dead */
  state: 'sent' | 'retrying' | 'failed' | 'dead';
  statusCode: number | null;
  detail: string;
  nextAttemptAt: number | null;
  now: number;
}

/** Writes one attempt: the delivery log's row, the message's new state, and the contact's health. */
export async function recordAttempt(db: Kysely<Database>, record: AttemptRecord): Promise<void> {
  const { message, now } = record;
  const ok = record.state === 'sent';
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('deliveries')
      .values({
        messageid: message.messageid,
        alertid: message.alertid,
        contactid: message.contactid,
        channel: record.channel,
        attempt: record.attempt,
        state: record.state,
        status_code: record.statusCode,
        detail: record.detail,
        created_at: now,
        next_attempt_at: record.nextAttemptAt,
      })
      .execute();
    await trx
      .updateTable('messages')
      .set({
        state: ok ? 'sent' : record.state === 'retrying' ? 'pending' : 'dead',
        attempt: record.attempt,
        next_attempt_at: record.nextAttemptAt ?? message.next_attempt_at,
        claimed_until: null,
        sent_at: ok ? now : null,
      })
      .where('messageid', '=', message.messageid)
      .execute();
    await trx
      .updateTable('contacts')
      .set({ failing: ok ? 0 : 1, last_delivery_at: now, last_delivery_ok: ok ? 1 : 0, last_delivery_detail: record.detail })
      .where('contactid', '=', message.contactid)
      .execute();
  });
}
