import { describe, expect, it } from 'vitest';
import vendorSample from '@contract/vendor-sample.json';
import { parseLock, parseLockPage, parseSummary } from './locks';

describe('parseLockPage', () => {
  it("reads the vendor's sample response verbatim", () => {
    const page = parseLockPage(vendorSample, { pagenumber: 1, limit: 10 });
    expect(page).toEqual({
      locks: [
        {
          lockid: 'EMXXXX10',
          name: 'demo',
          online: true,
          open: false,
          battery: null,
          temperature: 25,
          model: 'ARH3EM',
          mac: null,
          ssid: 'EMXXXX10',
          lastSeen: '2022-12-28 22:07:44',
          picture: '/api/uploads/product_images/lock_pic-1672245183814.jpg',
          // The vendor's rows have no relock_at: no timed unlock is running.
          relockAt: null,
          lockdown: false,
          groups: [],
          schedule: null,
        },
      ],
      skipped: 0,
      repeated: 0,
      totalCount: 2,
      // The sample says totalPage 2 for 2 locks at limit 10; the count wins.
      totalPages: 1,
      currentPage: 1,
      range: { first: 1, last: 1 },
    });
  });

  it('never keeps the lock password in what the SPA holds', () => {
    const page = parseLockPage(vendorSample, { pagenumber: 1, limit: 10 });
    expect(JSON.stringify(page)).not.toContain('j2ibxr6o');
  });

  it('skips and counts rows without a usable lockid, and shows a duplicate once, counted apart', () => {
    const page = parseLockPage(
      {
        status: 1,
        totalCount: '5',
        lockslist: [
          { lockid: 'A1', lockname: 'Front' },
          { lockname: 'No id' },
          { lockid: '   ', lockname: 'Blank id' },
          { lockid: 'A1', lockname: 'Duplicate' },
          'not an object',
          { lockid: 42, lockname: 'Numeric id' },
        ],
      },
      { pagenumber: 1, limit: 25 },
    );
    expect(page.locks.map((l) => l.lockid)).toEqual(['A1', '42']);
    expect(page.skipped).toBe(3);
    expect(page.repeated).toBe(1);
    expect(page.totalCount).toBe(5);
  });

  it('falls back to totalPage when totalCount is not a number, and copes with a missing list', () => {
    expect(parseLockPage({ status: 1, totalCount: null, totalPage: 7 }, { pagenumber: 3, limit: 10 })).toMatchObject({
      locks: [],
      totalCount: null,
      totalPages: 7,
      currentPage: 3,
    });
    expect(parseLockPage({ status: 1, totalCount: 'many', lockslist: {} }, { pagenumber: 1, limit: 10 }).totalPages).toBe(0);
  });
});

describe('parseLock', () => {
  it('turns odd values into null instead of NaN, null or [object Object] on screen', () => {
    const lock = parseLock({
      lockid: 'EM1',
      lockname: { html: '<b>x</b>' },
      lock_online_status: '1',
      lock_open_status: 'yes',
      battery_level: 150,
      temperature: 'n/a',
      lock_model: null,
      mac_address: ['aa'],
      lock_ssid: 7,
      online_updated_date: 'yesterday',
      lock_pic: 'javascript:alert(1)',
    });
    expect(lock).toEqual({
      lockid: 'EM1',
      name: null,
      online: true,
      open: null,
      battery: null,
      temperature: null,
      model: null,
      mac: null,
      ssid: '7',
      lastSeen: null,
      picture: 'javascript:alert(1)',
      relockAt: null,
      lockdown: false,
      groups: [],
      schedule: null,
    });
  });

  it('reads the groups a lock row names, leaving out entries without a usable id', () => {
    const row = { lockid: 'G1', lockgroups: [{ groupid: 3, groupname: ' Cedar Court ' }, { groupid: '9', groupname: 42 }, { groupid: 0, groupname: 'zero' }, { groupname: 'no id' }, { groupid: 3, groupname: 'again' }, 'x', { groupid: 5, groupname: null }] };
    expect(parseLock(row)?.groups).toEqual([
      { groupid: 3, name: 'Cedar Court' },
      { groupid: 9, name: '42' },
      { groupid: 5, name: 'Group 5' },
    ]);
    expect(parseLock({ lockid: 'G2', lockgroups: 'Cedar' })?.groups).toEqual([]);
  });

  it('reads relock_at leniently: a platform date, else null (absent, null, empty, garbage)', () => {
    const row = { lockid: 'EM3', lockname: 'Door' };
    expect(parseLock({ ...row, relock_at: '2026-11-25 08:05:00' })?.relockAt).toBe('2026-11-25 08:05:00');
    expect(parseLock({ ...row, relock_at: '2026-11-25T08:05:00 ' })?.relockAt).toBe('2026-11-25 08:05:00');
    for (const relock_at of [undefined, null, '', 'soon', 1764058000, { at: 1 }]) {
      expect(parseLock({ ...row, relock_at })?.relockAt).toBeNull();
    }
  });

  it('reads numbers sent as strings and keeps markup in names as plain text', () => {
    const lock = parseLock({
      lockid: 'EM2',
      lockname: '<img src=x onerror=alert(1)>',
      lock_online_status: 0,
      lock_open_status: '1',
      battery_level: '19.6',
      temperature: '-4.5',
      online_updated_date: '2026-11-25 08:00:00',
    });
    expect(lock).toMatchObject({
      name: '<img src=x onerror=alert(1)>',
      online: false,
      open: true,
      battery: 20,
      temperature: -4.5,
      lastSeen: '2026-11-25 08:00:00',
    });
  });

  it('treats battery -1 and temperatures that no lock reaches as unknown', () => {
    expect(parseLock({ lockid: 'x', battery_level: -1, temperature: '999' })).toMatchObject({ battery: null, temperature: null });
    expect(parseLock({ lockid: 'x', battery_level: 0, temperature: 0 })).toMatchObject({ battery: 0, temperature: 0 });
  });
});

describe('parseSummary', () => {
  it('reads counts and treats garbage as 0', () => {
    expect(parseSummary({ summary: { total: 240, online: '200', offline: 40, unlocked: -3, lowbattery: null } })).toEqual({
      total: 240,
      online: 200,
      offline: 40,
      unlocked: 0,
      lowbattery: 0,
    });
    expect(parseSummary({ status: 1 })).toBeNull();
  });
});
