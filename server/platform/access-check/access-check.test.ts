import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGrantResponseSchema, personResponseSchema } from '../../../contract/access';
import type { CreateGrantBody } from '../../../contract/access';
import { type DenialReason, GRANT_METHODS, type GrantMethod } from '../../../contract/constants';
import { lockGroupResponseSchema } from '../../../contract/lockgroups';
import { type AccessCheck, accessCheckResponseSchema } from '../../../contract/people';
import { startPlatform } from '../platform';
import { call, loginAs } from '../testing';

/**
 * "Can this person open this door now?" answered by the door's own decision: over a grid of cases
 * and every method, the check says what a real door use at the same instant then does.
 * Europe/Berlin in November (UTC + 1); Monday 16 November 2026.
 */
let platform: Awaited<ReturnType<typeof startPlatform>>;
let clock = new Date('2026-11-16T09:00:00Z');
let token = '';
const locks: string[] = [];

beforeAll(async () => {
  platform = await startPlatform({ dbPath: ':memory:', simulator: false, seed: { locks: 20, historyDays: 0 }, now: () => clock, timeZone: 'Europe/Berlin' });
  platform.passExpiry.stop();
  locks.push(...(platform.db.prepare('SELECT lockid FROM locks WHERE lock_online_status = 1 ORDER BY id LIMIT 10').pluck().all() as string[]));
  token = await loginAs(platform.url, 'manager');
}, 30_000);
afterAll(() => platform.close());

const lock = (i: number) => locks[i] as string;
const manager = (method: string, path: string, body?: unknown) => call(platform.url, method, path, { token, body });

async function person(username: string): Promise<number> {
  const res = await manager('POST', '/api/people', { username });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return personResponseSchema.parse(res.body).person.userid;
}
async function grant(body: CreateGrantBody): Promise<number> {
  const res = await manager('POST', '/api/grants', body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return createGrantResponseSchema.parse(res.body).grant.grantid;
}
async function group(name: string, lockid: string): Promise<number> {
  const made = lockGroupResponseSchema.parse((await manager('POST', '/api/lockgroups', { groupname: name })).body).lockgroup.groupid;
  expect((await manager('PUT', `/api/lockgroups/${made}/locks`, { add: [lockid] })).status).toBe(200);
  return made;
}

async function check(userid: number, lockid: string, extra = ''): Promise<AccessCheck> {
  const res = await manager('GET', `/api/access-check?userid=${userid}&lockid=${encodeURIComponent(lockid)}${extra}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return accessCheckResponseSchema.parse(res.body).check;
}
/** What the door really does (an event is written, as at a real door). */
function doorUse(userid: number, lockid: string, method: GrantMethod, at?: Date) {
  const r = platform.useDoor({ userid, lockid, method, at });
  return r.allowed ? { allowed: 1, reason: null, grantid: r.grantid } : { allowed: 0, reason: r.reason, grantid: null };
}

interface Case {
  name: string;
  userid: number;
  lockid: string;
  /** What a keypad use does, said independently of both (so that two equal mistakes still fail). */
  keypad: DenialReason | 'allowed';
  /** The check without a method. */
  any: DenialReason | 'allowed';
  explanation: RegExp;
}
const cases: Case[] = [];

describe('the access check', () => {
  it('is set up: people, grants, a revoke and a lockdown at Monday 10:00', async () => {
    const add = async (name: string, lockid: string, body: Omit<CreateGrantBody, 'userid' | 'lockid'> | null, expect: Omit<Case, 'name' | 'userid' | 'lockid'>) => {
      const userid = await person(name);
      const grantid = body === null ? null : await grant({ userid, lockid, ...body } as CreateGrantBody);
      cases.push({ name, userid, lockid, ...expect });
      return { userid, grantid };
    };
    const office = { method: 'keypad', weekdays: '12345', start_time: '08:00', end_time: '18:00' } as const;
    await add('No Grant', lock(0), null, { keypad: 'no_grant', any: 'no_grant', explanation: /^Refused: no access to this door$/ });
    await add('Evening Only', lock(1), { method: 'keypad', weekdays: '12345', start_time: '18:00', end_time: '22:00' }, { keypad: 'outside_hours', any: 'outside_hours', explanation: /^Refused: outside allowed hours \(keypad, Mon–Fri 18:00–22:00\)$/ });
    await add('Card Only', lock(2), { method: 'card' }, { keypad: 'wrong_method', any: 'allowed', explanation: /^Allowed by grant #\d+ \(card, any time\)$/ });
    await add('Ends Soon', lock(3), { method: 'keypad', end_date: '2026-11-16 10:30:00' }, { keypad: 'expired', any: 'expired', explanation: /^Refused: access expired 2026-11-16 10:30:00$/ });
    await add('Starts Tomorrow', lock(4), { method: 'keypad', start_date: '2026-11-17 08:00:00' }, { keypad: 'not_yet', any: 'not_yet', explanation: /^Refused: access by keypad starts 2026-11-17 08:00:00$/ });
    const revoked = await add('Was Revoked', lock(5), office, { keypad: 'revoked', any: 'revoked', explanation: /^Refused: access to this door was revoked$/ });
    expect((await manager('DELETE', `/api/grants/${revoked.grantid}`)).status).toBe(200);
    await add('Office Hours', lock(6), office, { keypad: 'allowed', any: 'allowed', explanation: /^Allowed by grant #\d+ \(keypad, Mon–Fri 08:00–18:00\)$/ });
    const lockedDown = await group('Check lockdown', lock(7));
    await add('In Lockdown', lock(7), office, { keypad: 'lockdown', any: 'lockdown', explanation: /^Refused: the door is in lockdown$/ });
    expect((await manager('POST', '/api/lockdowns', { groupids: [lockedDown] })).status).toBe(200);
    const viaGroup = await group('Check group', lock(8));
    const groupCase = await add('Through Group', lock(8), null, { keypad: 'allowed', any: 'allowed', explanation: /^Allowed by grant #\d+ \(keypad, Mon–Fri 08:00–18:00, until 2026-12-31 23:59:59\)$/ });
    await grant({ userid: groupCase.userid, groupid: viaGroup, ...office, end_date: '2026-12-31 23:59:59' });
    expect(cases).toHaveLength(9);
  });

  it('says, for every case and method, exactly what a real door use then does', async () => {
    expect(cases).toHaveLength(9);
    clock = new Date('2026-11-16T10:00:00Z');
    token = await loginAs(platform.url, 'manager');
    for (const c of cases) {
      for (const method of GRANT_METHODS) {
        const said = await check(c.userid, c.lockid.toLowerCase(), `&method=${method}`);
        const done = doorUse(c.userid, c.lockid, method);
        expect({ allowed: said.allowed, reason: said.reason, grantid: said.grantid }, `${c.name} by ${method}`).toEqual(done);
        if (method === 'keypad') expect(done.allowed === 1 ? 'allowed' : done.reason, c.name).toBe(c.keypad);
      }
    }
  });

  it('without a method: allowed when some method opens the door, else the most telling reason, in words', async () => {
    expect(cases).toHaveLength(9);
    for (const c of cases) {
      const said = await check(c.userid, c.lockid);
      const opens = GRANT_METHODS.map((method) => doorUse(c.userid, c.lockid, method)).find((d) => d.allowed === 1);
      expect(said.allowed, c.name).toBe(opens === undefined ? 0 : 1);
      expect(said.allowed === 1 ? 'allowed' : said.reason, c.name).toBe(c.any);
      expect(said.grantid, c.name).toBe(opens?.grantid ?? null);
      expect(said.explanation, c.name).toMatch(c.explanation);
    }
  });

  it('answers for another instant (`at`, wall clock) what the door does then', async () => {
    const office = cases.find((c) => c.name === 'Office Hours') as Case;
    const evening = await check(office.userid, office.lockid, '&method=keypad&at=2026-11-16%2019:00:00');
    expect(evening).toMatchObject({ allowed: 0, reason: 'outside_hours', explanation: 'Refused: outside allowed hours (keypad, Mon–Fri 08:00–18:00)' });
    expect(doorUse(office.userid, office.lockid, 'keypad', new Date('2026-11-16T18:00:00Z'))).toEqual({ allowed: 0, reason: 'outside_hours', grantid: null });
    const tomorrow = cases.find((c) => c.name === 'Starts Tomorrow') as Case;
    expect(await check(tomorrow.userid, tomorrow.lockid, '&method=keypad&at=2026-11-17%2008:00:00')).toMatchObject({ allowed: 1, reason: null });
  });

  it('names the role a deciding grant comes from', async () => {
    const office = cases.find((c) => c.name === 'Office Hours') as Case;
    const { grantid } = await check(office.userid, office.lockid, '&method=keypad');
    const roleid = Number(platform.db.prepare(`INSERT INTO roles (name, created_date) VALUES ('Night shift', '2026-11-16 09:00:00')`).run().lastInsertRowid);
    platform.db.prepare('UPDATE grants SET roleid = ? WHERE grantid = ?').run(roleid, grantid);
    expect(await check(office.userid, office.lockid, '&method=keypad')).toEqual({
      allowed: 1,
      reason: null,
      grantid,
      roleid,
      rolename: 'Night shift',
      explanation: `Allowed by grant #${grantid} from role Night shift (keypad, Mon–Fri 08:00–18:00)`,
    });
  });

  it('refuses bad questions clearly', async () => {
    const someone = (cases[0] as Case).userid;
    expect((await manager('GET', `/api/access-check?userid=999999&lockid=${lock(0)}`)).status).toBe(404);
    expect((await manager('GET', `/api/access-check?userid=${someone}&lockid=NO-SUCH-LOCK`)).status).toBe(404);
    const bad = await manager('GET', `/api/access-check?userid=${someone}&lockid=${lock(0)}&method=telepathy`);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ status: 0, msg: expect.stringContaining('method') });
    expect((await manager('GET', `/api/access-check?lockid=${lock(0)}`)).body).toMatchObject({ status: 0, msg: expect.stringContaining('userid') });
    expect((await manager('GET', `/api/access-check?userid=${someone}&lockid=${lock(0)}&at=tomorrow`)).status).toBe(400);
  });
});
