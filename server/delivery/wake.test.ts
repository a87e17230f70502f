import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { lockListResponseSchema } from '../../contract/locks';
import { STORE_ENGINES, closeTestStores, openTestStore } from '../../test-support/store-engines';
import { startWebhookReceiver, type WebhookReceiver } from '../../test-support/webhook-receiver';
import { Notifier } from '../notifier/notifier';
import { startPlatform } from '../platform/platform';
import { call, loginAs } from '../platform/testing';
import { addContact, testDelivery } from './delivery-fixtures';

/**
 * The notifier queues messages inside its pass's transaction, then wakes the sender once that
 * committed: on PostgreSQL a sender woken before the commit finds nothing and the message waits for
 * the next tick. The sender's tick here is a minute, so only the wake can send within the deadline.
 */
let dir: string;
let platform: Awaited<ReturnType<typeof startPlatform>>;
let manager: string;
let receiver: WebhookReceiver;
const stops: (() => Promise<void>)[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'delivery-wake-'));
  platform = await startPlatform({ dbPath: join(dir, 'platform.sqlite'), simulator: false, seed: { locks: 4, historyDays: 1 } });
  manager = await loginAs(platform.url, 'manager');
});
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
  await receiver.close();
});
afterAll(async () => {
  await closeTestStores();
  await platform.close();
  rmSync(dir, { recursive: true, force: true });
});

async function command(lockid: string, action: 'lock' | 'unlock'): Promise<void> {
  const res = await call(platform.url, 'POST', `/api/locks/${lockid}/${action}`, { token: manager, body: {} });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

describe.each(STORE_ENGINES)('on %s', (engine) => {
  it('a door used: the notifier commits the alert and its message, and the webhook goes at once, not at the next tick', async () => {
    receiver = await startWebhookReceiver();
    const store = await openTestStore(engine);
    stops.push(() => store.close());
    const page = lockListResponseSchema.parse((await call(platform.url, 'GET', '/api/locks?pagenumber=1&limit=10&online=1&open=0', { token: manager })).body);
    const lock = page.lockslist[engine === 'sqlite' ? 0 : 1]!;
    const hook = await addContact(store.db, { channel: 'webhook', address: receiver.url, secret: receiver.secret });
    const now = Date.now();
    await store.db
      .insertInto('alert_rules')
      .values({ name: 'Door used', kind: 'door-used', enabled: 1, scope: JSON.stringify({ lockids: [lock.lockid] }), threshold_s: 0, schedule: null, when_mode: 'always', contactids: JSON.stringify([hook]), escalate_after_s: null, escalate_contactids: '[]', created_at: now, updated_at: now })
      .execute();
    const delivery = testDelivery(store.db);
    delivery.start(60_000);
    stops.push(() => delivery.stop());
    const notifier = new Notifier({ db: store.db, upstreamUrl: platform.url, account: platform.serviceAccount, pollMs: 50, platformTimeZone: 'UTC', messenger: delivery });
    stops.push(() => notifier.stop());
    await notifier.runOnce();

    await command(lock.lockid, 'unlock');
    const deadline = Date.now() + 10_000;
    while ((await store.db.selectFrom('messages').select('messageid').execute()).length === 0) {
      expect(Date.now(), 'the notifier did not queue the alert in time').toBeLessThan(deadline);
      await notifier.runOnce();
      await new Promise((r) => setTimeout(r, 50));
    }
    // Queued and committed: sent now (by the wake), not at the sender's next tick a minute later.
    const opened = await receiver.waitFor((h) => (h.body as { type: string }).type === 'alert.opened', 3000);
    expect(opened.verified).toBe(true);
    expect((opened.body as { data: { alert: { lockid: string } } }).data.alert.lockid).toBe(lock.lockid);
    await command(lock.lockid, 'lock');
    // Starting a PostgreSQL database takes seconds on a busy machine; the wake itself is held to 3 s above.
  }, 30_000);
});
