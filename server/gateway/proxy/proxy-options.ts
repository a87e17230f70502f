import type { FastifyReply, FastifyRequest } from 'fastify';
import type { GatewayRoute } from '../route-table';
import type { Upstream } from '../upstream';

export interface ProxyOptions {
  upstream: Upstream;
  /** The upstream token of the request's session, if any. */
  tokenFor?: (request: FastifyRequest) => string | null;
  /**
   * Called when the platform's answer says the request's token is no longer good (signed-out.ts):
   * the session ends (endRejectedSession, also what a server render does); the browser then gets 401.
   */
  onSignedOut?: (request: FastifyRequest, reply: FastifyReply) => void;
  /**
   * Called once for every request to a row with `audit`, with how it ended (the audit log); the
   * answer waits for it.
   */
  onAudited?: (request: FastifyRequest, route: GatewayRoute, outcome: AuditedOutcome) => void | Promise<void>;
}

/** How an audited proxied change ended: the platform's answer, or why there was none. */
export interface AuditedOutcome {
  ok: boolean;
  status: number;
  /** The platform's answer (parsed JSON), when there was one. */
  body?: unknown;
  msg: string;
}
