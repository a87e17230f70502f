import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '../../test-support/webhook-receiver';
import { openStore, type Store } from '../store/store';
import { addAlert, addContact, deliveriesOf, eventually, testDelivery } from './delivery-fixtures';

/** A sender SIGKILLed mid-send: the message goes again later, with the same id, exactly once more. */
let receiver: WebhookReceiver;
let store: Store;
let dir: string;

beforeEach(async () => {
  receiver = await startWebhookReceiver();
  dir = mkdtempSync(join(tmpdir(), 'lockboard-kill-'));
  store = await openStore({ file: join(dir, 'gateway.sqlite') });
});

afterEach(async () => {
  await receiver.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

it('a sender killed while the receiver holds the request: the next sender sends it with the same id', async () => {
  const contactid = await addContact(store.db, { channel: 'webhook', address: receiver.url, secret: receiver.secret });
  await testDelivery(store.db).enqueue({ alertid: await addAlert(store.db, {}), type: 'alert.opened', contactids: [contactid] });
  receiver.hangNext();

  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'sender-process.ts'), join(dir, 'gateway.sqlite'), '127.0.0.1'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  try {
    const first = await receiver.waitFor(() => true, 15_000);
    expect(first.verified).toBe(true);
  } finally {
    child.kill('SIGKILL');
  }
  expect(await exited).toBe('SIGKILL');
  const held = await store.db.selectFrom('messages').selectAll().executeTakeFirstOrThrow();
  expect(held.state).toBe('pending');
  expect(held.claimed_until).toBeGreaterThan(Date.now());

  // Still claimed: a new sender leaves it alone until the dead one's claim lapses.
  expect(await testDelivery(store.db).runOnce()).toBe(0);
  const later = testDelivery(store.db, { now: () => Date.now() + 2 * 60_000 });
  expect(await later.runOnce()).toBe(1);
  const second = await eventually(() => receiver.received[1]);
  expect(second.id).toBe(receiver.received[0]!.id);
  expect(second.verified).toBe(true);
  expect(receiver.received).toHaveLength(2);
  const rows = await deliveriesOf(store.db, contactid);
  expect(rows.map((r) => [r.state, r.attempt])).toEqual([['sent', 1]]);
}, 30_000);
