import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { request as httpRequest, type ClientRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AuditListResponse, AuditRecord, AuditVerifyResponse } from '../../../contract/audit';
import { startPlatform } from '../../platform/platform';
import { DEMO_CREDENTIALS } from '../../platform/testing';
import { type RunningGateway, signIn, startGateway, testConfig } from '../../../test-support/gateway';
import { recordHash } from '../../audit/chain';

let platform: Awaited<ReturnType<typeof startPlatform>>;
let gateway: RunningGateway;
let manager: Record<string, string>;
let support: Record<string, string>;
let lockid: string;
let dataDir: string;

beforeAll(async () => {
  platform = await startPlatform({ dbPath: join(mkdtempSync(join(tmpdir(), 'lockboard-audit-')), 'platform.sqlite'), simulator: false, seed: { locks: 20, historyDays: 1 } });
  const config = testConfig({ LOGIN_RATE_LIMIT: '100' });
  dataDir = config.dataDir;
  gateway = await startGateway(platform.url, { mode: 'embedded', config });
  lockid = (platform.db.prepare('SELECT lockid FROM locks WHERE lock_online_status = 1 ORDER BY id LIMIT 1').get() as { lockid: string }).lockid;
  manager = await signIn(gateway.url, DEMO_CREDENTIALS.manager.email, DEMO_CREDENTIALS.manager.password);
  support = await signIn(gateway.url, DEMO_CREDENTIALS.support.email, DEMO_CREDENTIALS.support.password);
}, 60_000);
afterAll(async () => {
  await gateway.close();
  await platform.close();
});

async function get(path: string, headers = manager) {
  return fetch(`${gateway.url}${path}`, { headers });
}

async function list(query: string): Promise<AuditRecord[]> {
  const response = await get(`/api/audit?${query}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as AuditListResponse).auditlist;
}

async function verify(): Promise<AuditVerifyResponse> {
  return (await (await get('/api/audit/verify')).json()) as AuditVerifyResponse;
}

/** Runs `npm run audit:verify`'s program against the gateway's DATA_DIR. */
function verifyCli(): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    // This Node (not the first on PATH): the native SQLite module is built for the Node running the tests.
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/audit/verify-cli.ts'], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

describe('the audit trail routes', () => {
  it('record a manager\'s unlock and reveal with names, and a support account\'s refusal, before answering', async () => {
    const unlock = await fetch(`${gateway.url}/api/locks/${lockid}/unlock`, { method: 'POST', headers: manager });
    expect(unlock.status).toBe(200);
    const reveal = await get(`/api/locks/${lockid}/password`);
    expect(reveal.status).toBe(200);
    const { lock_password: password } = (await reveal.json()) as { lock_password: string };
    expect((await get('/api/audit', support)).status).toBe(403);

    const [revealed] = await list(`action=password-reveal&lockid=${encodeURIComponent(lockid)}`);
    expect(revealed).toMatchObject({ action: 'password-reveal', result: 'ok', lockid, role: 'manager', email: DEMO_CREDENTIALS.manager.email });
    expect(revealed?.lockname).toEqual(expect.any(String));
    expect(revealed?.username).toEqual(expect.any(String));
    const [unlocked] = await list(`action=lock-command&lockid=${encodeURIComponent(lockid)}`);
    expect(unlocked).toMatchObject({ command: 'unlock', result: 'ok', lockname: revealed?.lockname });
    const refused = await list('action=access-denied&result=denied');
    expect(refused.map((r) => [r.email, r.detail])).toContainEqual([DEMO_CREDENTIALS.support.email, expect.stringContaining('GET /api/audit')]);
    // Never the secret itself, in the list or in the export.
    expect(JSON.stringify(await list('limit=100'))).not.toContain(password);
    expect(await (await get('/api/audit/export.csv')).text()).not.toContain(password);
  });

  it('record a keypad code reveal and a proxied revoke with the grant, its person and lock, never the code', async () => {
    const person = platform.db.prepare("SELECT userid FROM users WHERE role = 'person' ORDER BY userid LIMIT 1").get() as { userid: number };
    const created = await fetch(`${gateway.url}/api/grants`, {
      method: 'POST',
      headers: { ...manager, 'content-type': 'application/json' },
      body: JSON.stringify({ userid: person.userid, lockid, method: 'keypad' }),
    });
    expect(created.status).toBe(200);
    const { grant: made, passcode } = (await created.json()) as { grant: { grantid: number }; passcode: string };
    const grant = { grantid: made.grantid, userid: person.userid, passcode };
    const [granted] = await list('action=grant&limit=1');
    expect(granted).toMatchObject({ grantid: grant.grantid, personid: person.userid, lockid, personname: expect.any(String), lockname: expect.any(String) });
    expect((await get(`/api/grants/${grant.grantid}/passcode`)).status).toBe(200);
    const revoke = await fetch(`${gateway.url}/api/grants/${grant.grantid}`, { method: 'DELETE', headers: manager });
    expect(revoke.status).toBe(200);
    const [revealed] = await list('action=passcode-reveal&limit=1');
    expect(revealed).toMatchObject({ grantid: grant.grantid, result: 'ok' });
    const [revoked] = await list(`action=grant-revoke&personid=${grant.userid}&limit=1`);
    expect(revoked).toMatchObject({ grantid: grant.grantid, personid: grant.userid, result: 'ok', personname: expect.any(String), lockname: expect.any(String) });
    expect(JSON.stringify(await list('limit=100'))).not.toContain(`"${grant.passcode}"`);
  });

  it('pages newest first by beforeid, and filters by person and dates', async () => {
    const all = await list('limit=100');
    expect(all.length).toBeGreaterThan(4);
    const first = await list('limit=2');
    const second = await list(`limit=2&beforeid=${first[1]!.auditid}`);
    expect([...first, ...second].map((r) => r.auditid)).toEqual(all.slice(0, 4).map((r) => r.auditid));
    const managerId = all.find((r) => r.role === 'manager')!.userid;
    const mine = await list(`userid=${managerId}&limit=100`);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.filter((r) => r.userid !== managerId)).toEqual([]);
    expect(await list('from=2000-01-01&to=2000-01-02')).toEqual([]);
    const today = all[0]!.date.slice(0, 10);
    expect((await list(`from=${today}&to=${today}&limit=100`)).length).toBe(all.filter((r) => r.date.startsWith(today)).length);
  });

  it('refuse bad queries with 400 saying what is wrong', async () => {
    for (const [query, says] of [
      ['limit=0', 'limit'], ['limit=101', 'limit'], ['beforeid=-1', 'beforeid'], ['action=unlock-everything', 'action'],
      ['result=maybe', 'result'], ['from=2026-02-30', 'from'], ['to=yesterday', 'to'], ['color=red', 'color'],
    ] as const) {
      const response = await get(`/api/audit?${query}`);
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { msg: string }).msg, query).toContain(says);
    }
    expect((await get('/api/audit/export.csv?beforeid=3')).status).toBe(400);
  });

  it('export exactly the filtered records as CSV (a BOM, a header row), and audit the export', async () => {
    const signIns = await list('action=sign-in,sign-out&limit=100');
    const response = await get('/api/audit/export.csv?action=sign-in,sign-out');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).split('\r\n').filter(Boolean);
    expect(lines[0]).toMatch(/^auditid,date_utc,userid,username,email,role,action,/);
    expect(lines.slice(1).map((line) => Number(line.split(',')[0]))).toEqual(signIns.map((r) => r.auditid));
    const [exported] = await list('action=audit-export&limit=1');
    expect(exported).toMatchObject({ result: 'ok', email: DEMO_CREDENTIALS.manager.email, detail: expect.stringContaining('sign-in,sign-out') });
  });

  it('verify the chain, name a record changed in the database, and so does npm run audit:verify', async () => {
    const good = await verify();
    expect(good).toMatchObject({ status: 1, ok: 1, first_bad_auditid: null, first_bad_why: null });
    expect(good.checked).toBeGreaterThan(4);
    const cli = await verifyCli();
    expect(cli.out).toMatch(/^ok: \d+ records verified/);
    expect(cli.code).toBe(0);

    const [target] = await list('action=sign-in&limit=1');
    const db = gateway.store.db;
    await db.updateTable('audit_records').set({ result: 'failed' }).where('auditid', '=', target!.auditid).execute();
    try {
      expect(await verify()).toMatchObject({ ok: 0, first_bad_auditid: target!.auditid, first_bad_why: 'changed', msg: expect.stringContaining(`record ${target!.auditid} was changed`) });
      const broken = await verifyCli();
      expect(broken.out).toContain(`record ${target!.auditid} was changed`);
      expect(broken.code).toBe(1);
    } finally {
      await db.updateTable('audit_records').set({ result: 'ok' }).where('auditid', '=', target!.auditid).execute();
    }
    expect(await verify()).toMatchObject({ ok: 1 });
  }, 60_000);

  it('do not make a rule change whose audit record cannot be written (500, nothing changed)', async () => {
    const rulesBefore = await (await get('/api/alert-rules')).json();
    const db = gateway.store.db;
    await sql`alter table audit_records rename to audit_records_away`.execute(db);
    try {
      const response = await fetch(`${gateway.url}/api/alert-rules`, {
        method: 'POST',
        headers: { ...manager, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Unaudited', kind: 'offline', scope: { all: true }, threshold_s: 60, contactids: [] }),
      });
      expect(response.status, await response.text()).toBe(500);
    } finally {
      await sql`alter table audit_records_away rename to audit_records`.execute(db);
    }
    expect(await (await get('/api/alert-rules')).json()).toEqual(rulesBefore);
  });

  it('run one export at a time per user: a second gets 429 until the first ends', async () => {
    await appendChained(20_000);
    const first = await openPausedExport();
    try {
      const second = await get('/api/audit/export.csv');
      expect(second.status).toBe(429);
      expect(second.headers.get('retry-after')).toBeTruthy();
      // Another manager... is the same demo account here; support may not export at all.
      expect((await get('/api/audit/export.csv', support)).status).toBe(403);
    } finally {
      first.destroy();
    }
    await vi.waitFor(async () => {
      const again = await get('/api/audit/export.csv?action=sign-in');
      await again.arrayBuffer();
      expect(again.status).toBe(200);
    }, { timeout: 10_000, interval: 100 });
  }, 60_000);
});

/** Appends `count` well-chained records straight into the store (fast), continuing from its head. */
async function appendChained(count: number): Promise<void> {
  const db = gateway.store.db;
  const head = await db.selectFrom('audit_records').select('hash').orderBy('auditid', 'desc').limit(1).executeTakeFirstOrThrow();
  let prev = head.hash;
  const rows = Array.from({ length: count }, (_, n) => {
    const content = {
      date: Date.now(), userid: 1, username: 'Filler', email: 'filler@lockboard.local', role: 'manager', action: 'lock-command',
      lockid: `F${n}`, lockname: `Filler door ${n} with a name long enough to fill the socket's buffers`, groupid: null, groupname: null,
      grantid: null, personid: null, personname: null, command: 'lock', count: null, result: 'ok', detail: 'filler', ip: '127.0.0.1', prev_hash: prev,
    };
    prev = recordHash(content);
    return { ...content, hash: prev };
  });
  for (let at = 0; at < rows.length; at += 500) await db.insertInto('audit_records').values(rows.slice(at, at + 500)).execute();
}

/** Starts an export and reads only its head: the rest waits in the socket, the export stays running. */
function openPausedExport(): Promise<ClientRequest> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${gateway.url}/api/audit/export.csv`, { headers: manager }, (response) => {
      expect(response.statusCode).toBe(200);
      response.pause();
      resolve(request);
    });
    request.on('error', (error) => ((error as { code?: string }).code === 'ECONNRESET' ? undefined : reject(error)));
    request.end();
  });
}
