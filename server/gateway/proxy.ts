import replyFrom from '@fastify/reply-from';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { errorBody } from '../../contract/envelope';
import { stripSecrets } from './strip-secrets';
import { type Upstream, type UpstreamFailureKind, upstreamFailureMessage } from './upstream';

export interface ProxyOptions {
  upstream: Upstream;
  /** The upstream token of the request's session, if any. */
  tokenFor?: (request: FastifyRequest) => string | null;
  /** Called with every upstream HTTP status (the session layer ends a session on 401). */
  onUpstreamStatus?: (request: FastifyRequest, reply: FastifyReply, status: number) => void;
}

/** Pictures and other files are streamed as they are; everything else must be JSON. */
const PASS_THROUGH = /^\/api\/uploads\//;
const MAX_JSON_BYTES = 20 * 1024 * 1024;
const FORWARDED_REQUEST_HEADERS = ['accept', 'accept-language', 'content-type', 'content-length', 'user-agent'];
const FORWARDED_FILE_HEADERS = ['if-none-match', 'if-modified-since'];
const FILE_RESPONSE_HEADERS = ['content-type', 'content-length', 'cache-control', 'etag', 'last-modified'];

function pick(headers: IncomingHttpHeaders, names: string[]): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = {};
  for (const name of names) if (headers[name] !== undefined) out[name] = headers[name];
  return out;
}

async function readLimited(stream: Readable, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      stream.destroy();
      return null;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function sendFailure(reply: FastifyReply, kind: UpstreamFailureKind, timeoutMs: number) {
  reply.header('cache-control', 'no-store');
  return reply.code(502).type('application/json; charset=utf-8').send(errorBody(upstreamFailureMessage(kind, timeoutMs)));
}

/**
 * `/api/*` → the upstream Plus Platform. JSON answers are read whole, stripped of secrets and
 * given an ETag (an unchanged poll costs a 304); an upstream that is down, slow or not JSON is
 * answered `502 {status: 0, msg}` saying which.
 */
export async function proxyPlugin(app: FastifyInstance, options: ProxyOptions) {
  const { upstream } = options;
  const timeoutMs = upstream.timeoutMs;

  await app.register(replyFrom, {
    base: upstream.origin,
    retryMethods: [],
    undici: { headersTimeout: timeoutMs, bodyTimeout: timeoutMs, connectTimeout: timeoutMs },
  });

  app.all('/api/*', async (request, reply) => {
    const passThrough = PASS_THROUGH.test(request.url);
    return reply.from(`${upstream.basePath}${request.url}`, {
      rewriteRequestHeaders: (_req, headers) => {
        const req = request;
        const out: IncomingHttpHeaders = {
          host: headers.host,
          ...pick(req.headers, FORWARDED_REQUEST_HEADERS),
          ...(passThrough ? pick(req.headers, FORWARDED_FILE_HEADERS) : {}),
          'accept-encoding': 'identity',
          'x-forwarded-for': req.ip,
        };
        if (!passThrough) out.accept = 'application/json';
        const token = options.tokenFor?.(req);
        if (token) out.authorization = `Bearer ${token}`;
        return out;
      },
      rewriteHeaders: (headers) => (passThrough ? pick(headers, FILE_RESPONSE_HEADERS) : {}),
      // reply-from's callbacks hand back this same request and reply, typed for any server kind.
      onError: (_reply, { error }) => {
        const status = (error as { statusCode?: number }).statusCode;
        void sendFailure(reply, status === 504 ? 'slow' : 'down', timeoutMs);
      },
      onResponse: (_req, _reply, upstreamResponse) => {
        const stream = upstreamResponse.stream as Readable;
        options.onUpstreamStatus?.(request, reply, upstreamResponse.statusCode);
        if (passThrough) {
          void reply.send(stream);
          return;
        }
        void relayJson(reply, stream, upstreamResponse.statusCode, timeoutMs);
      },
    });
  });
}

async function relayJson(reply: FastifyReply, stream: Readable, status: number, timeoutMs: number) {
  if (status === 204) {
    stream.resume();
    return reply.code(204).send();
  }
  let raw: Buffer | null;
  try {
    raw = await readLimited(stream, MAX_JSON_BYTES);
  } catch (error) {
    const code = (error as { code?: string }).code;
    return sendFailure(reply, code === 'UND_ERR_BODY_TIMEOUT' ? 'slow' : 'down', timeoutMs);
  }
  let body: unknown;
  try {
    body = raw === null ? undefined : (JSON.parse(raw.toString('utf8')) as unknown);
  } catch {
    body = undefined;
  }
  if (body === undefined || status === 304) {
    return sendFailure(reply, 'invalid', timeoutMs);
  }
  reply.header('cache-control', 'private, no-cache');
  return reply.code(status).type('application/json; charset=utf-8').send(JSON.stringify(stripSecrets(body)));
}
