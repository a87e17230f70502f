import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HOURS_IN_WEEK as CONTRACT_HOURS } from '@contract/reports';
import { HOURS_IN_WEEK, forecastCsvUrl, parseDenials, parseForecast, parseUptime, parseUsage, readHours, reportQueries, reportRange } from './reports';

const week = (at: Record<number, number> = {}) => Array.from({ length: 168 }, (_, i) => at[i] ?? 0);

describe('a battery forecast row', () => {
  it('is read as sent by the contract', () => {
    expect(
      parseForecast({
        lockid: 'EM1',
        lockname: 'Lobby',
        battery_level: 31,
        drain_per_day: 1.5,
        critical_date: '2026-12-21 06:00:00',
        series_start: '2026-11-01 00:00:00',
        lockgroups: [{ groupid: 2, groupname: 'North' }],
      }),
    ).toEqual({ lockid: 'EM1', lockName: 'Lobby', battery: 31, drainPerDay: 1.5, criticalDate: '2026-12-21 06:00:00', groups: [{ groupid: 2, name: 'North' }] });
  });

  it('reads numbers sent as text, and makes unreadable values null, never dropping the lock', () => {
    expect(parseForecast({ lockid: 7, battery_level: '31%', drain_per_day: '0.8', critical_date: 'soon', lockgroups: 'North' })).toEqual({
      lockid: '7',
      lockName: '7',
      battery: 31,
      drainPerDay: 0.8,
      criticalDate: null,
      groups: [],
    });
    expect(parseForecast({ lockid: 'EM2', battery_level: 150, drain_per_day: {}, lockgroups: [{ groupid: 'x' }, { groupid: '3' }, { groupid: 3, groupname: 'Again' }] })).toMatchObject({
      battery: null,
      drainPerDay: null,
      groups: [{ groupid: 3, name: 'Group 3' }],
    });
  });

  it('is null without a lock id', () => {
    expect(parseForecast({ lockname: 'Lobby' })).toBeNull();
    expect(parseForecast('EM1')).toBeNull();
  });
});

describe('an hour-of-week series', () => {
  it('is 168 counts (the contract’s week), unreadable counts as 0', () => {
    expect(HOURS_IN_WEEK).toBe(CONTRACT_HOURS);
    const hours = week({ 9: 4 });
    hours[10] = 'x' as unknown as number;
    hours[11] = '2' as unknown as number;
    const read = readHours(hours);
    expect(read?.slice(8, 12)).toEqual([0, 4, 0, 2]);
  });

  it('is null when not a full week (a shifted week would put counts under the wrong hour)', () => {
    expect(readHours(week().slice(1))).toBeNull();
    expect(readHours(undefined)).toBeNull();
  });
});

describe('the reports', () => {
  it('uptime: figures, locks and groups, leniently', () => {
    const uptime = parseUptime({
      uptime: {
        lock_count: '3',
        uptime_pct: 97.25,
        offline_s: 3600,
        outage_count: 2,
        hours: week({ 0: 2 }),
        lockslist: [{ lockid: 'EM1', lockname: 'Lobby', uptime_pct: 75, offline_s: 21600, outage_count: 1 }, { lockname: 'no id' }, { lockid: 'EM1' }],
        groupslist: [{ groupid: 1, groupname: 'North', lock_count: 2, uptime_pct: 'n/a' }, { groupid: 0 }],
      },
    });
    expect(uptime).toMatchObject({ lockCount: 3, uptimePct: 97.25, offlineS: 3600, outages: 2 });
    expect(uptime.hours?.[0]).toBe(2);
    expect(uptime.locks).toEqual([{ lockid: 'EM1', lockName: 'Lobby', uptimePct: 75, offlineS: 21600, outages: 1 }]);
    expect(uptime.groups).toEqual([{ groupid: 1, name: 'North', lockCount: 2, uptimePct: null }]);
  });

  it('a missing report reads as empty, not as a failure', () => {
    expect(parseUptime({})).toEqual({ lockCount: 0, uptimePct: null, offlineS: 0, outages: 0, hours: null, locks: [], groups: [] });
    expect(parseUsage({ usage: 'none' })).toEqual({ total: 0, hours: null, locks: [] });
  });

  it('usage: the busiest doors', () => {
    expect(parseUsage({ usage: { total: 12, hours: week(), lockslist: [{ lockid: 'EM1', lockname: 'Lobby', uses: '12' }] } }).locks).toEqual([{ lockid: 'EM1', lockName: 'Lobby', uses: 12 }]);
  });

  it('denials: known reasons with a count, each once', () => {
    const denials = parseDenials({
      denials: {
        total: 5,
        hours: week(),
        reasons: [{ reason: 'outside_hours', count: 4 }, { reason: 'gremlins', count: 1 }, { reason: 'expired', count: 0 }, { reason: 'outside_hours', count: 9 }],
        lockslist: [{ lockid: 'EM1', lockname: 'Lobby', count: 4, reasons: [{ reason: 'outside_hours', count: 4 }] }],
      },
    });
    expect(denials.reasons).toEqual([{ reason: 'outside_hours', count: 4 }]);
    expect(denials.locks[0]?.reasons).toEqual([{ reason: 'outside_hours', count: 4 }]);
  });
});

describe('requests', () => {
  it('a period is the last days to now, in UTC platform dates', () => {
    expect(reportRange(7, Date.UTC(2026, 11, 8, 12, 30, 0))).toEqual({ from: '2026-12-01 12:30:00', to: '2026-12-08 12:30:00' });
  });

  it('the CSV link carries the same filters as the list', () => {
    expect(forecastCsvUrl({ dueWithinDays: 14, groupid: 3 })).toBe('/api/reports/battery-forecast/export.csv?due_within_days=14&groupid=3');
    expect(forecastCsvUrl({ dueWithinDays: 30 })).toBe('/api/reports/battery-forecast/export.csv?due_within_days=30');
  });

  it('keys differ by filter', () => {
    expect(reportQueries.uptime({ days: 7 }).queryKey).not.toEqual(reportQueries.uptime({ days: 30 }).queryKey);
    expect(reportQueries.forecast({ dueWithinDays: 30, groupid: 1 }).queryKey).not.toEqual(reportQueries.forecast({ dueWithinDays: 30 }).queryKey);
  });
});

describe('the locks due', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('are every page of the forecast (100 a page), with the filters on each request', async () => {
    const asked: string[] = [];
    const row = (i: number) => ({ lockid: `EM${i}`, lockname: `Door ${i}`, battery_level: 20, drain_per_day: 1, critical_date: '2026-12-20 00:00:00', lockgroups: [] });
    vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
      const url = new URL(String(input), 'http://x');
      asked.push(`${url.pathname}?${url.searchParams}`);
      const page = Number(url.searchParams.get('pagenumber'));
      const rows = page === 1 ? Array.from({ length: 100 }, (_, i) => row(i)) : [row(100), row(0)];
      return new Response(JSON.stringify({ status: 1, msg: 'ok', totalCount: 101, totalPage: 2, forecastslist: rows }));
    });
    const list = await new QueryClient().fetchQuery(reportQueries.forecast({ dueWithinDays: 14, groupid: 3 }));
    expect(list.forecasts).toHaveLength(101);
    expect(list.totalCount).toBe(101);
    expect(asked).toEqual([
      '/api/reports/battery-forecast?pagenumber=1&limit=100&due_within_days=14&groupid=3',
      '/api/reports/battery-forecast?pagenumber=2&limit=100&due_within_days=14&groupid=3',
    ]);
  });
});
