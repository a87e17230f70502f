import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../../test-support/smtp-sink';
import type { Store } from '../store/store';
import { addAlert, addContact, deliveriesOf, memoryStore, testDelivery } from './delivery-fixtures';

/** E-mail through a real SMTP server on 127.0.0.1, and the outbox when SMTP_URL is unset. */
let store: Store;
let sink: SmtpSink;

beforeEach(async () => {
  store = await memoryStore();
  sink = await startSmtpSink();
});

afterEach(async () => {
  await sink.close();
  await store.close();
});

/** The decoded text/plain part of a raw message (quoted-printable or 7bit). */
function textPart(raw: string): string {
  const match = /Content-Type: text\/plain[^\r\n]*\r\n(?:[^\r\n]+\r\n)*\r\n([\s\S]*?)\r\n--/i.exec(raw);
  const body = match?.[1] ?? '';
  return /Content-Transfer-Encoding: quoted-printable/i.test(raw) ? body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : body;
}

describe('e-mail', () => {
  it('hands the mail to SMTP with the subject, a plain-text part, the door, since when and the link', async () => {
    const contactid = await addContact(store.db, { channel: 'email', address: 'ops@example.test' });
    const at = Date.UTC(2026, 2, 1, 21, 5, 0);
    const alertid = await addAlert(store.db, { ruleid: 2, lockid: 'SR-1', lockname: 'Server room <b>', title: 'Server room left unlocked', at });
    const delivery = testDelivery(store.db, { smtpUrl: sink.url, mailFrom: 'alerts@lockboard.test' });
    await delivery.enqueue({ alertid, type: 'alert.opened', contactids: [contactid] });
    await delivery.runOnce();
    await delivery.stop();

    const mail = await sink.waitFor((m) => m.to.includes('ops@example.test'));
    expect(mail.from).toBe('alerts@lockboard.test');
    expect(mail.raw).toMatch(/^Subject: \[Lockboard\] Critical: Server room left unlocked\r$/m);
    const text = textPart(mail.raw);
    expect(text).toContain('Door: Server room <b> (SR-1)');
    expect(text).toContain('Since: 2026-03-01 21:05:00 UTC');
    expect(text).toContain('http://dash.example.test/locks/SR-1');
    expect(mail.raw).toMatch(/Content-Type: text\/html/i);
    expect(mail.raw).toContain('Server room &#60;b&#62;');
    expect(mail.raw.replace(/=\r\n/g, '').replace(/=3D/g, '=')).toContain('<a href="http://dash.example.test/locks/SR-1">');
    const [row] = await deliveriesOf(store.db, contactid);
    expect(row).toMatchObject({ state: 'sent', status_code: 250, detail: 'Handed to the mail server' });
    expect(mail.raw).toMatch(new RegExp(`^Message-ID: <${row!.messageid}@dash\\.example\\.test>\\r$`, 'm'));
  });

  it('an unreachable mail server is a retry with the reason', async () => {
    const contactid = await addContact(store.db, { channel: 'email', address: 'ops@example.test' });
    const url = sink.url;
    await sink.close();
    const delivery = testDelivery(store.db, { smtpUrl: url, retryDelaysMs: [60_000] });
    await delivery.enqueue({ alertid: await addAlert(store.db, {}), type: 'alert.opened', contactids: [contactid] });
    await delivery.runOnce();
    await delivery.stop();
    const [row] = await deliveriesOf(store.db, contactid);
    expect(row).toMatchObject({ state: 'retrying', status_code: null });
    expect(row!.detail).toMatch(/^Could not reach the mail server/);
    sink = await startSmtpSink();
  });

  it('without SMTP_URL the mail is kept in the outbox, which counts as sent', async () => {
    const contactid = await addContact(store.db, { channel: 'email', address: 'ops@example.test' });
    const alertid = await addAlert(store.db, { ruleid: 2, lockid: null, lockname: null, title: 'Lockdown started', kind: 'lockdown' });
    const delivery = testDelivery(store.db, { smtpUrl: null });
    await delivery.enqueue({ alertid, type: 'alert.resolved', contactids: [contactid] });
    expect(await delivery.runOnce()).toBe(1);

    const kept = await store.db.selectFrom('mail_outbox').selectAll().execute();
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ recipient: 'ops@example.test', subject: '[Lockboard] Resolved: Lockdown started' });
    expect(kept[0]!.text).toContain('http://dash.example.test/alerts');
    const [row] = await deliveriesOf(store.db, contactid);
    expect(row).toMatchObject({ state: 'sent', detail: 'Kept in the outbox (SMTP_URL is not set)', messageid: kept[0]!.messageid });
    expect(sink.mails).toHaveLength(0);
  });

  it('a test message has its own subject', async () => {
    const contactid = await addContact(store.db, { channel: 'email', address: 'ops@example.test', name: 'Night desk' });
    const delivery = testDelivery(store.db, { smtpUrl: sink.url });
    expect(await delivery.sendTest(contactid)).toMatchObject({ ok: true });
    await delivery.stop();
    const mail = await sink.waitFor(() => true);
    expect(mail.raw).toMatch(/^Subject: \[Lockboard\] Test message\r$/m);
    expect(textPart(mail.raw)).toContain('test message from Lockboard to Night desk');
  });
});
