import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uptimeResponseSchema } from '../../../contract/reports';
import { reportPlatform } from './reports-test-kit';

let kit: Awaited<ReturnType<typeof reportPlatform>>;
let a: string, b: string, c: string, d: string;
let groupid: number;
const uptime = (query: string) => kit.get(uptimeResponseSchema, `/api/reports/uptime?${query}`).then((r) => r.uptime);
const DAY_S = 86_400;

beforeAll(async () => {
  kit = await reportPlatform();
  [a, b, c, d] = kit.lockids as [string, string, string, string];
  kit.event(a, 'offline', '2026-12-01 06:00:00'); // 6 h of 1 December
  kit.event(a, 'online', '2026-12-01 12:00:00');
  kit.event(b, 'offline', '2026-11-30 22:00:00'); // 4 h, 2 of them on 1 December
  kit.event(b, 'online', '2026-12-01 02:00:00');
  kit.event(d, 'offline', '2026-12-03 10:00:00'); // a repeated offline and a stray online: one outage of 2 h
  kit.event(d, 'offline', '2026-12-03 11:00:00');
  kit.event(d, 'online', '2026-12-03 12:00:00');
  kit.event(d, 'online', '2026-12-03 13:00:00');
  kit.event(c, 'offline', '2026-12-09 18:00:00'); // still offline at NOW (2026-12-10 12:00)
  groupid = await kit.group('Reported pair', [a, b]);
});
afterAll(() => kit.close());

describe('GET /api/reports/uptime', () => {
  it('counts a lock offline 6 h of a 24 h day as 75 % up', async () => {
    const report = await uptime(`from=2026-12-01&to=2026-12-01&lockid=${a}`);
    expect(report).toMatchObject({ from: '2026-12-01 00:00:00', to: '2026-12-01 23:59:59', lock_count: 1, uptime_pct: 75, offline_s: 6 * 3600, outage_count: 1 });
    expect(report.lockslist).toEqual([{ lockid: a, lockname: kit.nameOf(a), uptime_pct: 75, offline_s: 6 * 3600, outage_count: 1 }]);
  });

  it('counts an outage that began before `from` from `from`, and not in the hours it began', async () => {
    const report = await uptime('from=2026-12-01&to=2026-12-01');
    expect(report.lock_count).toBe(6);
    expect(report.offline_s).toBe(8 * 3600);
    expect(report.outage_count).toBe(2);
    expect(report.uptime_pct).toBe(Math.round((1 - (8 * 3600) / (6 * DAY_S)) * 10_000) / 100);
    expect(report.lockslist.map((l) => [l.lockid, l.offline_s, l.uptime_pct])).toEqual([
      [a, 6 * 3600, 75],
      [b, 2 * 3600, 91.67],
    ]);
    // A's outage began Tuesday 06:00 UTC, 07:00 in Berlin: hour 24 + 7. B's began the day before the period.
    expect(report.hours[31]).toBe(1);
    expect(report.hours.reduce((s, n) => s + n, 0)).toBe(1);
  });

  it('counts an outage still open up to now, and the period only up to now', async () => {
    const report = await uptime(`from=2026-12-09&to=2026-12-10&lockid=${c}`);
    // 2026-12-09 00:00 to now (12-10 12:00) is 36 h; offline from 12-09 18:00, 18 h.
    expect(report).toMatchObject({ lock_count: 1, offline_s: 18 * 3600, outage_count: 1, uptime_pct: 50 });
  });

  it('keeps one outage for a repeated offline, and ignores an online without one', async () => {
    const report = await uptime(`from=2026-12-03&to=2026-12-03&lockid=${d}`);
    expect(report).toMatchObject({ offline_s: 2 * 3600, outage_count: 1 });
  });

  it("gives a group's uptime over its locks, and lists it among every group, lowest first", async () => {
    const mine = await uptime(`from=2026-12-01&to=2026-12-01&groupid=${groupid}`);
    expect(mine).toMatchObject({ lock_count: 2, offline_s: 8 * 3600, uptime_pct: 83.33 });
    expect(mine.groupslist).toEqual([{ groupid, groupname: 'Reported pair', lock_count: 2, uptime_pct: 83.33 }]);
    const fleet = await uptime('from=2026-12-01&to=2026-12-01');
    expect(fleet.groupslist.find((g) => g.groupid === groupid)).toEqual(mine.groupslist[0]);
    const pcts = fleet.groupslist.map((g) => g.uptime_pct);
    expect(pcts.length).toBeGreaterThan(1);
    expect(pcts).toEqual([...pcts].sort((x, y) => x - y));
  });

  it('lists the locks offline longest, up to `limit`', async () => {
    const report = await uptime('from=2026-11-30&to=2026-12-10&limit=2');
    expect(report.lockslist.map((l) => l.lockid)).toEqual([c, a]);
    expect(report.outage_count).toBe(4);
  });

  it('covers no lock when the lock asked for is not in the group asked for', async () => {
    const report = await uptime(`from=2026-12-09&to=2026-12-10&groupid=${groupid}&lockid=${c}`);
    expect(report).toMatchObject({ lock_count: 0, offline_s: 0, outage_count: 0, lockslist: [] });
  });
});
