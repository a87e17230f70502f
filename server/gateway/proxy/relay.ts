import type { FastifyReply, FastifyRequest } from 'fastify';
import { deny } from '../access';
import { type Upstream, type UpstreamFailureKind, type UpstreamHealth, upstreamFailureMessage } from '../upstream';
import type { AnswerStore } from './answer-store';
import type { AuditedOutcome } from './proxy-options';

/** One proxied request's answer on its way back: where it went, as whom, and how to end it. */
export interface Relay {
  request: FastifyRequest;
  reply: FastifyReply;
  upstream: Upstream;
  /** The gateway's own answer store. */
  answers: AnswerStore;
  audited: (outcome: AuditedOutcome) => Promise<void>;
  /** A state-changing request: never answered from the answer store nor with a 304, always audited. */
  changing: boolean;
  /** The session's platform token, when the request has a session. */
  token: string | null;
  /** The upstream path and query (without PLUS_API_URL's prefix). */
  path: string;
  /** What the answer loses for this caller (a support account: people/support-strip.ts), after the secrets. */
  shown: (body: unknown) => unknown;
  /** True when `shown` changes the answer: the answer store keeps it apart. */
  narrowed: boolean;
  /** Ends the session and answers 401. */
  signedOut: () => Promise<unknown>;
}

/** An upstream that is down, slow or not JSON: audited, counted against its health, answered 502 saying which. */
export async function sendFailure(
  reply: FastifyReply,
  health: UpstreamHealth,
  kind: UpstreamFailureKind,
  timeoutMs: number,
  audited: (outcome: AuditedOutcome) => Promise<void>,
) {
  const msg = upstreamFailureMessage(kind, timeoutMs);
  await audited({ ok: false, status: 502, msg });
  health.failed(kind);
  return deny(reply, 502, msg);
}

/** An answer finished outside Fastify's handler (reply-from's callbacks): a failure (an audit record not written) goes to the error handler. */
export function settle(reply: FastifyReply, answer: Promise<unknown>) {
  answer.catch((error: unknown) => {
    if (!reply.sent) reply.send(error);
  });
}
