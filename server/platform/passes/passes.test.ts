import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGrantResponseSchema, grantListResponseSchema, passcodeResponseSchema, personResponseSchema } from '../../../contract/access';
import type { CreatePassBody } from '../../../contract/people';
import { passListResponseSchema, passResponseSchema, platformPassResponseSchema } from '../../../contract/people';
import { startPlatform } from '../platform';
import { call, loginAs } from '../testing';

/**
 * Visitor passes over HTTP against the embedded platform in Europe/Berlin (CET in November: the
 * wall clock is UTC + 1), with a clock the tests move and the door used through the test hook.
 */
let platform: Awaited<ReturnType<typeof startPlatform>>;
let clock = new Date('2026-11-10T09:00:00Z');
/** Tokens live 12 hours of the platform's clock: signed in again whenever the tests move it far. */
let token = { value: '', at: Number.NaN };
async function managerToken(): Promise<string> {
  if (!(Math.abs(clock.getTime() - token.at) < 6 * 3600_000)) token = { value: await loginAs(platform.url, 'manager'), at: clock.getTime() };
  return token.value;
}
const locks: string[] = [];

beforeAll(async () => {
  platform = await startPlatform({ dbPath: ':memory:', simulator: false, seed: { locks: 12, historyDays: 0 }, now: () => clock, timeZone: 'Europe/Berlin' });
  platform.passExpiry.stop();
  locks.push(...(platform.db.prepare('SELECT lockid FROM locks ORDER BY id LIMIT 6').pluck().all() as string[]));
}, 30_000);
afterAll(() => platform.close());

const at = (iso: string) => {
  clock = new Date(iso);
};
const manager = async (method: string, path: string, body?: unknown) => call(platform.url, method, path, { token: await managerToken(), body });

async function createPass(body: Partial<CreatePassBody> & { email: string }) {
  const res = await manager('POST', '/api/passes', { name: 'Vera Visitor', lockids: [locks[0]], start_date: '2026-11-10 09:00:00', end_date: '2026-11-10 17:00:00', ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.headers.get('cache-control')).toBe('no-store');
  return platformPassResponseSchema.parse(res.body);
}

async function passGrants(userid: number) {
  const res = await manager('GET', `/api/grants?pagenumber=1&limit=100&userid=${userid}`);
  return grantListResponseSchema.parse(res.body).grantslist;
}

async function revealed(grantid: number) {
  const res = await manager('GET', `/api/grants/${grantid}/passcode`);
  return res.status === 200 ? passcodeResponseSchema.parse(res.body).passcode : `HTTP ${res.status}`;
}

/** Which live keypad grants hold this code (a code that opens nothing is held by none). */
const holdersOf = (code: string) =>
  platform.db.prepare(`SELECT grantid FROM grants WHERE passcode = ? AND revoked_date IS NULL`).pluck().all(code) as number[];

const useDoor = (userid: number, lockid: string, iso: string, method: 'keypad' | 'card' = 'keypad') => {
  const result = platform.useDoor({ userid, lockid, method, at: new Date(iso) });
  return result.allowed ? 'allowed' : result.reason;
};

describe('creating a pass', () => {
  it('makes a visitor with keypad grants sharing one code that opens the door in the window and not after', async () => {
    at('2026-11-10T07:00:00Z');
    const { pass, passcode } = await createPass({ email: 'vera@example.com', lockids: [locks[0] as string, (locks[1] as string).toLowerCase()] });
    expect(pass).toMatchObject({ name: 'Vera Visitor', email: 'vera@example.com', lockids: [locks[0], locks[1]], groupids: [], status: 'scheduled', created_by: 'Demo Manager', created_date: '2026-11-10 07:00:00', code_sent_date: '2026-11-10 07:00:00' });
    expect(platform.db.prepare('SELECT visitor FROM users WHERE userid = ?').pluck().get(pass.userid)).toBe(1);
    const grants = await passGrants(pass.userid);
    expect(grants.map((g) => [g.lockid, g.method, g.passid, g.start_date, g.end_date])).toEqual([
      [locks[0], 'keypad', pass.passid, '2026-11-10 09:00:00', '2026-11-10 17:00:00'],
      [locks[1], 'keypad', pass.passid, '2026-11-10 09:00:00', '2026-11-10 17:00:00'],
    ]);
    for (const g of grants) expect(await revealed(g.grantid)).toBe(passcode);
    // 09:00 Berlin is 08:00 UTC.
    expect(useDoor(pass.userid, locks[0] as string, '2026-11-10T07:59:59Z')).toBe('not_yet');
    expect(useDoor(pass.userid, locks[0] as string, '2026-11-10T08:00:00Z')).toBe('allowed');
    expect(useDoor(pass.userid, locks[1] as string, '2026-11-10T15:59:59Z')).toBe('allowed');
    expect(useDoor(pass.userid, locks[0] as string, '2026-11-10T15:59:59Z', 'card')).toBe('wrong_method');
    expect(useDoor(pass.userid, locks[2] as string, '2026-11-10T12:00:00Z')).toBe('no_grant');
    expect(useDoor(pass.userid, locks[0] as string, '2026-11-10T16:00:01Z')).toBe('expired');
  });

  it('reuses the visitor who has the e-mail, and refuses an e-mail that belongs to someone who is no visitor', async () => {
    at('2026-11-11T07:00:00Z');
    const first = await createPass({ email: 'repeat@example.com', start_date: '2026-11-11 09:00:00', end_date: '2026-11-11 12:00:00' });
    const again = await createPass({ name: 'Rita Repeat', email: 'Repeat@Example.com', start_date: '2026-11-12 09:00:00', end_date: '2026-11-12 12:00:00' });
    expect(again.pass.userid).toBe(first.pass.userid);
    expect(again.pass.name).toBe('Rita Repeat');
    const employee = personResponseSchema.parse((await manager('POST', '/api/people', { username: 'Eve Employee', email: 'eve@example.com' })).body).person;
    const refused = await manager('POST', '/api/passes', { name: 'Eve', email: 'eve@example.com', lockids: [locks[0]], start_date: '2026-11-11 09:00:00', end_date: '2026-11-11 12:00:00' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ status: 0, msg: expect.stringContaining('email') });
    expect(await passGrants(employee.userid)).toEqual([]);
    // A dashboard account's e-mail is no visitor's either.
    const account = await manager('POST', '/api/passes', { name: 'M', email: 'manager@lockboard.local', lockids: [locks[0]], start_date: '2026-11-11 09:00:00', end_date: '2026-11-11 12:00:00' });
    expect(account.status).toBe(409);
  });

  it('refuses bad input with the field named, and creates nothing', async () => {
    at('2026-11-11T07:00:00Z');
    const before = platform.db.prepare('SELECT count(*) FROM passes').pluck().get();
    const base = { name: 'Bad Input', email: 'bad@example.com', start_date: '2026-11-11 09:00:00', end_date: '2026-11-11 12:00:00' };
    const cases: [unknown, number, string][] = [
      [{ ...base, lockids: ['NO-SUCH-LOCK'] }, 400, 'lockids'],
      [{ ...base, groupids: [999_999] }, 400, 'groupids'],
      [{ ...base, lockids: [] }, 400, 'lockids'],
      [{ ...base, lockids: [locks[0]], end_date: '2026-11-11 08:00:00' }, 400, 'end_date'],
      [{ ...base, lockids: [locks[0]], start_date: '2026-11-09 09:00:00', end_date: '2026-11-10 09:00:00' }, 400, 'end_date'],
    ];
    for (const [body, status, field] of cases) {
      const res = await manager('POST', '/api/passes', body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body).toMatchObject({ status: 0, msg: expect.stringContaining(field) });
    }
    expect(platform.db.prepare('SELECT count(*) FROM passes').pluck().get()).toBe(before);
    expect(platform.db.prepare(`SELECT count(*) FROM users WHERE email = 'bad@example.com'`).pluck().get()).toBe(0);
  });
});

describe('resending and ending a pass', () => {
  it('resend issues a new code on every grant of the pass, and the old one opens nothing', async () => {
    at('2026-11-13T07:00:00Z');
    const { pass, passcode: old } = await createPass({ email: 'resend@example.com', lockids: [locks[2] as string, locks[3] as string], start_date: '2026-11-13 09:00:00', end_date: '2026-11-13 18:00:00' });
    at('2026-11-13T09:30:00Z');
    const res = await manager('POST', `/api/passes/${pass.passid}/resend`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const resent = platformPassResponseSchema.parse(res.body);
    expect(resent.passcode).not.toBe(old);
    expect(resent.pass).toMatchObject({ passid: pass.passid, status: 'active', code_sent_date: '2026-11-13 09:30:00' });
    const grants = await passGrants(pass.userid);
    expect(grants.map((g) => g.code_sent_date)).toEqual(['2026-11-13 09:30:00', '2026-11-13 09:30:00']);
    for (const g of grants) expect(await revealed(g.grantid)).toBe(resent.passcode);
    expect(holdersOf(old)).toEqual([]);
    expect(holdersOf(resent.passcode)).toEqual(grants.map((g) => g.grantid));
    expect(useDoor(pass.userid, locks[2] as string, '2026-11-13T09:31:00Z')).toBe('allowed');
  });

  it('ending a pass revokes its grants now; ending or resending it again is a conflict', async () => {
    at('2026-11-14T07:00:00Z');
    const { pass, passcode } = await createPass({ email: 'ender@example.com', start_date: '2026-11-14 08:00:00', end_date: '2026-11-14 18:00:00' });
    at('2026-11-14T10:00:00Z');
    const ended = await manager('DELETE', `/api/passes/${pass.passid}`);
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    expect(passResponseSchema.parse(ended.body).pass).toMatchObject({ passid: pass.passid, status: 'ended' });
    expect(platform.db.prepare('SELECT ended_by, ended_date FROM passes WHERE passid = ?').get(pass.passid)).toEqual({ ended_by: 'Demo Manager', ended_date: '2026-11-14 10:00:00' });
    expect((await passGrants(pass.userid)).map((g) => g.status)).toEqual(['revoked']);
    expect(holdersOf(passcode)).toEqual([]);
    expect(useDoor(pass.userid, locks[0] as string, '2026-11-14T10:00:01Z')).toBe('revoked');
    for (const [method, path] of [['DELETE', `/api/passes/${pass.passid}`], ['POST', `/api/passes/${pass.passid}/resend`]] as const) {
      const again = await manager(method, path);
      expect(again.status, path).toBe(409);
      expect(again.body).toMatchObject({ status: 0, msg: expect.stringContaining('ended') });
    }
    expect((await manager('DELETE', '/api/passes/999999')).status).toBe(404);
    expect((await manager('POST', '/api/passes/999999/resend')).status).toBe(404);
  });

  it('an expired pass cannot be resent', async () => {
    at('2026-11-15T07:00:00Z');
    const { pass } = await createPass({ email: 'late@example.com', start_date: '2026-11-15 08:00:00', end_date: '2026-11-15 09:00:00' });
    at('2026-11-15T08:00:01Z');
    const res = await manager('POST', `/api/passes/${pass.passid}/resend`);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ status: 0, msg: expect.stringContaining('expired') });
  });
});

describe('listing passes', () => {
  it('lists newest first with the status of each now, and filters by status', async () => {
    at('2026-11-20T07:00:00Z');
    const active = await createPass({ email: 'l-active@example.com', start_date: '2026-11-20 07:00:00', end_date: '2026-11-20 18:00:00' });
    const scheduled = await createPass({ email: 'l-scheduled@example.com', start_date: '2026-11-21 07:00:00', end_date: '2026-11-21 18:00:00' });
    const ended = await createPass({ email: 'l-ended@example.com', start_date: '2026-11-20 07:00:00', end_date: '2026-11-20 18:00:00' });
    await manager('DELETE', `/api/passes/${ended.pass.passid}`);
    const list = async (query: string) => {
      const res = await manager('GET', `/api/passes?pagenumber=1&limit=100${query}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return passListResponseSchema.parse(res.body);
    };
    const all = await list('');
    expect(all.passeslist.slice(0, 3).map((p) => [p.passid, p.status])).toEqual([
      [ended.pass.passid, 'ended'],
      [scheduled.pass.passid, 'scheduled'],
      [active.pass.passid, 'active'],
    ]);
    expect(all.totalCount).toBe(all.passeslist.length);
    expect(JSON.stringify(all)).not.toContain(active.passcode);
    const expired = await list('&status=expired');
    expect(expired.passeslist.length).toBeGreaterThan(0);
    expect(expired.passeslist.filter((p) => p.status !== 'expired')).toEqual([]);
    expect((await list('&status=scheduled')).passeslist.map((p) => p.passid)).toEqual([scheduled.pass.passid]);
    expect((await manager('GET', '/api/passes?pagenumber=1&limit=1&status=active')).body).toMatchObject({ totalCount: 1, passeslist: [{ passid: active.pass.passid }] });
    expect((await manager('GET', '/api/passes?pagenumber=1&limit=10&status=gone')).status).toBe(400);
  });
});

describe('a new code for one keypad grant', () => {
  it('replaces the code (the old one opens nothing) and notes when it was sent; refuses other grants', async () => {
    at('2026-11-22T07:00:00Z');
    const person = personResponseSchema.parse((await manager('POST', '/api/people', { username: 'Kim Keypad', email: 'kim@example.com' })).body).person;
    const grant = async (body: object) => createGrantResponseSchema.parse((await manager('POST', '/api/grants', { userid: person.userid, lockid: locks[4], ...body })).body);
    const keypad = await grant({ method: 'keypad' });
    at('2026-11-22T08:15:00Z');
    const res = await manager('POST', `/api/grants/${keypad.grant.grantid}/passcode`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const rotated = createGrantResponseSchema.parse(res.body);
    expect(rotated.passcode).toMatch(/^\d{6}$/);
    expect(rotated.passcode).not.toBe(keypad.passcode);
    expect(rotated.grant).toMatchObject({ grantid: keypad.grant.grantid, code_sent_date: '2026-11-22 08:15:00', status: 'active' });
    expect(await revealed(keypad.grant.grantid)).toBe(rotated.passcode);
    expect(holdersOf(keypad.passcode as string)).toEqual([]);

    const card = await grant({ method: 'card' });
    const ending = await grant({ method: 'keypad', end_date: '2026-11-22 10:00:00' });
    const revoked = await grant({ method: 'keypad', lockid: locks[5] });
    await manager('DELETE', `/api/grants/${revoked.grant.grantid}`);
    at('2026-11-22T09:00:01Z');
    for (const [grantid, status] of [[card.grant.grantid, 409], [ending.grant.grantid, 409], [revoked.grant.grantid, 409], [999_999, 404]] as const) {
      const refused = await manager('POST', `/api/grants/${grantid}/passcode`);
      expect(refused.status, String(grantid)).toBe(status);
      expect(refused.body).toMatchObject({ status: 0 });
    }
    const support = await call(platform.url, 'POST', `/api/grants/${keypad.grant.grantid}/passcode`, { token: await loginAs(platform.url, 'support') });
    expect(support.status).toBe(403);
    expect(await revealed(keypad.grant.grantid)).toBe(rotated.passcode);
  });
});
