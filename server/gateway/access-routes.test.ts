import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_ACCOUNTS, FakeTokens, withSignIn } from '../../test-support/fake-fleet';
import { type RunningGateway, signIn, startGateway, testConfig } from '../../test-support/gateway';
import { StandInUpstream, sendJson } from '../../test-support/stand-in-upstream';
import { startPlatform } from '../platform/platform';
import { TEST_QUIRKS } from '../../test-support/platform-quirks';

/** People and grants through the real gateway to the real embedded platform: codes, roles, audit. */
let gateway: RunningGateway;
let platform: Awaited<ReturnType<typeof startPlatform>>;
let manager: Record<string, string>;
let support: Record<string, string>;
/** Every audit line, as written (the raw text, to look for codes anywhere in it). */
const auditText: string[] = [];
const audit = () => auditText.map((line) => JSON.parse(line) as Record<string, unknown>);
let lockid: string;
let personid: number;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lockboard-access-'));
  platform = await startPlatform({ dbPath: join(dir, 'platform.sqlite'), simulator: false, quirks: TEST_QUIRKS, seed: { locks: 30, historyDays: 2 } });
  gateway = await startGateway(platform.url, {
    mode: 'embedded',
    config: testConfig({ DATA_DIR: dir, LOGIN_RATE_LIMIT: '100' }),
    auditStream: { write: (line: string) => auditText.push(line) },
  });
  manager = await signIn(gateway.url, 'manager@lockboard.local', 'lockboard-manager');
  support = await signIn(gateway.url, 'support@lockboard.local', 'lockboard-support');
  lockid = platform.db.prepare('SELECT lockid FROM locks ORDER BY id LIMIT 1').pluck().get() as string;
  const person = await send(manager, 'POST', '/api/people', { username: 'Gateway Guest', email: 'guest@example.net' });
  // A vendor host may send ids as strings (PLATFORM_QUIRKS=vendor): read them as a client would.
  personid = Number((person.body as { person: { userid: number | string } }).person.userid);
}, 60_000);
afterAll(async () => {
  await gateway.close();
  await platform.close();
});

async function send(who: Record<string, string>, method: string, path: string, body?: unknown) {
  const response = await fetch(`${gateway.url}${path}`, {
    method,
    headers: { ...who, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as unknown, headers: response.headers };
}

async function keypadGrant() {
  const created = await send(manager, 'POST', '/api/grants', { userid: personid, lockid, method: 'keypad', weekdays: '12345', start_time: '09:00', end_time: '17:00' });
  expect(created.status, created.text).toBe(200);
  const { grant, passcode } = created.body as { grant: { grantid: number }; passcode: string };
  return { created, grant, passcode };
}

describe('POST /api/grants (gateway-owned)', () => {
  it('gives the manager the keypad code in its answer, never cached, and audits the grant without it', async () => {
    const before = auditText.length;
    const { created, grant, passcode } = await keypadGrant();
    expect(passcode).toMatch(/^\d{6}$/);
    expect(created.headers.get('cache-control')).toBe('no-store');
    expect(created.body).toMatchObject({ status: 1, grant: { lockid, method: 'keypad', status: 'active' } });
    expect(Number((created.body as { grant: { userid: unknown } }).grant.userid)).toBe(personid);
    expect((created.body as { grant: object }).grant).not.toHaveProperty('passcode');
    const lines = audit().slice(before);
    expect(lines).toEqual([
      expect.objectContaining({ action: 'grant', result: 'ok', grantid: grant.grantid, personid, lockid, user: expect.objectContaining({ role: 'manager' }) }),
    ]);
    expect(auditText.join('\n')).not.toContain(passcode);
  });

  it('passes the platform’s refusal on (400 naming the field), audited as failed', async () => {
    const refused = await send(manager, 'POST', '/api/grants', { userid: personid, lockid, method: 'card', start_time: '09:00' });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ status: 0, msg: expect.stringContaining('end_time') });
    expect(audit().at(-1)).toMatchObject({ action: 'grant', result: 'failed', personid, lockid, detail: expect.stringContaining('end_time') });
    expect((await send(manager, 'POST', '/api/grants', ['not', 'an', 'object'])).status).toBe(400);
  });

  it('refuses support (403, audited) before anything reaches the platform', async () => {
    const count = () => platform.db.prepare('SELECT count(*) FROM grants WHERE userid = ?').pluck().get(personid);
    const before = count();
    const refused = await send(support, 'POST', '/api/grants', { userid: personid, lockid, method: 'keypad' });
    expect(refused.status).toBe(403);
    expect(refused.text).not.toMatch(/\d{6}/);
    expect(count()).toBe(before);
    expect(audit().at(-1)).toMatchObject({ action: 'access-denied', result: 'denied', user: expect.objectContaining({ role: 'support' }) });
  });
});

describe('the keypad code', () => {
  it('never appears in a proxied answer: grants by lock, person or status, people, events, the lock, the export', async () => {
    const { grant, passcode } = await keypadGrant();
    const paths = [
      `/api/grants?pagenumber=1&limit=100&lockid=${lockid}`,
      `/api/grants?pagenumber=1&limit=100&userid=${personid}`,
      '/api/grants?pagenumber=1&limit=100&status=active',
      '/api/grants?pagenumber=1&limit=100',
      `/api/people/${personid}`,
      '/api/people?pagenumber=1&limit=100',
      `/api/events?pagenumber=1&limit=100&userid=${personid}`,
      '/api/events?afterid=0&limit=500',
      `/api/locks/${lockid}`,
      `/api/locks/${lockid}/events?pagenumber=1&limit=100`,
      '/api/events/export.csv?type=access_granted',
    ];
    for (const who of [manager, support]) {
      for (const path of paths) {
        const response = await fetch(`${gateway.url}${path}`, { headers: who });
        expect(response.status, path).toBe(200);
        const text = await response.text();
        expect(text, path).not.toContain(passcode);
        expect(text.toLowerCase(), path).not.toContain('passcode');
      }
    }
    // The grant is in those answers, only its code is not.
    const listed = await send(support, 'GET', `/api/grants?pagenumber=1&limit=100&userid=${personid}`);
    expect(listed.text).toContain(`"grantid":${grant.grantid}`);
  });

  it('is revealed again to a manager only: no-store, audited without the code; support 403, nobody 401', async () => {
    const { grant, passcode } = await keypadGrant();
    const path = `/api/grants/${grant.grantid}/passcode`;
    const before = auditText.length;
    const revealed = await send(manager, 'GET', path);
    expect(revealed.status).toBe(200);
    expect(revealed.body).toEqual({ status: 1, msg: '', grantid: grant.grantid, passcode });
    expect(revealed.headers.get('cache-control')).toBe('no-store');
    expect(audit().slice(before)).toEqual([
      expect.objectContaining({ action: 'passcode-reveal', result: 'ok', grantid: grant.grantid, user: expect.objectContaining({ email: 'manager@lockboard.local' }) }),
    ]);
    const asSupport = await send(support, 'GET', path);
    expect(asSupport.status).toBe(403);
    expect(asSupport.text).not.toContain(passcode);
    expect(audit().at(-1)).toMatchObject({ action: 'access-denied', result: 'denied', detail: expect.stringContaining('/api/grants/:grantid/passcode') });
    const nobody = await fetch(`${gateway.url}${path}`);
    expect(nobody.status).toBe(401);
    expect(await nobody.text()).not.toContain(passcode);
    // Not a keypad grant, or no longer working: the platform's refusal, audited as failed.
    const card = await send(manager, 'POST', '/api/grants', { userid: personid, lockid, method: 'card' });
    const cardId = (card.body as { grant: { grantid: number } }).grant.grantid;
    expect((await send(manager, 'GET', `/api/grants/${cardId}/passcode`)).status).toBe(404);
    expect(audit().at(-1)).toMatchObject({ action: 'passcode-reveal', result: 'failed', grantid: cardId });
    await send(manager, 'DELETE', `/api/grants/${grant.grantid}`);
    expect((await send(manager, 'GET', path)).status).toBe(409);
    expect(auditText.join('\n')).not.toContain(passcode);
  });
});

describe('revoking and offboarding through the gateway', () => {
  it('audits a revoke with the grant, and the second one (409) as failed', async () => {
    const { grant } = await keypadGrant();
    const revoked = await send(manager, 'DELETE', `/api/grants/${grant.grantid}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ grant: { grantid: grant.grantid, status: 'revoked', revoked_by: 'Demo Manager' } });
    expect(audit().at(-1)).toMatchObject({ action: 'grant-revoke', result: 'ok', grantid: grant.grantid, personid, lockid });
    const again = await send(manager, 'DELETE', `/api/grants/${grant.grantid}`);
    expect(again.status).toBe(409);
    expect(audit().at(-1)).toMatchObject({ action: 'grant-revoke', result: 'failed', grantid: grant.grantid, detail: expect.stringContaining('already revoked') });
    expect((await send(support, 'DELETE', `/api/grants/${grant.grantid}`)).status).toBe(403);
  });

  it('audits offboarding with how many grants ended; support is refused', async () => {
    await keypadGrant();
    await send(manager, 'POST', '/api/grants', { userid: personid, lockid, method: 'app' });
    const live = platform.db
      .prepare(`SELECT count(*) FROM grants WHERE userid = ? AND grant_status(start_date, end_date, revoked_date) IN ('active', 'scheduled')`)
      .pluck()
      .get(personid) as number;
    expect(live).toBeGreaterThanOrEqual(2);
    expect((await send(support, 'POST', `/api/people/${personid}/revoke`)).status).toBe(403);
    const offboarded = await send(manager, 'POST', `/api/people/${personid}/revoke`);
    expect(offboarded.status).toBe(200);
    expect(offboarded.body).toMatchObject({ status: 1, revoked: live });
    expect(audit().at(-1)).toMatchObject({ action: 'offboard', result: 'ok', personid, count: live, user: expect.objectContaining({ role: 'manager' }) });
  });
});

describe('the Activity export', () => {
  it('says why a door refused someone, and who changed access', async () => {
    const stranger = await send(manager, 'POST', '/api/people', { username: 'Export Stranger' });
    const userid = Number((stranger.body as { person: { userid: number | string } }).person.userid);
    expect(platform.useDoor({ userid, lockid, method: 'card' })).toMatchObject({ allowed: false, reason: 'no_grant' });
    await send(manager, 'POST', '/api/grants', { userid, lockid, method: 'app' });
    const csv = await (await fetch(`${gateway.url}/api/events/export.csv?type=access_denied,access_granted&searchkey=Export`, { headers: support })).text();
    const [header, granted, denied] = csv.replace('\uFEFF', '').trimEnd().split('\r\n');
    expect(header?.split(',').slice(-4)).toEqual(['reason', 'by', 'group_id', 'group']);
    expect(granted).toMatch(/,Access granted,\d+,Export Stranger,App,,,Demo Manager,,$/);
    expect(denied).toMatch(/,Access denied,\d+,Export Stranger,Card,,No access to this door,,,$/);
  });
});

describe('a platform that leaks codes', () => {
  it('has them stripped from every proxied answer, and from the grant answer but its top-level passcode', async () => {
    const tokens = new FakeTokens();
    const leaky = await new StandInUpstream(
      withSignIn((req, res) => {
        const grant = { grantid: 7, userid: 101, lockid: 'EM1', method: 'keypad', passcode: '918273', keypad: { pin: '918273' } };
        if (req.method === 'POST' && req.url === '/api/grants') return sendJson(res, 200, { status: 1, msg: '', grant, passcode: '564738', PassCode: '918273' });
        if (req.url.startsWith('/api/grants')) return sendJson(res, 200, { status: 1, msg: '', totalCount: 1, totalPage: 1, currentPage: 1, grantslist: [grant] });
        if (req.url.startsWith('/api/people')) return sendJson(res, 200, { status: 1, msg: '', person: { userid: 101, username: 'P', grants: [grant] } });
        return sendJson(res, 404, { status: 0, msg: 'Not found' });
      }, tokens),
    ).start();
    const leakyGateway = await startGateway(leaky.url);
    try {
      const session = await signIn(leakyGateway.url, FAKE_ACCOUNTS.manager.email, FAKE_ACCOUNTS.manager.password);
      for (const path of ['/api/grants?pagenumber=1&limit=10', `/api/people/101`]) {
        const text = await (await fetch(`${leakyGateway.url}${path}`, { headers: session })).text();
        expect(text, path).toContain('"grantid":7');
        expect(text, path).not.toContain('918273');
      }
      const created = await fetch(`${leakyGateway.url}/api/grants`, {
        method: 'POST',
        headers: { ...session, 'content-type': 'application/json' },
        body: JSON.stringify({ userid: 101, lockid: 'EM1', method: 'keypad' }),
      });
      const body = (await created.json()) as Record<string, unknown>;
      expect(body.passcode).toBe('564738');
      expect(JSON.stringify(body)).not.toContain('918273');
      expect(body.grant).toEqual({ grantid: 7, userid: 101, lockid: 'EM1', method: 'keypad', keypad: {} });
    } finally {
      await leakyGateway.close();
      await leaky.stop();
    }
  });
});
