import replyFrom from '@fastify/reply-from';
import type { FastifyInstance } from 'fastify';
import { ROUTES, registerRoute } from '../route-table';
import { AnswerStore } from './answer-store';
import { type ProxyContext, forwardRequest } from './forward';
import type { ProxyOptions } from './proxy-options';

/**
 * Every `proxy` and `picture` row of the route table → the upstream Plus Platform, at a URL rebuilt
 * from the row and its checked parameters. JSON answers are read whole, stripped of secrets and
 * given an ETag; a failure passes on only `{status: 0, msg}`; an upstream that is down, slow or not
 * JSON is answered `502 {status: 0, msg}` saying which. Pictures pass only as raster images.
 * Each gateway keeps its own answer store.
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

  const context: ProxyContext = { options, answers: new AnswerStore() };
  for (const route of ROUTES) {
    if (route.handling === 'gateway') continue;
    registerRoute(app, route, (request, reply) => forwardRequest(context, request, reply, route));
  }
}
