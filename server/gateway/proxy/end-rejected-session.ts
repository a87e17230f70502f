import type { FastifyReply, FastifyRequest } from 'fastify';
import { endSession } from '../session';

/**
 * The platform no longer takes the session's token: the session ends here too, for a proxied
 * request and a server render's read alike (the cookie is cleared when the answer's head has not
 * gone out yet; the deny list refuses it either way).
 */
export function endRejectedSession(request: FastifyRequest, reply?: FastifyReply): void {
  endSession(request);
  if (reply && !reply.raw.headersSent) reply.header('x-lockboard-session', 'ended');
}
