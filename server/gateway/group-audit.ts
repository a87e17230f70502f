import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MAX_PAGE_SIZE } from '../../contract/constants';
import { matchedRoute, upstreamRead } from './route-table';
import { activeSession } from './session';
import { type Upstream, isSuccess } from './upstream';

/** The grants a group change reaches, read before the change (the first page only: bounded). */
interface Reached {
  grants: { grantid: number; username: string | null }[];
  /** How many there are in all (the platform's totalCount), when it said. */
  total: number;
}

const reachedBy = new WeakMap<FastifyRequest, Reached | 'unknown'>();
const ID = /^[1-9]\d{0,11}$/;

/**
 * Before a membership change or a group's deletion is passed upstream, reads which active grants
 * to the group it reaches (`GET /api/grants?groupid=N&status=active`, first 100, with the
 * session's token), for the audit record (auditProxiedChange). A failed read only makes the
 * record say so.
 */
export function readGrantsBeforeGroupChanges(app: FastifyInstance, upstream: Upstream): void {
  app.addHook('preHandler', async (request) => {
    const route = matchedRoute(request);
    if (!route || (route.audit !== 'group-locks-changed' && route.audit !== 'group-deleted')) return;
    const session = activeSession(request);
    const groupid = (request.params as { groupid?: string }).groupid ?? '';
    if (!session || !ID.test(groupid)) return;
    const url = upstreamRead(route, '/api/grants', { groupid, status: 'active', pagenumber: '1', limit: String(MAX_PAGE_SIZE) });
    try {
      const answer = await upstream.request(url, { token: session.token });
      const body = answer.body;
      const list = isSuccess(body) && Array.isArray(body.grantslist) ? (body.grantslist as Record<string, unknown>[]) : null;
      if (answer.status !== 200 || !list || !isSuccess(body)) {
        reachedBy.set(request, 'unknown');
        return;
      }
      const grants = list
        .filter((g) => typeof g?.grantid === 'number')
        .map((g) => ({ grantid: g.grantid as number, username: typeof g.username === 'string' ? g.username : null }));
      const total = typeof body.totalCount === 'number' ? Math.max(body.totalCount, grants.length) : grants.length;
      reachedBy.set(request, { grants, total });
    } catch {
      reachedBy.set(request, 'unknown');
    }
  });
}

/** "grants 12 (Pedro), 15 (Ana)" and how many, for the change's audit record; null when not read. */
export function grantsReached(request: FastifyRequest): { text: string; count: number | undefined } | null {
  const reached = reachedBy.get(request);
  if (reached === undefined) return null;
  if (reached === 'unknown') return { text: 'the grants it reaches could not be read', count: undefined };
  if (reached.total === 0) return { text: 'no active grants to the group', count: 0 };
  const named = reached.grants.map((g) => `${g.grantid} (${g.username ?? 'unknown person'})`).join(', ');
  const more = reached.total > reached.grants.length ? ` and ${reached.total - reached.grants.length} more` : '';
  return { text: `grant${reached.total === 1 ? '' : 's'} ${named}${more}`, count: reached.total };
}
