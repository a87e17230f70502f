import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Delivery, OutboxMessage } from '../../../contract/team-alerts';
import { type TeamAlertsWorld, insertAlert, startWorld } from './test-kit';
import { STORE_ENGINES, closeTestStores } from '../../../test-support/store-engines';

afterAll(closeTestStores);

describe.each(STORE_ENGINES)('on %s', (engine) => {
  let world: TeamAlertsWorld;

  beforeAll(async () => {
    world = await startWorld(engine);
    const at = Date.UTC(2026, 0, 2, 8, 0, 0);
    for (let i = 1; i <= 5; i += 1) {
      await world.store.db
        .insertInto('deliveries')
        .values({
          messageid: `msg_${i}`,
          alertid: i <= 3 ? 7 : 8,
          contactid: i % 2 ? 1 : 2,
          channel: 'webhook',
          attempt: 1,
          state: i === 5 ? 'retrying' : 'sent',
          status_code: i === 5 ? 503 : 200,
          detail: i === 5 ? 'HTTP 503' : 'HTTP 200',
          created_at: at + i * 1000,
          next_attempt_at: i === 5 ? at + 60_000 : null,
        })
        .execute();
      await world.store.db
        .insertInto('mail_outbox')
        .values({ messageid: `mail_${i}`, recipient: 'ana@example.com', subject: `Alert ${i}`, text: `Door ${i} left unlocked`, html: null, created_at: at + i * 1000 })
        .execute();
    }
  }, 60_000);
  afterAll(async () => {
    await world.close();
  });

  describe('the delivery log', () => {
    it('lists deliveries newest first, filtered and paged by beforeid', async () => {
      const all = await world.manager('GET', '/api/deliveries');
      const list = all.body.deliverieslist as Delivery[];
      expect(list.map((d) => d.messageid)).toEqual(['msg_5', 'msg_4', 'msg_3', 'msg_2', 'msg_1']);
      expect(list[0]).toEqual({
        deliveryid: expect.any(Number),
        messageid: 'msg_5',
        alertid: 8,
        contactid: 1,
        channel: 'webhook',
        attempt: 1,
        state: 'retrying',
        status_code: 503,
        detail: 'HTTP 503',
        date: '2026-01-02 08:00:05',
        next_attempt_date: '2026-01-02 08:01:00',
      });
      const ofAlert = (await world.manager('GET', '/api/deliveries?alertid=7')).body.deliverieslist as Delivery[];
      expect(ofAlert.map((d) => d.messageid)).toEqual(['msg_3', 'msg_2', 'msg_1']);
      const ofContact = (await world.manager('GET', '/api/deliveries?contactid=2&state=sent')).body.deliverieslist as Delivery[];
      expect(ofContact.map((d) => d.messageid)).toEqual(['msg_4', 'msg_2']);
      const page = (await world.manager('GET', `/api/deliveries?limit=2&beforeid=${list[1]?.deliveryid}`)).body.deliverieslist as Delivery[];
      expect(page.map((d) => d.messageid)).toEqual(['msg_3', 'msg_2']);
      expect((await world.manager('GET', '/api/deliveries?state=lost')).status).toBe(400);
    });

    it('and the outbox are managers\' only', async () => {
      expect((await world.support('GET', '/api/deliveries')).status).toBe(403);
      expect((await world.support('GET', '/api/outbox')).status).toBe(403);
    });
  });

  describe('the outbox', () => {
    it('lists kept mail newest first, paged by beforeid', async () => {
      const first = (await world.manager('GET', '/api/outbox?limit=2')).body.messageslist as OutboxMessage[];
      expect(first.map((m) => m.subject)).toEqual(['Alert 5', 'Alert 4']);
      expect(first[0]).toEqual({ mailid: expect.any(Number), messageid: 'mail_5', to: 'ana@example.com', subject: 'Alert 5', text: 'Door 5 left unlocked', date: '2026-01-02 08:00:05' });
      const next = (await world.manager('GET', `/api/outbox?limit=2&beforeid=${first[1]?.mailid}`)).body.messageslist as OutboxMessage[];
      expect(next.map((m) => m.subject)).toEqual(['Alert 3', 'Alert 2']);
      expect((await world.manager('GET', '/api/outbox?alertid=1')).body.msg).toBe('Unknown parameter: alertid');
    });
  });

  describe('the audit log', () => {
    it('records rule and contact changes and acknowledgements', async () => {
      const contact = await world.manager('POST', '/api/contacts', { name: 'Ana', channel: 'email', address: 'ana@example.com' });
      const rule = await world.manager('POST', '/api/alert-rules', { name: 'Offline', kind: 'offline', scope: { all: true } });
      const alertid = await insertAlert(world.store, { kind: 'offline' });
      const acked = await world.manager('POST', `/api/team-alerts/${alertid}/ack`, { note: 'seen' });
      expect([contact.status, rule.status, acked.status]).toEqual([200, 200, 200]);
      const records = world.auditLines.map((line) => JSON.parse(line) as { action: string; result: string; detail?: string; user?: { email: string } });
      expect(records.find((a) => a.action === 'contact-created')).toMatchObject({ result: 'ok', detail: expect.stringContaining('"Ana" (email)') });
      expect(records.find((a) => a.action === 'rule-created')).toMatchObject({ detail: expect.stringContaining('"Offline" (offline)'), user: { email: expect.any(String) } });
      expect(records.find((a) => a.action === 'alert-ack')).toMatchObject({ result: 'ok', detail: expect.stringContaining(`alert ${alertid}`) });
    });
  });
});
