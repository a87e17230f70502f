import type { ServerResponse } from 'node:http';
import type { Lock } from '../contract/locks';
import { type RecordedRequest, sendJson } from './stand-in-upstream';

/** A tiny fleet served the way the contract says, with secrets in it, for gateway tests. */
export function fakeLocks(): Lock[] {
  return [
    lock('EM000001', 'HQ · Main Entrance', 1, 0, 80),
    lock('EM000002', 'HQ · Server Room', 0, 0, 12),
    lock('EM000003', 'Depot · Gate', 1, 1, null),
  ];
}

function lock(lockid: string, lockname: string, online: 0 | 1, open: 0 | 1, battery: number | null): Lock {
  return {
    lockuserid: 2,
    lockid,
    lockname,
    lock_open_status: open,
    lock_online_status: online,
    battery_level: battery,
    lock_ssid: `SSID-${lockid}`,
    lock_password: `secret-${lockid}`,
    mac_address: null,
    temperature: '21',
    lock_model: 'ARH3EM',
    online_updated_date: '2026-11-25 10:00:00',
    lock_pic: '/api/uploads/product_images/arh3em.jpg',
  };
}

export const FAKE_ACCOUNTS = {
  manager: { email: 'manager@example.com', password: 'manager-pass', user: { userid: 1, name: 'Mia Manager', email: 'manager@example.com', role: 'manager' } },
  support: { email: 'support@example.com', password: 'support-pass', user: { userid: 2, name: 'Sam Support', email: 'support@example.com', role: 'support' } },
} as const;

/** Tokens the fake platform has issued and not revoked. */
export class FakeTokens {
  readonly live = new Map<string, keyof typeof FAKE_ACCOUNTS>();
  private next = 1;
  issue(role: keyof typeof FAKE_ACCOUNTS): string {
    const token = `fake-token-${role}-${this.next++}-0123456789abcdef`;
    this.live.set(token, role);
    return token;
  }
  roleOf(request: RecordedRequest) {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    return token ? this.live.get(token) ?? null : null;
  }
}

type Handler = (request: RecordedRequest, response: ServerResponse) => void | Promise<void>;

/** Answers `POST /api/login` and `POST /api/logout` like the contract says; passes the rest on. */
export function withSignIn(next: Handler, tokens: FakeTokens): Handler {
  return (request, response) => {
    const url = new URL(request.url, 'http://upstream');
    if (url.pathname === '/api/login' && request.method === 'POST') {
      const body = JSON.parse(request.body || '{}') as { email?: string; password?: string };
      const account = Object.entries(FAKE_ACCOUNTS).find(([, a]) => a.email === body.email && a.password === body.password);
      if (!account) return sendJson(response, 401, { status: 0, msg: 'Invalid email or password' });
      const [role, { user }] = account as [keyof typeof FAKE_ACCOUNTS, (typeof FAKE_ACCOUNTS)[keyof typeof FAKE_ACCOUNTS]];
      return sendJson(response, 200, { status: 1, msg: '', token: tokens.issue(role), user });
    }
    if (url.pathname === '/api/logout' && request.method === 'POST') {
      const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
      return tokens.live.delete(token) ? sendJson(response, 200, { status: 1, msg: '' }) : sendJson(response, 401, { status: 0, msg: 'No such token' });
    }
    return next(request, response);
  };
}

/**
 * With a live token: `GET /api/locks` with the optional filters and sorting, `/summary` and
 * `/:lockid`, and commands.
 */
export function fullPlatform(locks: Lock[] = fakeLocks(), tokens = new FakeTokens()): Handler {
  return (request, response) => {
    const url = new URL(request.url, 'http://upstream');
    if (url.pathname.startsWith('/api/uploads/')) return sendJson(response, 404, { status: 0, msg: 'No such file' });
    if (!tokens.roleOf(request)) return sendJson(response, 401, { status: 0, msg: 'Sign in first' });
    if (request.method !== 'GET') return sendJson(response, 200, { status: 1, msg: 'done', lock: locks[0] });
    if (url.pathname === '/api/locks') {
      let list = [...locks];
      const online = url.searchParams.get('online');
      if (online !== null) list = list.filter((l) => String(l.lock_online_status) === online);
      if (url.searchParams.get('sortby') === 'lockname') {
        list.sort((a, b) => a.lockname.localeCompare(b.lockname));
        if (url.searchParams.get('sortorder') === 'desc') list.reverse();
      }
      const limit = Number(url.searchParams.get('limit'));
      const page = Number(url.searchParams.get('pagenumber'));
      return sendJson(response, 200, {
        status: 1,
        msg: '',
        totalCount: list.length,
        totalPage: Math.ceil(list.length / limit),
        currentPage: page,
        lockslist: list.slice((page - 1) * limit, page * limit),
      });
    }
    if (url.pathname === '/api/locks/summary') {
      return sendJson(response, 200, {
        status: 1,
        msg: '',
        summary: { total: locks.length, online: 2, offline: 1, unlocked: 1, lowbattery: 1 },
      });
    }
    const detail = /^\/api\/locks\/([^/]+)$/.exec(url.pathname);
    if (detail) {
      const found = locks.find((l) => l.lockid === decodeURIComponent(detail[1] ?? ''));
      return found
        ? sendJson(response, 200, { status: 1, msg: '', lock: found })
        : sendJson(response, 404, { status: 0, msg: 'No such lock' });
    }
    return sendJson(response, 404, { status: 0, msg: 'Not found' });
  };
}

/** What a real host may do that the embedded platform does not (`documentedHost`). */
export interface HostQuirks {
  /** The most rows a page holds, whatever `limit` asks; the offset is computed with it, as capping hosts do. */
  cap?: number;
  /** These locks' rows are sent twice on their page (a copy right after the row). */
  duplicates?: readonly string[];
}

/**
 * A host with sign-in and the documented `GET /api/locks?pagenumber&limit[&searchkey]` only (404 for
 * everything else, in the vendor's envelope), with `quirks`. Rows are sent as given.
 */
export function documentedHost(rows: readonly Record<string, unknown>[], tokens: FakeTokens, quirks: HostQuirks = {}): Handler {
  return withSignIn((request, response) => {
    const url = new URL(request.url, 'http://upstream');
    if (request.method !== 'GET' || url.pathname !== '/api/locks') return sendJson(response, 404, { status: 0, msg: 'Not found' });
    if (!tokens.roleOf(request)) return sendJson(response, 401, { status: 0, msg: 'Sign in first' });
    const search = (url.searchParams.get('searchkey') ?? '').toLowerCase();
    const list = rows.filter((row) => !search || `${String(row.lockid)} ${String(row.lockname)}`.toLowerCase().includes(search));
    const size = Math.min(Number(url.searchParams.get('limit')) || 10, quirks.cap ?? Infinity);
    const page = Math.max(1, Number(url.searchParams.get('pagenumber')) || 1);
    const slice = list.slice((page - 1) * size, page * size);
    for (const lockid of quirks.duplicates ?? []) {
      const at = slice.findIndex((row) => row.lockid === lockid);
      if (at >= 0) slice.splice(at + 1, 0, { ...slice[at] });
    }
    return sendJson(response, 200, {
      status: 1,
      msg: 'success',
      totalCount: list.length,
      totalPage: Math.ceil(list.length / size),
      currentPage: page,
      lockslist: slice,
    });
  }, tokens);
}

/**
 * `count` lock rows the way a real host may write them: battery as "85%", temperature as "21.5 °C",
 * and the instant `at` as ISO 8601 with `T`, zones and fractions, or the vendor's form with fractions
 * (UTC, the default PLUS_TIMEZONE). Ids `RH0001`…, names "Host lock 0001"….
 */
export function realHostRows(count: number, at: number): Record<string, unknown>[] {
  const wall = (offsetMin: number) => new Date(at + offsetMin * 60_000).toISOString().slice(0, 23);
  const dates = [
    new Date(at).toISOString(), // 2026-12-06T20:15:00.123Z
    `${wall(120)}+02:00`,
    `${wall(-270)}-0430`,
    wall(0).replace('T', ' '), // the vendor's form, with fractions
    `${wall(0)}456Z`, // microseconds
  ];
  return Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(4, '0');
    return {
      lockuserid: 2,
      lockid: `RH${n}`,
      lockname: `Host lock ${n}`,
      lock_open_status: 0,
      lock_online_status: 1,
      battery_level: `${85 - (i % 5)}%`,
      lock_ssid: `SSID-RH${n}`,
      lock_password: `secret-RH${n}`,
      mac_address: null,
      temperature: `${21.5 + (i % 3)} °C`,
      lock_model: 'ARH3EM',
      online_updated_date: dates[i % dates.length],
      lock_pic: null,
    };
  });
}
