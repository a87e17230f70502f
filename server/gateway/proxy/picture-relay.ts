import type { FastifyReply } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { deny } from '../access';
import { pickHeaders } from './headers';

const PICTURE_RESPONSE_HEADERS = ['content-length', 'cache-control', 'etag', 'last-modified'];
const NOT_MODIFIED_HEADERS = ['etag', 'cache-control', 'last-modified'];
/** Raster formats only: an SVG can carry script, and anything else would run as Lockboard. */
const PICTURE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/avif']);

/** A picture's answer passed on as it streams: only a raster image, sandboxed; a 304 as a 304; anything else a 404 or 502. */
export async function relayPicture(reply: FastifyReply, stream: Readable, status: number, headers: IncomingHttpHeaders) {
  if (status === 304) {
    stream.resume();
    return reply.code(304).headers(pickHeaders(headers, NOT_MODIFIED_HEADERS)).send();
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
    .headers(pickHeaders(headers, PICTURE_RESPONSE_HEADERS))
    .header('content-type', type)
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', 'inline')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .send(stream);
}
