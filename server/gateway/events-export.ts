import type { FastifyInstance } from 'fastify';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { EVENT_TYPES } from '../../contract/constants';
import { DENIAL_REASON_LABELS, EVENT_METHOD_LABELS, EVENT_TYPE_LABELS } from '../../contract/event-labels';
import { describeIssues } from '../../contract/envelope';
import { formatInZone, isTimeZone, platformDateToMs } from '../../contract/platform-date';
import { ACCESS_MESSAGES, deny } from './access';
import { PublicError } from './errors';
import { gatewayRoute } from './route-table';
import { type AuditLog, auditUser } from './audit-log';
import { activeSession, endSession } from './session';
import { ListPager } from './list-pager';
import { type Upstream, UpstreamError, type UpstreamResponse, isSuccess, upstreamMessage, refusalStatus } from './upstream';

const PAGE_SIZE = 100;
/** A million events at most in one file. */
const MAX_EVENTS = 1_000_000;
const DATE = /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/;

const querySchema = z.strictObject({
  type: z
    .string()
    .refine((v) => v.split(',').every((t) => (EVENT_TYPES as readonly string[]).includes(t)), `type must be one of ${EVENT_TYPES.join(', ')}`)
    .optional(),
  from: z.string().regex(DATE, 'from must be a date "YYYY-MM-DD" or "YYYY-MM-DD HH:mm:ss"').optional(),
  to: z.string().regex(DATE, 'to must be a date "YYYY-MM-DD" or "YYYY-MM-DD HH:mm:ss"').optional(),
  searchkey: z.string().max(100, 'searchkey must be at most 100 characters').optional(),
  tz: z.string().max(64).refine(isTimeZone, 'tz must be an IANA time zone such as Europe/Berlin').optional(),
});

/** The header row: the local time column names its zone, so a file read later still says which. */
export function csvHeader(viewerZone: string): string {
  return [
    'event_id', 'time_utc', `time_local (${viewerZone})`, 'lock_id', 'lock_name', 'event', 'user_id', 'user', 'method', 'battery_level',
    'reason', 'by', 'group_id', 'group',
  ].map(csvCell).join(',');
}

/** Excel reads a CSV as UTF-8 (names with "·", "é") only when the file starts with a byte-order mark. */
const UTF8_BOM = '\uFEFF';

/** RFC 4180 quoting, and text a spreadsheet would run as a formula is defused with a leading quote. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** An event's identity, to write it once; none without an id. */
function eventKey(event: Record<string, unknown> | null): string | null {
  const id = event?.eventid;
  return typeof id === 'number' || typeof id === 'string' ? String(id) : null;
}

/** The words the dashboard uses for a code; an unknown code as it came. */
function labelOf(labels: Record<string, string>, code: unknown): unknown {
  return typeof code === 'string' && Object.hasOwn(labels, code) ? labels[code] : code;
}

function csvRow(event: Record<string, unknown>, platformZone: string, viewerZone: string): string {
  const ms = typeof event.event_date === 'string' ? platformDateToMs(event.event_date, platformZone) : null;
  const cells = [
    event.eventid,
    ms === null ? '' : new Date(ms).toISOString().replace('.000Z', 'Z'),
    ms === null ? '' : formatInZone(ms, viewerZone),
    event.lockid,
    event.lockname,
    labelOf(EVENT_TYPE_LABELS, event.event_type),
    event.userid,
    event.username,
    labelOf(EVENT_METHOD_LABELS, event.method),
    event.battery_level,
    // Access events: why a door refused, the dashboard account behind a change, the group of a group grant.
    labelOf(DENIAL_REASON_LABELS, event.reason),
    event.actor,
    event.groupid,
    event.groupname,
  ];
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/**
 * `GET /api/events/export.csv`: the Activity export. Exactly the filtered events of all pages,
 * read page by page from the platform and streamed as they come; a header row, UTC and local time
 * columns, and only the event's own fields (never a password or a keypad code).
 */
export async function eventsExportRoute(app: FastifyInstance, options: { upstream: Upstream; audit: AuditLog; platformTimeZone: string }) {
  gatewayRoute(app, 'GET', '/api/events/export.csv', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const session = activeSession(request);
    if (!session) return deny(reply, 401, ACCESS_MESSAGES.signIn);
    const parsed = querySchema.safeParse(request.query);
    if (!parsed.success) return deny(reply, 400, describeIssues(parsed.error));
    const { tz = 'UTC', ...filters } = parsed.data;
    const { upstream, platformTimeZone } = options;

    const fetchPage = async (pagenumber: number) => {
      const query = new URLSearchParams({ pagenumber: String(pagenumber), limit: String(PAGE_SIZE) });
      for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
      return upstream.request(`/api/events?${query}`, { token: session.token });
    };

    let first: UpstreamResponse;
    try {
      first = await fetchPage(1);
    } catch (error) {
      if (error instanceof UpstreamError) return deny(reply, 502, error.message);
      throw error;
    }
    if (first.signedOut) {
      endSession(request);
      return deny(reply, 401, ACCESS_MESSAGES.ended);
    }
    if (first.status === 404) return deny(reply, 404, 'This Plus Platform keeps no event history to export');
    if (!isSuccess(first.body)) {
      return deny(reply, refusalStatus(first.status), upstreamMessage(first.body) || 'The Plus Platform refused the export');
    }

    await options.audit.record({
      action: 'activity-export',
      result: 'ok',
      user: auditUser(session.user),
      ip: request.ip,
      detail: JSON.stringify(filters),
    });

    const firstBody = first.body;
    // Page by page to the host's end of the list (list-pager.ts), an event that moved to the next
    // page while reading (new events come first) written once.
    const pager = new ListPager<Record<string, unknown>>(PAGE_SIZE, eventKey);
    const failed = async (page: number, why: string) => {
      await options.audit.record({ action: 'activity-export', result: 'failed', user: auditUser(session.user), ip: request.ip, detail: `page ${page}: ${why}` });
      // Before any byte went out this is a 502 with the reason; after, the download breaks off
      // visibly (no final chunk) instead of ending short as if complete.
      return new PublicError(502, `The export stopped at page ${page}: ${why || 'the Plus Platform failed'}`);
    };
    const nextBody = async (page: number): Promise<Record<string, unknown>> => {
      let next: UpstreamResponse;
      try {
        next = await fetchPage(page);
      } catch (error) {
        throw await failed(page, error instanceof Error ? error.message : 'upstream error');
      }
      if (next.signedOut) {
        endSession(request);
        throw await failed(page, ACCESS_MESSAGES.ended);
      }
      if (!isSuccess(next.body)) throw await failed(page, upstreamMessage(next.body) || `HTTP ${next.status}`);
      return next.body;
    };
    async function* lines() {
      yield `${UTF8_BOM}${csvHeader(tz)}\r\n`;
      let body: Record<string, unknown> = firstBody;
      for (;;) {
        const events = Array.isArray(body.eventslist) ? (body.eventslist as Record<string, unknown>[]) : [];
        const { fresh, more } = pager.take(body, events);
        if (fresh.length) yield fresh.map((event) => csvRow(event, platformTimeZone, tz)).join('');
        if (!more || pager.count >= MAX_EVENTS) return;
        body = await nextBody(pager.nextPage);
      }
    }

    const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
    reply.header('content-disposition', `attachment; filename="lockboard-activity-${stamp}.csv"`);
    return reply.type('text/csv; charset=utf-8').send(Readable.from(lines()));
  });
}
