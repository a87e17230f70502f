import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { describeIssues } from '../../../contract/envelope';
import { FORECAST_CSV_COLUMNS, forecastQuerySchema } from '../../../contract/reports';
import { ACCESS_MESSAGES, deny } from '../access';
import { PublicError } from '../errors';
import { csvCell, unreadTimeout } from '../events-export';
import { ExportSlots } from '../export-slots';
import { ListPager } from '../list-pager';
import { gatewayRoute } from '../route-table';
import { activeSession } from '../session';
import { type Json, type SessionGet, sessionReader } from '../session-reader';
import type { SharedState } from '../shared-state';
import type { Upstream } from '../upstream';

const FORECASTS = '/api/reports/battery-forecast';
const PAGE_SIZE = 100;
/** At most this many locks in one file (the fleet the bench measures). */
export const MAX_EXPORTED_FORECASTS = 100_000;
const WRITE_TIMEOUT_MS = 30_000;
const UTF8_BOM = '\uFEFF';
export const FORECAST_CSV_HEADER = FORECAST_CSV_COLUMNS.join(',');

const querySchema = z.strictObject({
  due_within_days: forecastQuerySchema.shape.due_within_days.unwrap(),
  groupid: forecastQuerySchema.shape.groupid,
});

/** A forecast's line; `groups` is the group names joined by "; ". Cells are safe from spreadsheet formulas. */
export function forecastCsvLine(row: Json): string {
  const groups = Array.isArray(row.lockgroups)
    ? row.lockgroups.flatMap((g: unknown) => (typeof g === 'object' && g !== null && typeof (g as Json).groupname === 'string' ? [(g as Json).groupname as string] : []))
    : [];
  const cells = [row.lockid, row.lockname, groups.join('; '), row.battery_level, row.drain_per_day, row.critical_date];
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** The header, then every forecast of every page (list-pager.ts: no lock skipped or written twice). */
async function* csvFile(first: Json, get: SessionGet, filters: Record<string, string>): AsyncGenerator<string> {
  yield `${UTF8_BOM}${FORECAST_CSV_HEADER}\r\n`;
  const pager = new ListPager<Json>(PAGE_SIZE, (row) => (typeof row.lockid === 'string' ? row.lockid : null));
  let body: Json | null = first;
  for (;;) {
    body ??= await get(FORECASTS, { ...filters, pagenumber: String(pager.nextPage), limit: String(PAGE_SIZE) });
    const rows = Array.isArray(body.forecastslist) ? (body.forecastslist as Json[]) : [];
    const { fresh, more } = pager.take(body, rows);
    if (fresh.length) yield fresh.map(forecastCsvLine).join('');
    if (!more || pager.count >= MAX_EXPORTED_FORECASTS) return;
    body = null;
  }
}

export interface ForecastExportOptions {
  upstream: Upstream;
  shared?: SharedState | null;
  /** How long the browser may leave the file unread before the export ends; 30 s. */
  writeTimeoutMs?: number;
}

/**
 * `GET /api/reports/battery-forecast/export.csv?due_within_days[&groupid]` (gateway-owned, any
 * signed-in role): the "Replace soon" report as CSV, exactly the locks the platform lists as due
 * (`FORECAST_CSV_COLUMNS`), read page by page and streamed. One export at a time per user (shared
 * with no other export's slot); a browser that stops reading ends it. Not audited: forecasts hold no
 * personal data and no secret.
 */
export async function forecastExportRoute(app: FastifyInstance, options: ForecastExportOptions) {
  const slots = ExportSlots.of(options.shared ?? null);
  gatewayRoute(app, 'GET', '/api/reports/battery-forecast/export.csv', async (request, reply, route) => {
    reply.header('cache-control', 'no-store');
    const session = activeSession(request);
    if (!session) return deny(reply, 401, ACCESS_MESSAGES.signIn);
    const parsed = querySchema.safeParse(request.query);
    if (!parsed.success) return deny(reply, 400, describeIssues(parsed.error));
    const filters: Record<string, string> = { due_within_days: String(parsed.data.due_within_days) };
    if (parsed.data.groupid !== undefined) filters.groupid = String(parsed.data.groupid);
    const slot = await slots.take(`forecast:${session.user.userid}`);
    if (!slot) {
      reply.header('retry-after', '30');
      return deny(reply, 429, 'An export of yours is still running: wait for it to finish, then try again');
    }
    let streaming = false;
    try {
      const get = sessionReader(options.upstream, route, request, session);
      let first: Json;
      try {
        first = await get(FORECASTS, { ...filters, pagenumber: '1', limit: String(PAGE_SIZE) });
      } catch (error) {
        if (!(error instanceof PublicError)) throw error;
        // A host without the route answers 404 too: said so, unless the 404 may be about the group asked for.
        const noRoute = error.statusCode === 404 && parsed.data.groupid === undefined;
        return deny(reply, error.statusCode, noRoute ? 'This Plus Platform makes no battery forecasts' : error.message);
      }
      const body = unreadTimeout(csvFile(first, get, filters), options.writeTimeoutMs ?? WRITE_TIMEOUT_MS, {
        progress: () => slot.renew(),
        stalled: () => request.log.warn('a battery forecast export was left unread; ended'),
        done: () => void slot.release(),
      });
      streaming = true;
      const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
      reply.header('content-disposition', `attachment; filename="lockboard-replace-soon-${stamp}.csv"`);
      return reply.type('text/csv; charset=utf-8').send(body);
    } finally {
      if (!streaming) await slot.release();
    }
  });
}
