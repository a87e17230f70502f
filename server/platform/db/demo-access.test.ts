import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GrantMethod } from '../../../contract/constants';
import { fromPlatformDate } from '../../../contract/envelope';
import { type GrantRule, decide } from '../access/enforce';
import { startPlatform } from '../platform';

/** The demo's access as the e2e suite seeds it (240 locks, 14 days): grants of every kind, and a history that agrees with them. */
const NOW = new Date('2026-11-26T15:00:00Z');
let platform: Awaited<ReturnType<typeof startPlatform>>;

interface GrantRow extends GrantRule {
  userid: number;
  lockid: string | null;
  groupid: number | null;
  passcode: string | null;
  created_date: string;
  status: string;
}

beforeAll(async () => {
  platform = await startPlatform({ dbPath: ':memory:', simulator: false, requireAuth: false, seed: { locks: 240, historyDays: 14 }, now: () => NOW });
}, 60_000);
afterAll(() => platform.close());

const all = <T>(sql: string, ...params: unknown[]) => platform.db.prepare(sql).all(...params) as T[];

describe('the seeded access', () => {
  it('has lock and group grants of every status and method, people with email and phone', () => {
    const grants = all<GrantRow>('SELECT *, grant_status(start_date, end_date, revoked_date) AS status FROM grants');
    expect(new Set(grants.map((g) => g.status))).toEqual(new Set(['active', 'scheduled', 'expired', 'revoked']));
    expect(new Set(grants.map((g) => g.method))).toEqual(new Set(['app', 'keypad', 'card', 'fingerprint']));
    expect(grants.some((g) => g.lockid !== null)).toBe(true);
    expect(grants.some((g) => g.groupid !== null)).toBe(true);
    expect(grants.some((g) => g.weekdays !== null && g.start_time !== null)).toBe(true);
    expect(grants.filter((g) => g.method === 'keypad').every((g) => /^\d{6}$/.test(g.passcode ?? ''))).toBe(true);
    expect(grants.filter((g) => g.method === 'keypad').length).toBeGreaterThan(5);
    const people = all<{ email: string | null; phone: string | null }>(`SELECT email, phone FROM users WHERE role = 'person'`);
    expect(people.length).toBeGreaterThan(20);
    expect(people.every((p) => p.email?.endsWith('@example.com') && p.phone?.startsWith('+1 555-'))).toBe(true);
  });

  it('gives every lock live keypad codes that differ', () => {
    const rows = all<{ lockid: string; passcode: string }>(`
      SELECT l.lockid, g.passcode FROM locks l JOIN grants g ON g.lockid = l.lockid
        OR g.groupid IN (SELECT groupid FROM lockgroup_members WHERE lock_id = l.id)
      WHERE g.method = 'keypad' AND grant_status(g.start_date, g.end_date, g.revoked_date) IN ('active', 'scheduled')`);
    expect(rows.length).toBeGreaterThan(100);
    const seen = new Set<string>();
    for (const row of rows) {
      const key = `${row.lockid} ${row.passcode}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
    }
  });

  it('has grants, revocations (by the demo manager) and refused attempts with several reasons in the history', () => {
    const counts = all<{ event_type: string; n: number }>(`SELECT event_type, count(*) AS n FROM events WHERE event_type LIKE 'access_%' GROUP BY 1`);
    expect(Object.fromEntries(counts.map((c) => [c.event_type, c.n]))).toMatchObject({
      access_granted: expect.any(Number),
      access_revoked: expect.any(Number),
      access_denied: expect.any(Number),
    });
    const reasons = all<{ reason: string }>(`SELECT DISTINCT reason FROM events WHERE event_type = 'access_denied'`).map((r) => r.reason);
    expect(reasons.length).toBeGreaterThanOrEqual(4);
    const changes = all<{ actor: string | null; lockid: string | null; groupid: number | null; groupname: string | null }>(
      `SELECT actor, lockid, groupid, groupname FROM events WHERE event_type IN ('access_granted', 'access_revoked')`,
    );
    expect(changes.every((e) => e.actor === 'Demo Manager' && (e.lockid === null) === (e.groupid !== null))).toBe(true);
    expect(changes.some((e) => e.lockid === null && e.groupname !== null)).toBe(true);
    // A possible break-in attempt: three refusals at one door within five minutes.
    const bursts = all<{ n: number }>(`
      SELECT count(*) AS n FROM events a JOIN events b ON b.lockid = a.lockid AND b.event_type = 'access_denied'
        AND b.event_date BETWEEN a.event_date AND datetime(a.event_date, '+5 minutes')
      WHERE a.event_type = 'access_denied' GROUP BY a.eventid HAVING n >= 3`);
    expect(bursts.length).toBeGreaterThan(0);
  });

  it('only lets people through whom the grants of that moment allowed, and refuses with the reason they give', () => {
    const grants = all<GrantRow>('SELECT * FROM grants');
    const groupsOf = new Map<string, number[]>();
    for (const r of all<{ lockid: string; groupid: number }>('SELECT l.lockid, m.groupid FROM lockgroup_members m JOIN locks l ON l.id = m.lock_id')) {
      groupsOf.set(r.lockid, [...(groupsOf.get(r.lockid) ?? []), r.groupid]);
    }
    const asOf = (userid: number, lockid: string, t: number): GrantRule[] =>
      grants
        .filter((g) => g.userid === userid && (g.lockid === lockid || (g.groupid !== null && (groupsOf.get(lockid) ?? []).includes(g.groupid))))
        .filter((g) => fromPlatformDate(g.created_date).getTime() <= t)
        .map((g) => (g.revoked_date !== null && fromPlatformDate(g.revoked_date).getTime() > t ? { ...g, revoked_date: null } : g));
    const uses = all<{ lockid: string; userid: number; method: GrantMethod; event_date: string; event_type: string; reason: string | null }>(`
      SELECT lockid, userid, method, event_date, event_type, reason FROM events
      WHERE (event_type = 'unlocked' AND method <> 'remote' AND userid IS NOT NULL) OR event_type = 'access_denied'`);
    expect(uses.filter((u) => u.event_type === 'unlocked').length).toBeGreaterThan(1000);
    for (const use of uses) {
      const t = fromPlatformDate(use.event_date).getTime();
      const decision = decide(asOf(use.userid, use.lockid, t), use.method, t, 'UTC');
      const said = use.event_type === 'unlocked' ? 'allowed' : use.reason;
      expect(decision.allowed ? 'allowed' : decision.reason, JSON.stringify(use)).toBe(said);
    }
  });

  it('comes out the same every time', async () => {
    const again = await startPlatform({ dbPath: ':memory:', simulator: false, requireAuth: false, seed: { locks: 240, historyDays: 14 }, now: () => NOW });
    try {
      const dump = (db: typeof platform.db) => [
        db.prepare('SELECT * FROM grants ORDER BY grantid').all(),
        db.prepare(`SELECT * FROM events WHERE event_type LIKE 'access_%' OR userid IS NOT NULL ORDER BY eventid`).all(),
      ];
      expect(dump(again.db)).toEqual(dump(platform.db));
    } finally {
      await again.close();
    }
  }, 60_000);
});
