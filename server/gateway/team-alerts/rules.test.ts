import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AlertRule, Contact } from '../../../contract/team-alerts';
import { type TeamAlertsWorld, startWorld } from './test-kit';
import { STORE_ENGINES, closeTestStores } from '../../../test-support/store-engines';

afterAll(closeTestStores);

describe.each(STORE_ENGINES)('on %s', (engine) => {
  let world: TeamAlertsWorld;
  let contactids: number[];

  beforeAll(async () => {
    world = await startWorld(engine);
  }, 60_000);
  afterAll(async () => {
    await world.close();
  });
  beforeEach(async () => {
    await world.store.db.deleteFrom('alert_rules').execute();
    await world.store.db.deleteFrom('contacts').execute();
    contactids = [];
    for (const name of ['Ana', 'Ben']) {
      const made = await world.manager('POST', '/api/contacts', { name, channel: 'email', address: `${name.toLowerCase()}@example.com` });
      contactids.push((made.body.contact as Contact).contactid);
    }
  });

  const serverRooms = () => ({
    name: 'Server rooms at night',
    kind: 'door-used',
    scope: { groupids: [2] },
    schedule: { days: '1234567', from: '20:00', to: '06:00', timezone: 'Europe/Paris' },
    contactids: [contactids[0]],
  });

  describe('alert rules', () => {
    it('creates a rule with the defaults filled in, lists it for support, changes and deletes it', async () => {
      const created = await world.manager('POST', '/api/alert-rules', { name: 'Left open', kind: 'left-unlocked', scope: { all: true } });
      expect(created.status, JSON.stringify(created.body)).toBe(200);
      const rule = created.body.rule as AlertRule;
      expect(rule).toEqual({
        ruleid: expect.any(Number),
        name: 'Left open',
        kind: 'left-unlocked',
        enabled: true,
        scope: { all: true },
        threshold_s: 600,
        schedule: null,
        when: 'always',
        contactids: [],
        escalate_after_s: null,
        escalate_contactids: [],
      });

      const listed = await world.support('GET', '/api/alert-rules');
      expect(listed.body).toMatchObject({ status: 1, ruleslist: [rule] });

      const changed = await world.manager('PUT', `/api/alert-rules/${rule.ruleid}`, { threshold_s: 0, escalate_after_s: 300, escalate_contactids: [contactids[1]] });
      expect(changed.status, JSON.stringify(changed.body)).toBe(200);
      expect(changed.body.rule).toEqual({ ...rule, threshold_s: 0, escalate_after_s: 300, escalate_contactids: [contactids[1]] });

      const deleted = await world.manager('DELETE', `/api/alert-rules/${rule.ruleid}`);
      expect(deleted.status).toBe(200);
      expect((await world.manager('GET', '/api/alert-rules')).body.ruleslist).toEqual([]);
      expect(await world.manager('DELETE', `/api/alert-rules/${rule.ruleid}`)).toMatchObject({ status: 404, body: { status: 0, msg: `No such rule: ${rule.ruleid}` } });
    });

    it('keeps a watched window that passes midnight, in a named zone', async () => {
      const created = await world.manager('POST', '/api/alert-rules', serverRooms());
      expect(created.status, JSON.stringify(created.body)).toBe(200);
      expect(created.body.rule).toMatchObject({ kind: 'door-used', threshold_s: 0, schedule: serverRooms().schedule, scope: { groupids: [2] } });
    });

    it('keeps a door-used rule for doors opened outside their own schedule, with no watched hours of its own', async () => {
      const created = await world.manager('POST', '/api/alert-rules', { ...serverRooms(), schedule: null, when: 'outside-schedule' });
      expect(created.status, JSON.stringify(created.body)).toBe(200);
      expect(created.body.rule).toMatchObject({ kind: 'door-used', schedule: null, when: 'outside-schedule' });
    });

    it('refuses a bad rule with a message naming the field', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ name: '' }, 'name: name must be 1 to 80 characters'],
        [{ name: 'x'.repeat(81) }, 'name must be 1 to 80 characters'],
        [{ kind: 'fire' }, 'kind must be one of left-unlocked'],
        [{ scope: { groupids: [] } }, 'scope'],
        [{ scope: {} }, 'scope must be {all: true}'],
        [{ threshold_s: 604_801 }, 'threshold_s must be from 0 to 604800 seconds'],
        [{ schedule: { days: '1123', from: '20:00', to: '06:00', timezone: 'UTC' } }, 'days must not repeat a day'],
        [{ schedule: { days: '8', from: '20:00', to: '06:00', timezone: 'UTC' } }, 'schedule.days'],
        [{ schedule: { days: '12', from: '24:00', to: '06:00', timezone: 'UTC' } }, 'schedule.from'],
        [{ schedule: { days: '12', from: '06:00', to: '06:00', timezone: 'UTC' } }, 'to must differ from from'],
        [{ schedule: { days: '12', from: '20:00', to: '06:00', timezone: 'Mars/Olympus' } }, 'timezone must be an IANA time zone'],
        [{ when: 'sometimes' }, 'when must be always or outside-schedule'],
        [{ kind: 'left-unlocked', when: 'outside-schedule' }, 'when "outside-schedule" is only for door-used rules'],
        [{ contactids: [987654] }, 'No such contact: 987654'],
        [{ escalate_after_s: 30, escalate_contactids: [1] }, 'escalate_after_s must be from 60 to 86400 seconds'],
        [{ escalate_after_s: 600 }, 'escalate_contactids must name at least one contact'],
        [{ colour: 'red' }, 'Unknown field: colour'],
      ];
      for (const [change, says] of cases) {
        const answer = await world.manager('POST', '/api/alert-rules', { ...serverRooms(), ...change });
        expect(answer.status, says).toBe(400);
        expect(answer.body, says).toEqual({ status: 0, msg: expect.stringContaining(says) });
      }
      expect((await world.manager('GET', '/api/alert-rules')).body.ruleslist).toEqual([]);
    });

    it('checks a change against the whole rule, and refuses it to support', async () => {
      const rule = (await world.manager('POST', '/api/alert-rules', serverRooms())).body.rule as AlertRule;
      const bad = await world.manager('PUT', `/api/alert-rules/${rule.ruleid}`, { escalate_after_s: 600 });
      expect(bad).toMatchObject({ status: 400, body: { msg: expect.stringContaining('escalate_contactids') } });
      expect((await world.support('PUT', `/api/alert-rules/${rule.ruleid}`, { name: 'Mine' })).status).toBe(403);
      expect((await world.support('POST', '/api/alert-rules', serverRooms())).status).toBe(403);
      expect((await world.manager('GET', '/api/alert-rules')).body.ruleslist).toEqual([rule]);
    });
  });
});
