import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxMessage } from '../../../contract/team-alerts';
import { FAKE_ACCOUNTS, FakeTokens } from '../../../test-support/fake-fleet';
import { type RunningGateway, signIn, startGateway, testConfig } from '../../../test-support/gateway';
import { raw } from '../../../test-support/raw-http';
import { startSmtpSink } from '../../../test-support/smtp-sink';
import { StandInUpstream } from '../../../test-support/stand-in-upstream';
import { type PeopleHost, PASS, peopleHost } from './people-host.test-support';

/**
 * Issue 25: a visitor pass's code and a grant's new code go to the person by mail (here the outbox:
 * no SMTP_URL), never into an answer, a log line or the audit trail; the manager learns where the
 * code went, masked.
 */
let upstream: StandInUpstream;
let host: PeopleHost;
let gateway: RunningGateway;
let manager: Record<string, string>;
const auditLines: string[] = [];
/** Everything the gateway's request log writes, at its most talkative level. */
const logLines: string[] = [];

beforeAll(async () => {
  const tokens = new FakeTokens();
  host = peopleHost(tokens);
  upstream = await new StandInUpstream(host.handler).start();
  gateway = await startGateway(upstream.url, {
    config: testConfig({ PUBLIC_URL: 'https://doors.example.com' }),
    auditStream: { write: (line: string) => auditLines.push(line) },
    logger: { level: 'trace', stream: { write: (line: string) => logLines.push(line) } },
  });
  manager = await signIn(gateway.url, FAKE_ACCOUNTS.manager.email, FAKE_ACCOUNTS.manager.password);
});
afterAll(async () => {
  await gateway.close();
  await upstream.stop();
});

const post = (path: string, body: unknown, session = manager) => raw(gateway.url, 'POST', path, { ...session, 'content-type': 'application/json' }, JSON.stringify(body));
const outbox = async () => ((await raw(gateway.url, 'GET', '/api/outbox', manager)).json as { messageslist: OutboxMessage[] }).messageslist;
const NEW_PASS = { name: 'Vic Visitor', email: 'vic.visitor@example.com', lockids: ['EM000001'], start_date: '2026-12-08 09:00:00', end_date: '2026-12-08 17:00:00' };

/** Nothing the gateway said or wrote anywhere holds any code the platform issued. */
function expectNoCodeIn(...texts: string[]) {
  expect(host.codes.length).toBeGreaterThan(0);
  for (const code of host.codes) for (const text of texts) expect(text).not.toContain(code);
}

describe('a visitor pass', () => {
  it('is created, its code mailed to the visitor and never answered: the manager sees where it went', async () => {
    const answer = await post('/api/passes', NEW_PASS);
    expect(answer.status, answer.body).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.json).toEqual({ status: 1, msg: '', pass: expect.objectContaining({ passid: 21, email: 'vic.visitor@example.com' }), sent: { to: 'v…@example.com', date: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/) } });
    const code = host.codes.at(-1) as string;
    expectNoCodeIn(answer.body);
    const mail = (await outbox()).find((m) => m.to === 'vic.visitor@example.com');
    expect(mail?.subject).toBe('Your door code for doors.example.com');
    expect(mail?.text).toContain(`Your door code for doors.example.com is: ${code}`);
    expect(mail?.text).toContain('Valid: from 2026-12-08 09:00:00 until 2026-12-08 17:00:00 (UTC)');
    expect(mail?.text).toContain('Doors: EM000001');
  });

  it('a resend issues and mails a new code; the audit trail says where each went and never holds one', async () => {
    const before = host.codes.length;
    const answer = await post(`/api/passes/${PASS.passid}/resend`, {});
    expect(answer.status, answer.body).toBe(200);
    expect(host.codes.length).toBe(before + 1);
    expect((answer.json as { sent: { to: string } }).sent.to).toBe('v…@example.com');
    const texts = (await outbox()).map((m) => m.text).join('\n');
    expect(texts).toContain(host.codes.at(-1));
    const audit = (await raw(gateway.url, 'GET', '/api/audit?action=pass-created,pass-resent', manager)).body;
    expect(audit).toContain('code sent to v…@example.com (outbox)');
    expect(logLines.length, 'the log is written (so a code in it would be seen)').toBeGreaterThan(0);
    expectNoCodeIn(answer.body, audit, auditLines.join('\n'), logLines.join('\n'));
    expect(auditLines.filter((l) => /"action":"pass-(created|resent)"/.test(l))).toHaveLength(2);
  });

  it('refuses a bad pass with the field named, before the platform is asked', async () => {
    const asked = upstream.requests.length;
    const answer = await post('/api/passes', { ...NEW_PASS, email: 'not-an-address' });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ status: 0, msg: expect.stringContaining('email must look like name@example.com') });
    expect(upstream.requests.length).toBe(asked);
  });

  it('support may neither create nor resend (403), and the platform is never asked', async () => {
    const support = await signIn(gateway.url, FAKE_ACCOUNTS.support.email, FAKE_ACCOUNTS.support.password);
    const asked = upstream.requests.filter((r) => r.url.startsWith('/api/passes')).length;
    expect((await post('/api/passes', NEW_PASS, support)).status).toBe(403);
    expect((await post(`/api/passes/${PASS.passid}/resend`, {}, support)).status).toBe(403);
    expect(upstream.requests.filter((r) => r.url.startsWith('/api/passes')).length).toBe(asked);
  });
});

describe('sending a grant’s keypad code', () => {
  it('to a person without an e-mail address: 409 before any code changes', async () => {
    const before = host.codes.length;
    const answer = await post('/api/grants/32/send', { userid: 13 });
    expect(answer.status).toBe(409);
    expect(answer.json).toEqual({ status: 0, msg: 'Add an e-mail address for Noel Nomail first: the code is sent there' });
    expect(host.codes.length).toBe(before);
    expect(upstream.requests.some((r) => r.url === '/api/grants/32/passcode')).toBe(false);
  });

  it('mails a new code to the person and answers only where it went', async () => {
    const answer = await post('/api/grants/31/send', { userid: 11 });
    expect(answer.status, answer.body).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.json).toEqual({ status: 1, msg: '', sent: { to: 'a…@example.com', date: expect.any(String) } });
    const mail = (await outbox()).find((m) => m.to === 'ada.staff@example.com');
    expect(mail?.text).toContain(`is: ${host.codes.at(-1)}`);
    expect(mail?.text).toContain('Doors: HQ · Main Entrance');
    expect(mail?.text).toContain('Hours: days 12345, 08:00–18:00');
    expectNoCodeIn(answer.body, auditLines.join('\n'));
    expect(auditLines.some((l) => l.includes('"action":"code-sent"') && l.includes('"grantid":31'))).toBe(true);
  });

  it('needs the person it is for', async () => {
    const answer = await post('/api/grants/31/send', {});
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ status: 0, msg: expect.stringContaining('userid') });
  });
});

describe('a code that cannot be mailed', () => {
  let failing: RunningGateway;
  let session: Record<string, string>;
  beforeAll(async () => {
    // Nothing listens on port 9 of this machine: the mail server cannot be reached.
    failing = await startGateway(upstream.url, { config: testConfig({ SMTP_URL: 'smtp://127.0.0.1:9' }) });
    session = await signIn(failing.url, FAKE_ACCOUNTS.manager.email, FAKE_ACCOUNTS.manager.password);
  });
  afterAll(async () => failing.close());
  const send = (path: string, body: unknown) => raw(failing.url, 'POST', path, { ...session, 'content-type': 'application/json' }, JSON.stringify(body));

  it('still creates the pass, and says the code was not sent and how to send it', async () => {
    const answer = await send('/api/passes', NEW_PASS);
    expect(answer.status).toBe(200);
    const body = answer.json as { msg: string; sent?: unknown; pass: unknown };
    expect(body.sent).toBeUndefined();
    expect(body.msg).toMatch(/^The pass was created but its code could not be sent \(code not sent to v…@example.com: .+\): send a new code to try again$/);
    expectNoCodeIn(answer.body);
  });

  it('a resend or a grant’s code says it failed (502), and that the old code no longer works', async () => {
    for (const answer of [await send(`/api/passes/${PASS.passid}/resend`, {}), await send('/api/grants/31/send', { userid: 11 })]) {
      expect(answer.status).toBe(502);
      expect((answer.json as { msg: string }).msg).toMatch(/could not be sent .*the old code no longer works: try again$/);
      expectNoCodeIn(answer.body);
    }
  });
});

describe('with SMTP_URL set', () => {
  it('hands the code’s mail to the mail server, and keeps none in the outbox', async () => {
    const sink = await startSmtpSink();
    const smtp = await startGateway(upstream.url, { config: testConfig({ SMTP_URL: sink.url, MAIL_FROM: 'doors@example.com' }) });
    try {
      const session = await signIn(smtp.url, FAKE_ACCOUNTS.manager.email, FAKE_ACCOUNTS.manager.password);
      const answer = await raw(smtp.url, 'POST', '/api/passes', { ...session, 'content-type': 'application/json' }, JSON.stringify(NEW_PASS));
      expect(answer.status, answer.body).toBe(200);
      expect((answer.json as { sent: { to: string } }).sent.to).toBe('v…@example.com');
      const mail = await sink.waitFor((m) => m.to.includes('vic.visitor@example.com'));
      expect(mail.from).toBe('doors@example.com');
      expect(mail.raw).toContain(host.codes.at(-1));
      const kept = (await raw(smtp.url, 'GET', '/api/outbox', session)).json as { messageslist: unknown[] };
      expect(kept.messageslist).toEqual([]);
      expectNoCodeIn(answer.body);
    } finally {
      await smtp.close();
      await sink.close();
    }
  });
});
