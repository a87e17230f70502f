import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { AuditListResponse, AuditVerifyResponse } from '../../../contract/audit';
import { deny } from '../access';
import { type AuditLog, auditUser } from '../audit-log';
import type { AuditStore } from '../../audit/audit-store';
import type { StoredAuditRecord } from '../../audit/chain';
import { csvCell } from '../events-export';
import { ExportSlots } from '../export-slots';
import { gatewayRoute } from '../route-table';
import type { SharedState } from '../shared-state';
import { parseOr400, userOr401 } from '../team-alerts/route-kit';
import { CSV_COLUMNS, auditQueryOf, auditRecordFromRow, exportQuerySchema, listQuerySchema } from './audit-query';

const DEFAULT_LIMIT = 50;

function csvRow(row: StoredAuditRecord): string {
  const record = auditRecordFromRow(row);
  return `${CSV_COLUMNS.map((column) => csvCell(record[column])).join(',')}\r\n`;
}
/** Excel reads a CSV as UTF-8 only when the file starts with a byte-order mark. */
const UTF8_BOM = '\uFEFF';

/**
 * The audit trail's routes (managers only: accessControl refused anyone else, audited):
 * the list, the CSV export of exactly the filtered records, and the chain's verification.
 */
export async function auditRoutes(app: FastifyInstance, options: { store: AuditStore; audit: AuditLog; shared: SharedState }) {
  const { store, audit } = options;
  // The same per-user slots as the Activity export (Redis across copies): one export at a time.
  const slots = ExportSlots.of(options.shared);

  gatewayRoute(app, 'GET', '/api/audit', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const user = userOr401(request, reply);
    const query = user && parseOr400(listQuerySchema, request.query, reply);
    if (!query) return reply;
    const { beforeid, limit = DEFAULT_LIMIT, ...filters } = query;
    const rows = await store.list(auditQueryOf(filters), beforeid, limit);
    return { status: 1, msg: '', auditlist: rows.map(auditRecordFromRow) } satisfies AuditListResponse;
  });

  gatewayRoute(app, 'GET', '/api/audit/verify', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    if (!userOr401(request, reply)) return reply;
    const verdict = await store.verify();
    const msg = verdict.ok
      ? `ok: ${verdict.checked} records verified`
      : `record ${verdict.first_bad_auditid} was ${verdict.first_bad_why} (${verdict.checked} records before it verified)`;
    return { status: 1, msg, ...verdict, ok: verdict.ok ? 1 : 0 } satisfies AuditVerifyResponse;
  });

  gatewayRoute(app, 'GET', '/api/audit/export.csv', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const user = userOr401(request, reply);
    const parsed = user && parseOr400(exportQuerySchema, request.query, reply);
    if (!user || !parsed) return reply;
    const slot = await slots.take(`audit:${user.userid}`);
    if (!slot) {
      reply.header('retry-after', '10');
      return deny(reply, 429, 'An audit export of yours is already running: wait for it to finish');
    }
    const release = () => void slot.release();
    const renew = () => slot.renew();
    try {
      await audit.record({ action: 'audit-export', result: 'ok', user: auditUser(user), ip: request.ip, detail: JSON.stringify(request.query ?? {}) });
    } catch (error) {
      release();
      throw error;
    }
    reply.raw.once('close', release);
    const filters = auditQueryOf(parsed);
    async function* lines() {
      try {
        yield `${UTF8_BOM}${CSV_COLUMNS.map((c) => csvCell(c === 'date' ? 'date_utc' : c)).join(',')}\r\n`;
        for await (const batch of store.exportRows(filters)) {
          yield batch.map(csvRow).join('');
          renew();
        }
      } finally {
        release();
      }
    }
    const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
    reply.header('content-disposition', `attachment; filename="lockboard-audit-${stamp}.csv"`);
    return reply.type('text/csv; charset=utf-8').send(Readable.from(lines()));
  });
}
