import type { Kysely } from 'kysely';
import type { Database } from '../store/schema';
import { OUTBOX_KEPT_DETAIL } from './delivery';
import { SmtpSender } from './mail';
import { newMessageId } from './outbox';

/** One mail to a person (not to a team-alerts contact): a keypad code or a visitor pass. */
export interface PersonMailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export type PersonMailResult = { ok: true; at: number; detail: string } | { ok: false; detail: string };

export interface PersonMailOptions {
  db: Kysely<Database>;
  smtpUrl: string | null;
  mailFrom: string;
  publicUrl: string;
  sendTimeoutMs?: number;
  now?: () => number;
}

/**
 * The team alerts' mail channel for a mail to a person (issue 25): handed to SMTP_URL's server
 * now, or, without SMTP_URL, kept in the store's outbox (`mail_outbox`, the Outbox page) as an
 * alert's mail is. Not queued for retries like an alert: the mail carries a code, so a failure is
 * reported at once (the manager resends, which issues a new code) and the code is never kept in
 * a pending message. Never logs the mail.
 */
export class PersonMail {
  private readonly smtp: SmtpSender | null;
  private readonly now: () => number;

  constructor(private readonly options: PersonMailOptions) {
    this.smtp = options.smtpUrl ? new SmtpSender(options.smtpUrl, options.mailFrom, options.publicUrl, options.sendTimeoutMs ?? 10_000) : null;
    this.now = options.now ?? Date.now;
  }

  /** Where a mail goes: "smtp" or "outbox". */
  get channel(): 'smtp' | 'outbox' {
    return this.smtp ? 'smtp' : 'outbox';
  }

  async send(mail: PersonMailMessage): Promise<PersonMailResult> {
    const messageid = newMessageId();
    if (this.smtp) {
      const result = await this.smtp.send({ messageid, ...mail });
      return result.ok ? { ok: true, at: this.now(), detail: result.detail } : { ok: false, detail: result.detail };
    }
    try {
      const at = this.now();
      await this.options.db
        .insertInto('mail_outbox')
        .values({ messageid, recipient: mail.to, subject: mail.subject, text: mail.text, html: mail.html, created_at: at })
        .execute();
      return { ok: true, at, detail: OUTBOX_KEPT_DETAIL };
    } catch (error) {
      return { ok: false, detail: `The outbox could not keep it (${(error as Error).name})` };
    }
  }

  close(): void {
    this.smtp?.close();
  }
}
