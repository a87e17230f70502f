import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { AttemptResult } from './http-post';

export interface MailMessage {
  messageid: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** The mail's Message-ID: stable across attempts, so that a receiving system can drop a repeat. */
export function mailMessageId(messageid: string, publicUrl: string): string {
  let host = 'lockboard.invalid';
  try {
    host = new URL(publicUrl).hostname.replace(/^\[|\]$/g, '') || host;
  } catch {
    // keep the placeholder host
  }
  return `<${messageid}@${host}>`;
}

const OVERALL_EXTRA_MS = 15_000;

/** Sends mail through SMTP_URL (nodemailer); one transport for the sender's life. */
export class SmtpSender {
  private transport: Transporter | null = null;

  constructor(
    private readonly smtpUrl: string,
    private readonly from: string,
    private readonly publicUrl: string,
    private readonly timeoutMs: number,
  ) {}

  private transporter(): Transporter {
    this.transport ??= nodemailer.createTransport({
      url: this.smtpUrl,
      connectionTimeout: this.timeoutMs,
      greetingTimeout: this.timeoutMs,
      socketTimeout: this.timeoutMs,
    });
    return this.transport;
  }

  /**
   * Sends one mail. nodemailer's timeouts are per step, so the whole exchange also has a deadline
   * (inside the sender's claim on the message, which is the send timeout plus a margin).
   */
  async send(mail: MailMessage): Promise<AttemptResult> {
    let timer: NodeJS.Timeout | undefined;
    const limitMs = this.timeoutMs + OVERALL_EXTRA_MS;
    const deadline = new Promise<AttemptResult>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, status_code: null, detail: `The mail server did not finish within ${limitMs / 1000} s` }), limitMs);
    });
    try {
      return await Promise.race([this.exchange(mail), deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async exchange(mail: MailMessage): Promise<AttemptResult> {
    try {
      const info = await this.transporter().sendMail({
        from: this.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mailMessageId(mail.messageid, this.publicUrl),
      });
      const code = /^(\d{3})/.exec(String(info.response ?? ''))?.[1];
      return { ok: true, status_code: code ? Number(code) : 250, detail: 'Handed to the mail server' };
    } catch (error) {
      return { ok: false, status_code: smtpCode(error), detail: smtpDetail(error) };
    }
  }

  close(): void {
    this.transport?.close();
    this.transport = null;
  }
}

function smtpCode(error: unknown): number | null {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' ? code : null;
}

/** The mail server's complaint without its credentials (an SMTP error never holds the URL's password). */
function smtpDetail(error: unknown): string {
  const e = error as { code?: string; responseCode?: number; response?: string; message?: string };
  if (e.responseCode) return `The mail server refused it (${e.responseCode}${e.response ? `: ${e.response.slice(0, 200)}` : ''})`;
  if (e.code === 'ETIMEDOUT') return 'The mail server did not answer in time';
  if (e.code === 'ECONNECTION' || e.code === 'ESOCKET') return `Could not reach the mail server (${e.message?.slice(0, 200) ?? e.code})`;
  if (e.code === 'EAUTH') return 'The mail server refused the sign-in of SMTP_URL';
  return `Sending failed (${e.code ?? 'error'})`;
}
