import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TeamAlert } from '../../../contract/team-alerts';
import { type TeamAlertsWorld, caller, insertAlert, startWorld } from './test-kit';
import { STORE_ENGINES, closeTestStores } from '../../../test-support/store-engines';

afterAll(closeTestStores);

describe.each(STORE_ENGINES)('on %s', (engine) => {
  let world: TeamAlertsWorld;

  beforeAll(async () => {
    world = await startWorld(engine);
  }, 60_000);
  afterAll(async () => {
    await world.close();
  });
  beforeEach(async () => {
    for (const table of ['alerts', 'alert_reads', 'alert_read_marks', 'alert_rules'] as const) await world.store.db.deleteFrom(table).execute();
    world.recorded.enqueued.length = 0;
  });

  const ids = (body: Record<string, unknown>) => (body.alertslist as TeamAlert[]).map((a) => a.alertid);
  const reads = (body: Record<string, unknown>) => Object.fromEntries((body.alertslist as TeamAlert[]).map((a) => [a.alertid, a.read]));

  describe('GET /api/team-alerts', () => {
    it('lists every open alert worst first, newest first within a severity, with the notifier state', async () => {
      const oldCritical = await insertAlert(world.store, { severity: 'critical' });
      const info = await insertAlert(world.store, { severity: 'info', kind: 'access-denied' });
      const warning = await insertAlert(world.store, { severity: 'warning', kind: 'battery-low' });
      const newCritical = await insertAlert(world.store, { severity: 'critical', kind: 'offline' });
      await insertAlert(world.store, { severity: 'critical', closed_at: Date.now(), closed_reason: 'resolved' });

      const answer = await world.support('GET', '/api/team-alerts?state=open');
      expect(answer.status).toBe(200);
      expect(ids(answer.body)).toEqual([newCritical, oldCritical, warning, info]);
      expect(answer.body).toMatchObject({ status: 1, msg: '', totalCount: 4, notifier: { state: 'running', msg: 'Watching the feed' } });
      const first = (answer.body.alertslist as TeamAlert[])[0];
      expect(first).toMatchObject({ kind: 'offline', severity: 'critical', read: 0, acked_by: null, closed_date: null });
      expect(first?.opened_date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    });

    it('pages every alert newest first by beforeid, and filters by kind', async () => {
      const made: number[] = [];
      for (let i = 0; i < 5; i += 1) made.push(await insertAlert(world.store, { closed_at: i % 2 ? Date.now() : null, kind: i === 4 ? 'offline' : 'left-unlocked' }));
      const newestFirst = [...made].reverse();

      const first = await world.manager('GET', '/api/team-alerts?state=all&limit=2');
      expect(ids(first.body)).toEqual(newestFirst.slice(0, 2));
      expect(first.body.totalCount).toBe(5);
      const second = await world.manager('GET', `/api/team-alerts?state=all&limit=2&beforeid=${newestFirst[1]}`);
      expect(ids(second.body)).toEqual(newestFirst.slice(2, 4));
      const last = await world.manager('GET', `/api/team-alerts?state=all&limit=2&beforeid=${newestFirst[3]}`);
      expect(ids(last.body)).toEqual(newestFirst.slice(4));

      const offline = await world.manager('GET', '/api/team-alerts?state=all&kind=offline');
      expect(ids(offline.body)).toEqual([made[4]]);
    });

    it('refuses bad parameters with a message naming them', async () => {
      for (const [query, says] of [
        ['state=closed', 'state must be open or all'],
        ['state=all&limit=101', 'limit must be at most 100'],
        ['state=all&beforeid=x', 'beforeid must be a whole number'],
        ['token=1', 'Unknown parameter: token'],
      ] as const) {
        const answer = await world.manager('GET', `/api/team-alerts?${query}`);
        expect(answer.status, query).toBe(400);
        expect(answer.body).toEqual({ status: 0, msg: expect.stringContaining(says) });
      }
    });

    it('needs a session', async () => {
      const answer = await caller(world.gateway.url, {})('GET', '/api/team-alerts');
      expect(answer.status).toBe(401);
    });
  });

  describe('read marks', () => {
    it('are per user: what the manager reads stays unread for support, and all: true marks everything so far', async () => {
      const a = await insertAlert(world.store);
      const b = await insertAlert(world.store);
      expect((await world.manager('POST', '/api/team-alerts/read', { alertids: [a] })).status).toBe(200);

      expect(reads((await world.manager('GET', '/api/team-alerts')).body)).toEqual({ [a]: 1, [b]: 0 });
      // The same user in another browser sees the same marks.
      expect(reads((await world.manager2('GET', '/api/team-alerts')).body)).toEqual({ [a]: 1, [b]: 0 });
      expect(reads((await world.support('GET', '/api/team-alerts')).body)).toEqual({ [a]: 0, [b]: 0 });

      // Support may mark its own (the one change it may make).
      const marked = await world.support('POST', '/api/team-alerts/read', { all: true });
      expect(marked.status).toBe(200);
      const c = await insertAlert(world.store);
      expect(reads((await world.support('GET', '/api/team-alerts')).body)).toEqual({ [a]: 1, [b]: 1, [c]: 0 });
      expect(reads((await world.manager('GET', '/api/team-alerts')).body)).toEqual({ [a]: 1, [b]: 0, [c]: 0 });
    });

    it('refuses a body that names nothing, and a request from another site', async () => {
      const empty = await world.support('POST', '/api/team-alerts/read', {});
      expect(empty.status).toBe(400);
      expect(empty.body.msg).toContain('alertids');
      const response = await fetch(`${world.gateway.url}/api/team-alerts/read`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://evil.example' },
        body: JSON.stringify({ all: true }),
      });
      expect(response.status).toBe(403);
    });
  });

  describe('POST /api/team-alerts/:alertid/ack', () => {
    it('names who acknowledged, is seen in another session, stops escalation and tells the rule\'s contacts; a second ack is 409', async () => {
      const rule = await world.store.db
        .insertInto('alert_rules')
        .values({ name: 'Doors', kind: 'left-unlocked', enabled: 1, scope: '{"all":true}', threshold_s: 600, schedule: null, when_mode: 'always', contactids: '[4,5]', escalate_after_s: 600, escalate_contactids: '[6]', created_at: 1, updated_at: 1 })
        .returning('ruleid')
        .executeTakeFirstOrThrow();
      const alertid = await insertAlert(world.store, { ruleid: rule.ruleid, escalate_at: Date.now() + 600_000 });

      const acked = await world.manager('POST', `/api/team-alerts/${alertid}/ack`, { note: 'On my way' });
      expect(acked.status).toBe(200);
      expect(acked.body.alert).toMatchObject({ alertid, acked_by: { name: expect.any(String) }, ack_note: 'On my way', closed_date: null });
      expect((acked.body.alert as TeamAlert).acked_date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      const row = await world.store.db.selectFrom('alerts').selectAll().where('alertid', '=', alertid).executeTakeFirstOrThrow();
      expect(row.escalate_at).toBeNull();
      expect(world.recorded.enqueued).toEqual([{ alertid, type: 'alert.acknowledged', contactids: [4, 5] }]);

      const seen = (await world.manager2('GET', '/api/team-alerts')).body.alertslist as TeamAlert[];
      expect(seen.find((a) => a.alertid === alertid)?.ack_note).toBe('On my way');

      const again = await world.manager2('POST', `/api/team-alerts/${alertid}/ack`, {});
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ status: 0, msg: expect.stringMatching(/^Already acknowledged by .+ at \d{4}-/), alert: { alertid, acked_by: { name: expect.any(String) }, ack_note: 'On my way' } });
    });

    it('closes an alert about a moment (access denied, door used), but not a lasting condition', async () => {
      const moment = await insertAlert(world.store, { kind: 'door-used', open_key: 'rule:1:lock:L1' });
      const lasting = await insertAlert(world.store, { kind: 'offline', open_key: 'rule:2:lock:L1' });
      expect((await world.manager('POST', `/api/team-alerts/${moment}/ack`)).status).toBe(200);
      expect((await world.manager('POST', `/api/team-alerts/${lasting}/ack`, {})).status).toBe(200);
      expect(ids((await world.manager('GET', '/api/team-alerts?state=open')).body)).toEqual([lasting]);
      const closed = await world.store.db.selectFrom('alerts').selectAll().where('alertid', '=', moment).executeTakeFirstOrThrow();
      expect(closed).toMatchObject({ closed_reason: null, open_key: null });
      expect(closed.closed_at).toEqual(expect.any(Number));
    });

    it('is refused to support, 404 for an unknown alert, 400 for a bad id', async () => {
      const alertid = await insertAlert(world.store);
      const denied = await world.support('POST', `/api/team-alerts/${alertid}/ack`, {});
      expect(denied.status).toBe(403);
      expect((await world.manager('GET', '/api/team-alerts')).body.alertslist).toMatchObject([{ alertid, acked_by: null }]);
      expect(await world.manager('POST', '/api/team-alerts/999999/ack', {})).toMatchObject({ status: 404, body: { status: 0, msg: 'No such alert: 999999' } });
      expect((await world.manager('POST', '/api/team-alerts/0/ack', {})).status).toBe(400);
      expect((await world.manager('POST', `/api/team-alerts/${alertid}/ack`, { note: 'x'.repeat(501) })).status).toBe(400);
    });
  });
});
