import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envelopeSchema } from '../../../contract/envelope';
import { lockGroupListResponseSchema, lockGroupResponseSchema } from '../../../contract/lockgroups';
import type { LockGroup } from '../../../contract/lockgroups';
import { LOW_BATTERY_LEVEL, lockListResponseSchema, lockResponseSchema, lockSummaryResponseSchema } from '../../../contract/locks';
import type { Lock } from '../../../contract/locks';
import { SITES } from '../db/demo-fleet';
import { CROSS_SITE_GROUPS } from '../db/demo-groups';
import { startPlatform } from '../platform';
import { call, lockMatchesSearch, loginAs } from '../testing';

const NOW = new Date('2025-06-02T10:00:00Z');
let dir: string;
let platform: Awaited<ReturnType<typeof startPlatform>>;
let manager: string;
let support: string;

const api = (method: string, path: string, body?: unknown, token = manager) => call(platform.url, method, path, { token, body });

async function ok<T>(schema: { parse(v: unknown): T }, method: string, path: string, body?: unknown): Promise<T> {
  const { status, body: answer } = await api(method, path, body);
  expect(status, `${method} ${path}: ${JSON.stringify(answer)}`).toBe(200);
  return schema.parse(answer);
}
async function refused(method: string, path: string, body: unknown, expectedStatus: number, token = manager): Promise<string> {
  const { status, body: answer } = await api(method, path, body, token);
  expect(status, `${method} ${path}`).toBe(expectedStatus);
  const parsed = envelopeSchema.parse(answer);
  expect(parsed.status).toBe(0);
  return parsed.msg;
}

/** Every lock, read straight from the database (the reference side). */
function allLocks(): Lock[] {
  return platform.db
    .prepare(
      `SELECT lockid, lockname, lock_open_status, lock_online_status, battery_level, lock_ssid, mac_address, lock_model
       FROM locks`,
    )
    .all() as Lock[];
}
/** A group's members (lockids), read straight from the membership table. */
function membersOf(groupid: number): Set<string> {
  return new Set(
    platform.db
      .prepare('SELECT l.lockid FROM lockgroup_members m JOIN locks l ON l.id = m.lock_id WHERE m.groupid = ?')
      .pluck()
      .all(groupid) as string[],
  );
}
/** A group's counts computed here, from the locks themselves. */
function referenceCounts(groupid: number) {
  const members = membersOf(groupid);
  const locks = allLocks().filter((l) => members.has(l.lockid));
  const count = (f: (l: Lock) => boolean) => locks.filter(f).length;
  return {
    lock_count: locks.length,
    online_count: count((l) => l.lock_online_status === 1),
    offline_count: count((l) => l.lock_online_status === 0),
    unlocked_count: count((l) => l.lock_open_status === 1),
    lowbattery_count: count((l) => l.battery_level !== null && l.battery_level <= LOW_BATTERY_LEVEL),
  };
}
async function allGroups(query = ''): Promise<LockGroup[]> {
  return (await ok(lockGroupListResponseSchema, 'GET', `/api/lockgroups?pagenumber=1&limit=100${query}`)).lockgroupslist;
}
async function groupNamed(name: string): Promise<LockGroup> {
  const group = (await allGroups()).find((g) => g.groupname === name);
  if (!group) throw new Error(`no group ${name}`);
  return group;
}
async function createGroup(groupname: string, description?: string): Promise<LockGroup> {
  return (await ok(lockGroupResponseSchema, 'POST', '/api/lockgroups', { groupname, description })).lockgroup;
}
async function listAll(query: string): Promise<Lock[]> {
  const out: Lock[] = [];
  for (let page = 1; ; page += 1) {
    const answer = await ok(lockListResponseSchema, 'GET', `/api/locks?pagenumber=${page}&limit=50${query}`);
    out.push(...answer.lockslist);
    if (page >= answer.totalPage) return out;
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lockboard-groups-'));
  platform = await startPlatform({ dbPath: join(dir, 'platform.sqlite'), port: 0, simulator: false, seed: { historyDays: 0 }, now: () => NOW });
  manager = await loginAs(platform.url, 'manager');
  support = await loginAs(platform.url, 'support');
});
afterAll(async () => {
  await platform.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('seeded groups', () => {
  it('makes a group per site holding exactly that site’s locks, and the cross-site groups', async () => {
    const groups = await allGroups();
    const names = groups.map((g) => g.groupname);
    for (const site of SITES) expect(names).toContain(site.name);
    for (const cross of CROSS_SITE_GROUPS) expect(names).toContain(cross.groupname);
    expect(groups).toHaveLength(SITES.length + CROSS_SITE_GROUPS.length);
    const locks = allLocks();
    for (const site of SITES) {
      const group = groups.find((g) => g.groupname === site.name) as LockGroup;
      const expected = locks.filter((l) => l.lockname.split(' · ')[0] === site.name).map((l) => l.lockid).sort();
      expect(expected.length).toBeGreaterThan(0);
      expect([...membersOf(group.groupid)].sort()).toEqual(expected);
    }
    const doorOf = (l: Lock) => l.lockname.split(' · ')[1] ?? '';
    const exterior = locks.filter((l) => membersOf((groups.find((g) => g.groupname === 'Exterior doors') as LockGroup).groupid).has(l.lockid));
    expect(exterior.length).toBeGreaterThan(5);
    for (const l of exterior) expect(doorOf(l)).toMatch(/Entrance|Lobby|Gate|Loading|Ambulance|Roof/);
    const servers = locks.filter((l) => membersOf((groups.find((g) => g.groupname === 'Server rooms') as LockGroup).groupid).has(l.lockid));
    expect(servers.length).toBeGreaterThan(0);
    for (const l of servers) expect(doorOf(l)).toMatch(/^(Server Room|Server Hall|IT Closet)/);
    const meetings = locks.filter((l) => membersOf((groups.find((g) => g.groupname === 'Meeting rooms') as LockGroup).groupid).has(l.lockid));
    expect(meetings.length).toBeGreaterThan(0);
    for (const l of meetings) expect(doorOf(l)).toMatch(/^(Boardroom|Conference Room)/);
  });

  it('counts each group’s health like a reference computed from the locks, also after states change', async () => {
    const check = async () => {
      const groups = await allGroups();
      expect(groups.length).toBeGreaterThan(0);
      for (const g of groups) {
        expect(g, g.groupname).toMatchObject(referenceCounts(g.groupid));
        expect(g.created_date).toBe('2025-06-02 10:00:00');
      }
    };
    await check();
    // Change the fleet under the groups: some locks go offline, open, or run low.
    platform.db.exec(`UPDATE locks SET lock_online_status = 1 - lock_online_status WHERE id % 7 = 0`);
    platform.db.exec(`UPDATE locks SET lock_open_status = 1 - lock_open_status WHERE id % 5 = 0`);
    platform.db.exec(`UPDATE locks SET battery_level = ${LOW_BATTERY_LEVEL} WHERE id % 11 = 0`);
    await check();
    const offline = (await groupNamed('HQ')).offline_count;
    expect(offline).toBeGreaterThan(0);
  });

  it('seeds only once: deleted demo groups stay deleted', async () => {
    const { seedDemoGroups } = await import('../db/demo-groups');
    const before = (await allGroups()).length;
    seedDemoGroups(platform.db, NOW);
    expect(await allGroups()).toHaveLength(before);
  });
});

describe('GET /api/lockgroups', () => {
  it('pages in name order and searches names ignoring case', async () => {
    const groups = await allGroups();
    const names = groups.map((g) => g.groupname);
    expect(names).toEqual([...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    const page = await ok(lockGroupListResponseSchema, 'GET', '/api/lockgroups?pagenumber=2&limit=3');
    expect(page).toMatchObject({ status: 1, totalCount: groups.length, totalPage: Math.ceil(groups.length / 3), currentPage: 2 });
    expect(page.lockgroupslist.map((g) => g.groupname)).toEqual(names.slice(3, 6));
    const rooms = await allGroups('&searchkey=ROOMS');
    expect(rooms.map((g) => g.groupname).sort()).toEqual(['Meeting rooms', 'Server rooms']);
    expect(await allGroups('&searchkey=%25')).toEqual([]);
    const past = await ok(lockGroupListResponseSchema, 'GET', '/api/lockgroups?pagenumber=99&limit=10');
    expect(past.lockgroupslist).toEqual([]);
  });

  it('refuses bad paging, naming the parameter', async () => {
    expect(await refused('GET', '/api/lockgroups?limit=10', undefined, 400)).toMatch(/pagenumber/);
    expect(await refused('GET', '/api/lockgroups?pagenumber=1&limit=0', undefined, 400)).toMatch(/limit/);
    expect(await refused('GET', `/api/lockgroups?pagenumber=1&limit=5&searchkey=${'x'.repeat(300)}`, undefined, 400)).toMatch(/searchkey/);
  });

  it('asks for a token', async () => {
    const { status } = await call(platform.url, 'GET', '/api/lockgroups?pagenumber=1&limit=5');
    expect(status).toBe(401);
  });
});

describe('GET /api/lockgroups/:groupid', () => {
  it('answers one group with the same health as the list, and 404 naming an unknown one', async () => {
    const listed = await groupNamed('Server rooms');
    const one = await ok(lockGroupResponseSchema, 'GET', `/api/lockgroups/${listed.groupid}`);
    expect(one.lockgroup).toEqual(listed);
    expect(one.lockgroup).toMatchObject(referenceCounts(listed.groupid));
    expect(await refused('GET', '/api/lockgroups/999999', undefined, 404)).toMatch(/999999/);
    expect(await refused('GET', '/api/lockgroups/abc', undefined, 400)).toMatch(/groupid/);
  });
});

describe('POST/PUT/DELETE /api/lockgroups', () => {
  it('creates a group with a trimmed name, empty and counted', async () => {
    const group = await createGroup('  Night shift doors  ', ' Checked at 22:00 ');
    expect(group).toMatchObject({ groupname: 'Night shift doors', description: 'Checked at 22:00', lock_count: 0, online_count: 0, offline_count: 0, unlocked_count: 0, lowbattery_count: 0, created_date: '2025-06-02 10:00:00' });
    expect((await createGroup('No description')).description).toBe('');
    expect((await createGroup('x'.repeat(80))).groupname).toHaveLength(80);
  });

  it('refuses bad names and bodies, naming the field', async () => {
    expect(await refused('POST', '/api/lockgroups', { groupname: '   ' }, 400)).toMatch(/^groupname: /);
    expect(await refused('POST', '/api/lockgroups', { groupname: 'y'.repeat(81) }, 400)).toMatch(/^groupname: .*80/);
    expect(await refused('POST', '/api/lockgroups', {}, 400)).toMatch(/^groupname: /);
    expect(await refused('POST', '/api/lockgroups', { groupname: 5 }, 400)).toMatch(/^groupname: /);
    expect(await refused('POST', '/api/lockgroups', { groupname: 'Fine', description: 'd'.repeat(501) }, 400)).toMatch(/^description: /);
    expect(await refused('POST', '/api/lockgroups', { groupname: 'Fine', colour: 'red' }, 400)).toMatch(/colour/);
  });

  it('keeps names unique ignoring case (409)', async () => {
    expect(await refused('POST', '/api/lockgroups', { groupname: 'exterior DOORS' }, 409)).toMatch(/^groupname: .*Exterior doors/);
    expect(await refused('POST', '/api/lockgroups', { groupname: ' hq ' }, 409)).toMatch(/groupname/);
    const a = await createGroup('Rename me');
    expect(await refused('PUT', `/api/lockgroups/${a.groupid}`, { groupname: 'SERVER rooms' }, 409)).toMatch(/^groupname: /);
    // Its own name in another case is no clash.
    const renamed = await ok(lockGroupResponseSchema, 'PUT', `/api/lockgroups/${a.groupid}`, { groupname: 'RENAME ME' });
    expect(renamed.lockgroup.groupname).toBe('RENAME ME');
  });

  it('renames and re-describes, and refuses unknown groups and empty changes', async () => {
    const g = await createGroup('Before');
    const after = await ok(lockGroupResponseSchema, 'PUT', `/api/lockgroups/${g.groupid}`, { groupname: ' After ' });
    expect(after.lockgroup).toMatchObject({ groupid: g.groupid, groupname: 'After', description: '' });
    const described = await ok(lockGroupResponseSchema, 'PUT', `/api/lockgroups/${g.groupid}`, { description: 'Now described' });
    expect(described.lockgroup).toMatchObject({ groupname: 'After', description: 'Now described' });
    expect(await refused('PUT', `/api/lockgroups/${g.groupid}`, {}, 400)).toMatch(/groupname or a description/);
    expect(await refused('PUT', `/api/lockgroups/${g.groupid}`, { groupname: '' }, 400)).toMatch(/^groupname: /);
    expect(await refused('PUT', '/api/lockgroups/999999', { groupname: 'Ghost' }, 404)).toMatch(/^groupid: .*999999/);
    expect(await refused('PUT', '/api/lockgroups/abc', { groupname: 'Ghost' }, 400)).toMatch(/^groupid: /);
  });

  it('deletes a group; its locks stay and no longer name it', async () => {
    const g = await createGroup('Short lived');
    const lockid = allLocks()[0]?.lockid as string;
    await ok(lockGroupResponseSchema, 'PUT', `/api/lockgroups/${g.groupid}/locks`, { add: [lockid] });
    const gone = await ok(lockGroupResponseSchema, 'DELETE', `/api/lockgroups/${g.groupid}`);
    expect(gone.lockgroup).toMatchObject({ groupid: g.groupid, groupname: 'Short lived', lock_count: 1 });
    expect((await allGroups()).map((x) => x.groupid)).not.toContain(g.groupid);
    const lock = await ok(lockResponseSchema, 'GET', `/api/locks/${lockid}`);
    expect(lock.lock.lockgroups?.map((x) => x.groupid)).not.toContain(g.groupid);
    expect(membersOf(g.groupid).size).toBe(0);
    expect(await refused('DELETE', `/api/lockgroups/${g.groupid}`, undefined, 404)).toMatch(/groupid/);
  });
});

describe('PUT /api/lockgroups/:groupid/locks', () => {
  it('adds and removes members (lock IDs in any case) and every lock row names its groups', async () => {
    const g = await createGroup('Membership');
    const [a, b, c] = allLocks().slice(10, 13) as [Lock, Lock, Lock];
    const added = await ok(lockGroupResponseSchema, 'PUT', `/api/lockgroups/${g.groupid}/locks`, { add: [a.lockid, b.lockid.toLowerCase(), c.lockid, a.lockid] });
    expect(added.lockgroup).toMatchObject({ groupid: g.groupid, ...referenceCounts(g.groupid), lock_count: 3 });
    const removed = await ok(lockGroupResponseSchema, 'PUT', `/api/lockgroups/${g.groupid}/locks`, { remove: [b.lockid], add: [] });
    expect(removed.lockgroup.lock_count).toBe(2);
    expect([...membersOf(g.groupid)].sort()).toEqual([a.lockid, c.lockid].sort());

    const detail = await ok(lockResponseSchema, 'GET', `/api/locks/${a.lockid}`);
    expect(detail.lock.lockgroups).toContainEqual({ groupid: g.groupid, groupname: 'Membership' });
    const site = await groupNamed(a.lockname.split(' · ')[0] as string);
    expect(detail.lock.lockgroups).toContainEqual({ groupid: site.groupid, groupname: site.groupname });
    const inList = await listAll(`&groupid=${g.groupid}`);
    expect(inList.map((l) => l.lockid).sort()).toEqual([a.lockid, c.lockid].sort());
    for (const l of inList) expect(l.lockgroups).toContainEqual({ groupid: g.groupid, groupname: 'Membership' });
    const online = allLocks().find((l) => l.lock_online_status === 1 && l.lockid !== a.lockid) as Lock;
    await ok(lockGroupResponseSchema, 'PUT', `/api/lockgroups/${g.groupid}/locks`, { add: [online.lockid] });
    const command = await ok(lockResponseSchema, 'POST', `/api/locks/${online.lockid}/lock`, {});
    expect(command.lock.lockgroups).toContainEqual({ groupid: g.groupid, groupname: 'Membership' });
    // Every row of a page carries the field, [] for a lock in no group.
    const page = await ok(lockListResponseSchema, 'GET', '/api/locks?pagenumber=1&limit=100');
    for (const l of page.lockslist) expect(Array.isArray(l.lockgroups)).toBe(true);
  });

  it('refuses unknown lock IDs, naming them, and applies nothing', async () => {
    const g = await createGroup('All or nothing');
    const [a, b] = allLocks().slice(20, 22) as [Lock, Lock];
    await ok(lockGroupResponseSchema, 'PUT', `/api/lockgroups/${g.groupid}/locks`, { add: [a.lockid] });
    const msg = await refused('PUT', `/api/lockgroups/${g.groupid}/locks`, { add: [b.lockid, 'EMNOPE01'], remove: [a.lockid, 'EMNOPE02'] }, 400);
    expect(msg).toMatch(/EMNOPE01/);
    expect(msg).toMatch(/EMNOPE02/);
    expect(msg).not.toMatch(b.lockid);
    expect([...membersOf(g.groupid)]).toEqual([a.lockid]);
    const many = Array.from({ length: 30 }, (_, i) => `EMMISSING${i}`);
    expect(await refused('PUT', `/api/lockgroups/${g.groupid}/locks`, { add: many }, 400)).toMatch(/and 10 more/);
    expect(await refused('PUT', `/api/lockgroups/${g.groupid}/locks`, { add: [a.lockid], remove: [a.lockid] }, 400)).toMatch(/both added and removed/);
    expect(await refused('PUT', `/api/lockgroups/${g.groupid}/locks`, {}, 400)).toMatch(/add or remove/);
    expect(await refused('PUT', `/api/lockgroups/${g.groupid}/locks`, { add: 'EM1' }, 400)).toMatch(/^add: /);
    expect(await refused('PUT', `/api/lockgroups/${g.groupid}/locks`, { remove: [''] }, 400)).toMatch(/^remove/);
    expect(await refused('PUT', '/api/lockgroups/999999/locks', { add: [a.lockid] }, 404)).toMatch(/^groupid: /);
    expect([...membersOf(g.groupid)]).toEqual([a.lockid]);
  });

  it('stays consistent under concurrent changes of the same locks', async () => {
    const g = await createGroup('Concurrent');
    const locks = allLocks().map((l) => l.lockid);
    const pool = locks.slice(40, 100);
    const outsiders = locks.slice(200, 204);
    const preset = pool.slice(40, 60);
    await ok(lockGroupResponseSchema, 'PUT', `/api/lockgroups/${g.groupid}/locks`, { add: preset });
    // Adds overlap each other; removals touch the preset locks (and some never added).
    const adds = Array.from({ length: 8 }, (_, i) => pool.slice(i * 4, i * 4 + 12));
    const removes = Array.from({ length: 4 }, (_, i) => [...preset.slice(i * 3, i * 3 + 5), outsiders[i] as string]);
    const bodies = [...adds.map((add) => ({ add })), ...removes.map((remove) => ({ remove }))];
    const answers = await Promise.all(bodies.map((body) => api('PUT', `/api/lockgroups/${g.groupid}/locks`, body)));
    for (const answer of answers) expect(answer.status).toBe(200);
    const removed = new Set(removes.flat());
    const added = new Set(adds.flat());
    // No lock is both added and removed (that would depend on the order), so the end state is exact.
    expect([...added].filter((id) => removed.has(id))).toEqual([]);
    const expected = new Set([...added, ...preset.filter((id) => !removed.has(id))]);
    expect(expected.size).toBeGreaterThan(added.size);
    expect([...membersOf(g.groupid)].sort()).toEqual([...expected].sort());
    const rows = platform.db.prepare('SELECT count(*) FROM lockgroup_members WHERE groupid = ?').pluck().get(g.groupid);
    expect(rows).toBe(expected.size);
    const group = await groupNamed('Concurrent');
    expect(group).toMatchObject(referenceCounts(g.groupid));
    expect(group.lock_count).toBe(expected.size);
    // Each answer saw a whole state: its count lies between the smallest and the largest possible.
    for (const answer of answers) {
      const count = lockGroupResponseSchema.parse(answer.body).lockgroup.lock_count;
      expect(count).toBeGreaterThan(0);
      expect(count).toBeLessThanOrEqual(added.size + preset.length);
    }
  });
});

describe('GET /api/locks and /summary with groupid', () => {
  const cases = [
    '',
    '&searchkey=room',
    '&online=1',
    '&searchkey=room&online=0',
    '&open=1&sortby=battery_level&sortorder=desc',
    '&batterybelow=21',
    '&batterybelow=37&searchkey=a',
    '&searchkey=em&sortby=temperature',
  ];
  const matches = (l: Lock, query: URLSearchParams) => {
    const n = (k: string) => (query.has(k) ? Number(query.get(k)) : undefined);
    return (
      lockMatchesSearch(l, query.get('searchkey') ?? undefined) &&
      (n('online') === undefined || l.lock_online_status === n('online')) &&
      (n('open') === undefined || l.lock_open_status === n('open')) &&
      (n('batterybelow') === undefined || (l.battery_level !== null && l.battery_level < (n('batterybelow') as number)))
    );
  };

  it('lists and counts only the group’s locks, with the search and the other filters', async () => {
    const groups = [await groupNamed('HQ'), await groupNamed('Exterior doors'), await groupNamed('Meeting rooms')];
    let nonEmpty = 0;
    for (const group of groups) {
      const members = membersOf(group.groupid);
      for (const extra of cases) {
        const query = new URLSearchParams(extra.slice(1));
        const expected = allLocks().filter((l) => members.has(l.lockid) && matches(l, query));
        if (expected.length > 0) nonEmpty += 1;
        const listed = await listAll(`&groupid=${group.groupid}${extra}`);
        expect(listed.map((l) => l.lockid).sort(), `${group.groupname}${extra}`).toEqual(expected.map((l) => l.lockid).sort());
        for (const l of listed) expect(l.lockgroups?.map((x) => x.groupid)).toContain(group.groupid);
        const summaryQuery = new URLSearchParams(extra.slice(1));
        summaryQuery.delete('sortby');
        summaryQuery.delete('sortorder');
        summaryQuery.set('groupid', String(group.groupid));
        const { summary } = await ok(lockSummaryResponseSchema, 'GET', `/api/locks/summary?${summaryQuery.toString()}`);
        expect(summary, `${group.groupname}${extra}`).toEqual({
          total: expected.length,
          online: expected.filter((l) => l.lock_online_status === 1).length,
          offline: expected.filter((l) => l.lock_online_status === 0).length,
          unlocked: expected.filter((l) => l.lock_open_status === 1).length,
          lowbattery: expected.filter((l) => l.battery_level !== null && l.battery_level <= LOW_BATTERY_LEVEL).length,
          lockdown: expected.filter((l) => l.lockdown === 1).length,
        });
      }
    }
    expect(nonEmpty).toBeGreaterThan(10);
  });

  it('answers an unknown group with no locks, and refuses a bad groupid naming it', async () => {
    const page = await ok(lockListResponseSchema, 'GET', '/api/locks?pagenumber=1&limit=10&groupid=999999');
    expect(page).toMatchObject({ totalCount: 0, lockslist: [] });
    expect(await refused('GET', '/api/locks?pagenumber=1&limit=10&groupid=x', undefined, 400)).toMatch(/^groupid: /);
    expect(await refused('GET', '/api/locks/summary?groupid=0', undefined, 400)).toMatch(/^groupid: /);
  });
});

describe('support accounts', () => {
  it('see groups but change none (403)', async () => {
    const g = await createGroup('Support cannot touch');
    const list = await api('GET', '/api/lockgroups?pagenumber=1&limit=5', undefined, support);
    expect(list.status).toBe(200);
    const lockid = allLocks()[0]?.lockid as string;
    await refused('POST', '/api/lockgroups', { groupname: 'By support' }, 403, support);
    await refused('PUT', `/api/lockgroups/${g.groupid}`, { groupname: 'By support' }, 403, support);
    await refused('PUT', `/api/lockgroups/${g.groupid}/locks`, { add: [lockid] }, 403, support);
    await refused('DELETE', `/api/lockgroups/${g.groupid}`, undefined, 403, support);
    expect(await groupNamed('Support cannot touch')).toMatchObject({ lock_count: 0 });
    expect((await allGroups()).map((x) => x.groupname)).not.toContain('By support');
  });
});
