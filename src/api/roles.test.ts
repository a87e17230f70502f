import { describe, expect, it } from 'vitest';
import { readLifecycle } from './people-lifecycle';
import { parsePreview, parseRole, roleGrantBody } from './roles';

const dock = { lockid: 'L-7', lockname: 'Loading dock', groupid: null, groupname: null, method: 'keypad', weekdays: '12345', start_time: '22:00', end_time: '06:00' };

describe('reading roles', () => {
  it('reads a role and its templates; an unreadable template is left out, not fatal', () => {
    const role = parseRole({ roleid: 4, name: 'Night shift', member_count: 3, created_date: '2026-12-01 08:00:00', grants: [dock, { lockid: null, groupid: null, method: 'app' }, { groupid: 3, groupname: 'Lobby doors', method: 'wand' }] });
    expect(role).toEqual({
      roleid: 4,
      name: 'Night shift',
      memberCount: 3,
      created: '2026-12-01 08:00:00',
      grants: [{ lockid: 'L-7', lockName: 'Loading dock', groupid: null, groupName: null, method: 'keypad', weekdays: '12345', startTime: '22:00', endTime: '06:00' }],
    });
    expect(parseRole({ name: 'no id' })).toBeNull();
  });

  it('sends a template back as the platform takes it: a lock or a group, never both', () => {
    const [grant] = parseRole({ roleid: 1, name: 'x', grants: [{ ...dock, groupid: 9 }] })?.grants ?? [];
    expect(grant && roleGrantBody(grant)).toEqual({ lockid: 'L-7', method: 'keypad', weekdays: '12345', start_time: '22:00', end_time: '06:00' });
  });

  it('reads a preview: doors gained and lost with how many people, members with how many grants', () => {
    const preview = parsePreview({ preview: { grants: [{ change: 'gain', grant: dock, people: 12 }, { change: 'maybe', grant: dock, people: 1 }], members: [{ change: 'lose', userid: 9, username: 'Jamal Carter', grants: 2 }] } });
    expect(preview.grants.map((g) => [g.change, g.grant.lockName, g.people])).toEqual([['gain', 'Loading dock', 12]]);
    expect(preview.members).toEqual([{ change: 'lose', userid: 9, name: 'Jamal Carter', grants: 2 }]);
    expect(parsePreview({})).toEqual({ grants: [], members: [] });
  });
});

describe('a person’s lifecycle', () => {
  it('defaults for an older host: active, no department, no roles, no door use', () => {
    expect(readLifecycle({ userid: 1 })).toEqual({ status: 'active', department: null, tags: [], roleids: [], suspendedReason: null, suspendedUntil: null, visitor: false, lastUsed: null, lastDenied: null });
  });

  it('reads status, roles and the last refusal with its reason', () => {
    const read = readLifecycle({ status: 'suspended', suspended_until: '2026-12-20 00:00:00', roleids: [4], visitor: 1, last_denied: { lockid: 'L-2', lockname: 'Lobby', date: '2026-12-07 09:58:00', reason: 'suspended' } });
    expect(read).toMatchObject({ status: 'suspended', suspendedUntil: '2026-12-20 00:00:00', roleids: [4], visitor: true, lastDenied: { lockid: 'L-2', lockName: 'Lobby', reason: 'suspended' } });
  });
});
