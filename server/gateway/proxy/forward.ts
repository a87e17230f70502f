import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { ACCESS_MESSAGES, deny } from '../access';
import { type GatewayRoute, changesState, upstreamPath, upstreamQuery } from '../route-table';
import type { AnswerStore } from './answer-store';
import { endRejectedSession } from './end-rejected-session';
import { stripForSupport } from '../people/support-strip';
import { activeSession } from '../session';
import { pickHeaders } from './headers';
import { relayJson } from './json-relay';
import { relayPicture } from './picture-relay';
import type { AuditedOutcome, ProxyOptions } from './proxy-options';
import { type Relay, sendFailure, settle } from './relay';

const FORWARDED_REQUEST_HEADERS = ['accept-language', 'user-agent'];
const FORWARDED_PICTURE_HEADERS = ['if-none-match', 'if-modified-since'];

/** What every forwarded request of one gateway shares. */
export interface ProxyContext {
  options: ProxyOptions;
  /** This gateway's answer store (answer-store.ts). */
  answers: AnswerStore;
}

/** The headers sent upstream: a few of the browser's, the body's type and size, and the session's token. */
function upstreamRequestHeaders(request: FastifyRequest, route: GatewayRoute, prepared: IncomingHttpHeaders, token: string | null) {
  const picture = route.handling === 'picture';
  const out: IncomingHttpHeaders = {
    host: prepared.host,
    ...pickHeaders(request.headers, FORWARDED_REQUEST_HEADERS),
    ...(picture ? pickHeaders(request.headers, FORWARDED_PICTURE_HEADERS) : {}),
    // reply-from has re-serialised the parsed JSON body (or set an empty one) and sized it.
    ...(route.method === 'GET' ? {} : pickHeaders(prepared, ['content-type', 'content-length'])),
    accept: picture ? 'image/*' : 'application/json',
    'accept-encoding': 'identity',
    'x-forwarded-for': request.ip,
  };
  if (token) out.authorization = `Bearer ${token}`;
  return out;
}

function relayFor(context: ProxyContext, request: FastifyRequest, reply: FastifyReply, route: GatewayRoute, path: string): Relay {
  const { options, answers } = context;
  // Awaited before the answer: a change whose record cannot be written is answered 500 (errors.ts).
  const audited = async (outcome: AuditedOutcome) => {
    if (route.audit) await options.onAudited?.(request, route, outcome);
  };
  // Anyone but a manager (the role as the platform says it now: access.ts) sees a row's answer narrowed.
  const strips = route.supportStrips;
  const narrowed = strips !== undefined && activeSession(request)?.user.role !== 'manager';
  return {
    request,
    reply,
    shown: narrowed ? (body) => stripForSupport(strips, body) : (body) => body,
    narrowed,
    upstream: options.upstream,
    answers,
    audited,
    changing: changesState(route),
    token: options.tokenFor?.(request) ?? null,
    path,
    signedOut: async () => {
      (options.onSignedOut ?? endRejectedSession)(request, reply);
      await audited({ ok: false, status: 401, msg: ACCESS_MESSAGES.ended });
      return deny(reply, 401, ACCESS_MESSAGES.ended);
    },
  };
}

/** The upstream's answer, by kind: a picture streams through, JSON is read whole (json-relay.ts). */
function relayAnswer(relay: Relay, picture: boolean, stream: Readable, status: number, headers: IncomingHttpHeaders) {
  const { reply } = relay;
  if (!picture) return settle(reply, relayJson(relay, stream, status, headers));
  // Only a 401: a picture may well be redirected to where the host keeps its files.
  if (status === 401 && relay.token) {
    stream.resume();
    return settle(reply, relay.signedOut());
  }
  void relayPicture(reply, stream, status, headers);
}

/**
 * One `proxy` or `picture` row's request → the upstream Plus Platform, at a URL rebuilt from the row
 * and its checked parameters (reply-from).
 */
export function forwardRequest(context: ProxyContext, request: FastifyRequest, reply: FastifyReply, route: GatewayRoute) {
  const { upstream } = context.options;
  const picture = route.handling === 'picture';
  const path = upstreamPath(route, request.params as Record<string, string>);
  if (!path.ok) return deny(reply, picture ? 404 : 400, path.msg);
  const query = upstreamQuery(route, request.query);
  if (!query.ok) return deny(reply, 400, query.msg);

  const relay = relayFor(context, request, reply, route, `${path.path}${query.query}`);
  const hasBody = route.method !== 'GET' && request.body !== undefined;
  return reply.from(`${upstream.basePath}${path.path}`, {
    queryString: () => query.query.slice(1),
    body: route.method === 'GET' ? undefined : hasBody ? request.body : null,
    rewriteRequestHeaders: (_req, headers) => upstreamRequestHeaders(request, route, headers, relay.token),
    rewriteHeaders: () => ({}),
    // reply-from's callbacks hand back this same request and reply, typed for any server kind.
    onError: (_reply, { error }) => {
      const status = (error as { statusCode?: number }).statusCode;
      const kind = status === 504 ? 'slow' : 'down';
      settle(reply, sendFailure(reply, upstream.health, kind, upstream.timeoutMs, relay.audited));
    },
    onResponse: (_req, _reply, upstreamResponse) => {
      const stream = upstreamResponse.stream as Readable;
      const headers = (upstreamResponse as unknown as { headers: IncomingHttpHeaders }).headers;
      relayAnswer(relay, picture, stream, upstreamResponse.statusCode, headers);
    },
  });
}
