import type { ServerResponse } from 'node:http';
import type { Holiday, Lockdown, LockSchedule, Schedule } from '../../contract/schedules';
import type { FakeTokens} from '../../test-support/fake-fleet';
import { fakeLocks, withSignIn } from '../../test-support/fake-fleet';
import { type Handler, type RecordedRequest, sendJson } from '../../test-support/stand-in-upstream';

/**
 * A stand-in platform with door schedules, holidays and lockdowns, answering the routes of
 * DESIGN.md "Schedules and lockdown" in contract/schedules.ts's shapes, for the gateway's tests
 * before the embedded platform has them. `features: false`: a host without them (404, rows without
 * `schedule` and `lockdown`).
 */
export interface ScheduleHostOptions {
  features?: boolean;
  /** Locks a lockdown holds: a plain unlock answers 423, one with `override_reason` opens. */
  inLockdown?: readonly string[];
  /** The 423's msg, when not "<lockname> is in lockdown" (a host may say less). */
  lockdownMsg?: string;
}

export const OFFICE_HOURS: LockSchedule = { scheduleid: 7, name: 'Office hours', state: 'unlocked', until: '2026-12-07 18:00:00' };

const SCHEDULE: Schedule = {
  scheduleid: 7,
  name: 'Office hours',
  timezone: 'Europe/Berlin',
  windows: [{ days: '12345', from: '08:00', to: '18:00' }],
  first_person_in: 0,
  holidayids: [3],
  lockids: ['EM000001'],
  groupids: [],
  next_change: { date: '2026-12-07 17:00:00', action: 'lock' },
};
const HOLIDAY: Holiday = { holidayid: 3, name: 'Christmas', start_date: '2026-12-25', end_date: '2026-12-26', yearly: 1 };

function lockdownOf(body: Record<string, unknown>, lockdownid: number): Lockdown {
  const scope = body.all === true ? { all: true as const } : { groupids: (body.groupids as number[] | undefined) ?? [] };
  return {
    lockdownid,
    scope,
    started_by: 'Mia Manager',
    started_date: '2026-12-07 16:00:00',
    lifted_by: null,
    lifted_date: null,
    lock_count: 3,
    pending_lockids: ['EM000002'],
  };
}

const list = (name: string, rows: unknown[]) => ({ status: 1, msg: '', totalCount: rows.length, totalPage: 1, currentPage: 1, [name]: rows });

function lockRows(options: ScheduleHostOptions) {
  return fakeLocks().map((lock) =>
    options.features === false
      ? lock
      : { ...lock, lockdown: options.inLockdown?.includes(lock.lockid) ? 1 : 0, schedule: lock.lockid === 'EM000001' ? OFFICE_HOURS : null },
  );
}

function locks(request: RecordedRequest, response: ServerResponse, url: URL, options: ScheduleHostOptions): boolean {
  const rows = lockRows(options);
  if (url.pathname === '/api/locks') {
    sendJson(response, 200, list('lockslist', rows));
    return true;
  }
  if (url.pathname === '/api/locks/summary') {
    sendJson(response, 200, { status: 1, msg: '', summary: { total: 3, online: 2, offline: 1, unlocked: 1, lowbattery: 1, lockdown: 1 } });
    return true;
  }
  const command = /^\/api\/locks\/([^/]+)(?:\/(lock|unlock))?$/.exec(url.pathname);
  const lock = rows.find((l) => l.lockid === decodeURIComponent(command?.[1] ?? ''));
  if (!command || !lock) return false;
  if (!command[2]) {
    sendJson(response, 200, { status: 1, msg: '', lock });
    return true;
  }
  const body = JSON.parse(request.body || '{}') as { override_reason?: string };
  const held = options.inLockdown?.includes(lock.lockid) ?? false;
  if (held && (command[2] === 'lock' || body.override_reason === undefined)) {
    sendJson(response, 423, { status: 0, msg: options.lockdownMsg ?? `${lock.lockname} is in lockdown` });
  } else {
    sendJson(response, 200, { status: 1, msg: 'done', lock: { ...lock, lock_open_status: command[2] === 'unlock' ? 1 : 0 } });
  }
  return true;
}

function schedulesAndHolidays(request: RecordedRequest, response: ServerResponse, url: URL): boolean {
  const body = JSON.parse(request.body || '{}') as Record<string, unknown>;
  if (url.pathname === '/api/schedules') {
    if (request.method === 'GET') sendJson(response, 200, list('scheduleslist', [SCHEDULE]));
    else sendJson(response, 200, { status: 1, msg: 'created', schedule: { ...SCHEDULE, scheduleid: 8, name: body.name } });
    return true;
  }
  const schedule = /^\/api\/schedules\/(\d+)$/.exec(url.pathname);
  if (schedule) {
    if (schedule[1] !== '7') sendJson(response, 404, { status: 0, msg: 'No such schedule' });
    else sendJson(response, 200, { status: 1, msg: '', schedule: { ...SCHEDULE, ...(typeof body.name === 'string' ? { name: body.name } : {}) } });
    return true;
  }
  if (url.pathname === '/api/holidays') {
    if (request.method === 'GET') sendJson(response, 200, list('holidayslist', [HOLIDAY]));
    else sendJson(response, 200, { status: 1, msg: 'created', holiday: { ...HOLIDAY, holidayid: 4, name: body.name } });
    return true;
  }
  if (/^\/api\/holidays\/\d+$/.test(url.pathname)) {
    sendJson(response, 200, { status: 1, msg: '', holiday: HOLIDAY });
    return true;
  }
  return false;
}

function lockdowns(request: RecordedRequest, response: ServerResponse, url: URL): boolean {
  const body = JSON.parse(request.body || '{}') as Record<string, unknown>;
  if (url.pathname === '/api/lockdowns') {
    if (request.method === 'GET') sendJson(response, 200, list('lockdownslist', [lockdownOf({ all: true }, 1)]));
    else if (body.all !== true && !Array.isArray(body.groupids)) sendJson(response, 400, { status: 0, msg: 'give either all: true or groupids' });
    else sendJson(response, 200, { status: 1, msg: 'locked down', lockdown: lockdownOf(body, 2) });
    return true;
  }
  const lift = /^\/api\/lockdowns\/(\d+)\/lift$/.exec(url.pathname);
  if (!lift) return false;
  const lifted = { ...lockdownOf({ groupids: [5] }, Number(lift[1])), lifted_by: 'Mia Manager', lifted_date: '2026-12-07 16:30:00', pending_lockids: [] };
  sendJson(response, 200, { status: 1, msg: 'lifted', lockdown: lifted });
  return true;
}

export function scheduleHost(tokens: FakeTokens, options: ScheduleHostOptions = {}): Handler {
  return withSignIn((request, response) => {
    const url = new URL(request.url, 'http://upstream');
    if (!tokens.roleOf(request)) return sendJson(response, 401, { status: 0, msg: 'Sign in first' });
    if (locks(request, response, url, options)) return;
    if (options.features !== false && (schedulesAndHolidays(request, response, url) || lockdowns(request, response, url))) return;
    sendJson(response, 404, { status: 0, msg: 'Not found' });
  }, tokens);
}
