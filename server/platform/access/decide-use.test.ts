import { describe, expect, it } from 'vitest';
import { decideUse } from './enforce';

const card = { grantid: 7, method: 'card' as const, start_date: null, end_date: null, weekdays: null, start_time: null, end_time: null, revoked_date: null };
const instant = Date.parse('2026-03-21T07:59:59Z');
const use = (lockdown: boolean, status: string, suspended_until: string | null) =>
  decideUse({ lockdown, person: { status, suspended_until }, grants: [card], method: 'card', instant, timeZone: 'Europe/Berlin' });

describe('decideUse', () => {
  it('refuses a lockdown first, then a suspension still running, before the grants decide', () => {
    expect(use(true, 'suspended', null)).toEqual({ allowed: false, reason: 'lockdown' });
    expect(use(false, 'suspended', null)).toEqual({ allowed: false, reason: 'suspended' });
    // 09:00 in Berlin (CET) is 08:00 UTC: one second to go, then over.
    expect(use(false, 'suspended', '2026-03-21 09:00:00')).toEqual({ allowed: false, reason: 'suspended' });
    expect(use(false, 'suspended', '2026-03-21 08:59:59')).toEqual({ allowed: true, grantid: 7 });
    expect(use(false, 'active', null)).toEqual({ allowed: true, grantid: 7 });
  });
});
