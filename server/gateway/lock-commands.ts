import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LOCK_COMMANDS } from '../../contract/constants';
import { describeIssues } from '../../contract/envelope';
import { overrideReasonSchema } from '../../contract/schedules';
import { ACCESS_MESSAGES, deny } from './access';
import { gatewayRoute, upstreamPath } from './route-table';
import { type AuditLog, auditUser } from './audit-log';
import { activeSession, endSession } from './session';
import { stripSecrets } from './strip-secrets';
import { type Upstream, UpstreamError, type UpstreamResponse, isSuccess, upstreamMessage, refusalStatus } from './upstream';

/** An unlock may relock by itself after 1 to 60 minutes (DESIGN's `duration_s`, a platform capability). */
const commandBodySchema = z.strictObject({
  duration_s: z
    .number({ error: 'duration_s must be a whole number of seconds' })
    .int('duration_s must be a whole number of seconds')
    .min(60, 'duration_s must be at least 60 seconds')
    .max(3600, 'duration_s must be at most 3600 seconds')
    .optional(),
  // During a lockdown only a manager's unlock with a reason opens the door (contract/schedules.ts).
  override_reason: overrideReasonSchema.optional(),
});

/**
 * `POST /api/locks/:lockid/lock|unlock`: passed to the platform (the adapter for its undocumented
 * command endpoints), and every command, whatever its result, written to the audit log; an unlock
 * with `override_reason` (a lockdown's override) as `lock-override`, with the reason.
 * accessControl has already refused anyone but a manager.
 */
export async function lockCommandRoutes(app: FastifyInstance, options: { upstream: Upstream; audit: AuditLog }) {
  for (const command of LOCK_COMMANDS) {
    gatewayRoute(app, 'POST', `/api/locks/:lockid/${command}`, async (request, reply, route) => {
      reply.header('cache-control', 'no-store');
      const session = activeSession(request);
      if (!session) return deny(reply, 401, ACCESS_MESSAGES.signIn);
      const path = upstreamPath(route, request.params as Record<string, string>);
      if (!path.ok) return deny(reply, 400, path.msg);
      const { lockid } = request.params as { lockid: string };
      const body = commandBodySchema.safeParse(request.body ?? {});
      if (!body.success) return deny(reply, 400, describeIssues(body.error));
      if (command === 'lock' && body.data.duration_s !== undefined) return deny(reply, 400, 'duration_s: only an unlock can have a duration');
      if (command === 'lock' && body.data.override_reason !== undefined) return deny(reply, 400, 'override_reason: only an unlock overrides a lockdown');
      const { duration_s: duration, override_reason: reason } = body.data;
      const { user } = session;
      const record = async (result: 'ok' | 'failed', outcome: string, lockname?: string) => {
        const relock = duration === undefined ? outcome : `${outcome} (relocks after ${duration} s)`;
        const detail = reason === undefined ? relock : `reason: ${reason}; ${relock}`;
        await options.audit.record({
          // An unlock with a reason is a lockdown's override: said apart, with the reason.
          action: reason === undefined ? 'lock-command' : 'lock-override',
          command,
          lockid,
          lockname,
          result,
          detail,
          user: auditUser(user),
          ip: request.ip,
        });
      };

      let answer: UpstreamResponse;
      try {
        answer = await options.upstream.request(path.path, {
          method: 'POST',
          token: session.token,
          body: duration === undefined && reason === undefined ? undefined : { duration_s: duration, override_reason: reason },
        });
      } catch (error) {
        if (!(error instanceof UpstreamError)) throw error;
        await record('failed', error.message);
        return deny(reply, 502, error.message);
      }
      const msg = upstreamMessage(answer.body);
      if (answer.signedOut) {
        await record('failed', 'session rejected by the platform');
        endSession(request);
        return deny(reply, 401, ACCESS_MESSAGES.ended);
      }
      const ok = answer.status === 200 && isSuccess(answer.body);
      const lock = isSuccess(answer.body) ? (answer.body.lock as { lockname?: unknown } | undefined) : undefined;
      await record(ok ? 'ok' : 'failed', msg || `HTTP ${answer.status}`, typeof lock?.lockname === 'string' ? lock.lockname : undefined);
      // A 423 (the lock is in lockdown) reaches the browser as 423 with the platform's message.
      if (!ok) return deny(reply, refusalStatus(answer.status), msg || (answer.status === 423 ? 'The lock is in lockdown' : 'The Plus Platform refused the command'));
      return reply.code(200).send(stripSecrets(answer.body));
    });
  }
}
