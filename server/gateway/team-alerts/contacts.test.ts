import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AlertRule, Contact } from '../../../contract/team-alerts';
import { type TeamAlertsWorld, startWorld } from './test-kit';
import { STORE_ENGINES, closeTestStores } from '../../../test-support/store-engines';

afterAll(closeTestStores);

describe.each(STORE_ENGINES)('on %s', (engine) => {
  let world: TeamAlertsWorld;
  let allowing: TeamAlertsWorld;
  /** A receiver on loopback: an address a webhook may reach only when WEBHOOK_ALLOW_HOSTS lists it. */
  const receiver = createServer((_request, response) => response.end());
  let hookUrl: string;

  beforeAll(async () => {
    [world, allowing] = await Promise.all([startWorld(engine), startWorld(engine, { WEBHOOK_ALLOW_HOSTS: '127.0.0.1' })]);
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  }, 60_000);
  afterAll(async () => {
    receiver.close();
    await Promise.all([world.close(), allowing.close()]);
  });
  beforeEach(async () => {
    for (const w of [world, allowing]) {
      await w.store.db.deleteFrom('contacts').execute();
      await w.store.db.deleteFrom('alert_rules').execute();
    }
  });

  const WHSEC = /^whsec_[A-Za-z0-9+/]{32}$/;

  describe('webhook contacts', () => {
    it('are refused on a loopback address unless WEBHOOK_ALLOW_HOSTS lists it', async () => {
      const refused = await world.manager('POST', '/api/contacts', { name: 'Ops hook', channel: 'webhook', address: hookUrl });
      expect(refused.status).toBe(400);
      expect(refused.body).toEqual({ status: 0, msg: expect.stringMatching(/^address: 127\.0\.0\.1 is a loopback.*WEBHOOK_ALLOW_HOSTS/) });
      expect((await world.manager('GET', '/api/contacts')).body.contactslist).toEqual([]);
      const scheme = await world.manager('POST', '/api/contacts', { name: 'Ops hook', channel: 'slack', address: 'ftp://hooks.example.com/x' });
      expect(scheme).toMatchObject({ status: 400, body: { msg: 'address: The address must start with https:// or http://' } });

      const accepted = await allowing.manager('POST', '/api/contacts', { name: 'Ops hook', channel: 'webhook', address: hookUrl });
      expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    });

    it('get a signing secret in the creating answer only: never in the list, a change or a deletion', async () => {
      const created = await allowing.manager('POST', '/api/contacts', { name: 'Ops hook', channel: 'webhook', address: hookUrl });
      expect(created.headers.get('cache-control')).toBe('no-store');
      const secret = created.body.secret as string;
      expect(secret).toMatch(WHSEC);
      const contact = created.body.contact as Contact;
      expect(contact).toEqual({ contactid: expect.any(Number), name: 'Ops hook', channel: 'webhook', address: hookUrl, enabled: true, failing: 0, last_delivery: null });

      const answers = [
        await allowing.manager('GET', '/api/contacts'),
        await allowing.manager('PUT', `/api/contacts/${contact.contactid}`, { name: 'Ops', enabled: false }),
        await allowing.manager('POST', `/api/contacts/${contact.contactid}/test`),
        await allowing.manager('DELETE', `/api/contacts/${contact.contactid}`),
      ];
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
      for (const answer of answers) expect(JSON.stringify(answer.body)).not.toContain(secret.slice(6));
      // Audited, without the secret.
      expect(allowing.auditLines.filter((line) => line.includes('"contact-created"')).length).toBeGreaterThan(0);
      expect(allowing.auditLines.join('\n')).not.toContain(secret.slice(6));
      expect(answers[1]?.body.contact).toMatchObject({ name: 'Ops', enabled: false });
      // The store keeps it for signing.
      const second = await allowing.manager('POST', '/api/contacts', { name: 'Other', channel: 'webhook', address: hookUrl });
      expect(second.body.secret).toMatch(WHSEC);
      expect(second.body.secret).not.toBe(secret);
    });

    it('send a test through delivery and say how it went', async () => {
      const contact = (await allowing.manager('POST', '/api/contacts', { name: 'Ops', channel: 'slack', address: hookUrl })).body.contact as Contact;
      expect(contact).not.toHaveProperty('secret');
      const tested = await allowing.manager('POST', `/api/contacts/${contact.contactid}/test`);
      expect(tested.body).toEqual({ status: 1, msg: 'Test message delivered to Ops', result: { ok: true, status_code: 204, detail: 'HTTP 204' } });
      expect(allowing.recorded.tested).toContain(contact.contactid);
      expect((await allowing.manager('POST', '/api/contacts/999999/test')).status).toBe(404);
    });
  });

  describe('e-mail contacts', () => {
    it('need a plausible address', async () => {
      for (const address of ['ana', 'ana@', '@example.com', 'ana@example', 'ana @example.com', `${'a'.repeat(250)}@example.com`]) {
        const answer = await world.manager('POST', '/api/contacts', { name: 'Ana', channel: 'email', address });
        expect(answer.status, address).toBe(400);
        expect(answer.body).toEqual({ status: 0, msg: 'address: Enter an e-mail address such as ana@example.com' });
      }
      const made = await world.manager('POST', '/api/contacts', { name: 'Ana', channel: 'email', address: 'ana.m+alerts@example.co.uk' });
      expect(made.status).toBe(200);
      expect(made.body).not.toHaveProperty('secret');
      const contactid = (made.body.contact as Contact).contactid;
      expect((await world.manager('PUT', `/api/contacts/${contactid}`, { address: 'nope' })).status).toBe(400);
      expect((await world.manager('PUT', `/api/contacts/${contactid}`, { channel: 'webhook' })).body.msg).toContain('Unknown field: channel');
    });

    it('are managers\' only, reading too', async () => {
      expect((await world.support('GET', '/api/contacts')).status).toBe(403);
      expect((await world.support('POST', '/api/contacts', { name: 'Me', channel: 'email', address: 'me@example.com' })).status).toBe(403);
      expect((await world.manager('GET', '/api/contacts')).body.contactslist).toEqual([]);
    });
  });

  describe('deleting a contact', () => {
    it('takes it out of every rule, and a rule left with nobody to escalate to stops escalating', async () => {
      const add = async (name: string) =>
        ((await world.manager('POST', '/api/contacts', { name, channel: 'email', address: `${name}@example.com` })).body.contact as Contact).contactid;
      const [ana, ben] = [await add('ana'), await add('ben')];
      const made = await world.manager('POST', '/api/alert-rules', {
        name: 'Offline',
        kind: 'offline',
        scope: { all: true },
        contactids: [ana, ben],
        escalate_after_s: 900,
        escalate_contactids: [ana],
      });
      expect(made.status, JSON.stringify(made.body)).toBe(200);

      expect((await world.manager('DELETE', `/api/contacts/${ana}`)).status).toBe(200);
      const [rule] = (await world.manager('GET', '/api/alert-rules')).body.ruleslist as AlertRule[];
      expect(rule).toMatchObject({ contactids: [ben], escalate_contactids: [], escalate_after_s: null });
      expect(((await world.manager('GET', '/api/contacts')).body.contactslist as Contact[]).map((c) => c.contactid)).toEqual([ben]);
      expect(await world.manager('DELETE', `/api/contacts/${ana}`)).toMatchObject({ status: 404, body: { status: 0, msg: `No such contact: ${ana}` } });
    });
  });
});
