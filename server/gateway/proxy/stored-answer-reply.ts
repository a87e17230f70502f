import type { FastifyReply } from 'fastify';
import { COMPRESS_THRESHOLD_BYTES, acceptedEncoding } from './encoding';
import { matchesEtag } from './etag';
import type { Relay } from './relay';

/** A stored answer for these bytes: a 304 or the stored body, or null to read the answer afresh. */
export function sendStoredAnswer(relay: Relay, rawHash: string | null): FastifyReply | null {
  const { request, reply } = relay;
  // A change is audited with the answer it got, and a browser's If-None-Match never hides it.
  if (rawHash === null || relay.changing) return null;
  const known = relay.answers.get(rawHash);
  if (known === undefined) return null;
  relay.upstream.health.answered();
  if (matchesEtag(request, known.etag)) {
    return reply.header('cache-control', 'private, no-cache').header('etag', known.etag).code(304).send();
  }
  if (known.text === null || request.method !== 'GET') return null;
  reply.header('cache-control', 'private, no-cache').header('etag', known.etag).code(200).type('application/json; charset=utf-8');
  const encoding = known.text.length >= COMPRESS_THRESHOLD_BYTES ? acceptedEncoding(request) : null;
  const compressed = encoding ? relay.answers.compressed(rawHash, known, encoding) : null;
  if (!encoding || !compressed) return reply.send(known.text);
  return reply.header('vary', 'accept-encoding').header('content-encoding', encoding).send(compressed);
}
