import { describe, expect, it } from 'vitest';
import { readReportView, writeReportView } from './report-view';

const read = (query: string) => readReportView(new URLSearchParams(query));

describe('a report’s URL', () => {
  it('is read as given', () => {
    expect(read('period=90&days=14&groupid=3&lockid=EM1')).toEqual({ period: 90, dueDays: 14, groupid: 3, lockid: 'EM1' });
    expect(read('days=0').dueDays).toBe(0);
  });

  it('falls back to the defaults on odd values rather than failing', () => {
    expect(read('period=12&days=-1&groupid=x&lockid=')).toEqual({ period: 30, dueDays: 30, groupid: null, lockid: null });
    expect(read('days=1.5&groupid=0').dueDays).toBe(30);
    expect(read('days=99999').dueDays).toBe(30);
  });

  it('writes only what changed, and drops a filter set to none', () => {
    expect(String(writeReportView(new URLSearchParams('period=7&groupid=3'), { groupid: null, lockid: 'EM1' }))).toBe('period=7&lockid=EM1');
    expect(String(writeReportView(new URLSearchParams(''), { dueDays: 0 }))).toBe('days=0');
  });
});
