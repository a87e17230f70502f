import { describe, expect, it } from 'vitest';
import type { LockGroup } from '@/api/lockgroups';
import { fieldOfError, filterGroups, groupLocksHref, healthLinkName, parseGroupId, sortWorstFirst } from './group-health';

function group(groupid: number, name: string, counts: Partial<Pick<LockGroup, 'offline' | 'unlocked' | 'lowBattery'>> = {}, description = ''): LockGroup {
  return { groupid, name, description, lockCount: 10, online: 10, offline: 0, unlocked: 0, lowBattery: 0, created: null, ...counts };
}

describe('worst first', () => {
  it('orders by offline, then unlocked, then low battery, then name (ignoring case)', () => {
    const groups = [
      group(1, 'calm b'),
      group(2, 'Low battery only', { lowBattery: 9 }),
      group(3, 'Unlocked 2', { unlocked: 2 }),
      group(4, 'Offline 1', { offline: 1 }),
      group(5, 'Unlocked 2, low 1', { unlocked: 2, lowBattery: 1 }),
      group(6, 'Calm a'),
      group(7, 'Offline 3', { offline: 3 }),
      group(8, 'Offline 1, unlocked 5', { offline: 1, unlocked: 5 }),
    ];
    expect(sortWorstFirst(groups).map((g) => g.name)).toEqual([
      'Offline 3',
      'Offline 1, unlocked 5',
      'Offline 1',
      'Unlocked 2, low 1',
      'Unlocked 2',
      'Low battery only',
      'Calm a',
      'calm b',
    ]);
  });

  it('leaves the list it was given alone', () => {
    const groups = [group(1, 'B'), group(2, 'A', { offline: 1 })];
    sortWorstFirst(groups);
    expect(groups.map((g) => g.name)).toEqual(['B', 'A']);
  });
});

describe('links to the lock list', () => {
  it('opens the group, or the group in one state', () => {
    expect(groupLocksHref(12)).toBe('/locks?group=12');
    expect(groupLocksHref(12, 'offline')).toBe('/locks?group=12&status=offline');
    expect(groupLocksHref(12, 'unlocked')).toBe('/locks?group=12&status=unlocked');
    expect(groupLocksHref(12, 'lowBattery')).toBe('/locks?group=12&status=lowbattery');
  });

  it('says in full what it opens', () => {
    expect(healthLinkName(3, 'offline', 'Cedar Court')).toBe('3 offline locks in Cedar Court');
    expect(healthLinkName(1, 'unlocked', 'HQ')).toBe('1 unlocked lock in HQ');
    expect(healthLinkName(0, 'lowBattery', 'HQ')).toBe('0 low battery locks in HQ');
    expect(healthLinkName(1, 'locks', 'HQ')).toBe('1 lock in HQ');
    expect(healthLinkName(240, 'locks', 'Everything')).toBe('240 locks in Everything');
  });
});

describe('filter as you type', () => {
  const groups = [group(1, 'Cedar Court Offices', {}, 'Every lock at Cedar Court'), group(2, 'Exterior doors', {}, 'Entrances, lobbies, gates'), group(3, 'HQ')];

  it('matches names and descriptions, every word, ignoring case', () => {
    expect(filterGroups(groups, 'cedar').map((g) => g.groupid)).toEqual([1]);
    expect(filterGroups(groups, 'LOBBIES').map((g) => g.groupid)).toEqual([2]);
    expect(filterGroups(groups, 'court every').map((g) => g.groupid)).toEqual([1]);
    expect(filterGroups(groups, 'court gates')).toEqual([]);
  });

  it('shows every group for an empty filter', () => {
    expect(filterGroups(groups, '  ')).toHaveLength(3);
  });
});

describe('addresses and refusals', () => {
  it('reads a group ID from the address, or nothing', () => {
    expect(parseGroupId('12')).toBe(12);
    for (const bad of ['0', '-1', '1.5', 'abc', '', '12abc', '9'.repeat(20), undefined]) expect(parseGroupId(bad)).toBeNull();
  });

  it('puts the platform’s refusal by the field it names', () => {
    expect(fieldOfError('groupname: a group named HQ already exists')).toEqual({ field: 'name', message: 'A group named HQ already exists' });
    expect(fieldOfError('description: must be at most 500 characters')).toEqual({ field: 'description', message: 'Must be at most 500 characters' });
    expect(fieldOfError('The Plus Platform is not answering')).toEqual({ field: null, message: 'The Plus Platform is not answering' });
  });
});
