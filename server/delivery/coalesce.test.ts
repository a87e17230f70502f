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

type Hook = { type: string; data: { alert: { alertid: number; title: string; lockid: string }; alerts?: { lockid: string; title: string }[]; total?: number } };
/** What the receiver accepted (answered 200), in order. */
const accepted = () => receiver.received.filter((r) => r.answered === 200).map((r) => r.body as Hook);

async function resolve(alertid: number): Promise<void> {
  await store.db.updateTable('alerts').set({ closed_at: clock, closed_reason: 'resolved', open_key: null }).where('alertid', '=', alertid).execute();
}

/** n alerts of rule 4 opened 1 s apart: the first goes at once, the others wait in one digest. */
async function openStorm(delivery: ReturnType<typeof testDelivery>, contactids: number[], n: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 1; i <= n; i += 1) {
    const alertid = await addAlert(store.db, { ruleid: 4, kind: 'offline', lockid: `L${i}`, lockname: `Door ${i}`, title: `Door ${i} offline`, at: clock });
    ids.push(alertid);
    await delivery.enqueue({ alertid, type: 'alert.opened', contactids });
    await delivery.runOnce();
    clock += 1000;
  }
  return ids;
}

describe('updates and resolutions of alerts told in a digest', () => {
  it('updates of alerts folded into a digest are dropped within the repeat interval, and brought up to date while it waits', async () => {
    const hook = await addContact(store.db, { channel: 'webhook', address: receiver.url, secret: receiver.secret });
    const delivery = testDelivery(store.db, { now: () => clock, stormWindowMs: MINUTE, repeatIntervalMs: 15 * MINUTE });
    const ids = await openStorm(delivery, [hook], 10);
    await store.db.updateTable('alerts').set({ title: 'Door 5 offline for 5 minutes' }).where('alertid', '=', ids[4]!).execute();
    await delivery.enqueue({ alertid: ids[4]!, type: 'alert.updated', contactids: [hook] });
    expect(await sentTo(hook)).toHaveLength(2);
    clock += MINUTE;
    await delivery.runOnce();
    expect(accepted().map((h) => h.type)).toEqual(['alert.opened', 'alert.opened']);
    expect(accepted()[1]!.data.alerts!.map((a) => a.title)).toContain('Door 5 offline for 5 minutes');

    clock += 5 * MINUTE;
    for (const alertid of ids) await delivery.enqueue({ alertid, type: 'alert.updated', contactids: [hook] });
    await delivery.runOnce();
    expect(accepted()).toHaveLength(2);
    expect(await sentTo(hook)).toHaveLength(2);

    // Past the repeat interval an update goes again.
    clock += 11 * MINUTE;
    await delivery.enqueue({ alertid: ids[2]!, type: 'alert.updated', contactids: [hook] });
    await delivery.runOnce();
    expect(accepted().map((h) => `${h.type}:${h.data.alert.lockid}`)).toEqual(['alert.opened:L1', 'alert.opened:L2', 'alert.updated:L3']);
  });

  it('an update of an alert never told to the contact goes into its waiting digest, not alone', async () => {
    const hook = await addContact(store.db, { channel: 'webhook', address: receiver.url, secret: receiver.secret });
    const delivery = testDelivery(store.db, { now: () => clock, stormWindowMs: MINUTE });
    await openStorm(delivery, [hook], 3);
    // Opened before this contact was a recipient of the rule: it has never heard of it.
    const earlier = await addAlert(store.db, { ruleid: 4, kind: 'offline', lockid: 'L9', title: 'Door 9 offline', at: clock });
    expect(await delivery.enqueue({ alertid: earlier, type: 'alert.updated', contactids: [hook] })).toBeUndefined();
    await delivery.runOnce();
    expect(accepted()).toHaveLength(1);
    clock += MINUTE;
    await delivery.runOnce();
    expect(accepted()).toHaveLength(2);
    expect(accepted()[1]!.data.alerts!.map((a) => a.lockid)).toEqual(['L2', 'L3', 'L9']);
    expect(accepted()[1]!.data.total).toBe(3);
  });

  it('alerts resolved while their digest waits: the digest says so and nothing more goes', async () => {
    const hook = await addContact(store.db, { channel: 'webhook', address: receiver.url, secret: receiver.secret });
    const mail = await addContact(store.db, { channel: 'email', address: 'ops@example.test' });
    const delivery = testDelivery(store.db, { now: () => clock, stormWindowMs: MINUTE });
    const ids = await openStorm(delivery, [hook, mail], 10);
    for (const alertid of ids.slice(1)) {
      await resolve(alertid);
      await delivery.enqueue({ alertid, type: 'alert.resolved', contactids: [hook, mail] });
      await delivery.runOnce();
    }
    expect(accepted()).toHaveLength(1);
    clock += MINUTE;
    await delivery.runOnce();
    expect(accepted()).toHaveLength(2);
    const kept = await store.db.selectFrom('mail_outbox').selectAll().orderBy('mailid').execute();
    expect(kept).toHaveLength(2);
    expect(kept[1]!.text).toMatch(/- Door 10 \(L10\): Door 10 offline \(since .* UTC, resolved at .* UTC\)/);
    // The first alert was told alone: its resolution goes (after it).
    await resolve(ids[0]!);
    await delivery.enqueue({ alertid: ids[0]!, type: 'alert.resolved', contactids: [hook, mail] });
    await delivery.runOnce();
    expect(accepted().map((h) => h.type)).toEqual(['alert.opened', 'alert.opened', 'alert.resolved']);
    for (const contactid of [hook, mail]) expect(await sentTo(contactid)).toHaveLength(3);
  });

  it('40 locks back online within a minute: the first resolution at once, then one digest of resolutions', async () => {
    const hook = await addContact(store.db, { channel: 'webhook', address: receiver.url, secret: receiver.secret });
    const mail = await addContact(store.db, { channel: 'email', address: 'ops@example.test' });
    const delivery = testDelivery(store.db, { now: () => clock, stormWindowMs: MINUTE });
    const ids = await openStorm(delivery, [hook, mail], 40);
    clock += MINUTE;
    await delivery.runOnce();
    expect(accepted()).toHaveLength(2);
    for (const alertid of ids) {
      await resolve(alertid);
      await delivery.enqueue({ alertid, type: 'alert.resolved', contactids: [hook, mail] });
      await delivery.runOnce();
      clock += 1400;
    }
    expect(accepted()).toHaveLength(3);
    clock += MINUTE;
    await delivery.runOnce();
    expect(accepted().map((h) => h.type)).toEqual(['alert.opened', 'alert.opened', 'alert.resolved', 'alert.resolved']);
    const digest = accepted()[3]!;
    expect(digest.data.total).toBe(39);
    expect(digest.data.alerts!.map((a) => a.lockid)).toEqual(Array.from({ length: 39 }, (_, i) => `L${i + 2}`));
    for (const contactid of [hook, mail]) {
      expect((await sentTo(contactid)).map((m) => `${m.type}:${m.state}`)).toEqual(['alert.opened:sent', 'digest:sent', 'alert.resolved:sent', 'digest.resolved:sent']);
    }
    const kept = await store.db.selectFrom('mail_outbox').selectAll().orderBy('mailid').execute();
    expect(kept.map((k) => k.subject)).toEqual([
      '[Lockboard] Critical: Door 1 offline',
      '[Lockboard] Critical: 39 more locks went offline',
      '[Lockboard] Resolved: Door 1 offline',
      '[Lockboard] Resolved: 39 more alerts resolved (Lock offline)',
    ]);
  });

  it('a resolution never reaches the contact before the message announcing the alert (which is retrying)', async () => {
    const hook = await addContact(store.db, { channel: 'webhook', address: receiver.url, secret: receiver.secret });
    const delivery = testDelivery(store.db, { now: () => clock });
    const alertid = await addAlert(store.db, { ruleid: 1, at: clock });
    receiver.failNext(500, 1);
    await delivery.enqueue({ alertid, type: 'alert.opened', contactids: [hook] });
    await delivery.runOnce();
    expect(receiver.received.map((r) => r.answered)).toEqual([500]);
    await resolve(alertid);
    await delivery.enqueue({ alertid, type: 'alert.resolved', contactids: [hook] });
    for (let pass = 0; pass < 20 && accepted().length < 2; pass += 1) {
      await delivery.runOnce();
      clock += 100;
    }
    expect(accepted().map((h) => h.type)).toEqual(['alert.opened', 'alert.resolved']);
    expect(new Set(receiver.received.map((r) => r.id)).size).toBe(2);
  });
});
