import type { FastifyError, FastifyInstance } from 'fastify';
import type { Duplex } from 'node:stream';
import { errorBody } from '../../contract/envelope';

const CLIENT_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'The request body is not valid JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'The request body is empty; JSON was expected',
  FST_ERR_CTP_BODY_TOO_LARGE: 'The request body is too large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Unsupported content type; send application/json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'The request body does not match its Content-Length',
};

/** Every error the gateway itself produces is `{status: 0, msg}` with a fitting HTTP code. */
export function installErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return reply.code(status).send(errorBody('Something went wrong in Lockboard; please try again'));
    }
    const msg = (error.code && CLIENT_MESSAGES[error.code]) ?? error.message ?? 'Bad request';
    return reply.code(status).send(errorBody(msg));
  });
}

/**
 * Requests Node's parser refuses before Fastify sees them (an unknown or encoded method, a broken
 * request line, a request that took too long): answered in the same `{status: 0, msg}` shape.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex) {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const timedOut = error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const [status, reason, msg] = timedOut
    ? [408, 'Request Timeout', 'The request took too long to arrive']
    : tooLarge
      ? [431, 'Request Header Fields Too Large', 'The request headers are too large']
      : [400, 'Bad Request', 'The request is malformed'];
  const body = JSON.stringify(errorBody(msg));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
