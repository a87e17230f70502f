import type { FastifyInstance } from 'fastify';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { describeIssues } from '../../../contract/envelope';
import { personFilterShape } from '../../../contract/people';
import { ACCESS_MESSAGES, deny } from '../access';
import { type AuditLog, auditUser } from '../audit-log';
import { PublicError } from '../errors';
import { csvCell } from '../events-export';
import { ExportSlots } from '../export-slots';
import { ListPager } from '../list-pager';
import { gatewayRoute } from '../route-table';
import { activeSession } from '../session';
import { type Json, type SessionGet, sessionReader } from '../session-reader';
import type { SharedState } from '../shared-state';
import type { Upstream } from '../upstream';
import { stripForSupport } from './support-strip';

const PAGE_SIZE = 100;
/** At most this many people in one file. */
export const MAX_EXPORTED_PEOPLE = 100_000;
const UTF8_BOM = '\uFEFF';
/** The import's columns first (an export re-imports), then what only the export says. */
export const PEOPLE_CSV_HEADER = 'name,email,department,roles,status,tags';

const querySchema = z.strictObject({ searchkey: z.string().max(100, 'searchkey must be at most 100 characters').optional(), ...personFilterShape });

type Get = SessionGet;

/** One person's line: roles by name separated by `;` (as the import reads them), tags likewise. */
function csvLine(person: Json, roleNames: Map<number, string>): string {
  const roles = Array.isArray(person.roleids) ? person.roleids.map((id) => roleNames.get(Number(id)) ?? `#${String(id)}`) : [];
  const tags = Array.isArray(person.tags) ? person.tags.map(String) : [];
  const cells = [person.username, person.email, person.department, roles.join(';'), person.status, tags.join(';')];
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** Every row of a list, page by page (list-pager.ts), up to `max`. */
async function* allRows(get: Get, path: string, listName: string, key: string, query: Record<string, string>, max: number): AsyncGenerator<Json[]> {
  const pager = new ListPager<Json>(PAGE_SIZE, (row) => (row[key] === undefined ? null : String(row[key])));
  for (;;) {
    const body = await get(path, { ...query, pagenumber: String(pager.nextPage), limit: String(PAGE_SIZE) });
    const rows = Array.isArray(body[listName]) ? (body[listName] as Json[]) : [];
    const { fresh, more } = pager.take(body, rows);
    if (fresh.length) yield fresh;
    if (!more || pager.count >= max) return;
  }
}

/** The role names by id (a host without roles: none). */
async function roleNames(get: Get): Promise<Map<number, string>> {
  const names = new Map<number, string>();
  try {
    for await (const rows of allRows(get, '/api/roles', 'roleslist', 'roleid', {}, 10_000)) {
      for (const role of rows) if (typeof role.roleid === 'number' && typeof role.name === 'string') names.set(role.roleid, role.name);
    }
  } catch (error) {
    if (!(error instanceof PublicError) || error.statusCode !== 404) throw error;
  }
  return names;
}

async function* csvFile(first: Json, get: Get, filters: Record<string, string>, names: Map<number, string>, shown: (row: Json) => Json): AsyncGenerator<string> {
  yield `${UTF8_BOM}${PEOPLE_CSV_HEADER}\r\n`;
  let firstPage: Json | null = first;
  const fromFirst: Get = async (path, query) => {
    if (firstPage && query.pagenumber === '1') {
      const page = firstPage;
      firstPage = null;
      return page;
    }
    return get(path, query);
  };
  for await (const rows of allRows(fromFirst, '/api/people', 'peoplelist', 'userid', filters, MAX_EXPORTED_PEOPLE)) {
    yield rows.map((row) => csvLine(shown(row), names)).join('');
  }
}

/**
 * `GET /api/people/export[?searchkey&status&roleid&department&visitor]`: the people list with the
 * same filters, as CSV (`name,email,department,roles,status,tags`; roles by name separated by `;`,
 * so the file re-imports), read page by page and streamed; cells safe from spreadsheet formulas
 * (events-export.ts csvCell). A support account's file has visitors' e-mails blank. One export at a
 * time per user; audited (`people-export`).
 */
export async function peopleExportRoute(app: FastifyInstance, options: { upstream: Upstream; audit: AuditLog; shared?: SharedState | null }) {
  const slots = ExportSlots.of(options.shared ?? null);
  gatewayRoute(app, 'GET', '/api/people/export', async (request, reply, route) => {
    reply.header('cache-control', 'no-store');
    const session = activeSession(request);
    if (!session) return deny(reply, 401, ACCESS_MESSAGES.signIn);
    const parsed = querySchema.safeParse(request.query);
    if (!parsed.success) return deny(reply, 400, describeIssues(parsed.error));
    const filters = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
    const record = (result: 'ok' | 'denied' | 'failed', detail: string) =>
      options.audit.record({ action: 'people-export', result, user: auditUser(session.user), ip: request.ip, detail });
    const slot = await slots.take(`people:${session.user.userid}`);
    if (!slot) {
      reply.header('retry-after', '30');
      return deny(reply, 429, 'An export of yours is still running: wait for it to finish, then try again');
    }
    let streaming = false;
    try {
      const get = sessionReader(options.upstream, route, request, session);
      let first: Json;
      let names: Map<number, string>;
      try {
        first = await get('/api/people', { ...filters, pagenumber: '1', limit: String(PAGE_SIZE) });
        names = await roleNames(get);
      } catch (error) {
        if (!(error instanceof PublicError)) throw error;
        await record('failed', error.message);
        return deny(reply, error.statusCode, error.message);
      }
      await record('ok', JSON.stringify(filters));
      const support = session.user.role !== 'manager';
      const shown = (row: Json) => (support ? ((stripForSupport('people', { person: row }) as { person: Json }).person) : row);
      const body = Readable.from(csvFile(first, get, filters, names, shown), { objectMode: false });
      body.on('close', () => void slot.release());
      streaming = true;
      const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
      reply.header('content-disposition', `attachment; filename="lockboard-people-${stamp}.csv"`);
      return reply.type('text/csv; charset=utf-8').send(body);
    } finally {
      if (!streaming) await slot.release();
    }
  });
}
