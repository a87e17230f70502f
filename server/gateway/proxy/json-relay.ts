import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { deny } from '../access';
import { stripSecrets } from '../strip-secrets';
import { supportAnswerKey } from '../people/support-strip';
import { refusalStatus, upstreamMessage } from '../upstream';
import { MAX_ANSWER_BYTES, readAnswer } from '../upstream-answer';
import { readLimited } from '../upstream-http';
import { rawHashOf } from './answer-store';
import { etagOf, matchesEtag } from './etag';
import { type Relay, sendFailure } from './relay';
import { sendStoredAnswer } from './stored-answer-reply';

function isFailure(status: number, body: unknown): boolean {
  const flag = typeof body === 'object' && body !== null ? (body as { status?: unknown }).status : undefined;
  return status >= 300 || flag === 0;
}

/**
 * A JSON answer, read whole: answered from the gateway's answer store when its bytes are known,
 * else read (upstream-answer.ts), checked for a session the platform ended, and passed on stripped
 * of secrets with an ETag; an upstream that is down, slow or not JSON is a 502 saying which.
 */
export async function relayJson(relay: Relay, stream: Readable, status: number, headers: IncomingHttpHeaders) {
  const { reply, upstream, audited } = relay;
  const { health, timeoutMs } = upstream;
  if (status === 204) {
    stream.resume();
    await audited({ ok: true, status, msg: '' });
    return reply.code(204).send();
  }
  let raw: Buffer | null;
  try {
    raw = await readLimited(stream, MAX_ANSWER_BYTES);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const kind = code === 'UND_ERR_BODY_TIMEOUT' ? 'slow' : 'down';
    return sendFailure(reply, health, kind, timeoutMs, audited);
  }
  const bytesHash = raw !== null && status === 200 && !relay.changing ? rawHashOf(raw, headers) : null;
  const rawHash = relay.narrowed ? supportAnswerKey(bytesHash) : bytesHash;
  const sent = sendStoredAnswer(relay, rawHash);
  if (sent !== null) return sent;
  // The same reader as the gateway's own requests (upstream.ts): what one accepts, so does the other.
  const answer = readAnswer(status, headers, raw);
  if (relay.token && (await upstream.sessions.signedOut(relay.token, relay.path, status, answer))) return relay.signedOut();
  if (answer.kind !== 'json' || status === 304) {
    return sendFailure(reply, health, 'invalid', timeoutMs, audited);
  }
  health.answered();
  return sendJson(relay, status, answer.body, rawHash);
}

/** The platform's JSON answer, passed on: a failure as its message only, a success stripped and, unless a change, with an ETag. */
async function sendJson(relay: Relay, status: number, body: unknown, rawHash: string | null) {
  const { request, reply, audited } = relay;
  // A failure passes on its message only: never a stack, a query or anything else the platform added.
  if (isFailure(status, body)) {
    const code = refusalStatus(status);
    const msg = upstreamMessage(body) || `The Plus Platform refused the request (HTTP ${status})`;
    await audited({ ok: false, status: code, body, msg });
    return deny(reply, code, msg);
  }
  await audited({ ok: true, status, body, msg: upstreamMessage(body) });
  const text = JSON.stringify(relay.shown(stripSecrets(body)));
  if (relay.changing) {
    reply.header('cache-control', 'no-store');
    return reply.code(status).type('application/json; charset=utf-8').send(text);
  }
  const etag = etagOf(text);
  if (rawHash !== null) relay.answers.set(rawHash, etag, text);
  reply.header('cache-control', 'private, no-cache').header('etag', etag);
  if (matchesEtag(request, etag)) return reply.code(304).send();
  return reply.code(status).type('application/json; charset=utf-8').send(text);
}
