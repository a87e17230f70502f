import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * `PLATFORM_QUIRKS=vendor`: the embedded platform answers the way the vendor's document shows a real
 * host can, so that the gateway and the SPA are tested against what a real host sends, not against
 * our own clean contract:
 * - sign-in, validation and search failures come as HTTP 200 with `status: 0` (a bad token stays
 *   401, an unknown lock 404, an offline lock 409, a sign-in limit 429);
 * - `totalPage` disagrees with `totalCount` (the document's sample: `totalCount: 2, totalPage: 2`
 *   at `limit=10`), and some lists (events, people, grants) send `totalCount: null`;
 * - numbers arrive as strings (flags, battery levels, counts, ids of events and people);
 * - unknown extra fields on locks, users, groups and events;
 * - dates without a zone (as always).
 * Deterministic: the same answer is always bent the same way.
 */
export type PlatformQuirks = 'vendor' | null;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Numbers as strings, for the named fields that hold one. */
function stringify(row: Json, fields: readonly string[]): Json {
  const out: Json = { ...row };
  for (const field of fields) if (typeof out[field] === 'number') out[field] = String(out[field]);
  return out;
}

const LOCK_NUMBERS = ['lock_open_status', 'lock_online_status', 'battery_level', 'lockuserid'];
const EVENT_NUMBERS = ['eventid', 'userid', 'battery_level', 'groupid'];
const GROUP_NUMBERS = ['lock_count', 'online_count', 'offline_count', 'unlocked_count', 'lowbattery_count'];

function bendLock(lock: Json): Json {
  return { ...stringify(lock, LOCK_NUMBERS), lock_firmware: 'ARH-3.2.7', vendor_flags: { beta: false }, lock_timezone: null };
}

function bendEvent(event: Json): Json {
  return { ...stringify(event, EVENT_NUMBERS), device_sn: `SN-${String(event.lockid ?? 'group')}`, source: 'gateway-v2' };
}

function bendUser(user: Json): Json {
  return { ...user, company_id: 7, avatar: null, last_login: '2026-01-01 00:00:00' };
}

const LIST_BENDERS: Record<string, (row: Json) => Json> = {
  lockslist: bendLock,
  eventslist: bendEvent,
  lockgroupslist: (group) => ({ ...stringify(group, GROUP_NUMBERS), color: '#336699' }),
  peoplelist: (person) => ({ ...stringify(person, ['userid', 'grant_count']), department: null }),
  grantslist: (grant) => ({ ...stringify(grant, ['userid']), source: 'dashboard' }),
};

/** Lists whose `totalCount` a vendor host leaves out (`null`): clients must fall back on `totalPage`. */
const LISTS_WITHOUT_TOTAL = new Set(['eventslist', 'peoplelist', 'grantslist']);

/** A successful answer, bent. */
export function bendAnswer(body: Json): Json {
  const out: Json = { ...body };
  for (const [field, bend] of Object.entries(LIST_BENDERS)) {
    const rows = out[field];
    if (!Array.isArray(rows)) continue;
    out[field] = rows.map((row) => (isObject(row) ? bend(row) : row));
    if (LISTS_WITHOUT_TOTAL.has(field)) {
      out.totalCount = null;
    } else if (typeof out.totalCount === 'number') {
      // The document's own sample: totalPage as if every lock were a page.
      out.totalPage = out.totalCount;
    }
  }
  if (isObject(out.lock)) out.lock = bendLock(out.lock);
  if (isObject(out.user)) out.user = bendUser(out.user);
  if (isObject(out.lockgroup)) out.lockgroup = LIST_BENDERS.lockgroupslist?.(out.lockgroup) ?? out.lockgroup;
  if (isObject(out.person)) out.person = stringify(out.person, ['userid', 'grant_count']);
  if (isObject(out.summary)) out.summary = stringify(out.summary, ['total', 'online', 'offline', 'unlocked', 'lowbattery']);
  return out;
}

/** Which refusals a vendor host answers with HTTP 200 and `status: 0`. */
function answersFailureAs200(request: FastifyRequest, statusCode: number): boolean {
  if (statusCode === 400) return true; // validation and search failures
  return statusCode === 401 && request.routeOptions.url === '/api/login'; // a wrong password
}

export function installVendorQuirks(app: FastifyInstance): void {
  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const type = String(reply.getHeader('content-type') ?? '');
    if (typeof payload !== 'string' || !type.includes('json')) return payload;
    let body: unknown;
    try {
      body = JSON.parse(payload);
    } catch {
      return payload;
    }
    if (!isObject(body)) return payload;
    if (body.status === 0) {
      if (answersFailureAs200(request, reply.statusCode)) reply.code(200);
      return payload;
    }
    return reply.statusCode === 200 ? JSON.stringify(bendAnswer(body)) : payload;
  });
}
