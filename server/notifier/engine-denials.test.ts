import { describe, expect, it } from 'vitest';
import { denialsSince, denialsWithin, recordDenial, sortedDenials } from './engine-denials';

/** An array that counts how many of its elements are read. */
function counting(): { times: number[]; reads: () => number } {
  let reads = 0;
  const times = new Proxy<number[]>([], {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads += 1;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return { times, reads: () => reads };
}

describe('the denial tracker', () => {
  it('answers a burst window like a filter over every refusal, in and out of order', () => {
    const times: number[] = [];
    for (const at of [10, 20, 20, 35, 5, 50, 40]) recordDenial(times, at);
    expect(times).toEqual([5, 10, 20, 20, 35, 40, 50]);
    expect(denialsWithin(times, 15, 40)).toEqual({ count: 4, first: 20 });
    expect(denialsWithin(times, 51, 60)).toEqual({ count: 0, first: undefined });
    expect(denialsWithin(times, 0, 5)).toEqual({ count: 1, first: 5 });
    expect(denialsSince(times, 20)).toEqual([20, 20, 35, 40, 50]);
    expect(sortedDenials([3, 1, 2])).toEqual([1, 2, 3]);
  });

  it('reads O(log n) refusals per denial, not all of them (20,000 denials at one lock)', () => {
    const n = 20_000;
    const { times, reads } = counting();
    for (let i = 0; i < n; i += 1) {
      recordDenial(times, i * 1000);
      denialsWithin(times, i * 1000 - 60_000, i * 1000);
    }
    // Two binary searches over ≤ 20,000 entries read about 2 × 15 each; a scan would read n²/2 = 2e8.
    expect(reads()).toBeLessThan(n * 40);
    expect(denialsWithin(times, (n - 1) * 1000 - 60_000, (n - 1) * 1000).count).toBe(61);
  });
});
