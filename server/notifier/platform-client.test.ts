import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_ACCOUNTS, FakeTokens } from '../../test-support/fake-fleet';
import { StandInUpstream, sendJson } from '../../test-support/stand-in-upstream';
import { type ScheduleHostOptions, scheduleHost } from '../gateway/schedules-host.test-support';
import { PlatformClient } from './platform-client';

/** The notifier's reads of a platform with door schedules and lockdowns: a stand-in on port 0. */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

const LIFTED = { eventid: 12, lockid: null, lockname: null, event_type: 'lockdown_lifted', userid: null, username: null, method: 'system', event_date: '2026-12-07 16:30:00', battery_level: null, actor: 'Mia Manager', groupid: 5, groupname: 'HQ' };

async function clientOf(options: ScheduleHostOptions) {
  const tokens = new FakeTokens();
  const host = scheduleHost(tokens, options);
  const upstream = await new StandInUpstream((request, response) => {
    if (request.url.startsWith('/api/events?afterid=')) return sendJson(response, 200, { status: 1, msg: '', eventslist: [LIFTED] });
    return host(request, response);
  }).start();
  cleanups.push(() => upstream.stop());
  const { email, password } = FAKE_ACCOUNTS.manager;
  // The platform's wall clock is Berlin's; a schedule's `until` is UTC on the wire all the same.
  return new PlatformClient(upstream.url, { email, password }, 'Europe/Berlin', () => Date.parse('2026-12-07T16:00:00Z'));
}

describe('the notifier\'s platform client', () => {
  it('reads each lock\'s door schedule from the lock list, its end as UTC', async () => {
    const locks = await (await clientOf({})).locks();
    expect(locks.EM000001?.schedule).toEqual({ name: 'Office hours', state: 'unlocked', until: Date.parse('2026-12-07T18:00:00Z') });
    expect(locks.EM000002?.schedule).toBeNull();
  });

  it('reads which locks a lockdown holds (a schedule cannot fail on them)', async () => {
    const locks = await (await clientOf({ inLockdown: ['EM000002'] })).locks();
    expect(Object.values(locks).map((l) => `${l.lockid} ${l.lockdown}`)).toEqual(['EM000001 false', 'EM000002 true', 'EM000003 false']);
  });

  it('reads no schedule from a host without them', async () => {
    const locks = await (await clientOf({ features: false })).locks();
    expect(Object.values(locks).map((l) => l.schedule)).toEqual([null, null, null]);
  });

  it('reads a group-level event\'s group', async () => {
    const [event] = await (await clientOf({})).eventsAfter(0);
    expect(event).toMatchObject({ type: 'lockdown_lifted', lockid: null, groupid: 5, groupname: 'HQ', actor: 'Mia Manager', at: Date.parse('2026-12-07T15:30:00Z') });
  });
});
