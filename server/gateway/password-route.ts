import type { FastifyInstance } from 'fastify';
import { MAX_PAGE_SIZE } from '../../contract/constants';
import { ACCESS_MESSAGES, deny } from './access';
import { type GatewayRoute, gatewayRoute, upstreamPath, upstreamRead } from './route-table';
import { type AuditLog, auditUser } from './audit-log';
import { activeSession, endSession } from './session';
import { ListPager } from './list-pager';
import type { RevealLimit } from './reveal-limit';
import { type Upstream, UpstreamError, isSuccess, upstreamMessage } from './upstream';

/** A search for one lockid rarely spans pages; never read more rows than this. */
const MAX_ROWS = 2_000;

type Lookup = { kind: 'found'; password: string; lockname?: string } | { kind: 'missing' } | { kind: 'unauthorized' } | { kind: 'refused'; msg: string };

/**
 * Finds a lock's password with the vendor's documented list call: `searchkey=<lockid>`, an exact
 * lockid match, page after page if the search matches more than one page (list-pager.ts: a host
 * that sends fewer rows than asked is read to its end).
 */
async function findPassword(upstream: Upstream, route: GatewayRoute, token: string, lockid: string): Promise<Lookup> {
  const pager = new ListPager<Record<string, unknown>>(MAX_PAGE_SIZE, (lock) => (typeof lock?.lockid === 'string' ? lock.lockid : null));
  for (;;) {
    const query = { pagenumber: String(pager.nextPage), limit: String(MAX_PAGE_SIZE), searchkey: lockid };
    const { body, signedOut } = await upstream.request(upstreamRead(route, '/api/locks', query), { token });
    if (signedOut) return { kind: 'unauthorized' };
    if (!isSuccess(body)) return { kind: 'refused', msg: upstreamMessage(body) || 'The Plus Platform refused the search' };
    const list = Array.isArray(body.lockslist) ? (body.lockslist as Record<string, unknown>[]) : [];
    const match = list.find((lock) => lock?.lockid === lockid);
    if (!match) {
      if (!pager.take(body, list).more || pager.count >= MAX_ROWS) return { kind: 'missing' };
      continue;
    }
    if (typeof match.lock_password !== 'string') return { kind: 'missing' };
    return { kind: 'found', password: match.lock_password, lockname: typeof match.lockname === 'string' ? match.lockname : undefined };
  }
}

/**
 * `GET /api/locks/:lockid/password`, gateway-owned: a manager reveals one lock's password on
 * purpose. Never cached, never logged; every reveal (and every refusal) goes to the audit log.
 * Reveals are limited per user (`reveals`: 429 beyond 20 a minute).
 */
export async function passwordRoute(app: FastifyInstance, options: { upstream: Upstream; audit: AuditLog; reveals?: RevealLimit }) {
  gatewayRoute(app, 'GET', '/api/locks/:lockid/password', async (request, reply, route) => {
    reply.header('cache-control', 'no-store');
    const session = activeSession(request);
    if (!session) return deny(reply, 401, ACCESS_MESSAGES.signIn);
    const { user } = session;
    const who = auditUser(user);
    // accessControl has refused anyone but a manager (and audited it).
    const path = upstreamPath(route, request.params as Record<string, string>);
    if (!path.ok) return deny(reply, 400, path.msg);
    const { lockid } = request.params as { lockid: string };
    // At most 20 a minute per user, whatever the session (reveal-limit.ts).
    if (options.reveals && !(await options.reveals.admit(request, reply, user, { lockid }))) return reply;

    let lookup: Lookup;
    try {
      lookup = await findPassword(options.upstream, route, session.token, lockid);
    } catch (error) {
      if (error instanceof UpstreamError) return deny(reply, 502, error.message);
      throw error;
    }
    if (lookup.kind === 'unauthorized') {
      endSession(request);
      return deny(reply, 401, ACCESS_MESSAGES.ended);
    }
    const result = lookup.kind === 'found' ? 'ok' : 'failed';
    const lockname = lookup.kind === 'found' ? lookup.lockname : undefined;
    await options.audit.record({ action: 'password-reveal', result, user: who, ip: request.ip, lockid, lockname });
    if (lookup.kind === 'missing') return deny(reply, 404, `No lock ${lockid} on this platform`);
    if (lookup.kind === 'refused') return deny(reply, 502, lookup.msg);
    return { status: 1, msg: '', lockid, lock_password: lookup.password };
  });
}
