import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LOCK_COMMANDS } from '../../contract/constants';
import { ACCESS_MESSAGES, deny } from './access';
import { type AuditLog, auditUser } from './audit-log';
import { activeSession, endSession } from './session';
import { stripSecrets } from './strip-secrets';
import { type Upstream, UpstreamError, type UpstreamResponse, isSuccess, upstreamMessage } from './upstream';

const paramsSchema = z.object({ lockid: z.string().trim().min(1).max(64) });

/**
 * `POST /api/locks/:lockid/lock|unlock`: passed to the platform (the adapter for its undocumented
 * command endpoints), and every command, whatever its result, written to the audit log.
 * accessControl has already refused anyone but a manager.
 */
export async function lockCommandRoutes(app: FastifyInstance, options: { upstream: Upstream; audit: AuditLog }) {
  for (const command of LOCK_COMMANDS) {
    app.post(`/api/locks/:lockid/${command}`, async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const session = activeSession(request);
      if (!session) return deny(reply, 401, ACCESS_MESSAGES.signIn);
      const params = paramsSchema.safeParse(request.params);
      if (!params.success) return deny(reply, 400, 'lockid is missing or too long');
      const { lockid } = params.data;
      const { user } = session;
      const record = (result: 'ok' | 'failed', detail: string) =>
        options.audit.record({
          action: 'lock-command',
          command,
          lockid,
          result,
          detail,
          user: auditUser(user),
          ip: request.ip,
        });

      let answer: UpstreamResponse;
      try {
        answer = await options.upstream.request(`/api/locks/${encodeURIComponent(lockid)}/${command}`, { method: 'POST', token: session.token });
      } catch (error) {
        if (!(error instanceof UpstreamError)) throw error;
        record('failed', error.message);
        return deny(reply, 502, error.message);
      }
      const msg = upstreamMessage(answer.body);
      if (answer.status === 401) {
        record('failed', 'session rejected by the platform');
        endSession(request);
        return deny(reply, 401, ACCESS_MESSAGES.ended);
      }
      const ok = answer.status === 200 && isSuccess(answer.body);
      record(ok ? 'ok' : 'failed', msg || `HTTP ${answer.status}`);
      return reply.code(answer.status).send(stripSecrets(answer.body));
    });
  }
}
