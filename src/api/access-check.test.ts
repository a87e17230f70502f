import { describe, expect, it } from 'vitest';
import { parseAccessCheck } from './access-check';

describe('an access check', () => {
  it('reads yes and no, as numbers or text, with the reason and explanation', () => {
    expect(parseAccessCheck({ allowed: '1', reason: null, grantid: 12, roleid: 2, rolename: 'Night shift', explanation: ' Allowed by grant #12 ' })).toEqual({
      allowed: true, reason: null, grantid: 12, roleid: 2, roleName: 'Night shift', explanation: 'Allowed by grant #12',
    });
    expect(parseAccessCheck({ allowed: 0, reason: 'suspended', explanation: 'Suspended until Monday' })).toMatchObject({ allowed: false, reason: 'suspended', grantid: null });
  });

  it('an unknown reason is none; an answer without yes or no is not an answer', () => {
    expect(parseAccessCheck({ allowed: 0, reason: 'gremlins' })?.reason).toBeNull();
    expect(parseAccessCheck({ allowed: 'maybe' })).toBeNull();
    expect(parseAccessCheck(null)).toBeNull();
  });
});
