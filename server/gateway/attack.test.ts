import type Database from 'better-sqlite3';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform } from '../platform/platform';
import { DEMO_CREDENTIALS } from '../platform/testing';
import { type RunningGateway, signIn, startGateway, testConfig } from '../../test-support/gateway';
import { type RawResponse, raw, rawRequest } from '../../test-support/raw-http';
import { StandInUpstream, sendJson } from '../../test-support/stand-in-upstream';

/** Audit lines written by the gateway under test. */
class AuditCapture {
  readonly lines: Record<string, unknown>[] = [];
  write(line: string) {
    this.lines.push(JSON.parse(line) as Record<string, unknown>);
    return true;
  }
}

let platform: Awaited<ReturnType<typeof startPlatform>>;
let gateway: RunningGateway;
let db: Database.Database;
const audit = new AuditCapture();
let manager: Record<string, string>;
let support: Record<string, string>;
/** An online, locked lock: what an attacker wants open. */
let target: { lockid: string; lock_password: string };

beforeAll(async () => {
  platform = await startPlatform({ dbPath: join(mkdtempSync(join(tmpdir(), 'lockboard-attack-')), 'platform.sqlite'), simulator: false, seed: { locks: 40, historyDays: 2 } });
  db = platform.db;
  gateway = await startGateway(platform.url, { mode: 'embedded', auditStream: audit, config: testConfig({ LOGIN_RATE_LIMIT: '50' }) });
  manager = await signIn(gateway.url, DEMO_CREDENTIALS.manager.email, DEMO_CREDENTIALS.manager.password);
  support = await signIn(gateway.url, DEMO_CREDENTIALS.support.email, DEMO_CREDENTIALS.support.password);
  db.prepare("UPDATE locks SET lock_online_status = 1, lock_open_status = 0 WHERE lockid = (SELECT lockid FROM locks ORDER BY id LIMIT 1)").run();
  target = db.prepare('SELECT lockid, lock_password FROM locks ORDER BY id LIMIT 1').get() as typeof target;
});
afterAll(async () => {
  await gateway.close();
  await platform.close();
});

/** Every door's state and the number of door events: an attack that changed either got through. */
function fleetState(): string {
  const locks = db.prepare('SELECT lockid, lock_open_status FROM locks ORDER BY lockid').all();
  const events = db.prepare("SELECT COUNT(*) AS n FROM events WHERE event_type IN ('unlocked', 'locked')").get();
  return JSON.stringify({ locks, events });
}

const allPasswords = () => (db.prepare('SELECT lock_password FROM locks').all() as { lock_password: string }[]).map((r) => r.lock_password);

/** What every refusal must look like: no data, no secret, no 500, our error shape. */
function expectRefusal(response: RawResponse, statuses: number[]) {
  expect(statuses, response.body.slice(0, 300)).toContain(response.status);
  expect(response.json).toEqual({ status: 0, msg: expect.any(String) });
  expect((response.json as { msg: string }).msg.length).toBeGreaterThan(0);
  expect(response.body).not.toContain('lock_password');
  expect(response.body).not.toContain('lockslist');
  expect(response.body).not.toContain('eventslist');
  for (const password of allPasswords()) expect(response.body).not.toContain(password);
}

describe('attacks on the gateway, sent raw', () => {
  const unlockTargets = (id: string) => [
    `/%61pi/locks/${id}/./unlock`,
    `/%61pi/locks/${id}/unlock`,
    `/%41PI/locks/${id}/unlock`,
    `/api/locks/${id}/./unlock`,
    `/api/locks/${id}/%2e/unlock`,
    `/api/locks/x/../${id}/unlock`,
    `/api/locks/x/%2E%2E/${id}/unlock`,
    `/api/locks/${id}%2Funlock`,
    `/api/locks/${id}/unlock/`,
    `/api/locks/${id}/unlock;x=1`,
    `/api//locks/${id}/unlock`,
    `/api/locks/${id}/%75nlock`,
    `/api/locks/${id}/UNLOCK`,
    `/API/locks/${id}/unlock`,
    `/%2561pi/locks/${id}/unlock`,
    `/api\\locks\\${id}\\unlock`,
    `/api/locks/${id}/unlock%00`,
    `http://127.0.0.1/api/locks/${id}/unlock`,
  ];

  it('refuses a non-canonical address for its address, whatever the body (a form is no way around it)', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/json']) {
      const response = await raw(gateway.url, 'POST', `/%61pi/locks/${target.lockid}/unlock`, { ...manager, 'content-type': type }, 'a=1');
      expectRefusal(response, [400]);
    }
  });

  it('opens no door without a session, whatever the spelling of the path', async () => {
    const before = fleetState();
    for (const path of unlockTargets(target.lockid)) {
      const response = await raw(gateway.url, 'POST', path, { 'content-type': 'application/json' }, '{}');
      expectRefusal(response, [400, 401, 403, 404]);
    }
    expect(fleetState()).toBe(before);
  });

  it('opens no door for a support account or from another origin, whatever the spelling', async () => {
    const before = fleetState();
    for (const path of unlockTargets(target.lockid)) {
      const asSupport = await raw(gateway.url, 'POST', path, { ...support, 'content-type': 'application/json' }, '{}');
      expectRefusal(asSupport, [400, 403, 404]);
      const foreign = await raw(gateway.url, 'POST', path, { ...manager, origin: 'http://127.0.0.1:1', 'content-type': 'application/json' }, '{}');
      expectRefusal(foreign, [400, 403, 404]);
    }
    expect(fleetState()).toBe(before);
  });

  it('refuses non-canonical targets with 400 before routing, and audits them', async () => {
    const refusedBefore = audit.lines.filter((l) => l.action === 'request-refused').length;
    const targets = [
      '/%61pi/locks?pagenumber=1&limit=100',
      '/%61pi/events?pagenumber=1&limit=100',
      '/api/uploads/\\..\\..\\locks?pagenumber=1&limit=100',
      '/api/uploads/%5c..%5c..%5clocks?pagenumber=1&limit=100',
      '/api/uploads/../locks?pagenumber=1&limit=100',
      '/api/uploads/%2e%2e/locks?pagenumber=1&limit=100',
      '/api/locks?pagenumber=1&limit=10&x=%',
      '/api/locks?pagenumber=1&limit=10&x=%ED%A0%80',
      '/api/locks?pagenumber=1&limit=10&searchkey=%ZZ',
      '/api/%',
      '/api/locks/%C0%AE%C0%AE/events?pagenumber=1&limit=10',
      'http://169.254.169.254/api/locks?pagenumber=1&limit=10',
      '*',
    ];
    for (const path of targets) {
      for (const headers of [{}, support]) {
        const response = await raw(gateway.url, 'GET', path, headers);
        expectRefusal(response, [400]);
      }
    }
    const refused = audit.lines.filter((l) => l.action === 'request-refused').length - refusedBefore;
    expect(refused).toBe(targets.length * 2);
  });

  it('never gives a support account a lock password, by any path', async () => {
    for (const path of [
      '/api/uploads/\\..\\..\\locks?pagenumber=1&limit=100',
      `/api/uploads/..%5C..%5Clocks%5C${target.lockid}`,
      `/api/locks/${target.lockid}/password`,
      `/api/locks/${target.lockid}/PASSWORD`,
      `/api/locks/${target.lockid}/%70assword`,
      `/api/locks/${target.lockid}`,
      `/api/locks?pagenumber=1&limit=100&searchkey=${target.lockid}`,
    ]) {
      const response = await raw(gateway.url, 'GET', path, support);
      expect(response.status).not.toBe(500);
      expect(response.body).not.toContain(target.lock_password);
      expect(response.body).not.toContain('lock_password');
    }
  });

  it('shows the audit trail (who, e-mail, IP, hashes) to no one but a signed-in manager, whatever the spelling', async () => {
    const auditPaths = ['/api/audit', '/api/audit/export.csv', '/api/audit/verify'];
    const spellings = (path: string) => [
      path,
      path.replace('/api/', '/%61pi/'),
      path.replace('/api/', '/API/'),
      path.replace('/api/', '/api//'),
      path.replace('/api/', '/api/./'),
      path.replace('/api/', '/api/x/../'),
      path.replace('/audit', '/AUDIT'),
      path.replace('/audit', '/%61udit'),
      `${path}/`,
      `${path};x=1`,
      `${path}%00`,
      path.replace('/audit/', '/audit%2F'),
    ];
    const leaks = (body: string) => ['auditlist', 'prev_hash', 'auditid', DEMO_CREDENTIALS.manager.email, 'date_utc'].filter((word) => body.includes(word));
    for (const path of auditPaths) {
      const asManager = await raw(gateway.url, 'GET', path, manager);
      expect(asManager.status, path).toBe(200);
      expect(leaks(asManager.body).length, path).toBeGreaterThan(0);
      for (const spelling of spellings(path)) {
        for (const headers of [{}, support, { cookie: 'session=forged' }]) {
          const response = await raw(gateway.url, 'GET', spelling, headers);
          // `/API/…` is not the API: the page server's plain 404 answers it.
          if (spelling.startsWith('/API/')) expect(response.status, spelling).toBe(404);
          else expectRefusal(response, [400, 401, 403, 404]);
          expect(leaks(response.body), spelling).toEqual([]);
        }
      }
      for (const method of ['POST', 'PUT', 'DELETE', 'PATCH'] as const) {
        const response = await raw(gateway.url, method, path, { ...manager, 'content-type': 'application/json' }, '{}');
        expectRefusal(response, [403, 404]);
      }
    }
  });

  it('takes no HTML form as a command, and no cross-site request (Fetch Metadata) as the dashboard', async () => {
    const before = fleetState();
    const path = `/api/locks/${target.lockid}/unlock`;
    const cases: [Record<string, string>, string, number][] = [
      [{ origin: 'http://127.0.0.1:1', 'content-type': 'text/plain' }, 'x=1', 403],
      [{ origin: gateway.url, 'content-type': 'text/plain' }, '{}', 415],
      [{ origin: gateway.url, 'content-type': 'application/x-www-form-urlencoded' }, 'a=b', 415],
      [{ origin: gateway.url, 'content-type': 'multipart/form-data; boundary=x' }, '--x--', 415],
      [{ origin: gateway.url, 'sec-fetch-site': 'same-site', 'content-type': 'application/json' }, '{}', 403],
      [{ origin: gateway.url, 'sec-fetch-site': 'cross-site' }, '', 403],
      [{ origin: 'null' }, '', 403],
      [{}, '', 403],
    ];
    for (const [headers, body, status] of cases) {
      const response = await raw(gateway.url, 'POST', path, { cookie: manager.cookie ?? '', ...headers }, body);
      expectRefusal(response, [status]);
    }
    expect(fleetState()).toBe(before);
    // Sign-out is a state change too: a foreign page cannot end the manager's session.
    const logout = await raw(gateway.url, 'POST', '/api/logout', { cookie: manager.cookie ?? '', origin: 'http://127.0.0.1:1' });
    expectRefusal(logout, [403]);
    expect((await raw(gateway.url, 'GET', '/api/me', manager)).status).toBe(200);
    const denied = audit.lines.filter((l) => l.action === 'access-denied' && String(l.detail).startsWith('POST /api/locks/:lockid/unlock'));
    expect(denied.length).toBeGreaterThanOrEqual(cases.length);
  });

  it('answers anything not in the route table 404, and only its own methods', async () => {
    for (const [method, path] of [
      ['GET', '/api/admin'],
      ['GET', '/api/locks/x/users'],
      ['PATCH', `/api/locks/${target.lockid}`],
      ['DELETE', `/api/locks/${target.lockid}`],
      ['PUT', '/api/locks'],
      ['HEAD', '/api/locks?pagenumber=1&limit=10'],
      ['OPTIONS', '/api/locks'],
      ['GET', '/api/login'],
      ['GET', `/api/locks/${target.lockid}/unlock`],
      ['POST', `/api/locks/${target.lockid}/readings`],
      ['DELETE', '/api/reports/battery-forecast'],
      ['POST', '/api/reports/battery-forecast/export.csv'],
      ['PUT', '/api/reports/usage'],
    ] as const) {
      const response = await raw(gateway.url, method, path, { ...manager, 'content-type': 'application/json' }, method === 'GET' || method === 'HEAD' ? undefined : '{}');
      expect(response.status, `${method} ${path}`).toBe(404);
      if (method !== 'HEAD') expectRefusal(response, [404]);
    }
  });

  it('answers requests Node cannot parse (encoded or lower-case methods, broken lines) in its own shape', async () => {
    for (const head of [
      `P%4FST /api/locks/${target.lockid}/unlock HTTP/1.1\r\nHost: x`,
      `post /api/locks/${target.lockid}/unlock HTTP/1.1\r\nHost: x`,
      `GET /api/locks?pagenumber=1&limit=10 HTTP/9.9\r\nHost: x`,
      `GET /api/lo cks HTTP/1.1\r\nHost: x`,
    ]) {
      const response = await rawRequest(gateway.url, head);
      expectRefusal(response, [400, 505]);
    }
  });

  it('refuses a query parameter the row does not know, or one given twice, before asking upstream', async () => {
    expectRefusal(await raw(gateway.url, 'GET', '/api/locks?pagenumber=1&limit=10&password=1', manager), [400]);
    expectRefusal(await raw(gateway.url, 'GET', '/api/locks?pagenumber=1&limit=10&limit=100', manager), [400]);
    const ok = await raw(gateway.url, 'GET', '/api/locks?pagenumber=1&limit=10&searchkey=caf%C3%A9+bar', manager);
    expect(ok.status).toBe(200);
  });

  it('limits a burst of parallel wrong passwords: at most the limit is ever checked', async () => {
    const burstGateway = await startGateway(platform.url, { mode: 'embedded', auditStream: audit, config: testConfig({ LOGIN_RATE_LIMIT: '5' }) });
    try {
      const checkedBefore = audit.lines.filter((l) => l.action === 'sign-in-failed').length;
      const answers = await Promise.all(
        Array.from({ length: 100 }, () =>
          fetch(`${burstGateway.url}/api/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', origin: burstGateway.url },
            body: JSON.stringify({ email: 'manager@lockboard.local', password: 'wrong-guess' }),
          }).then((r) => r.status),
        ),
      );
      const checked = audit.lines.filter((l) => l.action === 'sign-in-failed').length - checkedBefore;
      expect(checked).toBeLessThanOrEqual(5);
      expect(answers.filter((s) => s === 401)).toHaveLength(checked);
      expect(answers.filter((s) => s === 429).length).toBeGreaterThanOrEqual(95);
    } finally {
      await burstGateway.close();
    }
  });

  it('cuts off a request body trickled in byte by byte', { timeout: 30_000 }, async () => {
    const slow = await startGateway(platform.url, { mode: 'embedded', requestTimeoutMs: 1000 });
    try {
      const { connect } = await import('node:net');
      const { port } = new URL(slow.url);
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect({ host: '127.0.0.1', port: Number(port) });
        let received = '';
        let timer: NodeJS.Timeout | undefined;
        socket.on('connect', () => {
          socket.write(`POST /api/login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${slow.url}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{`);
          timer = setInterval(() => socket.writable && socket.write(' '), 200);
        });
        socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
        socket.on('error', () => {});
        socket.on('close', () => {
          clearInterval(timer);
          resolve(received);
        });
        socket.setTimeout(20_000, () => reject(new Error('the gateway held the trickled request open')));
      });
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
      expect(answer).toContain('"status":0');
    } finally {
      await slow.close();
    }
  });
});

describe('a proxied upstream with a base path', () => {
  it('never lets a request escape PLUS_API_URL\'s path, nor carry the token elsewhere', async () => {
    const upstream = await new StandInUpstream((request, response) => {
      if (request.url === '/base/api/login') return sendJson(response, 200, { status: 1, msg: '', token: 'upstream-token-0123456789', user: { userid: 1, name: 'M', email: 'm@x.test', role: 'manager' } });
      sendJson(response, 200, { status: 1, msg: '', lockslist: [], totalCount: 0, totalPage: 0, currentPage: 1 });
    }).start();
    const proxied = await startGateway(`${upstream.url}/base`);
    try {
      const session = await signIn(proxied.url, 'm@x.test', 'pw');
      for (const path of [
        '/api/\\..\\..\\..\\outside/admin',
        '/api/../../outside/admin',
        '/api/%2e%2e/%2e%2e/outside/admin',
        '/api/locks/..%2F..%2F..%2Foutside',
        '/api/locks/%2E%2E',
        '/api/uploads/..%2f..%2f..%2foutside/admin',
        '//outside/api/locks',
        '/api/locks/x/..;/..;/outside',
      ]) {
        const response = await raw(proxied.url, 'GET', path, session);
        expect([400, 404], path).toContain(response.status);
      }
      const paths = upstream.requests.map((r) => r.url);
      expect(paths.length).toBeGreaterThan(0);
      for (const path of paths) expect(path).toMatch(/^\/base\/api\//);
    } finally {
      await proxied.close();
      await upstream.stop();
    }
  });
});

describe('files', () => {
  it('writes AUDIT_LOG readable by its owner only', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lockboard-audit-')), 'audit.log');
    const withFile = await startGateway(platform.url, { config: testConfig({ AUDIT_LOG: file }) });
    try {
      await signIn(withFile.url, DEMO_CREDENTIALS.support.email, DEMO_CREDENTIALS.support.password);
      expect(statSync(file).mode & 0o777).toBe(0o600);
    } finally {
      await withFile.close();
    }
  });
});
