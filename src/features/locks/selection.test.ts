import { describe, expect, it } from 'vitest';
import type { BulkResult } from '@/api/bulk-commands';
import {
  EMPTY_SELECTION,
  addMatching,
  groupsOfSelection,
  matchKey,
  pageState,
  problemsOf,
  retryTargets,
  runningLabel,
  targetsOf,
  toggleLock,
  togglePage,
  unlockQuestion,
  withGroupChange,
} from './selection';

const hq = { groupid: 1, name: 'HQ' };
const exterior = { groupid: 7, name: 'Exterior doors' };
const lock = (n: number, groups = [hq]) => ({ lockid: `EM${n}`, name: `Door ${n}`, groups });
const page1 = [lock(1), lock(2), lock(3, [hq, exterior])];
const page2 = [lock(4, []), lock(5)];

describe('the lock list selection', () => {
  it('toggles one lock in and out, keeping its name and groups', () => {
    const one = toggleLock(EMPTY_SELECTION, lock(3, [hq, exterior]), true);
    expect([...one]).toEqual([['EM3', { name: 'Door 3', groups: [hq, exterior] }]]);
    expect(toggleLock(one, lock(3), false).size).toBe(0);
  });

  it('the header checkbox: none, some (indeterminate), all; selecting a page keeps the other pages', () => {
    let selection = toggleLock(EMPTY_SELECTION, page1[0]!, true);
    expect(pageState(selection, page1)).toBe('some');
    expect(pageState(selection, page2)).toBe('none');
    selection = togglePage(selection, page1, true);
    expect(pageState(selection, page1)).toBe('all');
    selection = togglePage(selection, page2, true);
    expect(selection.size).toBe(5);
    selection = togglePage(selection, page2, false);
    expect([...selection.keys()]).toEqual(['EM1', 'EM2', 'EM3']);
    expect(pageState(selection, page1)).toBe('all');
  });

  it('"Select all matching" adds ids and names, keeping what the pages knew (groups)', () => {
    const selection = addMatching(togglePage(EMPTY_SELECTION, page1, true), [
      { lockid: 'EM3', name: 'Door 3' },
      { lockid: 'EM9', name: null },
    ]);
    expect(selection.size).toBe(4);
    expect(selection.get('EM3')?.groups).toEqual([hq, exterior]);
    expect(selection.get('EM9')).toEqual({ name: null, groups: null });
    expect(targetsOf(selection)).toEqual([
      { lockid: 'EM1', name: 'Door 1' },
      { lockid: 'EM2', name: 'Door 2' },
      { lockid: 'EM3', name: 'Door 3' },
      { lockid: 'EM9', name: null },
    ]);
  });

  it('"Remove from group" offers the groups of the selected locks, by name, and says when some are unknown', () => {
    const selection = togglePage(EMPTY_SELECTION, [...page1, ...page2], true);
    expect(groupsOfSelection(selection)).toEqual({ groups: [exterior, hq], complete: true });
    expect(groupsOfSelection(addMatching(selection, [{ lockid: 'EM9', name: 'Door 9' }])).complete).toBe(false);
    expect(groupsOfSelection(EMPTY_SELECTION)).toEqual({ groups: [], complete: true });
  });

  it('follows a group change of the selected locks (the next "Remove from group" offers the new group)', () => {
    const exec = { groupid: 9, name: 'Executive' };
    const added = withGroupChange(togglePage(EMPTY_SELECTION, page1, true), exec, true);
    expect(groupsOfSelection(added).groups).toEqual([exec, exterior, hq]);
    expect(added.get('EM3')?.groups).toEqual([hq, exterior, exec]);
    const removed = withGroupChange(added, hq, false);
    expect(groupsOfSelection(removed).groups).toEqual([exec, exterior]);
    // Locks whose groups are not known stay unknown.
    expect(withGroupChange(addMatching(EMPTY_SELECTION, [{ lockid: 'EM9', name: null }]), exec, true).get('EM9')?.groups).toBeNull();
  });

  it('is cleared by a change of search, chips or group, not by a page or sort change', () => {
    const view: { q: string; status: string[]; group: number | null; page: number; sort: string | null } = { q: 'hq', status: ['offline'], group: 3, page: 1, sort: null };
    const paged = { ...view, page: 2, sort: 'battery_level' };
    expect(matchKey(paged)).toBe(matchKey(view));
    expect(matchKey({ ...view, q: 'hq 2' })).not.toBe(matchKey(view));
    expect(matchKey({ ...view, status: [] })).not.toBe(matchKey(view));
    expect(matchKey({ ...view, group: null })).not.toBe(matchKey(view));
  });
});

describe('bulk command messages', () => {
  const results: BulkResult[] = [
    { lockid: 'EM1', name: 'Door 1', outcome: 'done', msg: 'Door 1 locked' },
    { lockid: 'EM2', name: 'Door 2', outcome: 'offline', msg: 'Door 2 is offline' },
    { lockid: 'EM3', name: 'Door 3', outcome: 'failed', msg: 'Database busy' },
    { lockid: 'EM4', name: null, outcome: 'timeout', msg: 'did not answer in time' },
  ];

  it('"Retry the failed" sends the failed and timed-out locks again, never the offline ones', () => {
    expect(retryTargets(results)).toEqual([
      { lockid: 'EM3', name: 'Door 3' },
      { lockid: 'EM4', name: null },
    ]);
    expect(retryTargets(results.slice(0, 2))).toEqual([]);
  });

  it('lists every lock that was not done', () => {
    expect(problemsOf(results).map((r) => r.lockid)).toEqual(['EM2', 'EM3', 'EM4']);
  });

  it('"Locking 12…" while it runs; the unlock question names the count and the group', () => {
    expect(runningLabel('lock', 12)).toBe('Locking 12…');
    expect(runningLabel('unlock', 1200)).toBe('Unlocking 1,200…');
    expect(unlockQuestion(12, 'Cedar Court')).toBe('Unlock 12 locks in Cedar Court?');
    expect(unlockQuestion(2, null)).toBe('Unlock 2 locks?');
  });
});
