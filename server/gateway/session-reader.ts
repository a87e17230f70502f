import type { FastifyRequest } from 'fastify';
import { ACCESS_MESSAGES } from './access';
import { PublicError } from './errors';
import { type GatewayRoute, upstreamRead } from './route-table';
import { type GatewaySession, endSession } from './session';
import { type Upstream, UpstreamError, isSuccess, refusalStatus, upstreamMessage } from './upstream';

export type Json = Record<string, unknown>;
/** One upstream read of a gateway-owned route (a path among its row's `reads`), with its query. */
export type SessionGet = (path: string, query: Record<string, string>) => Promise<Json>;

/**
 * GETs of the platform as the session, for a gateway-owned export: a failure is a PublicError with
 * the platform's reason (404 stays 404: a host without the route); a token the platform no longer
 * takes ends the session (401).
 */
export function sessionReader(upstream: Upstream, route: GatewayRoute, request: FastifyRequest, session: GatewaySession): SessionGet {
  return async (path, query) => {
    let answer;
    try {
      answer = await upstream.request(upstreamRead(route, path, query), { token: session.token });
    } catch (error) {
      if (error instanceof UpstreamError) throw new PublicError(502, error.message);
      throw error;
    }
    if (answer.signedOut) {
      endSession(request);
      throw new PublicError(401, ACCESS_MESSAGES.ended);
    }
    if (answer.status !== 200 || !isSuccess(answer.body)) {
      throw new PublicError(answer.status === 404 ? 404 : refusalStatus(answer.status), upstreamMessage(answer.body) || 'The Plus Platform refused the export');
    }
    return answer.body;
  };
}
