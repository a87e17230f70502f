import { describe, expect, it } from 'vitest';
import { emailKey, isEmailAddress } from './email';

describe('isEmailAddress', () => {
  it('takes what the gateway takes, and nothing it would refuse', () => {
    expect(isEmailAddress('manager@lockboard.local')).toBe(true);
    expect(isEmailAddress("o'neil+desk@example.co.uk")).toBe(true);
    for (const bad of ['manager', 'manager@', '@example.com', 'a@b', 'a..b@example.com', 'a b@example.com', `${'a'.repeat(250)}@x.io`]) {
      expect(isEmailAddress(bad), bad).toBe(false);
    }
  });

  it('counts an address the way the gateway does: trimmed, any case', () => {
    expect(emailKey('  Manager@Lockboard.LOCAL ')).toBe('manager@lockboard.local');
  });
});
