import type { ServerResponse } from 'node:http';
import type { Person } from '../../../contract/access';
import type { ImportResponse, Pass, Role } from '../../../contract/people';
import { type FakeTokens, fakeLocks, withSignIn } from '../../../test-support/fake-fleet';
import { type Handler, type RecordedRequest, sendJson } from '../../../test-support/stand-in-upstream';

/**
 * A stand-in platform answering the issue-25 routes in contract/people.ts's shapes (roles, the
 * lifecycle, passes, grant codes, the import, the access check), for the gateway's tests while the
 * embedded platform is built. `features: false`: a host without them (404 on every such path).
 * Every code it issues is in `codes`, so that a test can search an answer or a log for it.
 */
export interface PeopleHost {
  handler: Handler;
  codes: string[];
  /** The CSV bodies the import received, with their content type. */
  imports: { type: string; body: string }[];
}

const person = (userid: number, username: string, email: string | null, visitor: 0 | 1, extra: Partial<Person> = {}): Person => ({
  userid,
  username,
  email,
  phone: null,
  created_date: '2026-12-01 09:00:00',
  status: 'active',
  department: visitor ? null : 'Operations',
  tags: visitor ? [] : ['night'],
  roleids: visitor ? [] : [4],
  suspended_reason: null,
  suspended_until: null,
  visitor,
  last_used: null,
  last_denied: null,
  ...extra,
} as Person);

export const STAFF = person(11, 'Ada Staff', 'ada.staff@example.com', 0);
export const VISITOR = person(12, 'Vic Visitor', 'vic.visitor@example.com', 1);
/** Someone without an e-mail address (a code cannot be sent to them). */
export const NO_MAIL = person(13, 'Noel Nomail', null, 0);
/** A name a spreadsheet would run as a formula. */
export const FORMULA = person(14, '=HYPERLINK("http://evil.example")', 'f@example.com', 0, { roleids: [4, 5] });

export const ROLE: Role = { roleid: 4, name: 'Night shift', grants: [], member_count: 2, created_date: '2026-12-01 09:00:00' };
const ROLE_B: Role = { ...ROLE, roleid: 5, name: 'Cleaning crew' };

export const PASS: Pass = {
  passid: 21,
  userid: 12,
  name: 'Vic Visitor',
  email: 'vic.visitor@example.com',
  lockids: ['EM000001'],
  groupids: [],
  start_date: '2026-12-08 09:00:00',
  end_date: '2026-12-08 17:00:00',
  status: 'scheduled',
  created_by: 'Mia Manager',
  created_date: '2026-12-07 10:00:00',
  code_sent_date: '2026-12-07 10:00:00',
};

const list = (name: string, rows: unknown[]) => ({ status: 1, msg: '', totalCount: rows.length, totalPage: 1, currentPage: 1, [name]: rows });

function newCode(host: PeopleHost): string {
  const code = String(100000 + ((host.codes.length * 7919 + 424242) % 900000));
  host.codes.push(code);
  return code;
}

function importAnswer(request: RecordedRequest, response: ServerResponse, host: PeopleHost, url: URL) {
  host.imports.push({ type: String(request.headers['content-type']), body: request.body });
  const lines = request.body.split(/\r?\n/).filter(Boolean).slice(1);
  const errors = lines.flatMap((line, i) => (line.includes('Nigth') ? [{ line: i + 2, msg: "unknown role 'Nigth shift'" }] : []));
  const changes = lines.map((line, i) => ({ line: i + 2, action: i === 0 ? 'update' : 'create', userid: i === 0 ? 11 : null, name: line.split(',')[0] ?? '', email: null, department: null, roles: [] }));
  const answer: ImportResponse = { status: errors.length ? 0 : 1, msg: errors.length ? `${errors.length} lines have errors: nothing was imported` : '', dry_run: url.searchParams.get('dry_run') === '1' ? 1 : 0, changes: errors.length ? [] : (changes as ImportResponse['changes']), errors };
  return sendJson(response, errors.length ? 400 : 200, answer);
}

function people(request: RecordedRequest, response: ServerResponse, url: URL): boolean {
  const rows = [STAFF, VISITOR, NO_MAIL, FORMULA];
  if (url.pathname === '/api/people' && request.method === 'GET') {
    const visitor = url.searchParams.get('visitor');
    sendJson(response, 200, list('peoplelist', rows.filter((p) => visitor === null || String(p.visitor) === visitor)));
    return true;
  }
  const one = /^\/api\/people\/(\d+)(?:\/(suspend|reactivate|archive))?$/.exec(url.pathname);
  if (!one) return false;
  const found = rows.find((p) => p.userid === Number(one[1]));
  if (!found) sendJson(response, 404, { status: 0, msg: 'No such person' });
  else if (one[2] === 'suspend') sendJson(response, 200, { status: 1, msg: '', person: { ...found, status: 'suspended', suspended_reason: (JSON.parse(request.body || '{}') as { reason?: string }).reason ?? null } });
  else sendJson(response, 200, { status: 1, msg: '', person: { ...found, status: one[2] === 'archive' ? 'archived' : 'active' } });
  return true;
}

function passesAndCodes(request: RecordedRequest, response: ServerResponse, url: URL, host: PeopleHost): boolean {
  const { pathname } = url;
  if (pathname === '/api/passes' && request.method === 'GET') return sendJson(response, 200, list('passeslist', [PASS])), true;
  if (pathname === '/api/passes' && request.method === 'POST') {
    const body = JSON.parse(request.body) as Partial<Pass>;
    return sendJson(response, 200, { status: 1, msg: '', pass: { ...PASS, name: body.name, email: body.email }, passcode: newCode(host) }), true;
  }
  if (pathname === '/api/passes/21/resend') return sendJson(response, 200, { status: 1, msg: '', pass: PASS, passcode: newCode(host) }), true;
  if (pathname === '/api/passes/21' && request.method === 'DELETE') return sendJson(response, 200, { status: 1, msg: '', pass: { ...PASS, status: 'ended' } }), true;
  const grant = /^\/api\/grants\/(\d+)\/passcode$/.exec(pathname);
  if (grant && request.method === 'POST') {
    const userid = Number(grant[1]) === 31 ? 11 : 13;
    const row = { grantid: Number(grant[1]), userid, username: 'Ada Staff', lockid: 'EM000001', lockname: 'HQ · Main Entrance', groupid: null, groupname: null, method: 'keypad', start_date: null, end_date: null, weekdays: '12345', start_time: '08:00', end_time: '18:00', status: 'active' };
    return sendJson(response, 200, { status: 1, msg: '', grant: row, passcode: newCode(host) }), true;
  }
  return false;
}

function roles(request: RecordedRequest, response: ServerResponse, url: URL): boolean {
  if (url.pathname === '/api/roles' && request.method === 'GET') return sendJson(response, 200, list('roleslist', [ROLE, ROLE_B])), true;
  if (url.pathname === '/api/roles' && request.method === 'POST') {
    return sendJson(response, 200, { status: 1, msg: '', role: { ...ROLE, roleid: 9, name: (JSON.parse(request.body) as { name: string }).name } }), true;
  }
  const one = /^\/api\/roles\/(\d+)(\/members)?$/.exec(url.pathname);
  if (!one) return false;
  if (url.searchParams.get('preview') === '1') return sendJson(response, 200, { status: 1, msg: '', preview: { grants: [], members: [] } }), true;
  return sendJson(response, 200, { status: 1, msg: '', role: ROLE }), true;
}

/** The issue-25 routes behind the fake platform's sign-in, with the three locks of fake-fleet. */
export function peopleHost(tokens: FakeTokens, options: { features?: boolean } = {}): PeopleHost {
  const host: PeopleHost = { codes: [], imports: [], handler: () => undefined };
  host.handler = withSignIn((request, response) => {
    if (!tokens.roleOf(request)) return sendJson(response, 401, { status: 0, msg: 'Sign in first' });
    const url = new URL(request.url, 'http://upstream');
    if (url.pathname === '/api/locks') return sendJson(response, 200, list('lockslist', fakeLocks()));
    // Who a token belongs to now (role-check.ts): a test may change a token's role in `tokens.live`.
    if (url.pathname === '/api/users/me') return sendJson(response, 200, { status: 1, msg: '', user: { role: tokens.roleOf(request) } });
    if (options.features !== false) {
      if (url.pathname === '/api/people/import' && request.method === 'POST') return importAnswer(request, response, host, url);
      if (url.pathname === '/api/access-check') {
        if (url.searchParams.get('userid') === '0') return sendJson(response, 400, { status: 0, msg: 'userid must be at least 1' });
        return sendJson(response, 200, { status: 1, msg: '', check: { allowed: 1, reason: null, grantid: 31, roleid: 4, rolename: 'Night shift', explanation: 'Allowed by grant #31 from role Night shift' } });
      }
      if (people(request, response, url) || passesAndCodes(request, response, url, host) || roles(request, response, url)) return;
    } else if (url.pathname === '/api/people') {
      return sendJson(response, 200, list('peoplelist', [{ userid: 11, username: 'Ada Staff', email: 'ada.staff@example.com', phone: null, created_date: '2026-12-01 09:00:00' }]));
    }
    return sendJson(response, 404, { status: 0, msg: 'Not found' });
  }, tokens);
  return host;
}
