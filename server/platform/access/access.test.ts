import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createGrantResponseSchema,
  grantListResponseSchema,
  passcodeResponseSchema,
  personListResponseSchema,
  personResponseSchema,
  revokeAllResponseSchema,
} from '../../../contract/access';
import type { CreateGrantBody, Grant } from '../../../contract/access';
import { eventListResponseSchema } from '../../../contract/events';
import type { LockEvent } from '../../../contract/events';
import { lockGroupResponseSchema } from '../../../contract/lockgroups';
import { startPlatform } from '../platform';
import { call, loginAs } from '../testing';

/**
 * People, grants and the door, over HTTP against the embedded platform in Europe/Berlin (a zone
 * with a daylight-saving change: 29 March 2026, 02:00 CET → 03:00 CEST), with a clock the tests move.
 */
let platform: Awaited<ReturnType<typeof startPlatform>>;
/** Tokens live 12 hours of the platform's clock: signed in again when the tests move it far. */
const tokens = new Map<'manager' | 'support', { token: string; at: number }>();
async function tok(role: 'manager' | 'support'): Promise<string> {
  const held = tokens.get(role);
  if (held && Math.abs(clock.getTime() - held.at) < 6 * 3600_000) return held.token;
  const token = await loginAs(platform.url, role);
  // A sign-in purges the tokens expired by this clock: the other role's may be gone.
  tokens.clear();
  tokens.set(role, { token, at: clock.getTime() });
  return token;
}
let clock = new Date('2026-03-20T10:00:00Z');
/** Keypad codes the platform will draw next (then crypto-like spread once empty). */
const draws: number[] = [];
let spread = 100_003;
const locks: string[] = [];

beforeAll(async () => {
  platform = await startPlatform({
    dbPath: ':memory:',
    simulator: false,
    seed: { locks: 40, historyDays: 0 },
    now: () => clock,
    timeZone: 'Europe/Berlin',
    random: (below) => draws.shift() ?? (spread = (spread * 7_919 + 13) % below),
  });
  locks.push(...(platform.db.prepare('SELECT lockid FROM locks ORDER BY id LIMIT 8').pluck().all() as string[]));
}, 30_000);
afterAll(() => platform.close());

const at = (iso: string) => {
  clock = new Date(iso);
};

async function newPerson(username: string, extra: { email?: string; phone?: string } = {}) {
  const res = await call(platform.url, 'POST', '/api/people', { token: await tok('manager'), body: { username, ...extra } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return personResponseSchema.parse(res.body).person;
}

async function grant(body: CreateGrantBody) {
  const res = await call(platform.url, 'POST', '/api/grants', { token: await tok('manager'), body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.headers.get('cache-control')).toBe('no-store');
  return createGrantResponseSchema.parse(res.body);
}

async function grants(query: string): Promise<Grant[]> {
  const res = await call(platform.url, 'GET', `/api/grants?pagenumber=1&limit=100&${query}`, { token: await tok('manager') });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return grantListResponseSchema.parse(res.body).grantslist;
}

async function events(query: string): Promise<LockEvent[]> {
  const res = await call(platform.url, 'GET', `/api/events?pagenumber=1&limit=100&${query}`, { token: await tok('manager') });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return eventListResponseSchema.parse(res.body).eventslist;
}

/** What the door says to this person with this method at this instant (UTC). */
function tryAt(iso: string, userid: number, lockid: string, method: CreateGrantBody['method']) {
  at(iso);
  const result = platform.useDoor({ userid, lockid, method });
  return result.allowed ? 'allowed' : result.reason;
}

describe('people', () => {
  it('are created, found by name, email or phone digits, edited, and are never dashboard accounts', async () => {
    const ada = await newPerson('  Ada Lovelace ', { email: 'ada@example.org', phone: '+44 20 7946-0958' });
    expect(ada).toMatchObject({ username: 'Ada Lovelace', email: 'ada@example.org', phone: '+44 20 7946-0958', grant_count: 0, created_date: '2026-03-20 10:00:00' });
    for (const key of ['lovelace ada', 'ADA@EXAMPLE', '79460958', '7946-0958']) {
      const res = await call(platform.url, 'GET', `/api/people?pagenumber=1&limit=10&searchkey=${encodeURIComponent(key)}`, { token: await tok('support') });
      expect(personListResponseSchema.parse(res.body).peoplelist.map((p) => p.userid), key).toEqual([ada.userid]);
    }
    const edited = await call(platform.url, 'PUT', `/api/people/${ada.userid}`, { token: await tok('manager'), body: { phone: null, username: 'Ada King' } });
    expect(personResponseSchema.parse(edited.body).person).toMatchObject({ username: 'Ada King', phone: null, email: 'ada@example.org' });
    expect((await call(platform.url, 'GET', `/api/people/${ada.userid}`, { token: await tok('support') })).body).toMatchObject({ person: { username: 'Ada King' } });
    // The demo manager (userid 2) signs in to the dashboard: not a person.
    expect((await call(platform.url, 'GET', '/api/people/2', { token: await tok('manager') })).status).toBe(404);
    const seeded = personListResponseSchema.parse((await call(platform.url, 'GET', '/api/people?pagenumber=1&limit=100', { token: await tok('manager') })).body);
    expect(seeded.peoplelist.find((p) => p.username === 'Amara Okafor')).toMatchObject({ email: 'amara.okafor@example.com', phone: expect.stringMatching(/^\+1 555-01\d\d$/) });
  });

  it('refuse bad fields with 400 naming them, and an email already in use with 409', async () => {
    const cases: [unknown, string][] = [
      [{ username: '  ' }, 'username'],
      [{ username: 'X', email: 'not-an-email' }, 'email'],
      [{ username: 'X', phone: 'call me' }, 'phone'],
      [{ username: 'X', role: 'manager' }, 'role'],
      [{}, 'username'],
    ];
    for (const [body, field] of cases) {
      const res = await call(platform.url, 'POST', '/api/people', { token: await tok('manager'), body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((res.body as { msg: string }).msg, JSON.stringify(body)).toContain(field);
    }
    const taken = await call(platform.url, 'POST', '/api/people', { token: await tok('manager'), body: { username: 'Y', email: 'AMARA.OKAFOR@example.com' } });
    expect(taken.status).toBe(409);
    expect(taken.body).toEqual({ status: 0, msg: expect.stringContaining('email') });
  });
});

describe('creating a grant', () => {
  it('refuses what does not add up with 400 naming the field', async () => {
    at('2026-03-20T10:00:00Z');
    const person = await newPerson('Validation Person');
    const ok = { userid: person.userid, lockid: locks[0], method: 'card' };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...ok, start_date: '2026-04-02 10:00:00', end_date: '2026-04-01 10:00:00' }, 'end_date'],
      [{ ...ok, start_date: '2026-04-02 10:00:00', end_date: '2026-04-02 10:00:00' }, 'end_date'],
      [{ ...ok, end_date: '2026-03-19 23:59:59' }, 'end_date'],
      [{ ...ok, start_date: '2026-02-30 10:00:00' }, 'start_date'],
      [{ ...ok, start_date: '2026-04-02' }, 'start_date'],
      [{ ...ok, userid: 999_999 }, 'userid'],
      [{ ...ok, userid: 2 }, 'userid'],
      [{ ...ok, lockid: 'NO-SUCH-LOCK' }, 'lockid'],
      [{ userid: person.userid, groupid: 999_999, method: 'card' }, 'groupid'],
      [{ ...ok, groupid: 1 }, 'groupid'],
      [{ userid: person.userid, method: 'card' }, 'lockid'],
      [{ ...ok, method: 'remote' }, 'method'],
      [{ ...ok, weekdays: '12389' }, 'weekdays'],
      [{ ...ok, weekdays: '112' }, 'weekdays'],
      [{ ...ok, weekdays: '' }, 'weekdays'],
      [{ ...ok, start_time: '25:00', end_time: '26:00' }, 'start_time'],
      [{ ...ok, start_time: '09:00' }, 'end_time'],
      [{ ...ok, end_time: '17:00' }, 'start_time'],
      [{ ...ok, start_time: '09:00', end_time: '09:00' }, 'end_time'],
      [{ ...ok, start_time: '9:00', end_time: '17:00' }, 'start_time'],
      [{ ...ok, passcode: '111111' }, 'passcode'],
    ];
    for (const [body, field] of cases) {
      const res = await call(platform.url, 'POST', '/api/grants', { token: await tok('manager'), body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body, JSON.stringify(body)).toEqual({ status: 0, msg: expect.stringContaining(field) });
    }
    expect(await grants(`userid=${person.userid}`)).toEqual([]);
  });

  it('answers DESIGN’s grant (and the code of a keypad grant, only there), and writes access_granted with the actor', async () => {
    at('2026-03-20T10:00:00Z');
    const person = await newPerson('Shape Person');
    const created = await grant({ userid: person.userid, lockid: locks[0]?.toLowerCase(), method: 'keypad', weekdays: '531', start_time: '18:00', end_time: '22:00', end_date: '2026-12-31 23:59:59' });
    expect(created.passcode).toMatch(/^\d{6}$/);
    expect(created.grant).toEqual({
      grantid: expect.any(Number),
      userid: person.userid,
      username: 'Shape Person',
      lockid: locks[0],
      lockname: expect.any(String),
      groupid: null,
      groupname: null,
      method: 'keypad',
      start_date: null,
      end_date: '2026-12-31 23:59:59',
      weekdays: '135',
      start_time: '18:00',
      end_time: '22:00',
      status: 'active',
      created_by: 'Demo Manager',
      created_date: '2026-03-20 10:00:00',
      revoked_by: null,
      revoked_date: null,
      roleid: null,
      rolename: null,
      passid: null,
      code_sent_date: null,
    });
    const listed = await grants(`userid=${person.userid}`);
    expect(listed).toEqual([created.grant]);
    expect(JSON.stringify(listed)).not.toContain(created.passcode);
    const [event] = await events(`type=access_granted&userid=${person.userid}`);
    expect(event).toMatchObject({ event_type: 'access_granted', lockid: locks[0], userid: person.userid, username: 'Shape Person', method: 'keypad', actor: 'Demo Manager', reason: null, groupid: null });
    const reveal = await call(platform.url, 'GET', `/api/grants/${created.grant.grantid}/passcode`, { token: await tok('manager') });
    expect(passcodeResponseSchema.parse(reveal.body).passcode).toBe(created.passcode);
    expect(reveal.headers.get('cache-control')).toBe('no-store');
    const card = await grant({ userid: person.userid, lockid: locks[1], method: 'card' });
    expect(card).not.toHaveProperty('passcode');
    expect((await call(platform.url, 'GET', `/api/grants/${card.grant.grantid}/passcode`, { token: await tok('manager') })).status).toBe(404);
  });
});

describe('the time-window rule (Europe/Berlin)', () => {
  it('counts from the start instant to the end instant, both to the second, and shows the status', async () => {
    at('2026-03-20T10:00:00Z');
    const p = await newPerson('Window Dates');
    const { grant: g } = await grant({ userid: p.userid, lockid: locks[2], method: 'card', start_date: '2026-03-26 12:00:00', end_date: '2026-04-01 10:30:00' });
    expect(g.status).toBe('scheduled');
    // 12:00 CET is 11:00 UTC; 10:30 CEST (after the change) is 08:30 UTC.
    expect(tryAt('2026-03-26T10:59:59Z', p.userid, locks[2] as string, 'card')).toBe('not_yet');
    expect((await grants(`userid=${p.userid}`))[0]?.status).toBe('scheduled');
    expect(tryAt('2026-03-26T11:00:00Z', p.userid, locks[2] as string, 'card')).toBe('allowed');
    expect((await grants(`userid=${p.userid}&status=active`)).map((x) => x.grantid)).toEqual([g.grantid]);
    expect(tryAt('2026-04-01T08:30:00Z', p.userid, locks[2] as string, 'card')).toBe('allowed');
    expect(tryAt('2026-04-01T08:30:00.999Z', p.userid, locks[2] as string, 'card')).toBe('allowed');
    expect(tryAt('2026-04-01T08:30:01Z', p.userid, locks[2] as string, 'card')).toBe('expired');
    expect((await grants(`userid=${p.userid}&status=expired`)).map((x) => x.grantid)).toEqual([g.grantid]);
    expect(await grants(`userid=${p.userid}&status=active,scheduled`)).toEqual([]);
  });

  it('takes hours from start_time up to end_time on the listed weekdays, on the zone’s wall clock across the DST change', async () => {
    at('2026-03-20T10:00:00Z');
    const p = await newPerson('Window Hours');
    const lock = locks[3] as string;
    await grant({ userid: p.userid, lockid: lock, method: 'app', weekdays: '12345', start_time: '09:00', end_time: '17:00' });
    const door = (iso: string) => tryAt(iso, p.userid, lock, 'app');
    // Thursday 26 March, CET (UTC+1).
    expect(door('2026-03-26T07:59:59Z')).toBe('outside_hours');
    expect(door('2026-03-26T08:00:00Z')).toBe('allowed');
    expect(door('2026-03-26T15:59:59Z')).toBe('allowed');
    expect(door('2026-03-26T16:00:00Z')).toBe('outside_hours');
    // Friday to Saturday: the same hour, not a listed day.
    expect(door('2026-03-27T09:00:00Z')).toBe('allowed');
    expect(door('2026-03-28T09:00:00Z')).toBe('outside_hours');
    // Monday 30 March, CEST (UTC+2): 09:00 is 07:00 UTC now; the same UTC hour on Friday was 08:30 CET.
    expect(door('2026-03-27T07:30:00Z')).toBe('outside_hours');
    expect(door('2026-03-30T06:59:59Z')).toBe('outside_hours');
    expect(door('2026-03-30T07:00:00Z')).toBe('allowed');
    expect(door('2026-03-30T07:30:00Z')).toBe('allowed');
    expect(door('2026-03-30T14:59:59Z')).toBe('allowed');
    expect(door('2026-03-30T15:00:00Z')).toBe('outside_hours');
  });

  it('runs an overnight window past midnight as part of the day it starts on, and "24:00" to midnight', async () => {
    at('2026-03-20T10:00:00Z');
    const night = await newPerson('Window Night');
    const evening = await newPerson('Window Evening');
    const lock = locks[3] as string;
    await grant({ userid: night.userid, lockid: lock, method: 'card', weekdays: '5', start_time: '22:00', end_time: '06:00' });
    await grant({ userid: evening.userid, lockid: lock, method: 'card', weekdays: '6', start_time: '20:00', end_time: '24:00' });
    const guard = (iso: string) => tryAt(iso, night.userid, lock, 'card');
    expect(guard('2026-03-27T20:59:59Z')).toBe('outside_hours'); // Fri 21:59:59
    expect(guard('2026-03-27T21:00:00Z')).toBe('allowed'); // Fri 22:00
    expect(guard('2026-03-27T22:59:59Z')).toBe('allowed'); // Fri 23:59:59
    expect(guard('2026-03-27T23:00:00Z')).toBe('allowed'); // Sat 00:00, Friday's night
    expect(guard('2026-03-28T04:59:59Z')).toBe('allowed'); // Sat 05:59:59
    expect(guard('2026-03-28T05:00:00Z')).toBe('outside_hours'); // Sat 06:00
    expect(guard('2026-03-28T21:30:00Z')).toBe('outside_hours'); // Sat 22:30: Saturday is not listed
    expect(guard('2026-03-26T23:30:00Z')).toBe('outside_hours'); // Fri 00:30 belongs to Thursday's night
    const late = (iso: string) => tryAt(iso, evening.userid, lock, 'card');
    expect(late('2026-03-28T18:59:59Z')).toBe('outside_hours'); // Sat 19:59:59
    expect(late('2026-03-28T19:00:00Z')).toBe('allowed'); // Sat 20:00
    expect(late('2026-03-28T22:59:59Z')).toBe('allowed'); // Sat 23:59:59
    expect(late('2026-03-28T23:00:00Z')).toBe('outside_hours'); // Sun 00:00
  });
});

describe('the door', () => {
  it('writes access_denied with the reason, and lets the holder through with the right method', async () => {
    at('2026-03-20T10:00:00Z');
    const p = await newPerson('Door Person');
    const stranger = await newPerson('Door Stranger');
    const lock = locks[4] as string;
    const openBefore = platform.db.prepare('SELECT lock_open_status FROM locks WHERE lockid = ?').pluck().get(lock);
    await grant({ userid: p.userid, lockid: lock, method: 'card' });
    at('2026-03-20T10:05:00Z');
    expect(platform.useDoor({ userid: stranger.userid, lockid: lock, method: 'card' })).toMatchObject({ allowed: false, reason: 'no_grant' });
    expect(platform.useDoor({ userid: p.userid, lockid: lock, method: 'keypad' })).toMatchObject({ allowed: false, reason: 'wrong_method' });
    expect(platform.useDoor({ userid: p.userid, lockid: lock.toLowerCase(), method: 'card' })).toMatchObject({ allowed: true, lockid: lock });
    expect(platform.db.prepare('SELECT lock_open_status FROM locks WHERE lockid = ?').pluck().get(lock)).toBe(openBefore);
    const denied = await events(`type=access_denied&searchkey=${encodeURIComponent('Door')}`);
    expect(denied.map((e) => [e.username, e.reason, e.method, e.lockid, e.actor])).toEqual([
      ['Door Person', 'wrong_method', 'keypad', lock, null],
      ['Door Stranger', 'no_grant', 'card', lock, null],
    ]);
    const own = await events(`userid=${p.userid}`);
    expect(own.map((e) => e.event_type)).toEqual(['unlocked', 'access_denied', 'access_granted']);
    expect(own[0]).toMatchObject({ method: 'card', lockid: lock, reason: null });
    const lockHistory = eventListResponseSchema.parse((await call(platform.url, 'GET', `/api/locks/${lock}/events?pagenumber=1&limit=10&type=access_denied`, { token: await tok('support') })).body);
    expect(lockHistory.eventslist).toHaveLength(2);
  });
});

describe('group grants', () => {
  it('follow the group’s membership: a lock added later is covered, a lock removed is not', async () => {
    at('2026-03-20T10:00:00Z');
    const p = await newPerson('Group Person');
    const [first, later] = [locks[5] as string, locks[6] as string];
    const made = await call(platform.url, 'POST', '/api/lockgroups', { token: await tok('manager'), body: { groupname: 'East wing' } });
    const { groupid } = lockGroupResponseSchema.parse(made.body).lockgroup;
    await call(platform.url, 'PUT', `/api/lockgroups/${groupid}/locks`, { token: await tok('manager'), body: { add: [first] } });
    const { grant: g } = await grant({ userid: p.userid, groupid, method: 'app' });
    expect(g).toMatchObject({ lockid: null, lockname: null, groupid, groupname: 'East wing' });
    const [granted] = await events(`type=access_granted&userid=${p.userid}`);
    expect(granted).toMatchObject({ lockid: null, lockname: null, groupid, groupname: 'East wing', actor: 'Demo Manager' });

    expect(tryAt('2026-03-20T10:01:00Z', p.userid, first, 'app')).toBe('allowed');
    expect(tryAt('2026-03-20T10:01:00Z', p.userid, later, 'app')).toBe('no_grant');
    expect((await grants(`lockid=${later}`)).map((x) => x.grantid)).not.toContain(g.grantid);
    await call(platform.url, 'PUT', `/api/lockgroups/${groupid}/locks`, { token: await tok('manager'), body: { add: [later], remove: [first] } });
    expect(tryAt('2026-03-20T10:02:00Z', p.userid, later, 'app')).toBe('allowed');
    expect(tryAt('2026-03-20T10:02:00Z', p.userid, first, 'app')).toBe('no_grant');
    expect((await grants(`lockid=${later}`)).find((x) => x.grantid === g.grantid)).toMatchObject({ groupname: 'East wing', status: 'active' });
    expect((await grants(`lockid=${first}`)).map((x) => x.grantid)).not.toContain(g.grantid);
    expect((await grants(`groupid=${groupid}`)).map((x) => x.grantid)).toEqual([g.grantid]);

    // Deleting the group ends its grants, kept as history under the group's name.
    const deleted = await call(platform.url, 'DELETE', `/api/lockgroups/${groupid}`, { token: await tok('manager') });
    expect(deleted.body).toMatchObject({ status: 1, msg: expect.stringContaining('1 grant to it ended') });
    expect((await grants(`userid=${p.userid}`))[0]).toMatchObject({ status: 'revoked', groupid, groupname: 'East wing', revoked_by: 'Demo Manager' });
    const [revoked] = await events(`type=access_revoked&userid=${p.userid}`);
    expect(revoked).toMatchObject({ lockid: null, groupid, groupname: 'East wing', actor: 'Demo Manager' });
    expect(tryAt('2026-03-20T10:03:00Z', p.userid, later, 'app')).toBe('no_grant');
  });
});

describe('keypad codes', () => {
  it('are 6 digits, never guessable, unique among the live codes of every lock a grant reaches, free again once revoked', async () => {
    at('2026-03-20T10:00:00Z');
    const [a, b, c] = [await newPerson('Code A'), await newPerson('Code B'), await newPerson('Code C')];
    const [lock, elsewhere] = [locks[7] as string, locks[0] as string];
    const made = await call(platform.url, 'POST', '/api/lockgroups', { token: await tok('manager'), body: { groupname: 'Code wing' } });
    const { groupid } = lockGroupResponseSchema.parse(made.body).lockgroup;
    await call(platform.url, 'PUT', `/api/lockgroups/${groupid}/locks`, { token: await tok('manager'), body: { add: [lock] } });

    draws.push(123456, 111111, 482913);
    const first = await grant({ userid: a.userid, lockid: lock, method: 'keypad' });
    expect(first.passcode).toBe('482913');
    draws.push(482913, 482913, 77120);
    const second = await grant({ userid: b.userid, lockid: lock, method: 'keypad' });
    expect(second.passcode).toBe('077120');
    // A group grant must be unique on every lock of the group.
    draws.push(482913, 77120, 550431);
    expect((await grant({ userid: c.userid, groupid, method: 'keypad' })).passcode).toBe('550431');
    // Another group with that lock: unique against the first group's code too.
    const hall = lockGroupResponseSchema.parse((await call(platform.url, 'POST', '/api/lockgroups', { token: await tok('manager'), body: { groupname: 'Code hall' } })).body).lockgroup;
    await call(platform.url, 'PUT', `/api/lockgroups/${hall.groupid}/locks`, { token: await tok('manager'), body: { add: [lock, elsewhere] } });
    draws.push(550431, 660142);
    expect((await grant({ userid: b.userid, groupid: hall.groupid, method: 'keypad' })).passcode).toBe('660142');
    await call(platform.url, 'PUT', `/api/lockgroups/${hall.groupid}/locks`, { token: await tok('manager'), body: { remove: [elsewhere] } });
    // The same code on a lock it does not reach is fine.
    draws.push(482913);
    expect((await grant({ userid: c.userid, lockid: elsewhere, method: 'keypad' })).passcode).toBe('482913');
    // Revoked, its code is free again.
    await call(platform.url, 'DELETE', `/api/grants/${first.grant.grantid}`, { token: await tok('manager') });
    draws.push(482913);
    expect((await grant({ userid: a.userid, lockid: lock, method: 'keypad' })).passcode).toBe('482913');
    const revealRevoked = await call(platform.url, 'GET', `/api/grants/${first.grant.grantid}/passcode`, { token: await tok('manager') });
    expect(revealRevoked.status).toBe(409);
  });
});

describe('adding a lock to a group', () => {
  it('is refused, changing nothing, when the lock would have one keypad code for two people; allowed once one grant is revoked', async () => {
    at('2026-03-20T10:00:00Z');
    const [a, b] = [await newPerson('Clash A'), await newPerson('Clash B')];
    const [lock, member] = [locks[5] as string, locks[6] as string];
    const wing = lockGroupResponseSchema.parse(
      (await call(platform.url, 'POST', '/api/lockgroups', { token: await tok('manager'), body: { groupname: 'Clash wing' } })).body,
    ).lockgroup;
    await call(platform.url, 'PUT', `/api/lockgroups/${wing.groupid}/locks`, { token: await tok('manager'), body: { add: [member] } });
    draws.push(314159);
    const atLock = await grant({ userid: a.userid, lockid: lock, method: 'keypad' });
    draws.push(314159);
    // Unique on the group's one lock, so the group's grant gets the same code.
    expect((await grant({ userid: b.userid, groupid: wing.groupid, method: 'keypad' })).passcode).toBe('314159');

    const refused = await call(platform.url, 'PUT', `/api/lockgroups/${wing.groupid}/locks`, {
      token: await tok('manager'),
      body: { add: [lock.toLowerCase()], remove: [member] },
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({ status: 0, msg: expect.stringContaining(`At ${lock}, a keypad code of this group's grants is already someone else's code there`) });
    const after = lockGroupResponseSchema.parse((await call(platform.url, 'GET', `/api/lockgroups/${wing.groupid}`, { token: await tok('manager') })).body);
    expect(after.lockgroup.lock_count).toBe(1);
    const reaching = (await grants(`lockid=${lock}`)).map((g) => g.username);
    expect(reaching).toContain('Clash A');
    expect(reaching).not.toContain('Clash B');

    await call(platform.url, 'DELETE', `/api/grants/${atLock.grant.grantid}`, { token: await tok('manager') });
    const added = await call(platform.url, 'PUT', `/api/lockgroups/${wing.groupid}/locks`, { token: await tok('manager'), body: { add: [lock] } });
    expect(added.status).toBe(200);
    expect(lockGroupResponseSchema.parse(added.body).lockgroup.lock_count).toBe(2);
  });
});

describe('revoking', () => {
  it('keeps the grant as revoked with who and when, writes access_revoked, and refuses a second time with 409', async () => {
    at('2026-03-20T10:00:00Z');
    const p = await newPerson('Revoke Person');
    const { grant: g } = await grant({ userid: p.userid, lockid: locks[1], method: 'fingerprint' });
    at('2026-03-21T08:00:00Z');
    const res = await call(platform.url, 'DELETE', `/api/grants/${g.grantid}`, { token: await tok('manager') });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 1, grant: { grantid: g.grantid, status: 'revoked', revoked_by: 'Demo Manager', revoked_date: '2026-03-21 08:00:00' } });
    const again = await call(platform.url, 'DELETE', `/api/grants/${g.grantid}`, { token: await tok('manager') });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ status: 0, msg: expect.stringContaining('already revoked') });
    expect((await call(platform.url, 'DELETE', '/api/grants/999999', { token: await tok('manager') })).status).toBe(404);
    expect((await events(`type=access_revoked&userid=${p.userid}`)).map((e) => [e.lockid, e.actor, e.method])).toEqual([[locks[1], 'Demo Manager', 'fingerprint']]);
    expect(tryAt('2026-03-21T08:01:00Z', p.userid, locks[1] as string, 'fingerprint')).toBe('revoked');
  });

  it('offboards a person: every active or scheduled grant ends (through two groups too), with the count and an event each', async () => {
    at('2026-03-20T10:00:00Z');
    const p = await newPerson('Offboard Person');
    const groupids: number[] = [];
    for (const [name, lock] of [['Offboard north', locks[2]], ['Offboard south', locks[3]]] as const) {
      const { groupid } = lockGroupResponseSchema.parse((await call(platform.url, 'POST', '/api/lockgroups', { token: await tok('manager'), body: { groupname: name } })).body).lockgroup;
      await call(platform.url, 'PUT', `/api/lockgroups/${groupid}/locks`, { token: await tok('manager'), body: { add: [lock] } });
      await grant({ userid: p.userid, groupid, method: 'card' });
      groupids.push(groupid);
    }
    await grant({ userid: p.userid, lockid: locks[4], method: 'keypad', start_date: '2026-05-01 00:00:00' });
    const ending = await grant({ userid: p.userid, lockid: locks[5], method: 'app', end_date: '2026-03-21 00:00:00' });
    at('2026-03-25T10:00:00Z');
    expect(personResponseSchema.parse((await call(platform.url, 'GET', `/api/people/${p.userid}`, { token: await tok('manager') })).body).person.grant_count).toBe(3);
    for (const lock of [locks[2], locks[3]]) {
      expect((await grants(`lockid=${lock}&status=active`)).map((x) => x.userid)).toContain(p.userid);
    }

    const res = await call(platform.url, 'POST', `/api/people/${p.userid}/revoke`, { token: await tok('manager') });
    expect(res.status).toBe(200);
    expect(revokeAllResponseSchema.parse(res.body)).toEqual({ status: 1, msg: 'Removed 3 grants from Offboard Person', revoked: 3 });
    const after = await grants(`userid=${p.userid}`);
    expect(after.map((x) => x.status).sort()).toEqual(['expired', 'revoked', 'revoked', 'revoked']);
    expect(after.find((x) => x.grantid === ending.grant.grantid)?.status).toBe('expired');
    for (const lock of [locks[2], locks[3]]) {
      expect((await grants(`lockid=${lock}&status=active,scheduled`)).map((x) => x.userid)).not.toContain(p.userid);
      expect(tryAt('2026-03-25T10:01:00Z', p.userid, lock as string, 'card')).toBe('revoked');
    }
    const revokedEvents = await events(`type=access_revoked&userid=${p.userid}`);
    expect(revokedEvents).toHaveLength(3);
    expect(revokedEvents.map((e) => e.groupid).filter(Boolean).sort()).toEqual(groupids.sort());
    expect(revokedEvents.every((e) => e.actor === 'Demo Manager')).toBe(true);
    expect(personResponseSchema.parse((await call(platform.url, 'GET', `/api/people/${p.userid}`, { token: await tok('manager') })).body).person.grant_count).toBe(0);
    const again = await call(platform.url, 'POST', `/api/people/${p.userid}/revoke`, { token: await tok('manager') });
    expect(again.body).toMatchObject({ status: 1, revoked: 0 });
    expect((await call(platform.url, 'POST', '/api/people/999999/revoke', { token: await tok('manager') })).status).toBe(404);
  });
});

describe('roles', () => {
  it('lets support read people and grants but change nothing, nor reveal a code', async () => {
    at('2026-03-20T10:00:00Z');
    const p = await newPerson('Role Person');
    const { grant: g } = await grant({ userid: p.userid, lockid: locks[0], method: 'keypad' });
    const refused: [string, string, unknown][] = [
      ['POST', '/api/people', { username: 'Nope' }],
      ['PUT', `/api/people/${p.userid}`, { username: 'Nope' }],
      ['POST', `/api/people/${p.userid}/revoke`, undefined],
      ['POST', '/api/grants', { userid: p.userid, lockid: locks[0], method: 'card' }],
      ['DELETE', `/api/grants/${g.grantid}`, undefined],
      ['GET', `/api/grants/${g.grantid}/passcode`, undefined],
    ];
    for (const [method, path, body] of refused) {
      const res = await call(platform.url, method, path, { token: await tok('support'), body });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(JSON.stringify(res.body)).not.toMatch(/\d{6}/);
    }
    expect((await grants(`userid=${p.userid}`))[0]).toMatchObject({ status: 'active', username: 'Role Person' });
    expect((await call(platform.url, 'GET', `/api/grants?pagenumber=1&limit=5&userid=${p.userid}`, { token: await tok('support') })).status).toBe(200);
    expect((await call(platform.url, 'GET', '/api/people?pagenumber=1&limit=5', { token: await tok('support') })).status).toBe(200);
  });
});
