import type { FastifyError, FastifyInstance } from 'fastify';
import { errorBody } from '../../contract/envelope';
import { MAX_IMPORT_LINES } from '../../contract/people';
import { matchedRoute } from './route-table';

const CLIENT_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'The request body is not valid JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'The request body is empty; JSON was expected',
  FST_ERR_CTP_BODY_TOO_LARGE: 'The request body is too large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Unsupported content type; send application/json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'The request body does not match its Content-Length',
};

export const IMPORT_TOO_LARGE = `The CSV is larger than 1 MB: split it into files of at most ${MAX_IMPORT_LINES.toLocaleString('en')} lines`;

/** A server-side failure whose message is meant for the user (e.g. the platform failing midway through an export). */
export class PublicError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** Every error the gateway itself produces is `{status: 0, msg}` with a fitting HTTP code. */
export function installErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    // A stream that fails before its first byte (an export whose next page failed) has already put
    // its file headers on the raw response: the error is JSON, not a download named like the file,
    // and not marked as compressed (the compression was the stream's; the JSON goes out as written).
    for (const name of ['content-type', 'content-disposition', 'content-encoding']) {
      reply.raw.removeHeader(name);
      reply.removeHeader(name);
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (error instanceof PublicError) return reply.code(status).send(errorBody(error.message));
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return reply.code(status).send(errorBody('Something went wrong in Lockboard; please try again'));
    }
    // The people import's CSV says how large a file may be, and what to do about it.
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' && matchedRoute(request)?.csvBody) return reply.code(413).send(errorBody(IMPORT_TOO_LARGE));
    const msg = (error.code && CLIENT_MESSAGES[error.code]) ?? error.message ?? 'Bad request';
    return reply.code(status).send(errorBody(msg));
  });
}

