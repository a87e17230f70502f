import type { FastifyInstance } from 'fastify';
import { importQuerySchema } from '../../../contract/people';
import { describeIssues } from '../../../contract/envelope';
import { ACCESS_MESSAGES, deny } from '../access';
import { type AuditLog, auditUser } from '../audit-log';
import { IMPORT_BODY_LIMIT_BYTES, findRoute, registerRoute, upstreamQuery } from '../route-table';
import { activeSession, endSession } from '../session';
import { stripSecrets } from '../strip-secrets';
import { type Upstream, UpstreamError, isSuccess, refusalStatus, upstreamMessage } from '../upstream';

type Json = Record<string, unknown>;

/** "3 created, 2 updated, 1 unchanged" and how many lines changed something. */
function tally(body: Json): { count: number; text: string } {
  const changes = Array.isArray(body.changes) ? (body.changes as Json[]) : [];
  const of = (action: string) => changes.filter((c) => c.action === action).length;
  const [created, updated, unchanged] = [of('create'), of('update'), of('unchanged')];
  return { count: created + updated, text: `${created} created, ${updated} updated, ${unchanged} unchanged` };
}

/** A refusal as the platform gave it: `{status: 0, msg}` and, for an import, every line's error (the dialog lists them). */
function refusalBody(body: unknown, fallback: string): Json {
  const answer = typeof body === 'object' && body !== null ? (stripSecrets(body) as Json) : {};
  const errors = Array.isArray(answer.errors) ? answer.errors : undefined;
  return { status: 0, msg: upstreamMessage(body) || fallback, ...(errors ? { errors, changes: Array.isArray(answer.changes) ? answer.changes : [], dry_run: answer.dry_run ?? 0 } : {}) };
}

/**
 * `POST /api/people/import[?dry_run=1]`: the one route whose body is `text/csv` (access.ts refuses
 * any other type with 415; at most 1 MB, else 413), relayed to the platform as it came, as
 * `text/csv`. A refusal keeps the platform's line-by-line errors. An applied import is audited
 * (`people-imported`, `count` the people created or updated); a dry run changes nothing and is not.
 */
export async function importRoute(app: FastifyInstance, options: { upstream: Upstream; audit: AuditLog }) {
  const route = findRoute('POST', '/api/people/import');
  // Only in this route's own scope: no other route parses text/csv (nor gets past access.ts with it).
  await app.register(async (scope) => {
    scope.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT_BYTES }, (_request, body, done) => done(null, body));
    registerRoute(scope, route, async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const session = activeSession(request);
      if (!session) return deny(reply, 401, ACCESS_MESSAGES.signIn);
      const query = importQuerySchema.strict().safeParse(request.query);
      if (!query.success) return deny(reply, 400, describeIssues(query.error));
      const search = upstreamQuery(route, request.query);
      if (!search.ok) return deny(reply, 400, search.msg);
      if (typeof request.body !== 'string' || request.body.trim() === '') return deny(reply, 400, ACCESS_MESSAGES.notCsv);
      const dryRun = query.data.dry_run === '1';
      const record = (result: 'ok' | 'failed', detail: string, count?: number) =>
        dryRun ? Promise.resolve() : options.audit.record({ action: 'people-imported', result, user: auditUser(session.user), ip: request.ip, count, detail });

      let answer;
      try {
        answer = await options.upstream.request(`/api/people/import${search.query}`, { method: 'POST', token: session.token, text: { type: 'text/csv; charset=utf-8', body: request.body } });
      } catch (error) {
        if (!(error instanceof UpstreamError)) throw error;
        await record('failed', error.message);
        return deny(reply, 502, error.message);
      }
      if (answer.signedOut) {
        await record('failed', 'session rejected by the platform');
        endSession(request);
        return deny(reply, 401, ACCESS_MESSAGES.ended);
      }
      if (answer.status !== 200 || !isSuccess(answer.body)) {
        const out = refusalBody(answer.body, 'The Plus Platform refused the import');
        const errors = Array.isArray(out.errors) ? out.errors.length : 0;
        await record('failed', `${errors ? `${errors} lines with errors, nothing applied: ` : ''}${String(out.msg)}`);
        return reply.code(refusalStatus(answer.status)).type('application/json; charset=utf-8').send(out);
      }
      const { count, text } = tally(answer.body);
      await record('ok', text, count);
      return stripSecrets(answer.body);
    });
  });
}
