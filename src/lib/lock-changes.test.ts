import { describe, expect, it } from 'vitest';
import type { LockStateView } from './lock-changes';
import { diffLockPages } from './lock-changes';

const lock = (lockid: string, name: string, online: boolean, open: boolean): LockStateView & { battery: number } => ({
  lockid,
  name,
  online,
  open,
  battery: 50,
});

describe('diffLockPages', () => {
  it('names the locks whose online or lock state changed', () => {
    const before = [lock('a', 'HQ · Main Entrance', true, false), lock('b', 'HQ · Lab', true, false), lock('c', 'Depot', false, true)];
    const after = [lock('a', 'HQ · Main Entrance', false, false), lock('b', 'HQ · Lab', true, true), before[2]!];
    expect(diffLockPages(before, after)).toEqual({
      lockids: ['a', 'b'],
      message: 'HQ · Main Entrance went offline. HQ · Lab was unlocked.',
    });
  });

  it('says nothing when only other fields changed or rows came and went', () => {
    const before = [lock('a', 'A', true, false)];
    const batteryOnly = [{ ...before[0]!, battery: 10 }];
    expect(diffLockPages(before, batteryOnly)).toBeNull();
    expect(diffLockPages(before, [lock('z', 'Z', false, true)])).toBeNull();
  });

  it('summarises long lists of changes', () => {
    const before = Array.from({ length: 6 }, (_, i) => lock(String(i), `Door ${i}`, true, false));
    const after = before.map((l) => ({ ...l, online: false }));
    const changes = diffLockPages(before, after);
    expect(changes?.lockids).toHaveLength(6);
    expect(changes?.message).toBe('Door 0 went offline. Door 1 went offline. Door 2 went offline. Door 3 went offline. And 2 more changes.');
  });

  it('uses the lockid for a lock without a name, and says "came back online"', () => {
    const before = [{ ...lock('EM9', '', false, false), name: null }];
    expect(diffLockPages(before, [{ ...before[0]!, online: true }])?.message).toBe('EM9 came back online.');
  });
});
