import type { Kysely } from 'kysely';
import type { TeamAlert, WebhookEventType } from '../../contract/team-alerts';
import type { Database } from '../store/schema';
import { wireDate } from '../store/wire';
import { DIGEST_LISTED, type MessagePayload } from './compose';
import { insertMessage, parsePayload, rewritePending } from './outbox';

export interface PlanContext {
  db: Kysely<Database>;
  now: number;
  stormWindowMs: number;
  repeatIntervalMs: number;
}

export interface PlanInput {
  contactid: number;
  alert: TeamAlert;
  type: WebhookEventType;
}

function single(type: WebhookEventType, alert: TeamAlert, now: number): MessagePayload {
  return { type, timestamp: wireDate(now), alerts: [alert], total: 1 };
}

/**
 * Queues what one contact should get for one alert event (DESIGN.md: storms coalesce, repeats are
 * dropped). Resolves once the store holds it. Returns what it did, for the log and the tests.
 */
export async function planMessage(ctx: PlanContext, input: PlanInput): Promise<'queued' | 'folded' | 'updated' | 'dropped'> {
  if (input.type === 'alert.opened' && input.alert.ruleid !== null) return planOpened(ctx, input, input.alert.ruleid);
  if (input.type === 'alert.updated') return planUpdated(ctx, input);
  await insertMessage(ctx.db, { contactid: input.contactid, alertid: input.alert.alertid, type: input.type, payload: single(input.type, input.alert, ctx.now), dueAt: ctx.now, now: ctx.now });
  return 'queued';
}

/** The storm messages (opened and digests) to this contact for alerts of this rule. */
function stormMessages(ctx: PlanContext, contactid: number, ruleid: number) {
  return ctx.db
    .selectFrom('messages')
    .innerJoin('alerts', 'alerts.alertid', 'messages.alertid')
    .select(['messages.messageid', 'messages.type', 'messages.state', 'messages.attempt', 'messages.payload', 'messages.created_at', 'messages.sent_at'])
    .where('messages.contactid', '=', contactid)
    .where('alerts.ruleid', '=', ruleid)
    .where('messages.type', 'in', ['alert.opened', 'digest']);
}

/**
 * A storm: the first opened alert of a rule goes at once; the next ones within the storm window
 * fold into one digest sent when the window ends (counted from the last storm message's sending),
 * so a contact gets the first message, then at most one digest per window while the storm lasts.
 */
async function planOpened(ctx: PlanContext, input: PlanInput, ruleid: number): Promise<'queued' | 'folded'> {
  const { now } = ctx;
  const pendingDigests = await stormMessages(ctx, input.contactid, ruleid).where('messages.type', '=', 'digest').where('messages.state', '=', 'pending').where('messages.attempt', '=', 0).execute();
  for (const digest of pendingDigests) {
    const payload = parsePayload(digest.payload);
    if (payload.alerts.some((a) => a.alertid === input.alert.alertid)) return 'folded';
    const folded: MessagePayload = {
      ...payload,
      alerts: payload.alerts.length < DIGEST_LISTED ? [...payload.alerts, input.alert] : payload.alerts,
      total: payload.total + 1,
    };
    if (await rewritePending(ctx.db, digest.messageid, folded, now)) return 'folded';
  }
  const recent = await stormMessages(ctx, input.contactid, ruleid)
    .where((eb) => eb.or([eb('messages.state', '=', 'pending'), eb('messages.sent_at', '>', now - ctx.stormWindowMs), eb('messages.created_at', '>', now - ctx.stormWindowMs)]))
    .execute();
  if (recent.length === 0) {
    await insertMessage(ctx.db, { contactid: input.contactid, alertid: input.alert.alertid, type: 'alert.opened', payload: single('alert.opened', input.alert, now), dueAt: now, now });
    return 'queued';
  }
  const last = Math.max(...recent.map((m) => m.sent_at ?? m.created_at));
  const payload: MessagePayload = { type: 'digest', timestamp: wireDate(now), alerts: [input.alert], total: 1 };
  await insertMessage(ctx.db, { contactid: input.contactid, alertid: input.alert.alertid, type: 'digest', payload, dueAt: Math.max(now, last + ctx.stormWindowMs), now });
  return 'queued';
}

/**
 * A repeat: an update is dropped when the contact was sent a message for the alert within the
 * repeat interval, or has one waiting (that one is brought up to date in place instead).
 */
async function planUpdated(ctx: PlanContext, input: PlanInput): Promise<'queued' | 'updated' | 'dropped'> {
  const { now } = ctx;
  const previous = await ctx.db
    .selectFrom('messages')
    .select(['messageid', 'state', 'payload', 'sent_at'])
    .where('contactid', '=', input.contactid)
    .where('alertid', '=', input.alert.alertid)
    .where((eb) => eb.or([eb('state', '=', 'pending'), eb('sent_at', '>', now - ctx.repeatIntervalMs)]))
    .execute();
  for (const message of previous) {
    if (message.state !== 'pending') continue;
    const payload = parsePayload(message.payload);
    if (payload.type === 'digest' || payload.alerts.length !== 1) continue;
    if (await rewritePending(ctx.db, message.messageid, { ...payload, alerts: [input.alert] }, now)) return 'updated';
  }
  if (previous.length > 0) return 'dropped';
  await insertMessage(ctx.db, { contactid: input.contactid, alertid: input.alert.alertid, type: 'alert.updated', payload: single('alert.updated', input.alert, now), dueAt: now, now });
  return 'queued';
}
