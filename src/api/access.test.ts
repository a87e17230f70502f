import { describe, expect, it } from 'vitest';
import { pageOf, parseGrant, parsePerson } from './access';

const grantRow = {
  grantid: 12,
  userid: 5,
  username: 'Ana Ruiz',
  lockid: null,
  lockname: null,
  groupid: 3,
  groupname: 'Cedar Court',
  method: 'keypad',
  start_date: '2026-12-01 00:00:00',
  end_date: '2027-03-31 23:59:59',
  weekdays: '12345',
  start_time: '18:00',
  end_time: '22:00',
  status: 'scheduled',
  created_by: 'Demo Manager',
  created_date: '2026-11-29 10:00:00',
  revoked_by: null,
  revoked_date: null,
};

describe('access parsing', () => {
  it('reads a group grant of the contract', () => {
    expect(parseGrant(grantRow)).toEqual({
      grantid: 12,
      userid: 5,
      username: 'Ana Ruiz',
      lockid: null,
      lockName: null,
      groupid: 3,
      groupName: 'Cedar Court',
      method: 'keypad',
      startDate: '2026-12-01 00:00:00',
      endDate: '2027-03-31 23:59:59',
      weekdays: '12345',
      startTime: '18:00',
      endTime: '22:00',
      status: 'scheduled',
      createdBy: 'Demo Manager',
      created: '2026-11-29 10:00:00',
      revokedBy: null,
      revokedDate: null,
      roleid: null,
      roleName: null,
      codeSent: null,
    });
    // Issue 25: the role a grant comes from.
    expect(parseGrant({ ...grantRow, roleid: 4, rolename: 'Night shift' })).toMatchObject({ roleid: 4, roleName: 'Night shift' });
    expect(parseGrant({ ...grantRow, code_sent_date: '2026-12-06 09:15:00' })).toMatchObject({ codeSent: '2026-12-06 09:15:00' });
  });

  it('leaves out grants it cannot place, and reads odd schedule values as none', () => {
    expect(parseGrant({ ...grantRow, groupid: null })).toBeNull();
    expect(parseGrant({ ...grantRow, method: 'telepathy' })).toBeNull();
    expect(parseGrant({ ...grantRow, status: 'maybe' })).toBeNull();
    expect(parseGrant({ ...grantRow, grantid: 0 })).toBeNull();
    const odd = parseGrant({ ...grantRow, weekdays: 'Mon', start_time: 1800, end_time: '25:00:00' });
    expect(odd).toMatchObject({ weekdays: null, startTime: null, endTime: null });
    // A lock grant never also claims a group.
    expect(parseGrant({ ...grantRow, lockid: 'EM1', lockname: 'HQ · Lab' })).toMatchObject({ lockid: 'EM1', groupid: null, groupName: null });
  });

  it('reads a person, with a name and counts even when the platform sends odd values', () => {
    expect(parsePerson({ userid: '7', username: ' Jamal Carter ', email: 'jamal@example.com', phone: null, grant_count: '2', created_date: '2026-11-01 08:00:00' })).toEqual({
      userid: 7,
      name: 'Jamal Carter',
      email: 'jamal@example.com',
      phone: null,
      grantCount: 2,
      created: '2026-11-01 08:00:00',
      // An older host sends no lifecycle: active, in no role.
      lifecycle: { status: 'active', department: null, tags: [], roleids: [], suspendedReason: null, suspendedUntil: null, visitor: false, lastUsed: null, lastDenied: null },
    });
    expect(parsePerson({ userid: 8 })).toMatchObject({ name: 'Person 8', grantCount: 0 });
    expect(parsePerson({ username: 'No id' })).toBeNull();
  });
});

describe('a page of grants from a real host', () => {
  it('shows a grant sent twice once, and pages on to the totalPage of a host that caps the page size', () => {
    const rows = [grantRow, { ...grantRow, grantid: 13 }, grantRow, ...Array.from({ length: 47 }, (_, i) => ({ ...grantRow, grantid: 100 + i }))];
    const page = pageOf({ totalCount: 187, totalPage: 4, grantslist: rows }, 'grantslist', { pagenumber: 1, limit: 100 }, parseGrant, (g) => g.grantid);
    expect(page.items.map((g) => g.grantid).slice(0, 3)).toEqual([12, 13, 100]);
    expect(page.items).toHaveLength(49);
    expect(page.totalPages).toBe(4);
  });

  it('reads ISO 8601 dates with a zone', () => {
    expect(parseGrant({ ...grantRow, created_date: '2026-11-29T10:00:00.250Z' })?.created).toBe('2026-11-29 10:00:00Z');
  });
});
