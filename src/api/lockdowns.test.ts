import { describe, expect, it } from 'vitest';
import { parseLockdown, parseLockdownList } from './lockdowns';
import { parseLock, parseSummary } from './locks';

describe('a lock row’s lockdown flag', () => {
  it('is true only for a clear 1 (or "1", true), false for anything garbled or absent', () => {
    for (const value of [1, '1', true]) expect(parseLock({ lockid: 'A', lockdown: value })?.lockdown).toBe(true);
    for (const value of [0, '0', 2, 'yes', null, {}, [], -1, undefined]) expect(parseLock({ lockid: 'A', lockdown: value })?.lockdown).toBe(false);
  });

  it('gives the summary a lockdown count only when the platform sends one', () => {
    const base = { total: 4, online: 4, offline: 0, unlocked: 1, lowbattery: 0 };
    expect(parseSummary({ summary: { ...base, lockdown: '3' } })?.lockdown).toBe(3);
    expect(parseSummary({ summary: base })).not.toHaveProperty('lockdown');
    expect(parseSummary({ summary: { ...base, lockdown: 'many' } })).not.toHaveProperty('lockdown');
  });
});

describe('reading lockdowns', () => {
  it('reads a contract row', () => {
    expect(
      parseLockdown({ lockdownid: 7, scope: { groupids: [3, 4] }, started_by: 'Dana', started_date: '2026-12-07 09:30:00', lifted_by: null, lifted_date: null, lock_count: 12, pending_lockids: ['EM2'] }),
    ).toEqual({ lockdownid: 7, scope: { groupids: [3, 4] }, startedBy: 'Dana', startedDate: '2026-12-07 09:30:00', liftedBy: null, liftedDate: null, lockCount: 12, pendingLockids: ['EM2'] });
  });

  it('never crashes on oddities: an unreadable scope is the whole fleet, junk ids are left out, unclear values are null', () => {
    expect(parseLockdown({ lockdownid: '9', scope: 'everything', started_by: 42, lock_count: -3, pending_lockids: ['EM1', '', null, 'EM1', 7, {}] })).toEqual({
      lockdownid: 9,
      scope: { all: true },
      startedBy: '42',
      startedDate: null,
      liftedBy: null,
      liftedDate: null,
      lockCount: null,
      pendingLockids: ['EM1', '7'],
    });
    expect(parseLockdown({ lockdownid: 1, scope: { groupids: ['3', 'x', 0, 3] }, pending_lockids: 'EM1' })).toMatchObject({ scope: { groupids: [3] }, pendingLockids: [] });
    expect(parseLockdown({ lockdownid: 1, scope: { groupids: ['x'] } })?.scope).toEqual({ all: true });
    for (const row of [null, 'x', {}, { lockdownid: 0 }, { lockdownid: 'seven' }]) expect(parseLockdown(row)).toBeNull();
  });

  it('keeps each usable row of a list once', () => {
    const list = parseLockdownList({ lockdownslist: [{ lockdownid: 1 }, { lockdownid: 1 }, { nope: true }, { lockdownid: 2 }] });
    expect(list.map((l) => l.lockdownid)).toEqual([1, 2]);
    expect(parseLockdownList({ lockdownslist: 'none' })).toEqual([]);
  });
});
