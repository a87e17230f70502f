import { afterEach, describe, expect, it } from 'vitest';
import { signIn, startGateway } from '../../test-support/gateway';
import { CAPPED_TOTALS, type CappedTotals, MANAGER, cappedHost, lockFleet } from '../../test-support/odd-host';
import { StandInUpstream } from '../../test-support/stand-in-upstream';

/**
 * A host that sends at most 50 rows a page whatever `limit` asks (the gateway asks 100), with its
 * totals in each of the ways real hosts send them: every place where the gateway reads a whole
 * list itself must reach every row.
 */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

const CAP = 50;
const FLEET = 237;

async function setUp(totals: CappedTotals, events: Record<string, unknown>[] = []) {
  const host = cappedHost({ locks: lockFleet(FLEET), events, cap: CAP, totals });
  const upstream = await new StandInUpstream(host.handler).start();
  const gateway = await startGateway(upstream.url);
  cleanups.push(() => upstream.stop(), () => gateway.close());
  const session = await signIn(gateway.url, MANAGER.email, MANAGER.password);
  return { gateway, session, host, upstream };
}

const event = (id: number) => ({ eventid: id, lockid: 'EM000001', lockname: 'Door 1', event_type: 'unlocked', userid: null, username: null, method: 'card', event_date: '2026-11-01 10:00:00', battery_level: null });

// A bulk command over the fleet writes an audit record per lock (237) before it answers: more than
// Vitest's 5 s on a loaded machine.
describe.each(CAPPED_TOTALS)('a host capping pages at 50 rows, totals: %s', { timeout: 20_000 }, (totals) => {
  it('bulk commands for all locks reach every lock, each once', async () => {
    const { gateway, session, host } = await setUp(totals);
    const response = await fetch(`${gateway.url}/api/commands`, {
      method: 'POST',
      headers: { ...session, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'lock', all: true }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { summary: { done: number } };
    expect(body.summary.done).toBe(FLEET);
    expect(new Set(host.commands).size).toBe(FLEET);
    expect(host.commands).toHaveLength(FLEET);
  });

  it('bulk commands for a group reach every lock of the group and no other', async () => {
    const { gateway, session, host } = await setUp(totals);
    const response = await fetch(`${gateway.url}/api/commands`, {
      method: 'POST',
      headers: { ...session, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'unlock', groupid: 2 }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 1 });
    const evens = lockFleet(FLEET).filter((_, i) => i % 2 === 1).map((l) => l.lockid);
    expect([...host.commands].sort()).toEqual(evens);
  });

  it('the password reveal finds a lock on the host’s last page', async () => {
    const { gateway, session } = await setUp(totals);
    const response = await fetch(`${gateway.url}/api/locks/EM000237/password`, { headers: session });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ lockid: 'EM000237', lock_password: 'secret-EM000237' });
    const missing = await fetch(`${gateway.url}/api/locks/EM999999/password`, { headers: session });
    expect(missing.status).toBe(404);
    await missing.body?.cancel();
  });

  it('the Activity export writes every event once', async () => {
    const events = Array.from({ length: FLEET }, (_, i) => event(FLEET - i));
    const { gateway, session } = await setUp(totals, events);
    const response = await fetch(`${gateway.url}/api/events/export.csv`, { headers: session });
    expect(response.status).toBe(200);
    const ids = (await response.text()).trimEnd().split('\r\n').slice(1).map((row) => Number(row.split(',')[0]));
    expect(ids).toEqual(events.map((e) => e.eventid));
  });
});

describe('a host whose pages repeat', () => {
  it('stops at a page that brings nothing new (a host ignoring pagenumber), after every lock it has', async () => {
    const locks = lockFleet(30);
    const host = cappedHost({ locks, cap: 100, totals: 'none' });
    const upstream = await new StandInUpstream((request, response) => {
      // Every page is the first page.
      request.url = request.url.replace(/pagenumber=\d+/, 'pagenumber=1');
      return host.handler(request, response);
    }).start();
    const gateway = await startGateway(upstream.url);
    cleanups.push(() => upstream.stop(), () => gateway.close());
    const session = await signIn(gateway.url, MANAGER.email, MANAGER.password);
    const response = await fetch(`${gateway.url}/api/commands`, {
      method: 'POST',
      headers: { ...session, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'lock', all: true }),
    });
    expect(await response.json()).toMatchObject({ status: 1, summary: { done: 30 } });
    expect(host.commands).toHaveLength(30);
    expect(upstream.requests.filter((r) => r.url.startsWith('/api/locks?') && r.url.includes('limit=100'))).toHaveLength(2);
  });
});
