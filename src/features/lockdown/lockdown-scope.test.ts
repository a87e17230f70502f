import { describe, expect, it } from 'vitest';
import type { BulkResult } from '@/api/bulk-commands';
import { describeBatchProgress, describeBatches, describeCounts, mergeResults, readScopeParam, unreachedDoors } from './lockdown-scope';

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
