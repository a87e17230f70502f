import type { Kysely, Selectable } from 'kysely';
import { Webhook } from 'standardwebhooks';
import type { WebhookEventType } from '../../contract/team-alerts';
import type { ContactTable, Database } from '../store/schema';
import { alertFromRow, wireDate } from '../store/wire';
import { WebhookAllowList } from './address-guard';
import { RESOLUTION_TYPES, planMessage } from './coalesce';
import { compose, type MessagePayload } from './compose';
import { postJson, type AttemptResult } from './http-post';
import { SmtpSender } from './mail';
import { claimMessage, dueMessageIds, newMessageId, parsePayload, recordAttempt, type MessageRow } from './outbox';
import { DEFAULT_RETRY_DELAYS_MS, nextAttemptAt } from './retry';

export interface DeliveryOptions {
  db: Kysely<Database>;
  smtpUrl: string | null;
  mailFrom: string;
  publicUrl: string;
  webhookAllowHosts: readonly string[];
  log?: { info(msg: string): void; warn(msg: string): void };
  now?: () => number;
  /** Tests shorten it; default ~5 s, 30 s, 2 min, 10 min, 1 h, then hourly to 24 h, ±10 % jitter. */
  retryDelaysMs?: readonly number[];
  /** Default 60_000. */
  stormWindowMs?: number;
  /** Default 15 min. */
  repeatIntervalMs?: number;
  /** Default 10_000. */
  sendTimeoutMs?: number;
}

type ContactRow = Selectable<ContactTable>;

/** How long past its send deadline a claim still holds (then another sender may take it). */
const CLAIM_MARGIN_MS = 30_000;
const BATCH = 100;
const PARALLEL = 8;
export const OUTBOX_KEPT_DETAIL = 'Kept in the outbox (SMTP_URL is not set)';

/**
 * The durable outbox's sender (DESIGN.md, Team alerts): messages are rows in the store before
 * enqueue resolves; a pass claims due ones (safe across processes), sends them by e-mail, signed
 * webhook or Slack-compatible webhook, and records each attempt. At-least-once, with the same
 * message id on every attempt.
 */
export class Delivery {
  private readonly db: Kysely<Database>;
  private readonly now: () => number;
  private readonly allow: WebhookAllowList;
  private readonly smtp: SmtpSender | null;
  private readonly sendTimeoutMs: number;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private pass: Promise<number> | null = null;
  private again = false;

  constructor(private readonly options: DeliveryOptions) {
    this.db = options.db;
    this.now = options.now ?? Date.now;
    this.allow = new WebhookAllowList(options.webhookAllowHosts);
    this.sendTimeoutMs = options.sendTimeoutMs ?? 10_000;
    this.smtp = options.smtpUrl ? new SmtpSender(options.smtpUrl, options.mailFrom, options.publicUrl, this.sendTimeoutMs) : null;
  }

  /**
   * Queues messages for an alert event to these contacts; durable (in the store) before it resolves.
   * `db` may be the caller's transaction: then the messages are written with the alert that caused
   * them, and a crash between the two loses nothing. The sender is woken only when they are written
   * outside a transaction: inside one they are not visible yet (PostgreSQL), so the caller calls
   * `wake()` once it committed.
   */
  async enqueue(input: { alertid: number; type: WebhookEventType; contactids: readonly number[] }, db: Kysely<Database> = this.db): Promise<void> {
    const row = await db.selectFrom('alerts').selectAll().where('alertid', '=', input.alertid).executeTakeFirst();
    if (!row || input.contactids.length === 0) return;
    const alert = alertFromRow(row, false);
    const contacts = await db.selectFrom('contacts').select(['contactid', 'enabled']).where('contactid', 'in', [...input.contactids]).execute();
    const ctx = {
      db,
      now: this.now(),
      stormWindowMs: this.options.stormWindowMs ?? 60_000,
      repeatIntervalMs: this.options.repeatIntervalMs ?? 15 * 60_000,
    };
    for (const contactid of new Set(input.contactids)) {
      if (!contacts.some((c) => c.contactid === contactid && c.enabled === 1)) continue;
      await planMessage(ctx, { contactid, alert, type: input.type });
    }
    if (db === this.db) this.wake();
  }

  /** Sends a test message to one contact now and answers what the receiver said (also logged as a delivery). */
  async sendTest(contactid: number): Promise<{ ok: boolean; status_code: number | null; detail: string }> {
    const contact = await this.db.selectFrom('contacts').selectAll().where('contactid', '=', contactid).executeTakeFirst();
    if (!contact) return { ok: false, status_code: null, detail: 'The contact does not exist' };
    const now = this.now();
    const payload: MessagePayload = { type: 'contact.test', timestamp: wireDate(now), alerts: [], total: 0, contactName: contact.name };
    const message: MessageRow = {
      messageid: newMessageId(),
      contactid,
      alertid: null,
      type: 'contact.test',
      payload: JSON.stringify(payload),
      // Never 'pending': no sender pass may pick a test up; recordAttempt sets its final state.
      state: 'sent',
      attempt: 0,
      next_attempt_at: now,
      claimed_until: null,
      created_at: now,
      sent_at: null,
    };
    await this.db.insertInto('messages').values(message).execute();
    const result = await this.attempt(message, contact, payload);
    await recordAttempt(this.db, {
      message,
      channel: contact.channel,
      attempt: 1,
      state: result.ok ? 'sent' : 'failed',
      statusCode: result.status_code,
      detail: result.detail,
      nextAttemptAt: null,
      now: this.now(),
    });
    this.logResult(message, contact, result);
    return result;
  }

  /** The sender loop: sends due messages, the first pass at once (what was due at start-up goes now). */
  start(intervalMs = 1000): void {
    if (this.running) return;
    this.running = true;
    const tick = (): void => {
      if (!this.running) return;
      void this.runOnce()
        .catch((error: Error) => this.options.log?.warn(`Delivery pass failed: ${error.message}`))
        .finally(() => {
          if (this.running) this.timer = setTimeout(tick, intervalMs);
        });
    };
    tick();
  }

  /** Stops the loop and waits for the sends under way. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.pass) await this.pass.catch(() => 0);
    this.smtp?.close();
  }

  /** One pass; resolves with how many messages it handled. A pass already under way is joined, then run again. */
  async runOnce(): Promise<number> {
    if (this.pass) {
      this.again = true;
      return this.pass;
    }
    this.pass = this.passLoop();
    try {
      return await this.pass;
    } finally {
      this.pass = null;
    }
  }

  /** Something was queued (and committed): when the loop runs, send it now rather than at the next tick. */
  wake(): void {
    if (!this.running) return;
    if (this.pass) {
      this.again = true;
      return;
    }
    void this.runOnce().catch((error: Error) => this.options.log?.warn(`Delivery pass failed: ${error.message}`));
  }

  private async passLoop(): Promise<number> {
    let handled = 0;
    do {
      this.again = false;
      handled += await this.onePass();
    } while (this.again);
    return handled;
  }

  private async onePass(): Promise<number> {
    let handled = 0;
    for (;;) {
      const ids = await dueMessageIds(this.db, this.now(), BATCH);
      if (ids.length === 0) return handled;
      let claimedAny = false;
      const queue = [...ids];
      const worker = async (): Promise<void> => {
        for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
          const now = this.now();
          const message = await claimMessage(this.db, id, now, now + this.sendTimeoutMs + CLAIM_MARGIN_MS);
          if (!message) continue;
          claimedAny = true;
          if (await holdBackResolution(this.db, message, now)) continue;
          handled += 1;
          await this.deliver(message);
        }
      };
      await Promise.all(Array.from({ length: Math.min(PARALLEL, ids.length) }, worker));
      if (!claimedAny || ids.length < BATCH) return handled;
    }
  }

  /** One attempt at a claimed message, recorded whatever happens. */
  private async deliver(message: MessageRow): Promise<void> {
    const contact = await this.db.selectFrom('contacts').selectAll().where('contactid', '=', message.contactid).executeTakeFirst();
    const attempt = message.attempt + 1;
    const base = { message, attempt, now: this.now() };
    if (!contact || contact.enabled !== 1) {
      const detail = contact ? 'Not sent: the contact is disabled' : 'Not sent: the contact was deleted';
      await recordAttempt(this.db, { ...base, channel: contact?.channel ?? 'email', state: 'dead', statusCode: null, detail, nextAttemptAt: null });
      return;
    }
    let result: AttemptResult;
    try {
      result = await this.attempt(message, contact, parsePayload(message.payload));
    } catch (error) {
      result = { ok: false, status_code: null, detail: `Sending failed (${(error as Error).name})` };
    }
    const now = this.now();
    const next = result.ok ? null : nextAttemptAt(attempt, now, message.created_at, this.options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS);
    const state = result.ok ? 'sent' : next === null ? 'dead' : 'retrying';
    const detail = state === 'dead' ? `Gave up after ${attempt} attempts over 24 h: ${result.detail}` : result.detail;
    await recordAttempt(this.db, { ...base, now, channel: contact.channel, state, statusCode: result.status_code, detail, nextAttemptAt: next });
    this.logResult(message, contact, { ...result, detail });
  }

  private async attempt(message: MessageRow, contact: ContactRow, payload: MessagePayload): Promise<AttemptResult> {
    const composed = compose(payload, this.options.publicUrl);
    if (contact.channel === 'email') {
      const mail = { messageid: message.messageid, to: contact.address, subject: composed.subject, text: composed.text, html: composed.html };
      if (this.smtp) return this.smtp.send(mail);
      await this.db
        .insertInto('mail_outbox')
        .values({ messageid: mail.messageid, recipient: mail.to, subject: mail.subject, text: mail.text, html: mail.html, created_at: this.now() })
        .execute();
      return { ok: true, status_code: null, detail: OUTBOX_KEPT_DETAIL };
    }
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'Lockboard-Webhook' };
    if (contact.channel === 'slack') {
      return postJson({ url: contact.address, body: JSON.stringify(composed.slack), headers, allow: this.allow, timeoutMs: this.sendTimeoutMs });
    }
    if (!contact.secret) return { ok: false, status_code: null, detail: 'The webhook contact has no signing secret' };
    const body = JSON.stringify(composed.webhook);
    // The wall clock, not the injected one: the receiver checks the timestamp against its own clock.
    const sentAt = new Date();
    const signature = new Webhook(contact.secret).sign(message.messageid, sentAt, body);
    Object.assign(headers, {
      'webhook-id': message.messageid,
      'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
      'webhook-signature': signature,
    });
    return postJson({ url: contact.address, body, headers, allow: this.allow, timeoutMs: this.sendTimeoutMs });
  }

  private logResult(message: MessageRow, contact: ContactRow, result: AttemptResult): void {
    const what = `${message.type} ${message.messageid} to contact ${contact.contactid} (${contact.channel})`;
    if (result.ok) this.options.log?.info(`Delivery: ${what} sent: ${result.detail}`);
    else this.options.log?.warn(`Delivery: ${what} failed: ${result.detail}`);
  }
}

/** How long a resolution waits, at least, for the message announcing its alert to go first. */
const ANNOUNCE_WAIT_MS = 200;

/**
 * A resolution never reaches a contact before the message announcing its alert: while a message
 * of this contact telling of one of its alerts (not a resolution) is still pending, the claimed
 * resolution is let go and put back until then, with no attempt counted. True when held back.
 */
async function holdBackResolution(db: Kysely<Database>, message: MessageRow, now: number): Promise<boolean> {
  if (!RESOLUTION_TYPES.includes(message.type as (typeof RESOLUTION_TYPES)[number])) return false;
  const earlier = await db
    .selectFrom('message_alerts as mine')
    .innerJoin('message_alerts as theirs', 'theirs.alertid', 'mine.alertid')
    .innerJoin('messages', 'messages.messageid', 'theirs.messageid')
    .select((eb) => eb.fn.max('messages.next_attempt_at').as('due'))
    .where('mine.messageid', '=', message.messageid)
    .where('messages.messageid', '!=', message.messageid)
    .where('messages.contactid', '=', message.contactid)
    .where('messages.state', '=', 'pending')
    .where('messages.type', 'not in', [...RESOLUTION_TYPES])
    .executeTakeFirst();
  if (earlier?.due === null || earlier?.due === undefined) return false;
  await db
    .updateTable('messages')
    .set({ claimed_until: null, next_attempt_at: Math.max(Number(earlier.due), now + ANNOUNCE_WAIT_MS) })
    .where('messageid', '=', message.messageid)
    .where('claimed_until', '=', message.claimed_until)
    .execute();
  return true;
}
