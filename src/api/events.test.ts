import { describe, expect, it } from 'vitest';
import { exportCsvUrl, parseEvent, parseEventPage } from './events';

describe('events', () => {
  it('reads an event of the contract', () => {
    expect(
      parseEvent({
        eventid: 7,
        lockid: 'EM000001',
        lockname: 'HQ · Main Entrance',
        event_type: 'unlocked',
        userid: 2,
        username: 'Demo Manager',
        method: 'remote',
        event_date: '2026-11-25 10:00:00',
        battery_level: null,
      }),
    ).toEqual({
      eventid: 7,
      lockid: 'EM000001',
      lockName: 'HQ · Main Entrance',
      groupid: null,
      groupName: null,
      type: 'unlocked',
      userid: 2,
      username: 'Demo Manager',
      method: 'remote',
      date: '2026-11-25 10:00:00',
      battery: null,
      reason: null,
      actor: null,
    });
  });

  it('reads access events: a denial with its reason, a group grant without a lock, an unknown reason as none', () => {
    const denied = parseEvent({ eventid: 8, lockid: 'EM1', lockname: 'HQ · Lab', event_type: 'access_denied', userid: 5, username: 'Jamal Carter', method: 'card', event_date: '2026-11-25 10:00:00', reason: 'expired', actor: null, groupid: null, groupname: null });
    expect(denied).toMatchObject({ type: 'access_denied', reason: 'expired', username: 'Jamal Carter', method: 'card' });
    const granted = parseEvent({ eventid: 9, lockid: null, lockname: null, event_type: 'access_granted', userid: 5, username: 'Jamal Carter', method: 'keypad', groupid: '3', groupname: 'Cedar Court', actor: 'Demo Manager' });
    expect(granted).toMatchObject({ lockid: null, groupid: 3, groupName: 'Cedar Court', actor: 'Demo Manager', type: 'access_granted' });
    expect(parseEvent({ eventid: 10, lockid: 'EM1', event_type: 'access_denied', reason: 'bad_luck' })?.reason).toBeNull();
    expect(parseEvent({ eventid: 11, lockid: null, groupid: null, event_type: 'access_granted' })).toBeNull();
    // A fleet lockdown's start and lift name neither: every lock.
    for (const type of ['lockdown_started', 'lockdown_lifted'] as const) {
      expect(parseEvent({ eventid: 12, lockid: null, lockname: null, groupid: null, groupname: null, event_type: type, method: 'system', actor: 'Mia Manager' })).toMatchObject({ lockid: null, groupid: null, type, actor: 'Mia Manager' });
    }
    expect(parseEvent({ eventid: 13, lockid: null, groupid: null, event_type: 'unlocked', method: 'app' })).toBeNull();
    expect(parseEvent({ eventid: 14, lockid: null, groupid: null, event_type: 'teleported' })).toBeNull();
    // A visitor pass that ran out names only its visitor.
    const expired = parseEvent({ eventid: 12, lockid: null, lockname: null, event_type: 'access_expired', userid: 7, username: 'Vera Visitor', method: 'system', event_date: '2026-11-25 18:00:01', groupid: null, groupname: null, actor: null, reason: null });
    expect(expired).toMatchObject({ type: 'access_expired', lockid: null, groupid: null, userid: 7, username: 'Vera Visitor', method: 'system' });
  });

  it('keeps odd events readable and skips those without an id or lock', () => {
    const page = parseEventPage(
      {
        totalCount: '3',
        eventslist: [
          { eventid: '9', lockid: 'A', event_type: 'teleported', method: 'magic', battery_level: 300 },
          { lockid: 'B', event_type: 'locked' },
          { eventid: 10, event_type: 'locked' },
        ],
      },
      25,
    );
    expect(page.events).toEqual([
      { eventid: 9, lockid: 'A', lockName: null, groupid: null, groupName: null, type: null, userid: null, username: null, method: null, date: null, battery: null, reason: null, actor: null },
    ]);
    expect(page.skipped).toBe(2);
    expect(page.totalCount).toBe(3);
  });

  it('builds the export link from the filters, without paging', () => {
    expect(exportCsvUrl({ pagenumber: 4, limit: 25, type: 'unlocked', searchkey: 'HQ' }, 'Europe/Berlin')).toBe(
      '/api/events/export.csv?type=unlocked&searchkey=HQ&tz=Europe%2FBerlin',
    );
  });
});

describe('a page of events from a real host', () => {
  const event = (eventid: number) => ({ eventid, lockid: 'EM1', event_type: 'locked', method: 'app', event_date: '2026-11-25T10:00:00.5+01:00' });

  it('pages on to the totalPage of a host that sends 50 where 100 were asked, and knows its page size', () => {
    const body = { totalCount: 187, totalPage: 4, eventslist: Array.from({ length: 50 }, (_, i) => event(i + 1)) };
    expect(parseEventPage(body, 100)).toMatchObject({ totalPages: 4, pageSize: 50, skipped: 0, repeated: 0 });
    expect(parseEventPage(body, 100).events[0]?.date).toBe('2026-11-25 10:00:00+01:00');
  });

  it('counts an event sent twice apart from incomplete ones', () => {
    const page = parseEventPage({ totalCount: 3, eventslist: [event(1), event(1), { eventid: 2 }, event(3)] }, 25);
    expect(page.events.map((e) => e.eventid)).toEqual([1, 3]);
    expect({ skipped: page.skipped, repeated: page.repeated }).toEqual({ skipped: 1, repeated: 1 });
  });
});
