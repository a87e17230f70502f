import type { ServerResponse } from 'node:http';
import { toPlatformDate } from '../../../contract/envelope';
import {
  type Forecast,
  HOURS_IN_WEEK,
  denialsResponseSchema,
  forecastListResponseSchema,
  forecastSchema,
  readingsResponseSchema,
  uptimeResponseSchema,
  usageResponseSchema,
} from '../../../contract/reports';
import { type FakeTokens, fakeLocks, withSignIn } from '../../../test-support/fake-fleet';
import { type Handler, sendJson } from '../../../test-support/stand-in-upstream';

/**
 * A stand-in platform answering issue 26's routes in contract/reports.ts's shapes (every canned
 * body is parsed with the contract's schemas, so a wrong one fails here), for the gateway's tests
 * while the embedded platform is built. `features: false`: a host without them (404 on every such
 * path); `usage: false`: a host with forecasts but without the usage report.
 */
export interface ReportsHostOptions {
  features?: boolean;
  usage?: boolean;
}

const DAY_MS = 86_400_000;
/** How many forecasts the host has: three pages of 100 and a bit. */
export const FORECAST_COUNT = 250;
const GROUP_A = { groupid: 1, groupname: 'HQ' };
/** A group name with a comma and a quote: the CSV must quote it. */
const GROUP_B = { groupid: 2, groupname: 'Depot, "north"' };

/**
 * The host's forecasts, soonest due first, those without a forecast last. Lock i is due i − 5 days
 * from the start of `now`'s day (the first five already are); every tenth has no forecast. Even locks are in HQ, every
 * third in the depot; lock 0's name is a spreadsheet formula.
 */
export function hostForecasts(now: number): Forecast[] {
  // Due dates at midnight UTC: a test's own `now` a moment later gives the very same rows.
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const rows = Array.from({ length: FORECAST_COUNT }, (_, i): Forecast => {
    const none = i % 10 === 9;
    return forecastSchema.parse({
      lockid: `FC${String(i).padStart(4, '0')}`,
      lockname: i === 0 ? '=HYPERLINK("http://evil.example")' : `Door ${i}`,
      battery_level: none ? null : Math.max(0, 40 - i),
      drain_per_day: none ? null : 1.5,
      critical_date: none ? null : toPlatformDate(new Date(today + (i - 5) * DAY_MS)),
      series_start: '2026-11-01 00:00:00',
      lockgroups: [...(i % 2 === 0 ? [GROUP_A] : []), ...(i % 3 === 0 ? [GROUP_B] : [])],
    });
  });
  return [...rows.filter((r) => r.critical_date !== null), ...rows.filter((r) => r.critical_date === null)];
}

/** The forecasts the host lists for these filters: due within `days` of `now` (due ones included), in group `groupid`. */
export function forecastsDue(now: number, days: number | null, groupid: number | null): Forecast[] {
  return hostForecasts(now).filter(
    (f) =>
      (days === null || (f.critical_date !== null && Date.parse(`${f.critical_date.replace(' ', 'T')}Z`) <= now + days * DAY_MS)) &&
      (groupid === null || f.lockgroups.some((g) => g.groupid === groupid)),
  );
}

const hours = (at: number) => Array.from({ length: HOURS_IN_WEEK }, (_, i) => (i === at ? 3 : 0));

export const READINGS = readingsResponseSchema.parse({
  status: 1,
  msg: '',
  lockid: 'EM000001',
  from: '2026-12-01 00:00:00',
  to: '2026-12-07 23:00:00',
  step: 3600,
  series: {
    battery: [['2026-12-01 00:00:00', 80], ['2026-12-01 01:00:00', 79.5]],
    temperature: [['2026-12-01 00:00:00', 21.5], ['2026-12-01 01:00:00', 21]],
    online: [['2026-12-01 00:00:00', 1], ['2026-12-01 01:00:00', 0]],
  },
});

const period = { from: '2026-12-01 00:00:00', to: '2026-12-07 23:59:59' };
export const UPTIME = uptimeResponseSchema.parse({
  status: 1,
  msg: '',
  uptime: {
    ...period, lock_count: 3, uptime_pct: 75, offline_s: 21_600, outage_count: 1, hours: hours(2),
    lockslist: [{ lockid: 'EM000002', lockname: 'HQ · Server Room', uptime_pct: 75, offline_s: 21_600, outage_count: 1 }],
    groupslist: [{ ...GROUP_A, lock_count: 2, uptime_pct: 87.5 }],
  },
});
export const USAGE = usageResponseSchema.parse({
  status: 1,
  msg: '',
  usage: { ...period, total: 3, hours: hours(8), lockslist: [{ lockid: 'EM000001', lockname: 'HQ · Main Entrance', uses: 3 }] },
});
export const DENIALS = denialsResponseSchema.parse({
  status: 1,
  msg: '',
  denials: {
    ...period, total: 3, hours: hours(9), reasons: [{ reason: 'outside_hours', count: 3 }],
    lockslist: [{ lockid: 'EM000001', lockname: 'HQ · Main Entrance', count: 3, reasons: [{ reason: 'outside_hours', count: 3 }] }],
  },
});

function forecastPage(response: ServerResponse, url: URL) {
  const days = url.searchParams.get('due_within_days');
  const groupid = url.searchParams.get('groupid');
  const rows = forecastsDue(Date.now(), days === null ? null : Number(days), groupid === null ? null : Number(groupid));
  const limit = Math.min(100, Number(url.searchParams.get('limit')) || 10);
  const page = Math.max(1, Number(url.searchParams.get('pagenumber')) || 1);
  const body = forecastListResponseSchema.parse({
    status: 1,
    msg: '',
    totalCount: rows.length,
    totalPage: Math.ceil(rows.length / limit),
    currentPage: page,
    forecastslist: rows.slice((page - 1) * limit, page * limit),
  });
  return sendJson(response, 200, body);
}

/** Issue 26's reads; false when the path is none of them (or the host lacks it). */
function reportsAnswer(response: ServerResponse, url: URL, options: ReportsHostOptions): boolean {
  const { pathname } = url;
  if (/^\/api\/locks\/[^/]+\/readings$/.test(pathname)) return sendJson(response, 200, READINGS), true;
  if (pathname === '/api/reports/battery-forecast') return forecastPage(response, url), true;
  if (pathname === '/api/reports/uptime') return sendJson(response, 200, UPTIME), true;
  if (pathname === '/api/reports/usage' && options.usage !== false) return sendJson(response, 200, USAGE), true;
  if (pathname === '/api/reports/denials') return sendJson(response, 200, DENIALS), true;
  return false;
}

/** Issue 26's routes behind the fake platform's sign-in, with the three locks of fake-fleet. */
export function reportsHost(tokens: FakeTokens, options: ReportsHostOptions = {}): Handler {
  return withSignIn((request, response) => {
    if (!tokens.roleOf(request)) return sendJson(response, 401, { status: 0, msg: 'Sign in first' });
    const url = new URL(request.url, 'http://upstream');
    const locks = fakeLocks();
    if (url.pathname === '/api/locks') return sendJson(response, 200, { status: 1, msg: '', totalCount: locks.length, totalPage: 1, currentPage: 1, lockslist: locks });
    // Who a token belongs to now (role-check.ts).
    if (url.pathname === '/api/users/me') return sendJson(response, 200, { status: 1, msg: '', user: { role: tokens.roleOf(request) } });
    if (request.method === 'GET' && options.features !== false && reportsAnswer(response, url, options)) return;
    return sendJson(response, 404, { status: 0, msg: 'Not found' });
  }, tokens);
}
