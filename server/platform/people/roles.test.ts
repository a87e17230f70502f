import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleResponseSchema, rolePreviewResponseSchema } from '../../../contract/people';
import type { Role } from '../../../contract/people';
import { call, loginAs } from '../testing';
import { peoplePlatform } from './people-test-kit';
import type { PeoplePlatform } from './people-test-kit';

/** Roles over HTTP: templates fan out to every member's grants, all at once or not at all. */
let t: PeoplePlatform;
beforeAll(async () => {
  t = await peoplePlatform('2026-03-20T10:00:00Z');
}, 30_000);
afterAll(() => t.platform.close());

const lock = (i: number) => t.locks[i] as string;
async function role(name: string, grants: unknown[]): Promise<Role> {
  return roleResponseSchema.parse(await t.ok('POST', '/api/roles', { name, grants })).role;
}
async function team(prefix: string, n: number) {
  const people = [];
  for (let i = 0; i < n; i += 1) people.push(await t.person(`${prefix} ${i}`));
  return people;
}
/** Each member's live grants from the role, as "lockid method". */
async function liveFromRole(userids: number[], roleid: number) {
  const out: Record<number, string[]> = {};
  for (const userid of userids) {
    out[userid] = (await t.grantsOf(userid)).filter((g) => g.roleid === roleid && g.status !== 'revoked').map((g) => `${g.lockid} ${g.method}`).sort();
  }
  return out;
}

describe('a role', () => {
  it('refuses bad templates with 400 naming the field, an unknown role with 404, and any change by support with 403', async () => {
    const cases: [unknown, string][] = [
      [{ name: 'X', grants: [{ lockid: 'NO-SUCH-LOCK', method: 'card' }] }, 'grants.0.lockid'],
      [{ name: 'X', grants: [{ groupid: 999_999, method: 'card' }] }, 'groupid'],
      [{ name: 'X', grants: [{ lockid: lock(0), groupid: 1, method: 'card' }] }, 'lockid'],
      [{ name: ' ', grants: [] }, 'name'],
    ];
    for (const [body, field] of cases) {
      const res = await t.send('POST', '/api/roles', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body, JSON.stringify(body)).toEqual({ status: 0, msg: expect.stringContaining(field) });
    }
    expect((await t.send('PUT', '/api/roles/999999', { name: 'Y' })).status).toBe(404);
    const support = await loginAs(t.platform.url, 'support');
    expect((await call(t.platform.url, 'POST', '/api/roles', { token: support, body: { name: 'Z', grants: [] } })).status).toBe(403);
    expect((await call(t.platform.url, 'POST', '/api/people/import', { token: support, body: 'name\nA', headers: { 'content-type': 'text/csv' } })).status).toBe(403);
    expect((await call(t.platform.url, 'GET', '/api/roles?pagenumber=1&limit=10', { token: support })).status).toBe(200);
  });

  it('gives each member one real grant per template (own keypad codes), named by the role, and cannot lose one grant on its own', async () => {
    const night = await role('Night shift', [
      { lockid: lock(0).toLowerCase(), method: 'card', weekdays: '54321', start_time: '22:00', end_time: '06:00' },
      { lockid: lock(1), method: 'keypad' },
    ]);
    expect(night).toMatchObject({ name: 'Night shift', member_count: 0, grants: [{ lockid: lock(0), lockname: expect.any(String), weekdays: '12345' }, { lockid: lock(1), method: 'keypad' }] });
    expect((await t.send('POST', '/api/roles', { name: 'NIGHT SHIFT', grants: [] })).status).toBe(409);
    const people = await team('Night', 3);
    const added = roleResponseSchema.parse(await t.ok('PUT', `/api/roles/${night.roleid}/members`, { add: people.map((p) => p.userid) })).role;
    expect(added.member_count).toBe(3);
    const codes = new Set<string>();
    for (const p of people) {
      const grants = await t.grantsOf(p.userid);
      expect(grants.map((g) => [g.lockid, g.method, g.roleid, g.rolename, g.created_by, g.status])).toEqual(
        expect.arrayContaining([
          [lock(0), 'card', night.roleid, 'Night shift', 'Demo Manager', 'active'],
          [lock(1), 'keypad', night.roleid, 'Night shift', 'Demo Manager', 'active'],
        ]),
      );
      expect(grants).toHaveLength(2);
      const keypad = grants.find((g) => g.method === 'keypad');
      codes.add(((await t.ok('GET', `/api/grants/${keypad?.grantid}/passcode`)) as { passcode: string }).passcode);
      const refused = await t.send('DELETE', `/api/grants/${grants[0]?.grantid}`);
      expect(refused.status).toBe(409);
      expect(refused.body).toEqual({ status: 0, msg: expect.stringContaining("comes from role 'Night shift'") });
    }
    expect(codes.size).toBe(3);
    const person = (await t.ok('GET', `/api/people/${people[0]?.userid}`)) as { person: { roleids: number[] } };
    expect(person.person.roleids).toEqual([night.roleid]);
    const granted = t.count(`SELECT count(*) FROM events WHERE event_type = 'access_granted' AND actor = 'Demo Manager' AND userid IN (${people.map((p) => p.userid).join(',')})`);
    expect(granted).toBe(6);
  });

  it('previews a change of its templates exactly as the change then applies it to every member', async () => {
    const dock = await role('Dock', [{ lockid: lock(2), method: 'card' }, { lockid: lock(3), method: 'app' }]);
    const people = await team('Dock', 4);
    await t.ok('PUT', `/api/roles/${dock.roleid}/members`, { add: people.map((p) => p.userid) });
    const ids = people.map((p) => p.userid);
    const before = await liveFromRole(ids, dock.roleid);
    const next = [{ lockid: lock(3), method: 'app' }, { lockid: lock(4), method: 'keypad' }, { lockid: lock(5), method: 'card' }];
    const preview = rolePreviewResponseSchema.parse(await t.ok('PUT', `/api/roles/${dock.roleid}?preview=1`, { grants: next })).preview;
    expect(preview.members).toEqual([]);
    expect(preview.grants.map((g) => [g.change, g.grant.lockid, g.grant.method, g.people])).toEqual([
      ['gain', lock(4), 'keypad', 4],
      ['gain', lock(5), 'card', 4],
      ['lose', lock(2), 'card', 4],
    ]);
    // Nothing changed by the preview.
    expect(await liveFromRole(ids, dock.roleid)).toEqual(before);
    expect(roleResponseSchema.parse(await t.ok('GET', `/api/roles/${dock.roleid}`)).role.grants).toHaveLength(2);
    const changed = roleResponseSchema.parse(await t.ok('PUT', `/api/roles/${dock.roleid}`, { grants: next })).role;
    expect(changed.grants.map((g) => g.lockid)).toEqual([lock(3), lock(4), lock(5)]);
    const after = await liveFromRole(ids, dock.roleid);
    for (const id of ids) expect(after[id]).toEqual([`${lock(3)} app`, `${lock(4)} keypad`, `${lock(5)} card`].sort());
    // The kept template kept its grants; the lost one's grants are revoked, by the manager.
    const lost = (await t.grantsOf(ids[0] as number)).find((g) => g.lockid === lock(2));
    expect(lost).toMatchObject({ status: 'revoked', revoked_by: 'Demo Manager' });
  });

  it('changes no member at all when one grant of the change fails', async () => {
    const desk = await role('Front desk', [{ lockid: lock(0), method: 'app' }]);
    const people = await team('Desk', 3);
    await t.ok('PUT', `/api/roles/${desk.roleid}/members`, { add: people.map((p) => p.userid) });
    const ids = people.map((p) => p.userid);
    const before = await liveFromRole(ids, desk.roleid);
    const events = t.count('SELECT count(*) FROM events');
    // The third member's new grant cannot be written (as if its lock went in the same moment).
    t.platform.db.exec(`CREATE TEMP TRIGGER fail_last BEFORE INSERT ON grants WHEN NEW.userid = ${ids[2]} BEGIN SELECT RAISE(ABORT, 'lock gone'); END`);
    try {
      const res = await t.send('PUT', `/api/roles/${desk.roleid}`, { name: 'Reception', grants: [{ lockid: lock(1), method: 'card' }] });
      expect(res.status).toBe(500);
      // The platform goes on: a member added next is written.
      const late = await t.person('Desk late');
      expect((await t.send('PUT', `/api/roles/${desk.roleid}/members`, { add: [late.userid] })).status).toBe(200);
    } finally {
      t.platform.db.exec('DROP TRIGGER fail_last');
    }
    expect(await liveFromRole(ids, desk.roleid)).toEqual(before);
    const after = roleResponseSchema.parse(await t.ok('GET', `/api/roles/${desk.roleid}`)).role;
    expect(after).toMatchObject({ name: 'Front desk', member_count: 4, grants: [{ lockid: lock(0), method: 'app' }] });
    // Only the late member's one grant event: none from the failed change.
    expect(t.count('SELECT count(*) FROM events') - events).toBe(1);
  });

  it('ends a member’s grants when they leave, every grant when deleted, and refuses archived people', async () => {
    const cleaners = await role('Cleaners', [{ lockid: lock(0), method: 'card' }, { lockid: lock(1), method: 'card' }]);
    const [a, b] = await team('Cleaner', 2);
    if (!a || !b) throw new Error('no people');
    await t.ok('PUT', `/api/roles/${cleaners.roleid}/members`, { add: [a.userid, b.userid] });
    const preview = rolePreviewResponseSchema.parse(await t.ok('PUT', `/api/roles/${cleaners.roleid}/members?preview=1`, { remove: [a.userid] })).preview;
    expect(preview).toEqual({ grants: [], members: [{ change: 'lose', userid: a.userid, username: a.username, grants: 2 }] });
    expect(await liveFromRole([a.userid], cleaners.roleid)).toEqual({ [a.userid]: [`${lock(0)} card`, `${lock(1)} card`].sort() });
    await t.ok('PUT', `/api/roles/${cleaners.roleid}/members`, { remove: [a.userid] });
    expect((await t.grantsOf(a.userid)).map((g) => g.status)).toEqual(['revoked', 'revoked']);
    const gone = await t.person('Cleaner gone');
    await t.ok('POST', `/api/people/${gone.userid}/archive`);
    const refused = await t.send('PUT', `/api/roles/${cleaners.roleid}/members`, { add: [gone.userid] });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ status: 0, msg: expect.stringContaining('archived') });
    await t.ok('DELETE', `/api/roles/${cleaners.roleid}`);
    expect(await t.grantsOf(b.userid)).toEqual([
      expect.objectContaining({ status: 'revoked', rolename: 'Cleaners', roleid: cleaners.roleid }),
      expect.objectContaining({ status: 'revoked', rolename: 'Cleaners', roleid: cleaners.roleid }),
    ]);
    expect((await t.send('GET', `/api/roles/${cleaners.roleid}`)).status).toBe(404);
  });
});
