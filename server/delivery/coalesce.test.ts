import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '../../test-support/webhook-receiver';
import type { Store } from '../store/store';
import { addAlert, addContact, memoryStore, testDelivery } from './delivery-fixtures';

/** Storms fold into a digest and repeats are dropped: what reaches each contact, counted at the receiver. */
let store: Store;
let receiver: WebhookReceiver;
let clock: number;

beforeEach(async () => {
  store = await memoryStore();
  receiver = await startWebhookReceiver();
  clock = Date.UTC(2026, 4, 4, 2, 0, 0);
});

afterEach(async () => {
  await receiver.close();
  await store.close();
});

const MINUTE = 60_000;

async function sentTo(contactid: number) {
  return store.db.selectFrom('messages').selectAll().where('contactid', '=', contactid).orderBy('created_at').execute();
}

describe('storms', () => {
  it('40 locks offline within a minute: the first message at once, then one digest, for every contact', async () => {
    const hook = await addContact(store.db, { channel: 'webhook', address: receiver.url, secret: receiver.secret });
    const mail = await addContact(store.db, { channel: 'email', address: 'ops@example.test' });
    const delivery = testDelivery(store.db, { now: () => clock, stormWindowMs: MINUTE });
    for (let i = 1; i <= 40; i += 1) {
      const alertid = await addAlert(store.db, { ruleid: 4, kind: 'offline', lockid: `L${i}`, lockname: `Door ${i}`, title: `Door ${i} offline`, at: clock });
      await delivery.enqueue({ alertid, type: 'alert.opened', contactids: [hook, mail] });
      await delivery.runOnce();
      clock += 1400;
    }
    expect(receiver.received).toHaveLength(1);
    clock += MINUTE;
    await delivery.runOnce();

    expect(receiver.received).toHaveLength(2);
    expect(receiver.received.map((r) => r.verified)).toEqual([true, true]);
    const digest = receiver.received[1]!.body as { type: string; data: { alert: { lockid: string }; alerts: { lockid: string }[]; total: number; link: string } };
    expect(digest.type).toBe('alert.opened');
    expect(digest.data.total).toBe(39);
    expect(digest.data.alerts.map((a) => a.lockid)).toEqual(Array.from({ length: 39 }, (_, i) => `L${i + 2}`));
    expect(digest.data.alert.lockid).toBe('L2');
    expect(digest.data.link).toBe('http://dash.example.test/alerts');
    for (const contactid of [hook, mail]) {
      const messages = await sentTo(contactid);
      expect(messages.length).toBeLessThanOrEqual(3);
      expect(messages.map((m) => `${m.type}:${m.state}`)).toEqual(['alert.opened:sent', 'digest:sent']);
    }
    const kept = await store.db.selectFrom('mail_outbox').selectAll().orderBy('mailid').execute();
    expect(kept.map((k) => k.subject)).toEqual(['[Lockboard] Critical: Door 1 offline', '[Lockboard] Critical: 39 more locks went offline']);
    expect(kept[1]!.text).toContain('- Door 40 (L40): Door 40 offline');
  });

  it('alerts of other rules are not folded into a storm', async () => {
    const hook = await addContact(store.db, { channel: 'webhook', address: receiver.url, secret: receiver.secret });
    const delivery = testDelivery(store.db, { now: () => clock });
    for (const ruleid of [1, 2, 3]) {
      await delivery.enqueue({ alertid: await addAlert(store.db, { ruleid, lockid: `R${ruleid}` }), type: 'alert.opened', contactids: [hook] });
    }
    expect(await delivery.runOnce()).toBe(3);
    expect(receiver.received.map((r) => (r.body as { type: string }).type)).toEqual(['alert.opened', 'alert.opened', 'alert.opened']);
  });
});

describe('repeats', () => {
  it('an update within the repeat interval is dropped; acknowledged and resolved always go', async () => {
    const hook = await addContact(store.db, { channel: 'webhook', address: receiver.url, secret: receiver.secret });
    const delivery = testDelivery(store.db, { now: () => clock, repeatIntervalMs: 15 * MINUTE });
    const alertid = await addAlert(store.db, { ruleid: 1, at: clock });
    await delivery.enqueue({ alertid, type: 'alert.opened', contactids: [hook] });
    await delivery.runOnce();
    clock += 5 * MINUTE;
    await delivery.enqueue({ alertid, type: 'alert.updated', contactids: [hook] });
    await delivery.enqueue({ alertid, type: 'alert.acknowledged', contactids: [hook] });
    await delivery.runOnce();
    clock += 11 * MINUTE;
    await delivery.enqueue({ alertid, type: 'alert.resolved', contactids: [hook] });
    await delivery.runOnce();
    expect(receiver.received.map((r) => (r.body as { type: string }).type)).toEqual(['alert.opened', 'alert.acknowledged', 'alert.resolved']);
  });

  it('an update after the interval goes, and one while another waits rewrites the waiting one', async () => {
    const hook = await addContact(store.db, { channel: 'webhook', address: receiver.url, secret: receiver.secret });
    const delivery = testDelivery(store.db, { now: () => clock, repeatIntervalMs: 15 * MINUTE });
    const alertid = await addAlert(store.db, { ruleid: 1, at: clock, title: 'Old title' });
    await delivery.enqueue({ alertid, type: 'alert.updated', contactids: [hook] });
    await store.db.updateTable('alerts').set({ title: 'New title' }).where('alertid', '=', alertid).execute();
    await delivery.enqueue({ alertid, type: 'alert.updated', contactids: [hook] });
    expect(await sentTo(hook)).toHaveLength(1);
    await delivery.runOnce();
    clock += 16 * MINUTE;
    await delivery.enqueue({ alertid, type: 'alert.updated', contactids: [hook] });
    await delivery.runOnce();
    const titles = receiver.received.map((r) => (r.body as { data: { alert: { title: string } } }).data.alert.title);
    expect(titles).toEqual(['New title', 'New title']);
    expect(new Set(receiver.received.map((r) => r.id)).size).toBe(2);
  });
});
