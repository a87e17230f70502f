import type Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_REPORT_ROWS, denialsQuerySchema, uptimeQuerySchema, usageQuerySchema } from '../../../contract/reports';
import type { Denials, Uptime, Usage } from '../../../contract/reports';
import { parseOr400 } from '../http/errors';
import { createEventReportsRepository } from './event-reports-repository';
import { reportPeriod } from './report-period';
import { createScopes } from './report-scope';
import { createUptimeRepository } from './uptime-repository';

export interface ReportDeps {
  db: Database.Database;
  now: () => Date;
  timeZone: string;
  resolveLock: (lockid: string) => string | undefined;
}

/** `GET /api/reports/uptime|usage|denials?from&to[&groupid&lockid&limit]` (signed-in reads). */
export function registerReportRoutes(app: FastifyInstance, deps: ReportDeps): void {
  const scopes = createScopes(deps.db, deps.resolveLock);
  const uptime = createUptimeRepository(deps.db, deps);
  const events = createEventReportsRepository(deps.db, deps);

  app.get('/api/reports/uptime', async (request): Promise<{ status: 1; msg: string; uptime: Uptime }> => {
    const query = parseOr400(uptimeQuerySchema, request.query);
    const period = reportPeriod(query.from, query.to);
    return { status: 1, msg: '', uptime: uptime.uptime(period, scopes(query), query.limit ?? DEFAULT_REPORT_ROWS) };
  });
  app.get('/api/reports/usage', async (request): Promise<{ status: 1; msg: string; usage: Usage }> => {
    const query = parseOr400(usageQuerySchema, request.query);
    const period = reportPeriod(query.from, query.to);
    return { status: 1, msg: '', usage: events.usage(period, scopes(query), query.limit ?? DEFAULT_REPORT_ROWS) };
  });
  app.get('/api/reports/denials', async (request): Promise<{ status: 1; msg: string; denials: Denials }> => {
    const query = parseOr400(denialsQuerySchema, request.query);
    const period = reportPeriod(query.from, query.to);
    return { status: 1, msg: '', denials: events.denials(period, scopes(query), query.limit ?? DEFAULT_REPORT_ROWS) };
  });
}
