import { describe, expect, it } from 'vitest';
import { describeBulkTally, tallyOutcomes } from './bulk-summary';

describe('tallyOutcomes', () => {
  it('counts a time-out as failed', () => {
    const outcomes = (['done', 'done', 'offline', 'failed', 'timeout'] as const).map((outcome) => ({ outcome }));
    expect(tallyOutcomes(outcomes)).toEqual({ done: 2, offline: 1, failed: 2 });
    expect(tallyOutcomes([])).toEqual({ done: 0, offline: 0, failed: 0 });
  });
});

describe('describeBulkTally: one wording for the gateway and the SPA', () => {
  it('separates thousands and leaves out the zero counts but the first', () => {
    expect(describeBulkTally('lock', { done: 2090, offline: 8, failed: 2 })).toBe('2,090 locked · 8 offline, not reached · 2 failed');
    expect(describeBulkTally('lock', { done: 0, offline: 0, failed: 0 })).toBe('0 locked');
    expect(describeBulkTally('unlock', { done: 1000, offline: 0, failed: 1 })).toBe('1,000 unlocked · 1 failed');
  });

  it('says the time-outs apart from the other failures when they are counted', () => {
    expect(describeBulkTally('lock', { done: 15, offline: 2, failed: 3, timedOut: 2 })).toBe('15 locked · 2 offline, not reached · 1 failed · 2 did not answer in time');
    expect(describeBulkTally('lock', { done: 1, offline: 0, failed: 2, timedOut: 2 })).toBe('1 locked · 2 did not answer in time');
  });
});
