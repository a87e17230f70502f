import { describe, expect, it } from 'vitest';
import { describeEventView, pageMove, readEventListView, toEventFilter, writeEventListView } from './event-list-view';

describe('the history view in the URL', () => {
  it('reads filters and refuses nonsense', () => {
    expect(readEventListView(new URLSearchParams('type=unlocked&from=2026-11-01&to=2026-11-30&page=2&q=HQ'))).toEqual({
      q: 'HQ',
      type: 'unlocked',
      from: '2026-11-01',
      to: '2026-11-30',
      page: 2,
      before: null,
    });
    expect(readEventListView(new URLSearchParams('type=exploded&from=2026-02-30&to=tomorrow&page=0'))).toEqual({
      q: '',
      type: null,
      from: null,
      to: null,
      page: 1,
      before: null,
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

  it('pins the history when leaving page 1, one past the newest event it showed, and keeps the pin in the URL', () => {
    const first = readEventListView(new URLSearchParams('type=unlocked'));
    const move = pageMove(first, 2, [905, 910, 880]);
    expect(move).toEqual({ page: 2, before: 911 });
    const url = writeEventListView(new URLSearchParams('type=unlocked'), move);
    expect(url.toString()).toBe('type=unlocked&page=2&before=911');
    // A reload reads the same page of the same pinned history.
    const second = readEventListView(url);
    expect(toEventFilter(second)).toEqual({ pagenumber: 2, limit: 25, beforeid: 911, type: 'unlocked' });
    // Later pages keep the pin (new events never shift them); page 1 drops it and is live again.
    expect(pageMove(second, 3, [700, 690])).toEqual({ page: 3, before: 911 });
    expect(pageMove(second, 1, [])).toEqual({ page: 1, before: null });
    expect(writeEventListView(url, { page: 1, before: null }).toString()).toBe('type=unlocked');
  });

  it('drops the pin when a filter changes, and ignores a pin on page 1 or a nonsense one', () => {
    expect(writeEventListView(new URLSearchParams('page=3&before=911'), { type: 'locked' }).toString()).toBe('type=locked');
    expect(readEventListView(new URLSearchParams('before=911')).before).toBeNull();
    expect(readEventListView(new URLSearchParams('page=2&before=abc')).before).toBeNull();
  });

  it('names what the filters select instead of "All events"', () => {
    const all = { all: 'All events', thisYear: 2026, locale: 'en-GB' };
    expect(describeEventView({ q: '', type: null, from: null, to: null }, all)).toBe('All events');
    expect(describeEventView({ q: 'Cedar Court', type: 'unlocked', from: '2026-11-01', to: '2026-11-07' }, all)).toMatch(
      /^Unlocks matching “Cedar Court”, 1\s?–\s?7 Nov$/,
    );
    expect(describeEventView({ q: 'Jamal Carter', type: null, from: null, to: null }, all)).toBe('Events matching “Jamal Carter”');
    expect(describeEventView({ q: '', type: 'offline', from: '2025-12-30', to: null }, all)).toBe('Disconnections, since 30 Dec 2025');
    // Dates the wrong way round select nothing: the heading does not pretend they do.
    expect(describeEventView({ q: '', type: null, from: '2026-11-07', to: '2026-11-01' }, all)).toBe('All events');
  });
});
