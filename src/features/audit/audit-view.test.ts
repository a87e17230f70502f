import { describe, expect, it } from 'vitest';
import { isBadRange, readAuditView, toAuditFilters, writeAuditView } from './audit-view';

const read = (query: string) => readAuditView(new URLSearchParams(query));

describe('the audit page’s address', () => {
  it('reads the links of a lock’s and a person’s page, and ignores what is not a filter', () => {
    expect(read('lockid=EM000001')).toMatchObject({ lockid: 'EM000001', personid: null, before: [] });
    expect(read('personid=7&action=grant&result=denied')).toMatchObject({ personid: '7', action: 'grant', result: 'denied' });
    expect(read('personid=x&userid=-1&action=paint&result=meh&from=2026-02-30&before=5.9')).toEqual({
      userid: null,
      action: null,
      lockid: null,
      groupid: null,
      personid: null,
      result: null,
      from: null,
      to: null,
      before: [],
    });
  });

  it('goes back to the newest records when a filter changes, and keeps the cursors when paging', () => {
    const older = writeAuditView(new URLSearchParams('lockid=EM1'), { before: [120, 70] });
    expect(older.toString()).toBe('lockid=EM1&before=120.70');
    const filtered = writeAuditView(older, { action: 'password-reveal' });
    expect(filtered.toString()).toBe('action=password-reveal&lockid=EM1');
    expect(writeAuditView(filtered, { lockid: null, action: null }).toString()).toBe('');
  });

  it('asks the server for the viewer’s whole days, in UTC', () => {
    const filters = toAuditFilters(read('from=2026-12-01&to=2026-12-06&userid=1'));
    const start = new Date(2026, 11, 1, 0, 0, 0);
    const end = new Date(2026, 11, 6, 23, 59, 59);
    expect(filters.userid).toBe('1');
    expect(filters.from).toBe(start.toISOString().slice(0, 19).replace('T', ' '));
    expect(filters.to).toBe(end.toISOString().slice(0, 19).replace('T', ' '));
    expect(isBadRange(read('from=2026-12-06&to=2026-12-01'))).toBe(true);
  });
});
