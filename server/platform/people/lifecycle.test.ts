import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personListResponseSchema, personResponseSchema } from '../../../contract/access';
import { eventListResponseSchema } from '../../../contract/events';
import { roleResponseSchema } from '../../../contract/people';
import { peoplePlatform } from './people-test-kit';
import type { PeoplePlatform } from './people-test-kit';

/** Suspend, resume (by hand and at `until`, wall clock in Europe/Berlin), archive; the person's list fields. */
let t: PeoplePlatform;
beforeAll(async () => {
  t = await peoplePlatform('2026-03-20T10:00:00Z');
}, 30_000);
afterAll(() => t.platform.close());

const lock = (i: number) => t.locks[i] as string;
const door = (iso: string, userid: number, lockid: string) => {
  t.at(iso);
  const result = t.platform.useDoor({ userid, lockid, method: 'card' });
  return result.allowed ? 'allowed' : result.reason;
};
const person = async (userid: number) => personResponseSchema.parse(await t.ok('GET', `/api/people/${userid}`)).person;
const listed = async (query: string) =>
  personListResponseSchema.parse(await t.ok('GET', `/api/people?pagenumber=1&limit=100&${query}`)).peoplelist.map((p) => p.username);

describe('a suspension', () => {
  it('refuses door use with reason suspended (grants kept) and ends by itself at until, not before', async () => {
    t.at('2026-03-20T10:00:00Z');
    const p = await t.person('Sam Suspended', { department: 'Ops' });
    await t.ok('POST', '/api/grants', { userid: p.userid, lockid: lock(0), method: 'card' });
    expect(door('2026-03-20T10:00:00Z', p.userid, lock(0))).toBe('allowed');
    const past = await t.send('POST', `/api/people/${p.userid}/suspend`, { reason: 'Badge lost', until: '2026-03-20 11:00:00' });
    expect(past.status).toBe(400);
    expect(past.body).toEqual({ status: 0, msg: expect.stringContaining('until') });
    // 2026-03-21 09:00 in Berlin (CET) is 08:00 UTC.
    const suspended = personResponseSchema.parse(await t.ok('POST', `/api/people/${p.userid}/suspend`, { reason: 'Badge lost', until: '2026-03-21 09:00:00' })).person;
    expect(suspended).toMatchObject({ status: 'suspended', suspended_reason: 'Badge lost', suspended_until: '2026-03-21 09:00:00', grant_count: 1 });
    expect(door('2026-03-20T12:00:00Z', p.userid, lock(0))).toBe('suspended');
    expect((await person(p.userid)).last_denied).toEqual({ lockid: lock(0), lockname: expect.any(String), date: '2026-03-20 12:00:00', reason: 'suspended' });
    const refused = eventListResponseSchema.parse(await t.ok('GET', `/api/events?pagenumber=1&limit=5&type=access_denied&userid=${p.userid}`)).eventslist;
    expect(refused.map((e) => e.reason)).toEqual(['suspended']);
    expect(await listed('status=suspended&department=ops')).toEqual(['Sam Suspended']);
    expect(t.platform.resumer.running).toBe(true);
    t.at('2026-03-21T07:59:59Z');
    expect(t.platform.resumer.run()).toBe(0);
    expect((await person(p.userid)).status).toBe('suspended');
    expect(door('2026-03-21T07:59:59Z', p.userid, lock(0))).toBe('suspended');
    t.at('2026-03-21T08:00:00Z');
    expect(t.platform.resumer.run()).toBe(1);
    expect(await person(p.userid)).toMatchObject({ status: 'active', suspended_reason: null, suspended_until: null });
    expect(door('2026-03-21T08:00:01Z', p.userid, lock(0))).toBe('allowed');
    expect((await person(p.userid)).last_used).toEqual({ lockid: lock(0), lockname: expect.any(String), date: '2026-03-21 08:00:01' });
  });

  it('without until lasts until reactivated by hand', async () => {
    t.at('2026-03-22T10:00:00Z');
    const p = await t.person('Rita Reactivated');
    await t.ok('POST', '/api/grants', { userid: p.userid, lockid: lock(1), method: 'card' });
    await t.ok('POST', `/api/people/${p.userid}/suspend`, { reason: 'Investigation' });
    t.at('2027-03-22T10:00:00Z');
    expect(t.platform.resumer.run()).toBe(0);
    expect(door('2027-03-22T10:00:00Z', p.userid, lock(1))).toBe('suspended');
    expect(personResponseSchema.parse(await t.ok('POST', `/api/people/${p.userid}/reactivate`)).person.status).toBe('active');
    expect(door('2027-03-22T10:00:01Z', p.userid, lock(1))).toBe('allowed');
    expect((await t.send('POST', `/api/people/${p.userid}/reactivate`)).status).toBe(409);
  });
});

describe('archiving', () => {
  it('ends every grant and role, hides the person, keeps their history, and refuses any further change', async () => {
    t.at('2027-04-01T10:00:00Z');
    const p = await t.person('Ari Archived', { email: 'ari@example.org', tags: ['contractor'] });
    const crew = roleResponseSchema.parse(await t.ok('POST', '/api/roles', { name: 'Crew', grants: [{ lockid: lock(2), method: 'card' }] })).role;
    await t.ok('PUT', `/api/roles/${crew.roleid}/members`, { add: [p.userid] });
    await t.ok('POST', '/api/grants', { userid: p.userid, lockid: lock(3), method: 'card' });
    expect(door('2027-04-01T10:00:00Z', p.userid, lock(2))).toBe('allowed');
    expect(await listed(`roleid=${crew.roleid}`)).toEqual(['Ari Archived']);
    const archived = personResponseSchema.parse(await t.ok('POST', `/api/people/${p.userid}/archive`)).person;
    expect(archived).toMatchObject({ status: 'archived', grant_count: 0, roleids: [], tags: ['contractor'] });
    expect((await t.grantsOf(p.userid)).map((g) => [g.status, g.revoked_by])).toEqual([
      ['revoked', 'Demo Manager'],
      ['revoked', 'Demo Manager'],
    ]);
    expect(roleResponseSchema.parse(await t.ok('GET', `/api/roles/${crew.roleid}`)).role.member_count).toBe(0);
    expect(await listed('searchkey=Ari%20Archived')).toEqual([]);
    expect(await listed('searchkey=Ari%20Archived&status=archived')).toEqual(['Ari Archived']);
    expect(door('2027-04-01T10:01:00Z', p.userid, lock(2))).toBe('revoked');
    const history = eventListResponseSchema.parse(await t.ok('GET', `/api/events?pagenumber=1&limit=20&userid=${p.userid}`)).eventslist;
    expect(history.map((e) => e.event_type)).toEqual(expect.arrayContaining(['unlocked', 'access_granted', 'access_revoked', 'access_denied']));
    const acts: [string, string, unknown][] = [
      ['POST', `/api/people/${p.userid}/archive`, undefined],
      ['POST', `/api/people/${p.userid}/suspend`, { reason: 'x' }],
      ['POST', `/api/people/${p.userid}/reactivate`, undefined],
      ['PUT', `/api/people/${p.userid}`, { department: 'Ops' }],
      ['POST', '/api/grants', { userid: p.userid, lockid: lock(0), method: 'card' }],
    ];
    for (const [method, path, body] of acts) {
      const res = await t.send(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(409);
      expect(res.body, `${method} ${path}`).toEqual({ status: 0, msg: expect.stringContaining('archived') });
    }
  });
});

describe('the people list', () => {
  it('filters by department (case ignored), visitor and status, and carries the lifecycle fields', async () => {
    const p = await t.person('Dora Department', { department: 'Facilities', tags: ['night', 'night', 'keys'] });
    expect(p).toMatchObject({ status: 'active', department: 'Facilities', tags: ['night', 'keys'], roleids: [], visitor: 0, last_used: null, last_denied: null, suspended_reason: null, suspended_until: null });
    expect(await listed('department=FACILITIES')).toEqual(['Dora Department']);
    expect(await listed('department=Facilities&visitor=1')).toEqual([]);
    expect(await listed('department=Facilities&status=suspended')).toEqual([]);
    const edited = personResponseSchema.parse(await t.ok('PUT', `/api/people/${p.userid}`, { department: '', tags: [] })).person;
    expect(edited).toMatchObject({ department: null, tags: [] });
    expect((await t.send('GET', '/api/people?pagenumber=1&limit=10&status=gone')).status).toBe(400);
  });
});
