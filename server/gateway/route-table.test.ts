import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform } from '../platform/platform';
import { DEMO_CREDENTIALS } from '../platform/testing';
import { type RunningGateway, signIn, startGateway, testConfig } from '../../test-support/gateway';
import { raw } from '../../test-support/raw-http';
import { PAGE_PATHS } from '../../contract/page-paths';
import { type GatewayRoute, RENDERED_PAGES, ROUTES, changesState, proxiedRead, renderedPageRead, upstreamPath, upstreamQuery, upstreamRead } from './route-table';
import { isSecretField, stripSecrets } from './strip-secrets';

let platform: Awaited<ReturnType<typeof startPlatform>>;
let gateway: RunningGateway;
let lockid: string;

beforeAll(async () => {
  platform = await startPlatform({ dbPath: join(mkdtempSync(join(tmpdir(), 'lockboard-roles-')), 'platform.sqlite'), simulator: false, seed: { locks: 20, historyDays: 1 } });
  gateway = await startGateway(platform.url, { mode: 'embedded', config: testConfig({ LOGIN_RATE_LIMIT: '100' }) });
  lockid = (platform.db.prepare('SELECT lockid FROM locks WHERE lock_online_status = 1 ORDER BY id LIMIT 1').get() as { lockid: string }).lockid;
});
afterAll(async () => {
  await gateway.close();
  await platform.close();
});

/** A request a browser of the dashboard could send for the row: its path filled in, paging where a list needs it. */
function requestFor(route: GatewayRoute): { target: string; body: string | undefined; type: string } {
  const path = route.path
    .replace(':lockid', lockid)
    .replace(/:(groupid|userid|grantid|alertid|ruleid|contactid|scheduleid|holidayid|lockdownid|roleid|passid)/, '1')
    .replace('*', 'product_images/arh3em.jpg');
  const paging = route.query?.includes('pagenumber') ? '?pagenumber=1&limit=1' : '';
  // The people import takes its CSV (the one non-JSON body); the access check needs its question.
  if (route.csvBody) return { target: `${path}?dry_run=1`, body: 'name,email\r\nAda Import,ada.import@example.com\r\n', type: 'text/csv' };
  const question = route.path === '/api/access-check' ? `?userid=1&lockid=${encodeURIComponent(lockid)}` : '';
  // The reports' period, and the "Replace soon" export's horizon.
  const period = route.query?.includes('to') && route.path.startsWith('/api/reports/') ? '?from=2026-12-01&to=2026-12-07' : '';
  const horizon = route.path.endsWith('/battery-forecast/export.csv') ? '?due_within_days=30' : '';
  return { target: `${path}${paging}${question}${period}${horizon}`, body: changesState(route) ? '{}' : undefined, type: 'application/json' };
}

type Who = 'nobody' | 'support' | 'manager';

/** What the table says `who` gets on `route`: refused with this status, or let through (anything but 401/403). */
function expected(route: GatewayRoute, who: Who): 401 | 403 | 'through' {
  if (route.access === 'public') return 'through';
  if (who === 'nobody') return 401;
  if (who === 'support' && (route.access === 'manager' || (changesState(route) && !route.supportMayChange))) return 403;
  return 'through';
}

describe('the role-by-route table', () => {
  it('lists each method and path once, every state change behind a role or sign-in, and only the public rows open', () => {
    const keys = ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(ROUTES.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/login', 'POST /api/logout']);
    const notManagerChanges = ROUTES.filter((r) => changesState(r) && r.access !== 'manager').map((r) => r.path);
    expect(notManagerChanges).toEqual(['/api/login', '/api/logout', '/api/team-alerts/read']);
    // Every schedule, holiday and lockdown change needs a manager, and is audited.
    const scheduleChanges = ROUTES.filter((r) => changesState(r) && /^\/api\/(schedules|holidays|lockdowns)/.test(r.path));
    expect(scheduleChanges.map((r) => `${r.method} ${r.path} ${r.access} ${r.audit}`)).toEqual([
      'POST /api/schedules manager schedule-created',
      'PUT /api/schedules/:scheduleid manager schedule-changed',
      'DELETE /api/schedules/:scheduleid manager schedule-deleted',
      'POST /api/holidays manager holiday-created',
      'PUT /api/holidays/:holidayid manager holiday-changed',
      'DELETE /api/holidays/:holidayid manager holiday-deleted',
      'POST /api/lockdowns manager lockdown',
      'POST /api/lockdowns/:lockdownid/lift manager lockdown',
    ]);
    // Every people, role and pass change needs a manager and is audited: proxied ones by their row,
    // the gateway's own (codes, the import) by their handler (send-code.ts, import-route.ts).
    const peopleChanges = ROUTES.filter((r) => changesState(r) && /^\/api\/(roles|passes|people\/(:userid\/(suspend|reactivate|archive)|import)|grants\/:grantid\/send)/.test(r.path));
    expect(peopleChanges.map((r) => `${r.method} ${r.path} ${r.access} ${r.audit ?? r.handling}`)).toEqual([
      'POST /api/passes manager gateway',
      'POST /api/passes/:passid/resend manager gateway',
      'POST /api/grants/:grantid/send manager gateway',
      'POST /api/people/import manager gateway',
      'POST /api/roles manager access-role-created',
      'PUT /api/roles/:roleid manager access-role-changed',
      'DELETE /api/roles/:roleid manager access-role-deleted',
      'PUT /api/roles/:roleid/members manager access-role-members',
      'POST /api/people/:userid/suspend manager person-suspended',
      'POST /api/people/:userid/reactivate manager person-reactivated',
      'POST /api/people/:userid/archive manager person-archived',
      'DELETE /api/passes/:passid manager pass-ended',
    ]);
    // Reads that carry a visitor's e-mail lose it for support; only the import takes CSV.
    expect(ROUTES.filter((r) => r.supportStrips).map((r) => `${r.method} ${r.path} ${r.supportStrips}`)).toEqual([
      'GET /api/people people', 'GET /api/people/:userid people', 'GET /api/passes passes',
    ]);
    expect(ROUTES.filter((r) => r.csvBody).map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/people/import']);
    // Issue 26: readings and reports are reads for any signed-in role, and nothing else.
    expect(ROUTES.filter((r) => /^\/api\/(reports\/|locks\/:lockid\/readings)/.test(r.path)).map((r) => `${r.method} ${r.path} ${r.access} ${r.handling}`)).toEqual([
      'GET /api/reports/battery-forecast/export.csv signed-in gateway',
      'GET /api/locks/:lockid/readings signed-in proxy',
      'GET /api/reports/battery-forecast signed-in proxy',
      'GET /api/reports/uptime signed-in proxy',
      'GET /api/reports/usage signed-in proxy',
      'GET /api/reports/denials signed-in proxy',
    ]);
    // The one state change support may make: its own read marks.
    expect(ROUTES.filter((r) => r.supportMayChange).map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/team-alerts/read']);
    const managersOnlyReads = ROUTES.filter((r) => !changesState(r) && r.access === 'manager').map((r) => r.path);
    expect(managersOnlyReads).toEqual([
      '/api/locks/:lockid/password', '/api/grants/:grantid/passcode', '/api/contacts', '/api/deliveries', '/api/outbox',
      '/api/audit', '/api/audit/export.csv', '/api/audit/verify',
    ]);
  });

  for (const route of ROUTES) {
    for (const who of ['nobody', 'support', 'manager'] as const) {
      const rule = expected(route, who);
      it(`${route.method} ${route.path} as ${who}: ${rule === 'through' ? 'let through' : rule}`, async () => {
        const session = who === 'nobody' ? {} : await signIn(gateway.url, DEMO_CREDENTIALS[who].email, DEMO_CREDENTIALS[who].password);
        const { target, body, type } = requestFor(route);
        const headers = { ...session, origin: gateway.url, ...(body === undefined ? {} : { 'content-type': type }) };
        const response = await raw(gateway.url, route.method, target, headers, body);
        if (rule === 'through') {
          expect([401, 403], response.body.slice(0, 200)).not.toContain(response.status);
          expect(response.status).toBeLessThan(500);
        } else {
          expect(response.status, response.body.slice(0, 200)).toBe(rule);
          expect(response.json).toEqual({ status: 0, msg: expect.any(String) });
        }
      });
    }
  }
});

describe('the upstream URL', () => {
  const row = (method: GatewayRoute['method'], path: string) => ROUTES.find((r) => r.method === method && r.path === path) as GatewayRoute;

  it('is rebuilt from the checked parameters, each re-encoded, never the client\'s spelling', () => {
    expect(upstreamPath(row('POST', '/api/locks/:lockid/unlock'), { lockid: 'a?c#d' })).toEqual({ ok: true, path: '/api/locks/a%3Fc%23d/unlock' });
    expect(upstreamPath(row('GET', '/api/uploads/*'), { '*': 'product_images/door 1.jpg' })).toEqual({ ok: true, path: '/api/uploads/product_images/door%201.jpg' });
    for (const lockid of ['..', '.', '', 'x'.repeat(65), 'a\\b', 'a/b']) {
      expect(upstreamPath(row('GET', '/api/locks/:lockid'), { lockid }).ok, lockid).toBe(false);
    }
    expect(upstreamPath(row('GET', '/api/uploads/*'), { '*': 'product_images/../../locks' }).ok).toBe(false);
    expect(upstreamPath(row('DELETE', '/api/grants/:grantid'), { grantid: '1 OR 1=1' }).ok).toBe(false);
  });

  it('carries only the row\'s query parameters, once each, re-encoded', () => {
    const list = row('GET', '/api/locks');
    expect(upstreamQuery(list, { pagenumber: '1', limit: '10', searchkey: 'a&b=c d' })).toEqual({ ok: true, query: '?pagenumber=1&limit=10&searchkey=a%26b%3Dc+d' });
    expect(upstreamQuery(list, { pagenumber: '1', token: 'x' })).toEqual({ ok: false, msg: 'Unknown parameter: token' });
    expect(upstreamQuery(list, { pagenumber: ['1', '2'] }).ok).toBe(false);
    expect(upstreamQuery(row('GET', '/api/locks/:lockid'), { pagenumber: '1' }).ok).toBe(false);
    expect(upstreamQuery(row('GET', '/api/locks/:lockid'), {})).toEqual({ ok: true, query: '' });
  });
});

describe('what a row says besides its access', () => {
  const row = (method: GatewayRoute['method'], path: string) => ROUTES.find((r) => r.method === method && r.path === path) as GatewayRoute;
  const signedInRead = (path: string) => ROUTES.some((r) => r.method === 'GET' && r.path === path && r.handling === 'proxy' && r.access === 'signed-in');

  it('names the upstream reads a handler makes, each a signed-in proxied read', () => {
    expect(ROUTES.filter((r) => r.reads).map((r) => `${r.method} ${r.path} → ${r.reads?.join(', ')}`)).toEqual([
      'GET /api/locks/:lockid/password → /api/locks',
      'POST /api/commands → /api/locks',
      'GET /api/events/export.csv → /api/events',
      'POST /api/grants/:grantid/send → /api/people/:userid',
      'GET /api/people/export → /api/people, /api/roles',
      'GET /api/reports/battery-forecast/export.csv → /api/reports/battery-forecast',
      'DELETE /api/lockgroups/:groupid → /api/grants',
      'PUT /api/lockgroups/:groupid/locks → /api/grants',
    ]);
    for (const route of ROUTES) for (const read of route.reads ?? []) expect(signedInRead(read), `${route.path} reads ${read}`).toBe(true);
  });

  it('builds a read through the read row\'s allow-list, and refuses a read or a parameter the table does not give', () => {
    const password = row('GET', '/api/locks/:lockid/password');
    expect(upstreamRead(password, '/api/locks', { pagenumber: '1', limit: '100', searchkey: 'a&b c' })).toBe('/api/locks?pagenumber=1&limit=100&searchkey=a%26b+c');
    expect(() => upstreamRead(password, '/api/locks', { token: 'x' })).toThrow('Unknown parameter: token');
    expect(() => upstreamRead(password, '/api/grants', { pagenumber: '1' })).toThrow('not among the upstream reads');
    expect(() => upstreamRead(row('GET', '/api/me'), '/api/locks', {})).toThrow('not among the upstream reads');
  });

  it('gives a larger body only to the bulk command (1,000 lockids), and Fastify applies it', async () => {
    expect(ROUTES.filter((r) => r.bodyLimit !== undefined).map((r) => [`${r.method} ${r.path}`, r.bodyLimit])).toEqual([
      ['POST /api/commands', 80 * 1024],
      ['POST /api/people/import', 1024 * 1024],
      ['PUT /api/roles/:roleid/members', 32 * 1024],
    ]);
    const manager = await signIn(gateway.url, DEMO_CREDENTIALS.manager.email, DEMO_CREDENTIALS.manager.password);
    // 24 KB: over the gateway's 16 KB, under the row's 80 KB. `unknown` makes the command a 400 before anything is sent.
    const body = JSON.stringify({ action: 'lock', lockids: Array.from({ length: 400 }, (_, i) => `EM${String(i).padStart(58, '0')}`), unknown: 1 });
    const headers = { ...manager, origin: gateway.url, 'content-type': 'application/json' };
    expect((await raw(gateway.url, 'POST', '/api/commands', headers, body)).status).toBe(400);
    expect((await raw(gateway.url, 'POST', '/api/lockgroups', headers, body)).status).toBe(413);
  });

  it('lists the server-rendered pages with the reads each may make: signed-in proxied reads only', () => {
    expect(Object.values(RENDERED_PAGES).map((page) => page.path)).toEqual([PAGE_PATHS.login, PAGE_PATHS.locks, PAGE_PATHS.lock, PAGE_PATHS.activity]);
    for (const page of Object.values(RENDERED_PAGES)) for (const read of page.reads) expect(signedInRead(read), `${page.path} reads ${read}`).toBe(true);
  });

  it('routes a rendered page\'s read as the router does (static paths first, parameters decoded), and only a read of that page', () => {
    expect(renderedPageRead('locks', '/api/locks/summary')?.route.path).toBe('/api/locks/summary');
    expect(renderedPageRead('lock', '/api/locks/EM%201%2F2/events')).toEqual({ route: row('GET', '/api/locks/:lockid/events'), params: { lockid: 'EM 1/2' } });
    expect(renderedPageRead('lock', '/api/locks/summary')).toBeNull();
    expect(renderedPageRead('locks', '/api/grants')).toBeNull();
    expect(renderedPageRead('activity', '/api/locks/EM1/password')).toBeNull();
    expect(renderedPageRead('login', '/api/locks')).toBeNull();
    expect(renderedPageRead('lock', '/api/locks/%E0')).toBeNull();
  });

  it('matches every proxied read as Fastify\'s router does', () => {
    for (const route of ROUTES.filter((r) => r.method === 'GET' && r.handling === 'proxy')) {
      const path = route.path.replace(':lockid', 'EM%2001').replace(/:(groupid|userid|scheduleid|roleid)/, '7');
      const fastify = gateway.app.findRoute({ method: 'GET', url: path });
      expect(proxiedRead(path), path).toEqual({ route, params: { ...fastify?.params } });
    }
  });
});

describe('secret fields', () => {
  it('are recognised by name in any case and spelling, and nothing else is', () => {
    for (const key of ['lock_password', 'LOCK_PASSWORD', 'Password', 'passcode', 'pin', 'PIN', 'pin_code', 'keypadPin', 'secret', 'clientSecret', 'token', 'accessToken', 'refresh_token', 'api_key', 'apiKey', 'passwd']) {
      expect(isSecretField(key), key).toBe(true);
    }
    for (const key of ['lockid', 'lockname', 'pinned', 'shipping', 'mapping', 'lock_ssid', 'username']) {
      expect(isSecretField(key), key).toBe(false);
    }
  });

  it('are removed at any depth', () => {
    const stripped = stripSecrets({
      status: 1,
      lock_password: 'top',
      lock: { lockid: 'A', Lock_Password: 'nested', grants: [{ passcode: '123456', method: 'keypad', owner: { accessToken: 't', name: 'N' } }] },
    });
    expect(stripped).toEqual({ status: 1, lock: { lockid: 'A', grants: [{ method: 'keypad', owner: { name: 'N' } }] } });
  });
});
