import { describe, expect, it } from 'vitest';
import { parsePass, parseSent } from './passes';

const row = {
  passid: 4, userid: 31, name: 'Vera Visitor', email: 'vera@example.com', lockids: ['EM1'], groupids: [3],
  start_date: '2026-12-07 09:00:00', end_date: '2026-12-07 17:00:00', status: 'active', created_by: 'Demo Manager',
  created_date: '2026-12-07 08:00:00', code_sent_date: '2026-12-07 10:42:00',
};

describe('a visitor pass from the gateway', () => {
  it('is read, with its e-mail null for a support account, and never a code', () => {
    expect(parsePass({ ...row, email: null, passcode: '482913' })).toEqual({
      passid: 4, userid: 31, name: 'Vera Visitor', email: null, lockids: ['EM1'], groupids: [3],
      startDate: '2026-12-07 09:00:00', endDate: '2026-12-07 17:00:00', status: 'active', createdBy: 'Demo Manager', codeSentDate: '2026-12-07 10:42:00',
    });
  });

  it('keeps readable ids once each, and drops a pass without ids, window or a known status', () => {
    expect(parsePass({ ...row, passid: '4', lockids: ['EM1', '', 'EM1', 7], groupids: 'all' })).toMatchObject({ passid: 4, lockids: ['EM1', '7'], groupids: [] });
    expect(parsePass({ ...row, status: 'paused' })).toBeNull();
    expect(parsePass({ ...row, end_date: 'soon' })).toBeNull();
    expect(parsePass({ ...row, passid: 0 })).toBeNull();
  });

  it('where a code went: both the address and the date, or nothing', () => {
    expect(parseSent({ to: 'v…@example.com', date: '2026-12-07 10:42:00' })).toEqual({ to: 'v…@example.com', date: '2026-12-07 10:42:00' });
    expect(parseSent({ to: 'v…@example.com' })).toBeNull();
    expect(parseSent(null)).toBeNull();
  });
});
