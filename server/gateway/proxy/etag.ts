import type { FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';

/** A strong ETag of the body the browser gets (after stripping), so an unchanged poll is a 304. */
export function etagOf(body: string): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

/** True when the request's If-None-Match names `etag` (a weak `W/` form included). */
export function matchesEtag(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  return typeof header === 'string' && header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
