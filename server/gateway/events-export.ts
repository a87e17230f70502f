import type { FastifyInstance } from 'fastify';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { EVENT_TYPES } from '../../contract/constants';
import { DENIAL_REASON_LABELS, EVENT_METHOD_LABELS, EVENT_TYPE_LABELS } from '../../contract/event-labels';
import { describeIssues } from '../../contract/envelope';
import { formatInZone, isTimeZone, platformDateToMs } from '../../contract/platform-date';
import { ACCESS_MESSAGES, deny } from './access';
import { PublicError } from './errors';
import { type GatewayRoute, gatewayRoute, upstreamRead } from './route-table';
import { type AuditLog, auditUser } from './audit-log';
import { activeSession, endSession } from './session';
import { ExportSlots } from './export-slots';
import { ListPager, countOf } from './list-pager';
import type { SharedState } from './shared-state';
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

type EventRow = Record<string, unknown>;

const eventsOf = (body: Record<string, unknown>): EventRow[] => (Array.isArray(body.eventslist) ? (body.eventslist as EventRow[]) : []);

/** An event id a cursor can start from (the platform's ids are positive integers). */
function numericId(event: EventRow): number | null {
  const id = event.eventid;
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** How the export asks the platform for pages: by number, or by cursor (`beforeid`); `page` counts for messages. */
interface EventPageReader {
  byNumber(page: number): Promise<Record<string, unknown>>;
  byCursor(beforeid: number, page: number): Promise<Record<string, unknown>>;
  /** The first page by cursor: null when the host does not take `beforeid` (refused, or ignored). */
  tryCursor(beforeid: number): Promise<Record<string, unknown> | null>;
}

/**
 * The filtered events after the first page, page by page. A host whose events carry numeric ids is
 * read by `beforeid` (the last id seen): a page never shifts when new events come, and the host
 * seeks instead of skipping rows; the first cursor page shows whether the host takes it (every
 * event older than the cursor). Any other host is read by `pagenumber` (list-pager.ts).
 */
async function* laterPages(first: Record<string, unknown>, reader: EventPageReader, pager: ListPager<EventRow>): AsyncGenerator<EventRow[]> {
  const firstEvents = eventsOf(first);
  const ids = firstEvents.map(numericId);
  if (ids.length > 0 && ids.every((id) => id !== null)) {
    const cursor = Math.min(...(ids as number[]));
    const byCursor = await reader.tryCursor(cursor);
    const taken = byCursor ? eventsOf(byCursor) : [];
    if (byCursor && taken.length > 0 && taken.every((event) => (numericId(event) ?? cursor) < cursor)) {
      yield* cursorPages(byCursor, cursor, reader, { firstPageSize: firstEvents.length, count: pager.count });
      return;
    }
  }
  for (;;) {
    const body = await reader.byNumber(pager.nextPage);
    const { fresh, more } = pager.take(body, eventsOf(body));
    if (fresh.length) yield fresh;
    if (!more || pager.count >= MAX_EVENTS) return;
  }
}

/** Pages by `beforeid`, from the first one read: each ends the list when it is empty, says it is the last (its `totalCount` is what is left) or is short. */
async function* cursorPages(
  first: Record<string, unknown>,
  firstCursor: number,
  reader: EventPageReader,
  seen: { firstPageSize: number; count: number },
): AsyncGenerator<EventRow[]> {
  let body = first;
  let cursor = firstCursor;
  let count = seen.count;
  for (let page = 2; ; page++) {
    const all = eventsOf(body);
    const older = all.filter((event) => (numericId(event) ?? cursor) < cursor);
    if (older.length === 0) return;
    yield older;
    count += older.length;
    const left = countOf(body.totalCount);
    if (count >= MAX_EVENTS || (left !== null ? left <= all.length : all.length < seen.firstPageSize)) return;
    cursor = Math.min(...older.map((event) => numericId(event) as number));
    body = await reader.byCursor(cursor, page + 1);
  }
}

/** 429 for a second export while one runs; the browser may try again after this. */
const EXPORT_RETRY_AFTER_S = 30;
/** How long the browser may leave the file unread before the export ends. */
const WRITE_TIMEOUT_MS = 30_000;

export interface EventsExportOptions {
  upstream: Upstream;
  audit: AuditLog;
  platformTimeZone: string;
  /** Shared by the gateway's copies when Redis is set: one export at a time per user across them. */
  shared?: SharedState | null;
  /** How long the browser may leave the file unread (without progress) before the export ends; 30 s. */
  writeTimeoutMs?: number;
}

/**
 * The file as the browser reads it: a stream that ends, destroyed, when the browser leaves it unread
 * for `timeoutMs` (a chunk waits that long to be taken); nothing more is then read upstream.
 */
export function unreadTimeout(chunks: AsyncGenerator<string>, timeoutMs: number, on: { progress: () => void; stalled: () => void; done: () => void }): Readable {
  let timer: NodeJS.Timeout | undefined;
  async function* paced() {
    try {
      for await (const chunk of chunks) {
        timer = setTimeout(() => {
          stream.destroy(new PublicError(504, `The browser read nothing of the export for ${timeoutMs} ms`));
          on.stalled();
        }, timeoutMs);
        yield chunk;
        clearTimeout(timer);
        on.progress();
      }
    } finally {
      clearTimeout(timer);
      on.done();
    }
  }
  const stream = Readable.from(paced(), { objectMode: false, highWaterMark: 64 * 1024 });
  return stream;
}

/**
 * `GET /api/events/export.csv`: the Activity export. Exactly the filtered events of all pages,
 * read page by page from the platform and streamed as they come; a header row, UTC and local time
 * columns, and only the event's own fields (never a password or a keypad code). One at a time per
 * user (a second gets 429 with Retry-After); a browser that stops reading ends it.
 */
export async function eventsExportRoute(app: FastifyInstance, options: EventsExportOptions) {
  const slots = ExportSlots.of(options.shared ?? null);
  gatewayRoute(app, 'GET', '/api/events/export.csv', async (request, reply, route) => {
    reply.header('cache-control', 'no-store');
    const session = activeSession(request);
    if (!session) return deny(reply, 401, ACCESS_MESSAGES.signIn);
    const parsed = querySchema.safeParse(request.query);
    if (!parsed.success) return deny(reply, 400, describeIssues(parsed.error));
    const { tz = 'UTC', ...filters } = parsed.data;
    const user = auditUser(session.user);
    const record = (result: 'ok' | 'denied' | 'failed', detail: string) =>
      options.audit.record({ action: 'activity-export', result, user, ip: request.ip, detail });

    const slot = await slots.take(`activity:${session.user.userid}`);
    if (!slot) {
      await record('denied', 'another export of this user is still running');
      reply.header('retry-after', String(EXPORT_RETRY_AFTER_S));
      return deny(reply, 429, 'An export of yours is still running: wait for it to finish, then try again');
    }
    let streaming = false;
    try {
      const reader = pageReader(options.upstream, route, session.token, filters, {
        signedOut: () => endSession(request),
        failed: async (page, why) => {
          await record('failed', `page ${page}: ${why}`);
          // Before any byte went out this is a 502 with the reason; after, the download breaks off
          // visibly (no final chunk) instead of ending short as if complete.
          return new PublicError(502, `The export stopped at page ${page}: ${why || 'the Plus Platform failed'}`);
        },
      });
      const first = await reader.first();
      if (first.kind === 'refused') return deny(reply, first.status, first.msg);
      if (first.kind === 'signed-out') {
        endSession(request);
        return deny(reply, 401, ACCESS_MESSAGES.ended);
      }
      await record('ok', JSON.stringify(filters));
      const file = csvLines(first.body, reader, options.platformTimeZone, tz);
      const timeoutMs = options.writeTimeoutMs ?? WRITE_TIMEOUT_MS;
      const stalled = () => void record('failed', `the browser read nothing for ${timeoutMs} ms`).catch((error: unknown) => request.log.error({ err: error }, 'audit failed'));
      const body = unreadTimeout(file, timeoutMs, { progress: () => slot.renew(), stalled, done: () => void slot.release() });
      streaming = true;
      const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
      reply.header('content-disposition', `attachment; filename="lockboard-activity-${stamp}.csv"`);
      return reply.type('text/csv; charset=utf-8').send(body);
    } finally {
      if (!streaming) await slot.release();
    }
  });
}

/** The CSV: the header, then the rows of every page as they come. */
async function* csvLines(first: Record<string, unknown>, reader: EventPageReader, platformZone: string, viewerZone: string): AsyncGenerator<string> {
  yield `${UTF8_BOM}${csvHeader(viewerZone)}\r\n`;
  // Page by page to the host's end of the list, an event that moved to the next page while reading
  // (new events come first) written once.
  const pager = new ListPager<EventRow>(PAGE_SIZE, eventKey);
  const { fresh, more } = pager.take(first, eventsOf(first));
  if (fresh.length) yield fresh.map((event) => csvRow(event, platformZone, viewerZone)).join('');
  if (!more || pager.count >= MAX_EVENTS) return;
  for await (const events of laterPages(first, reader, pager)) {
    yield events.map((event) => csvRow(event, platformZone, viewerZone)).join('');
  }
}

type FirstPage =
  | { kind: 'ok'; body: Record<string, unknown> }
  | { kind: 'refused'; status: number; msg: string }
  | { kind: 'signed-out' };

/** The platform's event pages for one export, with its filters and the session's token. */
function pageReader(
  upstream: Upstream,
  route: GatewayRoute,
  token: string,
  filters: Record<string, string | undefined>,
  on: { signedOut: () => void; failed: (page: number, why: string) => Promise<PublicError> },
): EventPageReader & { first(): Promise<FirstPage> } {
  const get = (params: Record<string, string>) => {
    const query: Record<string, string> = { ...params, limit: String(PAGE_SIZE) };
    for (const [key, value] of Object.entries(filters)) if (value) query[key] = value;
    return upstream.request(upstreamRead(route, '/api/events', query), { token });
  };
  const later = async (page: number, params: Record<string, string>) => {
    let next: UpstreamResponse;
    try {
      next = await get(params);
    } catch (error) {
      throw await on.failed(page, error instanceof Error ? error.message : 'upstream error');
    }
    if (next.signedOut) {
      on.signedOut();
      throw await on.failed(page, ACCESS_MESSAGES.ended);
    }
    if (!isSuccess(next.body)) throw await on.failed(page, upstreamMessage(next.body) || `HTTP ${next.status}`);
    return next.body;
  };
  return {
    async first() {
      let first: UpstreamResponse;
      try {
        first = await get({ pagenumber: '1' });
      } catch (error) {
        if (error instanceof UpstreamError) return { kind: 'refused', status: 502, msg: error.message };
        throw error;
      }
      if (first.signedOut) return { kind: 'signed-out' };
      if (first.status === 404) return { kind: 'refused', status: 404, msg: 'This Plus Platform keeps no event history to export' };
      if (!isSuccess(first.body)) {
        return { kind: 'refused', status: refusalStatus(first.status), msg: upstreamMessage(first.body) || 'The Plus Platform refused the export' };
      }
      return { kind: 'ok', body: first.body };
    },
    byNumber: (page) => later(page, { pagenumber: String(page) }),
    byCursor: (beforeid, page) => later(page, { beforeid: String(beforeid) }),
    async tryCursor(beforeid) {
      let answer: UpstreamResponse;
      try {
        answer = await get({ beforeid: String(beforeid) });
      } catch {
        return null;
      }
      if (answer.signedOut) {
        on.signedOut();
        throw await on.failed(2, ACCESS_MESSAGES.ended);
      }
      return isSuccess(answer.body) ? answer.body : null;
    },
  };
}
