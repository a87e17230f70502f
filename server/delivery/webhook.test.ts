import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '../../test-support/webhook-receiver';
import type { Store } from '../store/store';
import { addAlert, addContact, deliveriesOf, eventually, memoryStore, testDelivery } from './delivery-fixtures';

/** Signed webhooks to a real receiver on 127.0.0.1 that checks the Standard Webhooks signature. */
let store: Store;
let receiver: WebhookReceiver;

beforeEach(async () => {
  store = await memoryStore();
  receiver = await startWebhookReceiver();
});

afterEach(async () => {
  await receiver.close();
  await store.close();
});

describe('webhook delivery', () => {
  it('posts a signed body the receiver verifies, naming the door with a link to the lock', async () => {
    const contactid = await addContact(store.db, { channel: 'webhook', address: receiver.url, secret: receiver.secret });
    const alertid = await addAlert(store.db, { ruleid: 1, lockid: 'A 1/x', title: 'Server room left unlocked' });
    const logs: string[] = [];
    const delivery = testDelivery(store.db, { log: { info: (m) => logs.push(m), warn: (m) => logs.push(m) } });
    await delivery.enqueue({ alertid, type: 'alert.opened', contactids: [contactid] });
    expect(await delivery.runOnce()).toBe(1);

    expect(receiver.received).toHaveLength(1);
    const hook = receiver.received[0]!;
    expect(hook.verified).toBe(true);
    expect(hook.id).toMatch(/^msg_/);
    expect(hook.headers['user-agent']).toBe('Lockboard-Webhook');
    expect(hook.headers['content-type']).toBe('application/json');
    const body = hook.body as { type: string; timestamp: string; data: { alert: { alertid: number; title: string }; link: string } };
    expect(body.type).toBe('alert.opened');
    expect(body.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(body.data.alert).toMatchObject({ alertid, title: 'Server room left unlocked', lockid: 'A 1/x' });
    expect(body.data.link).toBe('http://dash.example.test/locks/A%201%2Fx');

    const [row] = await deliveriesOf(store.db, contactid);
    expect(row).toMatchObject({ state: 'sent', status_code: 200, attempt: 1, messageid: hook.id, alertid });
    const contact = await store.db.selectFrom('contacts').selectAll().where('contactid', '=', contactid).executeTakeFirstOrThrow();
    expect(contact).toMatchObject({ failing: 0, last_delivery_ok: 1 });
    expect(logs.join('\n')).not.toContain(receiver.secret);
  });

  it('a receiver signed with another secret sees a signature that does not verify', async () => {
    const other = await startWebhookReceiver();
    try {
      const contactid = await addContact(store.db, { channel: 'webhook', address: other.url, secret: receiver.secret });
      const alertid = await addAlert(store.db, {});
      const delivery = testDelivery(store.db);
      await delivery.enqueue({ alertid, type: 'alert.opened', contactids: [contactid] });
      await delivery.runOnce();
      expect(other.received).toHaveLength(1);
      expect(other.received[0]!.verified).toBe(false);
    } finally {
      await other.close();
    }
  });

  it('retries after a 500 and sends again with the same webhook-id; the contact is failing until then', async () => {
    const contactid = await addContact(store.db, { channel: 'webhook', address: receiver.url, secret: receiver.secret });
    const alertid = await addAlert(store.db, {});
    const delivery = testDelivery(store.db, { retryDelaysMs: [100] });
    receiver.failNext(500);
    await delivery.enqueue({ alertid, type: 'alert.opened', contactids: [contactid] });
    await delivery.runOnce();

    const first = await deliveriesOf(store.db, contactid);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ state: 'retrying', status_code: 500, attempt: 1 });
    expect(first[0]!.detail).toContain('HTTP 500');
    expect(first[0]!.next_attempt_at).toBeGreaterThan(first[0]!.created_at);
    const failing = await store.db.selectFrom('contacts').select(['failing', 'last_delivery_ok']).where('contactid', '=', contactid).executeTakeFirstOrThrow();
    expect(failing).toEqual({ failing: 1, last_delivery_ok: 0 });

    const rows = await eventually(async () => {
      await delivery.runOnce();
      const all = await deliveriesOf(store.db, contactid);
      return all.length === 2 ? all : undefined;
    });
    expect(rows[1]).toMatchObject({ state: 'sent', status_code: 200, attempt: 2 });
    expect(receiver.received.map((r) => r.answered)).toEqual([500, 200]);
    expect(receiver.received[1]!.id).toBe(receiver.received[0]!.id);
    expect(receiver.received[1]!.verified).toBe(true);
    const healed = await store.db.selectFrom('contacts').select('failing').where('contactid', '=', contactid).executeTakeFirstOrThrow();
    expect(healed.failing).toBe(0);
  });

  it('gives up as dead with the reason once the 24 h retry window has passed', async () => {
    let clock = Date.UTC(2026, 0, 5, 8, 0, 0);
    const contactid = await addContact(store.db, { channel: 'webhook', address: receiver.url, secret: receiver.secret });
    const alertid = await addAlert(store.db, { at: clock });
    const delivery = testDelivery(store.db, { now: () => clock, retryDelaysMs: [1000, 60 * 60_000] });
    receiver.failNext(503, 10);
    await delivery.enqueue({ alertid, type: 'alert.opened', contactids: [contactid] });
    await delivery.runOnce();
    clock += 2000;
    await delivery.runOnce();
    clock += 23.5 * 60 * 60_000;
    expect(await delivery.runOnce()).toBe(1);

    const rows = await deliveriesOf(store.db, contactid);
    expect(rows.map((r) => r.state)).toEqual(['retrying', 'retrying', 'dead']);
    expect(rows[2]!.detail).toMatch(/^Gave up after 3 attempts over 24 h: .*HTTP 503/);
    expect(rows[2]!.next_attempt_at).toBeNull();
    const message = await store.db.selectFrom('messages').selectAll().executeTakeFirstOrThrow();
    expect(message.state).toBe('dead');
    clock += 2 * 60 * 60_000;
    expect(await delivery.runOnce()).toBe(0);
    expect(receiver.received).toHaveLength(3);
  });

  it('a receiver that hangs is a timeout to retry, a redirect is not followed', async () => {
    const contactid = await addContact(store.db, { channel: 'webhook', address: receiver.url, secret: receiver.secret });
    const delivery = testDelivery(store.db, { sendTimeoutMs: 300, retryDelaysMs: [60_000] });
    receiver.hangNext();
    receiver.failNext(302);
    await delivery.enqueue({ alertid: await addAlert(store.db, {}), type: 'alert.opened', contactids: [contactid] });
    await delivery.enqueue({ alertid: await addAlert(store.db, { lockid: 'B2' }), type: 'alert.opened', contactids: [contactid] });
    await delivery.runOnce();
    const rows = await deliveriesOf(store.db, contactid);
    expect(rows.map((r) => r.state)).toEqual(['retrying', 'retrying']);
    const details = rows.map((r) => r.detail).sort();
    expect(details[0]).toContain('HTTP 302 (a redirect, which is not followed)');
    expect(details[1]).toContain('did not answer within 0.3 s');
  });
});

describe('where a webhook may go', () => {
  it('refuses a loopback receiver unless WEBHOOK_ALLOW_HOSTS lists it, by IP literal and by name', async () => {
    const byIp = await addContact(store.db, { channel: 'webhook', address: receiver.url, secret: receiver.secret });
    const byName = await addContact(store.db, { channel: 'slack', address: receiver.url.replace('127.0.0.1', 'localhost') });
    const alertid = await addAlert(store.db, {});
    const closed = testDelivery(store.db, { webhookAllowHosts: [] });
    await closed.enqueue({ alertid, type: 'alert.opened', contactids: [byIp, byName] });
    expect(await closed.runOnce()).toBe(2);
    expect(receiver.received).toHaveLength(0);
    const [ipRow] = await deliveriesOf(store.db, byIp);
    expect(ipRow!.detail).toContain('Refused: 127.0.0.1 is a loopback, link-local or private address');
    expect(ipRow!.detail).toContain('WEBHOOK_ALLOW_HOSTS');
    const [nameRow] = await deliveriesOf(store.db, byName);
    expect(nameRow!.detail).toMatch(/Refused: localhost is a loopback.*\((127\.0\.0\.1|::1)\)/);

    const open = testDelivery(store.db, { webhookAllowHosts: ['127.0.0.1', '::1'] });
    await store.db.updateTable('messages').set({ next_attempt_at: 0 }).execute();
    expect(await open.runOnce()).toBe(2);
    expect(receiver.received).toHaveLength(2);
    const slack = receiver.received.find((r) => r.id === '')!;
    expect(slack.body).toEqual({ text: expect.stringContaining('Server room left unlocked') as string });
    expect((slack.body as { text: string }).text).toContain('http://dash.example.test/locks/A1');
  });

  it('a test message answers what the receiver said and is logged as a delivery', async () => {
    const contactid = await addContact(store.db, { channel: 'webhook', address: receiver.url, secret: receiver.secret, name: 'Ops hook' });
    const delivery = testDelivery(store.db);
    expect(await delivery.sendTest(contactid)).toEqual({ ok: true, status_code: 200, detail: 'Delivered (HTTP 200)' });
    expect(receiver.received[0]).toMatchObject({ verified: true, body: { type: 'contact.test' } });
    receiver.failNext(404);
    const failed = await delivery.sendTest(contactid);
    expect(failed).toMatchObject({ ok: false, status_code: 404 });
    const rows = await deliveriesOf(store.db, contactid);
    expect(rows.map((r) => r.state)).toEqual(['sent', 'failed']);
    expect(rows.map((r) => r.alertid)).toEqual([null, null]);
    expect(await delivery.runOnce()).toBe(0);
    expect(receiver.received).toHaveLength(2);
  });
});
