import { describe, expect, it } from 'vitest';
import type { BulkResult } from '@/api/bulk-commands';
import {
  FLEET_SCOPE,
  confirmTextFor,
  describeBatchProgress,
  describeBatches,
  describeCounts,
  groupsScope,
  mergeResults,
  nameGroups,
  readScopeParam,
  sumCounts,
  unreachedDoors,
  withGroupCount,
} from './lockdown-scope';

const result = (lockid: string, name: string | null, outcome: BulkResult['outcome'], msg = ''): BulkResult => ({ lockid, name, outcome, msg });

describe('readScopeParam', () => {
  it('reads no group as the whole fleet, a positive whole number as that group, and anything else as no such group', () => {
    expect(readScopeParam(new URLSearchParams(''))).toEqual({ kind: 'fleet' });
    expect(readScopeParam(new URLSearchParams('group='))).toEqual({ kind: 'fleet' });
    expect(readScopeParam(new URLSearchParams('group=12'))).toEqual({ kind: 'group', groupid: 12 });
    for (const raw of ['0', '-3', '1.5', 'abc', '12abc', '1e3', '99999999999999999999']) {
      expect(readScopeParam(new URLSearchParams({ group: raw })), raw).toEqual({ kind: 'invalid', raw });
    }
  });
});

describe('what the page says', () => {
  it('says what will happen before anything is sent', () => {
    expect(describeCounts({ total: 40, unlocked: 6, offline: 2 })).toBe('40 locks, 6 unlocked now, 2 offline (they cannot be reached)');
    expect(describeCounts({ total: 1, unlocked: 0, offline: 1 })).toBe('1 lock, 0 unlocked now, 1 offline (it cannot be reached)');
    expect(describeCounts({ total: 2100, unlocked: 300, offline: 0 })).toBe('2,100 locks, 300 unlocked now');
  });

  it('counts batches of 1,000', () => {
    expect(describeBatches(1000)).toBe('in one request');
    expect(describeBatches(1001)).toBe('in 2 batches of up to 1,000');
    expect(describeBatches(2100)).toBe('in 3 batches of up to 1,000');
    expect(describeBatchProgress(2, 3, 2000, 2100)).toBe('Batch 2 of 3 · 2,000 of 2,100 locks sent');
  });
});

describe('unreachedDoors', () => {
  it('lists offline, failed and timed-out doors (not the locked ones) by name, numbers in order, with the reason', () => {
    const doors = unreachedDoors([
      result('EM10', 'HQ · Room 10', 'offline'),
      result('EM01', 'HQ · Lobby', 'done'),
      result('EM09', 'HQ · Room 9', 'failed', 'The lock is jammed'),
      result('EM02', null, 'timeout'),
      result('EM03', 'hq · gate', 'failed'),
    ]);
    expect(doors).toEqual([
      { lockid: 'EM02', name: 'EM02', reason: 'Did not answer in time', retryable: true },
      { lockid: 'EM03', name: 'hq · gate', reason: 'Failed', retryable: true },
      { lockid: 'EM09', name: 'HQ · Room 9', reason: 'Failed: The lock is jammed', retryable: true },
      { lockid: 'EM10', name: 'HQ · Room 10', reason: 'Offline, not reached', retryable: false },
    ]);
  });

  it('lists nothing when every door locked', () => {
    expect(unreachedDoors([result('A', 'A', 'done')])).toEqual([]);
  });
});

describe('mergeResults', () => {
  it('replaces the earlier answers of retried locks and keeps the rest', () => {
    const earlier = [result('A', 'A', 'done'), result('B', 'B', 'failed'), result('C', 'C', 'offline'), result('D', 'D', 'timeout')];
    const merged = mergeResults(earlier, [result('B', 'B', 'done'), result('D', 'D', 'failed', 'Jammed')]);
    expect(merged.map((r) => `${r.lockid}:${r.outcome}`).sort()).toEqual(['A:done', 'B:done', 'C:offline', 'D:failed']);
  });
});

describe('a scope of several groups', () => {
  it('names up to three groups, then counts the others', () => {
    expect(nameGroups(['Cedar Court'])).toBe('Cedar Court');
    expect(nameGroups(['Cedar Court', 'Elm House'])).toBe('Cedar Court and Elm House');
    expect(nameGroups(['A', 'B', 'C'])).toBe('A, B and C');
    expect(nameGroups(['A', 'B', 'C', 'D', 'E'])).toBe('A, B, C and 2 other groups');
  });

  it('keeps each group once, and asks for its name (one group), LOCK N GROUPS (several) or LOCK ALL (the fleet)', () => {
    const two = groupsScope([
      { groupid: 5, name: 'Elm House' },
      { groupid: 3, name: 'Cedar Court' },
      { groupid: 5, name: 'Elm House' },
    ]);
    expect(two).toEqual({ key: 'groups:3,5', groupids: [5, 3], name: 'Elm House and Cedar Court' });
    expect(confirmTextFor(two)).toBe('LOCK 2 GROUPS');
    expect(confirmTextFor(groupsScope([{ groupid: 3, name: 'Cedar Court' }]))).toBe('Cedar Court');
    expect(confirmTextFor(FLEET_SCOPE)).toBe('LOCK ALL');
  });

  it('adds up the groups’ counts and leads with how many groups', () => {
    const counts = sumCounts([
      { lockCount: 5, unlocked: 1, offline: 2 },
      { lockCount: 4, unlocked: 2, offline: 0 },
    ]);
    expect(counts).toEqual({ total: 9, unlocked: 3, offline: 2 });
    expect(withGroupCount(groupsScope([{ groupid: 3, name: 'A' }, { groupid: 4, name: 'B' }]), describeCounts(counts))).toBe(
      '2 groups, 9 locks, 3 unlocked now, 2 offline (they cannot be reached)',
    );
    expect(withGroupCount(FLEET_SCOPE, '9 locks')).toBe('9 locks');
  });
});
