import { describe, expect, it } from 'vitest';
import { readLockListView, toLockFilterParams, toLockListParams, writeLockListView } from './lock-list-view';

const read = (query: string) => readLockListView(new URLSearchParams(query));

describe('the list view in the URL', () => {
  it('reads defaults from an empty URL and ignores nonsense', () => {
    expect(read('')).toEqual({ q: '', page: 1, limit: 25, status: [], group: null, sort: null, order: 'asc' });
    expect(read('page=-3&limit=33&status=broken&group=abc&sort=lock_password&order=sideways')).toEqual(read(''));
    expect(read('group=0').group).toBeNull();
    expect(read('group=1.5').group).toBeNull();
    expect(read('group=99999999999999999999').group).toBeNull();
    expect(read('page=2.5').page).toBe(1);
  });

  it('reads every part', () => {
    expect(read('q=HQ&page=3&limit=50&status=offline&group=7&sort=battery_level&order=desc')).toEqual({
      q: 'HQ',
      page: 3,
      limit: 50,
      status: ['offline'],
      group: 7,
      sort: 'battery_level',
      order: 'desc',
    });
  });

  it('resets to page 1 on a new search, filter, sort or page size, and keeps the rest', () => {
    const current = new URLSearchParams('q=HQ&page=4&status=unlocked');
    const write = (patch: Parameters<typeof writeLockListView>[1]) => Object.fromEntries(writeLockListView(current, patch));
    expect(write({ q: 'Depot' })).toEqual({ q: 'Depot', status: 'unlocked' });
    expect(write({ limit: 100 })).toEqual({ q: 'HQ', limit: '100', status: 'unlocked' });
    expect(write({ page: 5 })).toEqual({ q: 'HQ', page: '5', status: 'unlocked' });
    expect(write({ sort: 'battery_level', order: 'desc' })).toEqual({ q: 'HQ', status: 'unlocked', sort: 'battery_level', order: 'desc' });
    expect(write({ q: '', status: [] })).toEqual({});
  });

  it('combines chips: reads a comma list once each in a fixed order, drops unknown ones, writes one canonical URL', () => {
    expect(read('status=lowbattery,offline,offline,bogus').status).toEqual(['offline', 'lowbattery']);
    expect(read('status=,').status).toEqual([]);
    const written = writeLockListView(new URLSearchParams('page=3'), { status: ['lowbattery', 'offline'] });
    expect(written.get('status')).toBe('offline,lowbattery');
    expect(written.get('page')).toBeNull();
    expect(toLockListParams(read('q=HQ&status=offline,lowbattery,unlocked'))).toEqual({
      pagenumber: 1,
      limit: 25,
      searchkey: 'HQ',
      online: 0,
      open: 1,
      batterybelow: 21,
    });
  });

  it('gives the chip counts the same search and filters as the list, without paging or sorting', () => {
    const view = read('q=Depot&page=4&status=offline&sort=temperature');
    expect(toLockFilterParams(view)).toEqual({ searchkey: 'Depot', online: 0 });
    expect(toLockFilterParams({ ...view, status: [] })).toEqual({ searchkey: 'Depot' });
    expect(toLockFilterParams(view, { lockFilters: false })).toEqual({ searchkey: 'Depot' });
  });

  it('filters by one group, with the chips, and drops the group when the platform has no groups', () => {
    const view = read('group=12&status=offline&page=3');
    expect(toLockListParams(view)).toEqual({ pagenumber: 3, limit: 25, groupid: 12, online: 0 });
    expect(toLockFilterParams(view, { lockFilters: true, lockGroups: false })).toEqual({ online: 0 });
    const written = writeLockListView(new URLSearchParams('page=3&status=offline'), { group: 4 });
    expect(Object.fromEntries(written)).toEqual({ status: 'offline', group: '4' });
    expect(writeLockListView(written, { group: null }).get('group')).toBeNull();
  });

  it('keeps unrelated query parameters', () => {
    expect(writeLockListView(new URLSearchParams('utm=x&page=2'), { page: 3 }).toString()).toBe('utm=x&page=3');
  });

  it('maps the view to platform parameters, leaving out what the upstream lacks', () => {
    const view = read('q=HQ&page=2&limit=10&status=lowbattery&sort=temperature&order=desc');
    expect(toLockListParams(view)).toEqual({
      pagenumber: 2,
      limit: 10,
      searchkey: 'HQ',
      batterybelow: 21,
      sortby: 'temperature',
      sortorder: 'desc',
    });
    expect(toLockListParams(view, { lockFilters: false, lockSorting: false })).toEqual({ pagenumber: 2, limit: 10, searchkey: 'HQ' });
    expect(toLockListParams(read('status=offline'))).toMatchObject({ online: 0 });
    expect(toLockListParams(read('status=unlocked'))).toMatchObject({ open: 1 });
  });
});
