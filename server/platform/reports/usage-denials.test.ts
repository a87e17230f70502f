import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { denialsResponseSchema, usageResponseSchema } from '../../../contract/reports';
import { reportPlatform } from './reports-test-kit';

let kit: Awaited<ReturnType<typeof reportPlatform>>;
let a: string, b: string, c: string;
let groupid: number;
const usage = (query: string) => kit.get(usageResponseSchema, `/api/reports/usage?${query}`).then((r) => r.usage);
const denials = (query: string) => kit.get(denialsResponseSchema, `/api/reports/denials?${query}`).then((r) => r.denials);
const WEEK = 'from=2026-12-07&to=2026-12-13';

beforeAll(async () => {
  kit = await reportPlatform();
  [a, b, c] = kit.lockids as [string, string, string];
  // Monday 2026-12-07 08:30 UTC is 09:30 in Berlin: hour of the week 9.
  kit.event(a, 'unlocked', '2026-12-07 08:30:00');
  kit.event(a, 'unlocked', '2026-12-07 08:45:00', { method: 'app' });
  kit.event(a, 'unlocked', '2026-12-07 08:50:00', { method: 'system' }); // a schedule: not a door use
  kit.event(b, 'unlocked', '2026-12-08 23:10:00', { method: 'remote' }); // Wednesday 00:10 in Berlin: hour 48
  kit.event(c, 'unlocked', '2026-12-06 22:59:59'); // before the week (Sunday 23:59 in Berlin)
  for (const reason of ['no_grant', 'no_grant', 'no_grant', 'outside_hours'] as const) kit.event(a, 'access_denied', '2026-12-07 08:30:00', { reason });
  kit.event(b, 'access_denied', '2026-12-09 12:00:00', { reason: 'expired' });
  kit.event(b, 'access_denied', '2026-12-09 13:00:00', { reason: 'expired' });
  kit.event(c, 'access_denied', '2026-12-14 00:00:00', { reason: 'revoked' }); // after the week
  groupid = await kit.group('Usage pair', [b, c]);
});
afterAll(() => kit.close());

describe('GET /api/reports/usage', () => {
  it('counts unlocks of any method but the system, by local hour of the week, busiest doors first', async () => {
    const report = await usage(WEEK);
    expect(report).toMatchObject({ from: '2026-12-07 00:00:00', to: '2026-12-13 23:59:59', total: 3 });
    expect(report.hours[9]).toBe(2);
    expect(report.hours[48]).toBe(1);
    expect(report.lockslist).toEqual([
      { lockid: a, lockname: kit.nameOf(a), uses: 2 },
      { lockid: b, lockname: kit.nameOf(b), uses: 1 },
    ]);
  });

  it('includes `to` to the second and narrows to a group, a lock and `limit`', async () => {
    expect((await usage('from=2026-12-06&to=2026-12-06 22:59:59')).total).toBe(1);
    expect((await usage('from=2026-12-06&to=2026-12-06 22:59:58')).total).toBe(0);
    // One use each: equal counts come in lockid order.
    const group = await usage(`from=2026-12-01&to=2026-12-13&groupid=${groupid}`);
    expect(group.lockslist.map((l) => l.lockid)).toEqual([b, c].sort());
    expect([group.total, group.hours[48], group.hours[167]]).toEqual([2, 1, 1]);
    expect((await usage(`${WEEK}&lockid=${a}`)).total).toBe(2);
    expect((await usage(`${WEEK}&limit=1`)).lockslist.map((l) => l.lockid)).toEqual([a]);
  });
});

describe('GET /api/reports/denials', () => {
  it('groups refusals by reason and by door, each door with its reasons, most first', async () => {
    const report = await denials(WEEK);
    expect(report.total).toBe(6);
    expect(report.reasons).toEqual([
      { reason: 'no_grant', count: 3 },
      { reason: 'expired', count: 2 },
      { reason: 'outside_hours', count: 1 },
    ]);
    expect(report.lockslist).toEqual([
      { lockid: a, lockname: kit.nameOf(a), count: 4, reasons: [{ reason: 'no_grant', count: 3 }, { reason: 'outside_hours', count: 1 }] },
      { lockid: b, lockname: kit.nameOf(b), count: 2, reasons: [{ reason: 'expired', count: 2 }] },
    ]);
    expect(report.hours[9]).toBe(4);
    // Wednesday 12:00 and 13:00 UTC are 13:00 and 14:00 in Berlin.
    expect([report.hours[2 * 24 + 13], report.hours[2 * 24 + 14]]).toEqual([1, 1]);
  });

  it("answers a group's refusals only", async () => {
    const report = await denials(`from=2026-12-07&to=2026-12-14&groupid=${groupid}`);
    expect(report.reasons).toEqual([
      { reason: 'expired', count: 2 },
      { reason: 'revoked', count: 1 },
    ]);
  });
});

describe('report parameters', () => {
  it.each([
    ['/api/reports/uptime?from=2026-12-02&to=2026-12-01', 400, 'to must not be before from'],
    ['/api/reports/usage?from=2025-01-01&to=2026-12-01', 400, 'at most 366 days apart'],
    ['/api/reports/denials?from=2026-12-01', 400, 'to'],
    ['/api/reports/uptime?from=last%20week&to=2026-12-01', 400, 'from must be a date'],
    ['/api/reports/usage?from=2026-12-01&to=2026-12-02&limit=0', 400, 'limit'],
    ['/api/reports/denials?from=2026-12-01&to=2026-12-02&groupid=x', 400, 'groupid'],
    ['/api/reports/uptime?from=2026-12-01&to=2026-12-02&groupid=99999', 404, 'groupid: no lock group 99999'],
    ['/api/reports/usage?from=2026-12-01&to=2026-12-02&lockid=NOPE', 404, 'lockid: no lock NOPE'],
  ])('%s → %i naming the parameter', async (path, status, msg) => {
    const answer = await kit.refused(path);
    expect(answer.status).toBe(status);
    expect(answer.msg).toContain(msg);
  });

  it('answers only a signed-in account', async () => {
    expect((await kit.refused('/api/reports/uptime?from=2026-12-01&to=2026-12-02', '')).status).toBe(401);
  });
});
