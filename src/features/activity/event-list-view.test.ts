import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '@contract/constants';
import { describeEventView, EVENT_TYPE_GROUPS, pageMove, pageTotals, readEventListView, toEventFilter, writeEventListView, yearIn } from './event-list-view';

describe('the history view in the URL', () => {
  it('reads filters and refuses nonsense', () => {
    expect(readEventListView(new URLSearchParams('type=unlocked&from=2026-11-01&to=2026-11-30&page=2&q=HQ'))).toEqual({
      q: 'HQ',
      type: 'unlocked',
      from: '2026-11-01',
      to: '2026-11-30',
      page: 2,
      before: [],
    });
    expect(readEventListView(new URLSearchParams('type=exploded&from=2026-02-30&to=tomorrow&page=0'))).toEqual({
      q: '',
      type: null,
      from: null,
      to: null,
      page: 1,
      before: [],
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

  it('pages by cursor: the id of the last event on the page, each kept in the URL', () => {
    const first = readEventListView(new URLSearchParams('type=unlocked'));
    const move = pageMove(first, 2, [930, 920, 911]);
    expect(move).toEqual({ page: 2, before: [911] });
    const url = writeEventListView(new URLSearchParams('type=unlocked'), move);
    expect(url.toString()).toBe('type=unlocked&page=2&before=911');
    // A reload reads the same page: the events older than the cursor.
    const second = readEventListView(url);
    expect(toEventFilter(second)).toEqual({ pagenumber: 1, limit: 25, beforeid: 911, type: 'unlocked' });
    // Page 3 adds its own cursor; Previous drops it; page 1 is live again, without any.
    const third = readEventListView(writeEventListView(url, pageMove(second, 3, [905, 890, 886])));
    expect(third).toMatchObject({ page: 3, before: [911, 886] });
    expect(toEventFilter(third).beforeid).toBe(886);
    expect(pageMove(third, 2, [])).toEqual({ page: 2, before: [911] });
    expect(pageMove(third, 1, [])).toEqual({ page: 1, before: [] });
    expect(writeEventListView(url, { page: 1, before: [] }).toString()).toBe('type=unlocked');
  });

  it('counts the pages before the cursor into the totals', () => {
    const third = readEventListView(new URLSearchParams('page=3&before=911.886'));
    // The platform counts what is left after the cursor: 30 events, two pages of 25.
    expect(pageTotals(third, { totalCount: 30, totalPages: 2 })).toEqual({ totalCount: 80, totalPages: 4 });
    const numbered = readEventListView(new URLSearchParams('page=3'));
    expect(pageTotals(numbered, { totalCount: 80, totalPages: 4 })).toEqual({ totalCount: 80, totalPages: 4 });
  });

  it('drops the cursors when a filter changes, and refuses nonsense ones', () => {
    expect(writeEventListView(new URLSearchParams('page=3&before=911.886'), { type: 'locked' }).toString()).toBe('type=locked');
    expect(readEventListView(new URLSearchParams('page=2&before=abc'))).toMatchObject({ page: 2, before: [] });
    // Cursors only go back in time.
    expect(readEventListView(new URLSearchParams('before=886.911')).before).toEqual([]);
    // An old link with a page number alone is paged by number.
    expect(toEventFilter(readEventListView(new URLSearchParams('page=4')))).toEqual({ pagenumber: 4, limit: 25 });
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

  it('writes a date range with the spaces every ICU release agrees on (the server renders it, the browser hydrates it)', () => {
    // Node's ICU puts thin spaces around the range's dash, Chromium's plain ones: that was #418 on /activity?from&to.
    for (const locale of ['en-GB', 'en-US', 'de-DE', 'fr-FR', 'ja-JP']) {
      for (const [from, to] of [
        ['2026-11-01', '2026-11-07'],
        ['2025-12-28', '2026-01-03'],
        ['2026-03-01', '2026-04-30'],
      ] as const) {
        const heading = describeEventView({ q: '', type: null, from, to }, { all: 'All events', thisYear: 2026, locale });
        expect(heading, locale).toMatch(/\d/);
        expect(heading, `${locale}: ${JSON.stringify(heading)}`).not.toMatch(/[\u2009\u202f]/);
      }
    }
    expect(describeEventView({ q: '', type: null, from: '2026-11-01', to: '2026-11-07' }, { all: '', thisYear: 2026, locale: 'en-GB' })).toBe('Events, 1 – 7 Nov');
  });

  it('names the same days whatever the zone of the runtime writing it', () => {
    const original = process.env.TZ;
    const headings = ['Pacific/Kiritimati', 'America/Los_Angeles', 'UTC'].map((zone) => {
      process.env.TZ = zone;
      return describeEventView({ q: '', type: null, from: '2026-03-01', to: null }, { all: '', thisYear: 2026, locale: 'en-GB' });
    });
    process.env.TZ = original;
    expect(headings).toEqual(['Events, since 1 Mar', 'Events, since 1 Mar', 'Events, since 1 Mar']);
  });

  it('takes this year from the viewer’s zone: New Year’s Eve in Los Angeles is already next year in UTC', () => {
    const newYearUtc = Date.UTC(2027, 0, 1, 3);
    expect(yearIn(newYearUtc, 'America/Los_Angeles')).toBe(2026);
    expect(yearIn(newYearUtc, 'UTC')).toBe(2027);
  });
});

describe('access events in the history view', () => {
  it('keeps an access type in the URL, filters by it and names the view after it', () => {
    const view = readEventListView(new URLSearchParams('type=access_denied&q=Jamal'));
    expect(view.type).toBe('access_denied');
    expect(toEventFilter(view)).toMatchObject({ type: 'access_denied', searchkey: 'Jamal' });
    expect(describeEventView(view, { all: 'All events' })).toBe('Refused door uses matching “Jamal”');
    expect(Object.fromEntries(writeEventListView(new URLSearchParams(), { type: 'access_granted' }))).toEqual({ type: 'access_granted' });
  });

  it('offers every event type in exactly one group of the type filter', () => {
    const offered = EVENT_TYPE_GROUPS.flatMap((g) => g.types);
    expect([...offered].sort()).toEqual([...EVENT_TYPES].sort());
    expect(EVENT_TYPE_GROUPS.find((g) => g.access)?.types).toEqual(['access_denied', 'access_granted', 'access_revoked', 'access_expired']);
  });
});
