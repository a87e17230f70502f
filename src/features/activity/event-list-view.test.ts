import { describe, expect, it } from 'vitest';
import { readEventListView, toEventFilter, writeEventListView } from './event-list-view';

describe('the history view in the URL', () => {
  it('reads filters and refuses nonsense', () => {
    expect(readEventListView(new URLSearchParams('type=unlocked&from=2026-11-01&to=2026-11-30&page=2&q=HQ'))).toEqual({
      q: 'HQ',
      type: 'unlocked',
      from: '2026-11-01',
      to: '2026-11-30',
      page: 2,
    });
    expect(readEventListView(new URLSearchParams('type=exploded&from=2026-02-30&to=tomorrow&page=0'))).toEqual({
      q: '',
      type: null,
      from: null,
      to: null,
      page: 1,
    });
  });

  it('goes back to page 1 when a filter changes', () => {
    const next = writeEventListView(new URLSearchParams('page=4&type=locked'), { from: '2026-11-01' });
    expect(Object.fromEntries(next)).toEqual({ type: 'locked', from: '2026-11-01' });
  });

  it('turns local days into the UTC instants of their first and last second', () => {
    const filter = toEventFilter(readEventListView(new URLSearchParams('from=2026-11-01&to=2026-11-02&type=offline&page=3')), 25);
    const start = new Date(2026, 10, 1, 0, 0, 0);
    const end = new Date(2026, 10, 2, 23, 59, 59);
    const utc = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ');
    expect(filter).toEqual({ pagenumber: 3, limit: 25, type: 'offline', from: utc(start), to: utc(end) });
  });
});
