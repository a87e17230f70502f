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
