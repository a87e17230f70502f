import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eventListResponseSchema } from '../../../contract/events';
import { platformPassResponseSchema } from '../../../contract/people';
import { startPlatform } from '../platform';
import { call, loginAs } from '../testing';

/** A visitor pass running out: one `access_expired` event, in the history and the feed, never twice (not even across a restart). */
const dir = mkdtempSync(join(tmpdir(), 'lockboard-passes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let clock = new Date('2026-11-10T08:00:00Z');
async function platformOn(dbPath: string) {
  const platform = await startPlatform({ dbPath, simulator: false, seed: { locks: 6, historyDays: 0 }, now: () => clock });
  platform.passExpiry.stop();
  return platform;
}
type Platform = Awaited<ReturnType<typeof platformOn>>;

async function createPass(platform: Platform, email: string, end_date: string) {
  const lockid = platform.db.prepare('SELECT lockid FROM locks ORDER BY id LIMIT 1').pluck().get() as string;
  const token = await loginAs(platform.url, 'manager');
  const res = await call(platform.url, 'POST', '/api/passes', { token, body: { name: email.split('@')[0], email, lockids: [lockid], start_date: '2026-11-10 08:00:00', end_date } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return platformPassResponseSchema.parse(res.body).pass;
}

const expiredEvents = (platform: Platform) =>
  platform.db.prepare(`SELECT lockid, groupid, userid, username, method, actor, event_date FROM events WHERE event_type = 'access_expired' ORDER BY eventid`).all();

describe('a pass running out', () => {
  it('writes one access_expired event for the visitor, shown in the history and the feed; an ended pass writes none', async () => {
    clock = new Date('2026-11-10T08:00:00Z');
    const platform = await platformOn(':memory:');
    const pass = await createPass(platform, 'out@example.com', '2026-11-10 12:00:00');
    const ended = await createPass(platform, 'ended@example.com', '2026-11-10 12:00:00');
    const token = await loginAs(platform.url, 'manager');
    expect((await call(platform.url, 'DELETE', `/api/passes/${ended.passid}`, { token })).status).toBe(200);
    const lastId = platform.db.prepare('SELECT max(eventid) FROM events').pluck().get() as number;
    clock = new Date('2026-11-10T12:00:00Z');
    expect(platform.passExpiry.tick()).toBe(0);
    clock = new Date('2026-11-10T12:00:01Z');
    expect(platform.passExpiry.tick()).toBe(1);
    expect(platform.passExpiry.tick()).toBe(0);
    const expected = { lockid: null, groupid: null, userid: pass.userid, username: 'out', method: 'system', actor: null, event_date: '2026-11-10 12:00:01' };
    expect(expiredEvents(platform)).toEqual([expected]);
    for (const path of ['/api/events?pagenumber=1&limit=10&type=access_expired', `/api/events?afterid=${lastId}&limit=10`, `/api/events?pagenumber=1&limit=10&userid=${pass.userid}`]) {
      const res = await call(platform.url, 'GET', path, { token: await loginAs(platform.url, 'manager') });
      expect(res.status, path).toBe(200);
      const events = eventListResponseSchema.parse(res.body).eventslist;
      expect(events.filter((e) => e.event_type === 'access_expired'), path).toEqual([expect.objectContaining({ ...expected, lockname: null, groupname: null, reason: null })]);
    }
    const listed = await call(platform.url, 'GET', '/api/passes?pagenumber=1&limit=10', { token: await loginAs(platform.url, 'manager') });
    expect(listed.body).toMatchObject({ passeslist: [{ passid: ended.passid, status: 'ended' }, { passid: pass.passid, status: 'expired' }] });
    await platform.close();
  });

  it('is noted once across a restart on the same database file', async () => {
    const file = join(dir, 'platform.db');
    clock = new Date('2026-11-10T08:00:00Z');
    const first = await platformOn(file);
    await createPass(first, 'restart@example.com', '2026-11-10 10:00:00');
    clock = new Date('2026-11-10T11:00:00Z');
    expect(first.passExpiry.tick()).toBe(1);
    await first.close();

    clock = new Date('2026-11-10T12:00:00Z');
    const second = await platformOn(file);
    expect(second.passExpiry.tick()).toBe(0);
    expect(expiredEvents(second)).toHaveLength(1);
    await second.close();
  });

  it('is noted after a restart when it ran out while the platform was down', async () => {
    const file = join(dir, 'down.db');
    clock = new Date('2026-11-10T08:00:00Z');
    const first = await platformOn(file);
    await createPass(first, 'down@example.com', '2026-11-10 10:00:00');
    await first.close();
    clock = new Date('2026-11-10T12:00:00Z');
    const second = await platformOn(file);
    expect(second.passExpiry.tick()).toBe(1);
    expect(expiredEvents(second)).toEqual([expect.objectContaining({ username: 'down', event_date: '2026-11-10 12:00:00' })]);
    await second.close();
  });
});
