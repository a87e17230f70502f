import replyFrom from '@fastify/reply-from';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { ACCESS_MESSAGES, deny } from './access';
import { type GatewayRoute, ROUTES, registerRoute, upstreamPath, upstreamQuery } from './route-table';
import { stripSecrets } from './strip-secrets';
import { type Upstream, type UpstreamFailureKind, type UpstreamHealth, upstreamFailureMessage, upstreamMessage, refusalStatus } from './upstream';
import { MAX_ANSWER_BYTES, readAnswer } from './upstream-answer';
import { readLimited } from './upstream-http';

export interface ProxyOptions {
  upstream: Upstream;
  /** The upstream token of the request's session, if any. */
  tokenFor?: (request: FastifyRequest) => string | null;
  /**
   * Called when the platform's answer says the request's token is no longer good (signed-out.ts):
   * the session layer ends the session; the browser then gets 401.
   */
  onSignedOut?: (request: FastifyRequest, reply: FastifyReply) => void;
  /** Called once for every request to a row with `audit`, with how it ended (the audit log). */
  onAudited?: (request: FastifyRequest, route: GatewayRoute, outcome: AuditedOutcome) => Promise<void> | void;
}

/** How an audited proxied change ended: the platform's answer, or why there was none. */
export interface AuditedOutcome {
  ok: boolean;
  status: number;
  /** The platform's answer (parsed JSON), when there was one. */
  body?: unknown;
  msg: string;
}

/** Answers smaller than this go uncompressed (here and in app.ts's @fastify/compress). */
export const COMPRESS_THRESHOLD_BYTES = 1024;
const FORWARDED_REQUEST_HEADERS = ['accept-language', 'user-agent'];
const FORWARDED_PICTURE_HEADERS = ['if-none-match', 'if-modified-since'];
const PICTURE_RESPONSE_HEADERS = ['content-length', 'cache-control', 'etag', 'last-modified'];
/** Raster formats only: an SVG can carry script, and anything else would run as Lockboard. */
const PICTURE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/avif']);

function pick(headers: IncomingHttpHeaders, names: string[]): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = {};
  for (const name of names) if (headers[name] !== undefined) out[name] = headers[name];
  return out;
}

/** An upstream that is down, slow or not JSON: audited, counted against its health, answered 502 saying which. */
async function sendFailure(
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

/** A strong ETag of the body the browser gets (after stripping), so an unchanged poll is a 304. */
export function etagOf(body: string): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

interface StoredAnswer {
  etag: string;
  text: string | null;
  compressed: { br?: Buffer; gzip?: Buffer };
}

/** Brotli at a quality that costs little per answer (here and in app.ts's @fastify/compress). */
export const BROTLI_OPTIONS = { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } };

/** The encoding to send a stored body in: br, else gzip, else none (a `;q=0` refuses one). */
export function acceptedEncoding(request: FastifyRequest): 'br' | 'gzip' | null {
  const header = request.headers['accept-encoding'];
  if (typeof header !== 'string') return null;
  const accepted = new Set(
    header
      .toLowerCase()
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, q]) => !q || !/^\s*q\s*=\s*0(\.0*)?\s*$/.test(q))
      .map(([name]) => name?.trim()),
  );
  return accepted.has('br') ? 'br' : accepted.has('gzip') ? 'gzip' : null;
}

/**
 * What the browser got for an upstream answer, by a hash of the answer's raw bytes: its ETag and,
 * for a GET of a modest size, the stripped body itself. Stripping depends on the bytes alone, so the
 * same bytes always give the same answer: an unchanged poll is a 304, and a dashboard that has not
 * seen the page yet (thousands of dashboards poll the same first page) is sent the stored body,
 * without parsing, stripping and re-serialising it again. Oldest entries go first; stored bodies are
 * bounded by their total size.
 */
class AnswersByRawBody {
  private readonly entries = new Map<string, StoredAnswer>();
  private textBytes = 0;
  constructor(
    private readonly maxEntries: number,
    private readonly maxTextBytes: number,
    private readonly maxTextBytesEach: number,
  ) {}

  get(rawHash: string): StoredAnswer | undefined {
    return this.entries.get(rawHash);
  }

  /** The stored body compressed with `encoding`, made once (brotli costs more than the rest of a poll). */
  compressed(entry: StoredAnswer, encoding: 'br' | 'gzip'): Buffer | null {
    if (entry.text === null) return null;
    let body = entry.compressed[encoding];
    if (!body) {
      body = encoding === 'br' ? brotliCompressSync(entry.text, BROTLI_OPTIONS) : gzipSync(entry.text);
      entry.compressed[encoding] = body;
      this.textBytes += body.length;
    }
    return body;
  }

  set(rawHash: string, etag: string, text: string | null): void {
    this.delete(rawHash);
    const kept = text !== null && text.length <= this.maxTextBytesEach ? text : null;
    this.entries.set(rawHash, { etag, text: kept, compressed: {} });
    this.textBytes += kept?.length ?? 0;
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries && this.textBytes <= this.maxTextBytes) break;
      this.delete(oldest);
    }
  }

  private delete(rawHash: string): void {
    const entry = this.entries.get(rawHash);
    if (!entry) return;
    this.textBytes -= (entry.text?.length ?? 0) + (entry.compressed.br?.length ?? 0) + (entry.compressed.gzip?.length ?? 0);
    this.entries.delete(rawHash);
  }
}

const knownAnswers = new AnswersByRawBody(10_000, 32 * 1024 * 1024, 512 * 1024);

function matchesEtag(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  return typeof header === 'string' && header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/**
 * Every `proxy` and `picture` row of the route table → the upstream Plus Platform, at a URL rebuilt
 * from the row and its checked parameters. JSON answers are read whole, stripped of secrets and
 * given an ETag; a failure passes on only `{status: 0, msg}`; an upstream that is down, slow or not
 * JSON is answered `502 {status: 0, msg}` saying which. Pictures pass only as raster images.
 */
export async function proxyPlugin(app: FastifyInstance, options: ProxyOptions) {
  const { upstream } = options;
  const timeoutMs = upstream.timeoutMs;

  await app.register(replyFrom, {
    base: upstream.origin,
    retryMethods: [],
    // Two info lines per poll; the audit log records what matters.
    disableRequestLogging: true,
    undici: { headersTimeout: timeoutMs, bodyTimeout: timeoutMs, connectTimeout: timeoutMs },
  });

  for (const route of ROUTES) {
    if (route.handling === 'gateway') continue;
    registerRoute(app, route, forward);
  }

  function forward(request: FastifyRequest, reply: FastifyReply, route: GatewayRoute) {
    const picture = route.handling === 'picture';
    const path = upstreamPath(route, request.params as Record<string, string>);
    if (!path.ok) return deny(reply, picture ? 404 : 400, path.msg);
    const query = upstreamQuery(route, request.query);
    if (!query.ok) return deny(reply, 400, query.msg);

    // Awaited before the answer: a change whose record cannot be written is answered 500 (errors.ts).
    const audited = async (outcome: AuditedOutcome) => {
      if (route.audit) await options.onAudited?.(request, route, outcome);
    };
    const failedToAnswer = (error: unknown) => reply.send(error);
    const hasBody = route.method !== 'GET' && request.body !== undefined;
    const token = options.tokenFor?.(request) ?? null;
    const relay: Relay = {
      request,
      reply,
      upstream,
      audited,
      token,
      path: `${path.path}${query.query}`,
      signedOut: async () => {
        options.onSignedOut?.(request, reply);
        await audited({ ok: false, status: 401, msg: ACCESS_MESSAGES.ended });
        return deny(reply, 401, ACCESS_MESSAGES.ended);
      },
    };
    return reply.from(`${upstream.basePath}${path.path}`, {
      queryString: () => query.query.slice(1),
      body: route.method === 'GET' ? undefined : hasBody ? request.body : null,
      rewriteRequestHeaders: (_req, headers) => {
        const out: IncomingHttpHeaders = {
          host: headers.host,
          ...pick(request.headers, FORWARDED_REQUEST_HEADERS),
          ...(picture ? pick(request.headers, FORWARDED_PICTURE_HEADERS) : {}),
          // reply-from has re-serialised the parsed JSON body (or set an empty one) and sized it.
          ...(route.method === 'GET' ? {} : pick(headers, ['content-type', 'content-length'])),
          accept: picture ? 'image/*' : 'application/json',
          'accept-encoding': 'identity',
          'x-forwarded-for': request.ip,
        };
        if (token) out.authorization = `Bearer ${token}`;
        return out;
      },
      rewriteHeaders: () => ({}),
      // reply-from's callbacks hand back this same request and reply, typed for any server kind.
      onError: (_reply, { error }) => {
        const status = (error as { statusCode?: number }).statusCode;
        const kind = status === 504 ? 'slow' : 'down';
        sendFailure(reply, upstream.health, kind, timeoutMs, audited).catch(failedToAnswer);
      },
      onResponse: (_req, _reply, upstreamResponse) => {
        const stream = upstreamResponse.stream as Readable;
        const headers = (upstreamResponse as unknown as { headers: IncomingHttpHeaders }).headers;
        const status = upstreamResponse.statusCode;
        if (picture) {
          // Only a 401: a picture may well be redirected to where the host keeps its files.
          if (status === 401 && token) {
            stream.resume();
            void Promise.resolve(relay.signedOut()).catch(failedToAnswer);
            return;
          }
          void relayPicture(reply, stream, status, headers);
          return;
        }
        relayJson(relay, stream, status, headers).catch(failedToAnswer);
      },
    });
  }
}

async function relayPicture(reply: FastifyReply, stream: Readable, status: number, headers: IncomingHttpHeaders) {
  if (status === 304) {
    stream.resume();
    return reply.code(304).headers(pick(headers, ['etag', 'cache-control', 'last-modified'])).send();
  }
  const type = String(headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (status !== 200 || !PICTURE_TYPES.has(type)) {
    stream.resume();
    return status === 404 || status === 200
      ? deny(reply, 404, status === 404 ? 'No such picture' : 'The Plus Platform sent a file that is not a picture')
      : deny(reply, 502, 'The Plus Platform could not send the picture');
  }
  return reply
    .code(200)
    .headers(pick(headers, PICTURE_RESPONSE_HEADERS))
    .header('content-type', type)
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', 'inline')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .send(stream);
}

function isFailure(status: number, body: unknown): boolean {
  const flag = typeof body === 'object' && body !== null ? (body as { status?: unknown }).status : undefined;
  return status >= 300 || flag === 0;
}

/** One proxied request's answer on its way back: where it went, as whom, and how to end it. */
interface Relay {
  request: FastifyRequest;
  reply: FastifyReply;
  upstream: Upstream;
  audited: (outcome: AuditedOutcome) => Promise<void>;
  /** The session's platform token, when the request has a session. */
  token: string | null;
  /** The upstream path and query (without PLUS_API_URL's prefix). */
  path: string;
  /** Ends the session and answers 401. */
  signedOut: () => unknown;
}

/** A hash of what decides the body read from an answer: its bytes, and how they are labelled. */
function rawHashOf(raw: Buffer, headers: IncomingHttpHeaders): string {
  return createHash('sha1')
    .update(String(headers['content-type'] ?? ''))
    .update('\n')
    .update(String(headers['content-encoding'] ?? ''))
    .update('\n')
    .update(raw)
    .digest('base64url');
}

/** A stored answer for these bytes: a 304 or the stored body, or null to read the answer afresh. */
function sendKnown(relay: Relay, known: StoredAnswer | undefined) {
  const { request, reply } = relay;
  if (known === undefined) return null;
  relay.upstream.health.answered();
  if (matchesEtag(request, known.etag)) {
    return reply.header('cache-control', 'private, no-cache').header('etag', known.etag).code(304).send();
  }
  // Only a GET: a change is audited with the answer it got.
  if (known.text === null || request.method !== 'GET') return null;
  reply.header('cache-control', 'private, no-cache').header('etag', known.etag).code(200).type('application/json; charset=utf-8');
  const encoding = known.text.length >= COMPRESS_THRESHOLD_BYTES ? acceptedEncoding(request) : null;
  const compressed = encoding ? knownAnswers.compressed(known, encoding) : null;
  if (!encoding || !compressed) return reply.send(known.text);
  return reply.header('vary', 'accept-encoding').header('content-encoding', encoding).send(compressed);
}

async function relayJson(relay: Relay, stream: Readable, status: number, headers: IncomingHttpHeaders) {
  const { request, reply, upstream, audited } = relay;
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
  const rawHash = raw !== null && status === 200 ? rawHashOf(raw, headers) : null;
  const sent = sendKnown(relay, rawHash !== null ? knownAnswers.get(rawHash) : undefined);
  if (sent !== null) return sent;
  // The same reader as the gateway's own requests (upstream.ts): what one accepts, so does the other.
  const answer = readAnswer(status, headers, raw);
  if (relay.token && (await upstream.sessions.signedOut(relay.token, relay.path, status, answer))) return relay.signedOut();
  if (answer.kind !== 'json' || status === 304) {
    return sendFailure(reply, health, 'invalid', timeoutMs, audited);
  }
  const body = answer.body;
  health.answered();
  // A failure passes on its message only: never a stack, a query or anything else the platform added.
  if (isFailure(status, body)) {
    const code = refusalStatus(status);
    const msg = upstreamMessage(body) || `The Plus Platform refused the request (HTTP ${status})`;
    await audited({ ok: false, status: code, body, msg });
    return deny(reply, code, msg);
  }
  await audited({ ok: true, status, body, msg: upstreamMessage(body) });
  const text = JSON.stringify(stripSecrets(body));
  const etag = etagOf(text);
  if (rawHash !== null) knownAnswers.set(rawHash, etag, text);
  reply.header('cache-control', 'private, no-cache').header('etag', etag);
  if (matchesEtag(request, etag)) return reply.code(304).send();
  return reply.code(status).type('application/json; charset=utf-8').send(text);
}
