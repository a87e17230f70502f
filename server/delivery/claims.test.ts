import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeTestStores, freshStoreOptions } from '../../test-support/store-engines';
import { startWebhookReceiver, type WebhookReceiver } from '../../test-support/webhook-receiver';
import { openStore, type Store } from '../store/store';
import { addAlert, addContact, eventually, memoryStore, testDelivery } from './delivery-fixtures';

/** The outbox across processes: a message is claimed by one sender, and a dead sender's claim lapses. */
let receiver: WebhookReceiver;
const stores: Store[] = [];

beforeEach(async () => {
  receiver = await startWebhookReceiver();
});

afterEach(async () => {
  await receiver.close();
  for (const store of stores.splice(0)) await store.close();
});

async function track(store: Promise<Store>): Promise<Store> {
  const opened = await store;
  stores.push(opened);
  return opened;
}

describe('claims', () => {
  it('two senders on one store (two connections to one file) send each message once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lockboard-claims-'));
    try {
      const one = await track(openStore({ file: join(dir, 'gateway.sqlite') }));
      const two = await track(openStore({ file: join(dir, 'gateway.sqlite') }));
      const contactid = await addContact(one.db, { channel: 'webhook', address: receiver.url, secret: receiver.secret });
      const first = testDelivery(one.db);
      const second = testDelivery(two.db);
      for (let i = 0; i < 30; i += 1) {
        await first.enqueue({ alertid: await addAlert(one.db, { lockid: `L${i}` }), type: 'alert.opened', contactids: [contactid] });
      }
      const [a, b] = await Promise.all([first.runOnce(), second.runOnce()]);
      expect(a + b).toBe(30);
      expect(receiver.received).toHaveLength(30);
      expect(new Set(receiver.received.map((r) => r.id)).size).toBe(30);
      const deliveries = await two.db.selectFrom('deliveries').select(['messageid', 'state']).execute();
      expect(deliveries).toHaveLength(30);
      expect(deliveries.filter((d) => d.state !== 'sent')).toEqual([]);
    } finally {
      for (const store of stores.splice(0)) await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a message claimed by a sender that died is sent again, with the same id, once the claim lapses", async () => {
    const store = await track(memoryStore());
    const contactid = await addContact(store.db, { channel: 'webhook', address: receiver.url, secret: receiver.secret });
    const delivery = testDelivery(store.db);
    await delivery.enqueue({ alertid: await addAlert(store.db, {}), type: 'alert.opened', contactids: [contactid] });
    const message = await store.db.selectFrom('messages').selectAll().executeTakeFirstOrThrow();

    // The dead sender's claim still holds: nobody takes it.
    await store.db.updateTable('messages').set({ claimed_until: Date.now() + 60_000 }).execute();
    expect(await delivery.runOnce()).toBe(0);
    expect(receiver.received).toHaveLength(0);

    await store.db.updateTable('messages').set({ claimed_until: Date.now() - 1 }).execute();
    expect(await delivery.runOnce()).toBe(1);
    expect(receiver.received.map((r) => r.id)).toEqual([message.messageid]);
    expect(receiver.received[0]!.verified).toBe(true);
  });

  it('start() sends what was already due at once, and what is queued while it runs', async () => {
    const store = await track(memoryStore());
    const contactid = await addContact(store.db, { channel: 'webhook', address: receiver.url, secret: receiver.secret });
    const queued = testDelivery(store.db);
    await queued.enqueue({ alertid: await addAlert(store.db, {}), type: 'alert.opened', contactids: [contactid] });
    expect(receiver.received).toHaveLength(0);

    const running = testDelivery(store.db);
    running.start(60_000);
    try {
      await receiver.waitFor(() => true, 5000);
      await running.enqueue({ alertid: await addAlert(store.db, { lockid: 'B2' }), type: 'alert.resolved', contactids: [contactid] });
      const resolved = await receiver.waitFor((r) => (r.body as { type: string }).type === 'alert.resolved', 5000);
      expect(resolved.verified).toBe(true);
    } finally {
      await running.stop();
    }
    const states = await eventually(async () => {
      const rows = await store.db.selectFrom('messages').select('state').execute();
      return rows.length === 2 ? rows.map((r) => r.state) : undefined;
    });
    expect(states).toEqual(['sent', 'sent']);
  });

  it('stop() waits for a send under way', async () => {
    const store = await track(memoryStore());
    const contactid = await addContact(store.db, { channel: 'webhook', address: receiver.url, secret: receiver.secret });
    const delivery = testDelivery(store.db, { sendTimeoutMs: 400, retryDelaysMs: [60_000] });
    receiver.hangNext();
    await delivery.enqueue({ alertid: await addAlert(store.db, {}), type: 'alert.opened', contactids: [contactid] });
    delivery.start(60_000);
    await receiver.waitFor(() => true, 5000);
    await delivery.stop();
    const rows = await store.db.selectFrom('deliveries').select(['state', 'detail']).execute();
    expect(rows).toEqual([{ state: 'retrying', detail: 'The receiver did not answer within 0.4 s' }]);
  });
});

/** The same race on PostgreSQL (what several gateway copies share): a database of its own on this file's server. */
describe('claims on PostgreSQL', () => {
  afterAll(closeTestStores);

  it('two senders with their own pools send each message once', async () => {
    const options = await freshStoreOptions('postgres');
    const one = await track(openStore(options));
    const two = await track(openStore(options));
    const contactid = await addContact(one.db, { channel: 'webhook', address: receiver.url, secret: receiver.secret });
    const first = testDelivery(one.db);
    const second = testDelivery(two.db);
    for (let i = 0; i < 30; i += 1) {
      await first.enqueue({ alertid: await addAlert(one.db, { lockid: `L${i}` }), type: 'alert.opened', contactids: [contactid] });
    }
    const [a, b] = await Promise.all([first.runOnce(), second.runOnce()]);
    expect(a + b).toBe(30);
    expect(new Set(receiver.received.map((r) => r.id)).size).toBe(30);
    expect(receiver.received).toHaveLength(30);
    const sent = await two.db.selectFrom('messages').select('state').where('state', '=', 'sent').execute();
    expect(sent).toHaveLength(30);
  }, 60_000);
});
