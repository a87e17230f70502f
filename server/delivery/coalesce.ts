import type { Kysely } from 'kysely';
import type { TeamAlert, WebhookEventType } from '../../contract/team-alerts';
import type { Database } from '../store/schema';
import { wireDate } from '../store/wire';
import { DIGEST_LISTED, isDigest, type MessagePayload, type MessageType } from './compose';
import { insertMessage, linkAlert, parsePayload, rewritePending } from './outbox';

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

export type PlanOutcome = 'queued' | 'folded' | 'updated' | 'dropped';

/** The types of a resolution message: the sender holds them back until the alert was announced. */
export const RESOLUTION_TYPES: readonly MessageType[] = ['alert.resolved', 'digest.resolved'];

function single(type: WebhookEventType, alert: TeamAlert, now: number): MessagePayload {
  return { type, timestamp: wireDate(now), alerts: [alert], total: 1 };
}

/**
 * Queues what one contact should get for one alert event (DESIGN.md: storms coalesce, repeats are
 * dropped). Resolves once the store holds it. Returns what it did, for the log and the tests.
 */
export async function planMessage(ctx: PlanContext, input: PlanInput): Promise<PlanOutcome> {
  if (input.type === 'alert.opened' && input.alert.ruleid !== null) return planStorm(ctx, input, input.alert.ruleid, 'alert.opened', 'digest');
  if (input.type === 'alert.updated') return planUpdated(ctx, input);
  if (input.type === 'alert.resolved') return planResolved(ctx, input);
  await insertMessage(ctx.db, { contactid: input.contactid, alertid: input.alert.alertid, type: input.type, payload: single(input.type, input.alert, ctx.now), dueAt: ctx.now, now: ctx.now });
  return 'queued';
}

/** The storm messages (a first message and digests of these types) to this contact for alerts of this rule. */
function stormMessages(ctx: PlanContext, contactid: number, ruleid: number, types: readonly MessageType[]) {
  return ctx.db
    .selectFrom('messages')
    .innerJoin('alerts', 'alerts.alertid', 'messages.alertid')
    .select(['messages.messageid', 'messages.type', 'messages.state', 'messages.attempt', 'messages.payload', 'messages.created_at', 'messages.sent_at'])
    .where('messages.contactid', '=', contactid)
    .where('alerts.ruleid', '=', ruleid)
    .where('messages.type', 'in', [...types]);
}

/** The messages to this contact that told (or will tell) of this alert, digests included. */
function toldOf(ctx: PlanContext, contactid: number, alertid: number) {
  return ctx.db
    .selectFrom('message_alerts')
    .innerJoin('messages', 'messages.messageid', 'message_alerts.messageid')
    .select(['messages.messageid', 'messages.type', 'messages.state', 'messages.attempt', 'messages.payload', 'messages.sent_at'])
    .where('message_alerts.alertid', '=', alertid)
    .where('messages.contactid', '=', contactid);
}

/** Adds an alert to a digest nobody is sending yet; false when it is already on its way. */
async function foldInto(ctx: PlanContext, digest: { messageid: string; payload: string }, alert: TeamAlert): Promise<boolean> {
  const payload = parsePayload(digest.payload);
  const folded: MessagePayload = {
    ...payload,
    alerts: payload.alerts.length < DIGEST_LISTED ? [...payload.alerts, alert] : payload.alerts,
    total: payload.total + 1,
  };
  if (!(await rewritePending(ctx.db, digest.messageid, folded, ctx.now))) return false;
  await linkAlert(ctx.db, digest.messageid, alert.alertid);
  return true;
}

/** Brings an alert a waiting digest already holds up to date (when listed); false when it is on its way. */
async function refreshInDigest(ctx: PlanContext, digest: { messageid: string; payload: string }, alert: TeamAlert): Promise<boolean> {
  const payload = parsePayload(digest.payload);
  const alerts = payload.alerts.map((a) => (a.alertid === alert.alertid ? alert : a));
  return rewritePending(ctx.db, digest.messageid, { ...payload, alerts }, ctx.now);
}

/**
 * A storm: the first alert event of a rule (opened, or resolved) goes at once; the next ones within
 * the storm window fold into one digest sent when the window ends (counted from the last storm
 * message's sending), so a contact gets the first message, then at most one digest per window
 * while the storm lasts.
 */
async function planStorm(ctx: PlanContext, input: PlanInput, ruleid: number, first: WebhookEventType, digestType: 'digest' | 'digest.resolved'): Promise<'queued' | 'folded'> {
  const { now } = ctx;
  const types = [first, digestType] as const;
  const pendingDigests = await stormMessages(ctx, input.contactid, ruleid, types).where('messages.type', '=', digestType).where('messages.state', '=', 'pending').where('messages.attempt', '=', 0).execute();
  if (pendingDigests.length > 0) {
    const holding = await toldOf(ctx, input.contactid, input.alert.alertid).where('messages.type', '=', digestType).where('messages.state', '=', 'pending').where('messages.attempt', '=', 0).execute();
    if (holding.length > 0) return 'folded';
  }
  for (const digest of pendingDigests) {
    if (await foldInto(ctx, digest, input.alert)) return 'folded';
  }
  const recent = await stormMessages(ctx, input.contactid, ruleid, types)
    .where((eb) => eb.or([eb('messages.state', '=', 'pending'), eb('messages.sent_at', '>', now - ctx.stormWindowMs), eb('messages.created_at', '>', now - ctx.stormWindowMs)]))
    .execute();
  if (recent.length === 0) {
    await insertMessage(ctx.db, { contactid: input.contactid, alertid: input.alert.alertid, type: first, payload: single(first, input.alert, now), dueAt: now, now });
    return 'queued';
  }
  const last = Math.max(...recent.map((m) => m.sent_at ?? m.created_at));
  const payload: MessagePayload = { type: digestType, timestamp: wireDate(now), alerts: [input.alert], total: 1 };
  await insertMessage(ctx.db, { contactid: input.contactid, alertid: input.alert.alertid, type: digestType, payload, dueAt: Math.max(now, last + ctx.stormWindowMs), now });
  return 'queued';
}

/**
 * A repeat: an update is dropped when the contact was sent a message telling of the alert (alone
 * or in a digest) within the repeat interval, or has one waiting (that one is brought up to date
 * in place instead). An update of an alert never told goes into the rule's waiting digest when
 * there is one, else alone.
 */
async function planUpdated(ctx: PlanContext, input: PlanInput): Promise<PlanOutcome> {
  const { now } = ctx;
  const previous = await toldOf(ctx, input.contactid, input.alert.alertid)
    .where((eb) => eb.or([eb('messages.state', '=', 'pending'), eb('messages.sent_at', '>', now - ctx.repeatIntervalMs)]))
    .execute();
  for (const message of previous) {
    if (message.state !== 'pending' || RESOLUTION_TYPES.includes(message.type as MessageType)) continue;
    if (isDigest(message.type)) {
      if (await refreshInDigest(ctx, message, input.alert)) return 'updated';
      continue;
    }
    const payload = parsePayload(message.payload);
    if (payload.alerts.length !== 1) continue;
    if (await rewritePending(ctx.db, message.messageid, { ...payload, alerts: [input.alert] }, now)) return 'updated';
  }
  if (previous.length > 0) return 'dropped';
  if (input.alert.ruleid !== null) {
    const digests = await stormMessages(ctx, input.contactid, input.alert.ruleid, ['digest']).where('messages.state', '=', 'pending').where('messages.attempt', '=', 0).execute();
    for (const digest of digests) {
      if (await foldInto(ctx, digest, input.alert)) return 'folded';
    }
  }
  await insertMessage(ctx.db, { contactid: input.contactid, alertid: input.alert.alertid, type: 'alert.updated', payload: single('alert.updated', input.alert, now), dueAt: now, now });
  return 'queued';
}

/**
 * A resolution: when the alert waits in a digest not sent yet, the digest says it resolved and
 * nothing more goes; otherwise the rule's resolutions storm like openings (the first at once,
 * then one digest). The sender never sends one before the message announcing the alert.
 */
async function planResolved(ctx: PlanContext, input: PlanInput): Promise<PlanOutcome> {
  const told = await toldOf(ctx, input.contactid, input.alert.alertid).where('messages.state', '=', 'pending').where('messages.attempt', '=', 0).execute();
  for (const message of told) {
    if (message.type === 'digest' && (await refreshInDigest(ctx, message, input.alert))) return 'updated';
  }
  if (input.alert.ruleid === null) {
    await insertMessage(ctx.db, { contactid: input.contactid, alertid: input.alert.alertid, type: 'alert.resolved', payload: single('alert.resolved', input.alert, ctx.now), dueAt: ctx.now, now: ctx.now });
    return 'queued';
  }
  return planStorm(ctx, input, input.alert.ruleid, 'alert.resolved', 'digest.resolved');
}
