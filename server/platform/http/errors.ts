import type { FastifyError, FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { describeIssues, errorBody } from '../../../contract/envelope';

/** An error with the HTTP code and the `msg` the client is to see. */
export class HttpError extends Error {
  readonly statusCode: number;
  constructor(statusCode: number, message: string) {
    super(message);
    this.statusCode = statusCode;
  }
}

/** Parses `input` with a contract schema, or throws 400 naming the first bad parameter. */
export function parseOr400<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (!result.success) throw new HttpError(400, describeIssues(result.error));
  return result.data;
}

/** Messages for Fastify's own client errors, which would otherwise leak internal wording. */
const FASTIFY_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'The request body is not valid JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'The request body is empty',
  FST_ERR_CTP_BODY_TOO_LARGE: 'The request body is too large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Unsupported content type: send application/json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'The content length does not match the body',
};

/** Every error, Fastify's included, leaves as `{status: 0, msg}` with a fitting HTTP code. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    const statusCode = error.statusCode ?? 500;
    if (error instanceof HttpError) return reply.code(statusCode).send(errorBody(error.message));
    if (statusCode >= 400 && statusCode < 500) {
      const code = 'code' in error ? error.code : undefined;
      const msg = (code && FASTIFY_MESSAGES[code]) || error.message || 'Bad request';
      return reply.code(statusCode).send(errorBody(msg));
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send(errorBody('Internal error'));
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? request.url;
    return reply.code(404).send(errorBody(`No such endpoint: ${request.method} ${path}`));
  });
}

/**
 * JSON bodies, where an empty one (a command sent with a JSON content type) counts as no body.
 * Keys that could reach prototypes are dropped; the schemas then refuse what they do not know.
 */
export function installJsonParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text, (key, value: unknown) => (key === '__proto__' || key === 'constructor' ? undefined : value)));
    } catch {
      done(new HttpError(400, 'The request body is not valid JSON'), undefined);
    }
  });
}

/** The envelope of a list page (DESIGN.md): `{status: 1, msg, totalCount, totalPage, currentPage}` beside its `<noun>list`. */
export function pageEnvelope(totalCount: number, limit: number, currentPage: number) {
  return { status: 1 as const, msg: '', totalCount, totalPage: Math.ceil(totalCount / limit), currentPage };
}
