import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_ACCOUNTS, FakeTokens } from '../../../test-support/fake-fleet';
import { type RunningGateway, signIn, startGateway, testConfig } from '../../../test-support/gateway';
import { raw } from '../../../test-support/raw-http';
import { StandInUpstream } from '../../../test-support/stand-in-upstream';
import { Upstream } from '../upstream';
import { discoverFeatures } from '../capabilities';
import { type PeopleHost, PASS, VISITOR, peopleHost } from './people-host.test-support';

/** Issue 25 through the gateway: support sees no visitor's e-mail, the CSV import and export, the audit of changes, feature discovery. */
let upstream: StandInUpstream;
let host: PeopleHost;
let tokens: FakeTokens;
let gateway: RunningGateway;
let manager: Record<string, string>;
let support: Record<string, string>;
const auditLines: Record<string, unknown>[] = [];

beforeAll(async () => {
  tokens = new FakeTokens();
  host = peopleHost(tokens);
  upstream = await new StandInUpstream(host.handler).start();
  gateway = await startGateway(upstream.url, {
    config: testConfig({ LOGIN_RATE_LIMIT: '50' }),
    auditStream: { write: (line: string) => auditLines.push(JSON.parse(line) as Record<string, unknown>) },
  });
  manager = await signIn(gateway.url, FAKE_ACCOUNTS.manager.email, FAKE_ACCOUNTS.manager.password);
  support = await signIn(gateway.url, FAKE_ACCOUNTS.support.email, FAKE_ACCOUNTS.support.password);
});
afterAll(async () => {
  await gateway.close();
  await upstream.stop();
});

const get = (path: string, session: Record<string, string>) => raw(gateway.url, 'GET', path, session);
const VISITOR_EMAIL = VISITOR.email as string;

describe('support never receives a visitor’s e-mail', () => {
  it('a manager first, then support, on the same platform answer: the stored answer is not shared', async () => {
    // The manager's poll stores the answer (answer-store.ts); support's, of the very same bytes, must not get it.
    for (const path of ['/api/passes?pagenumber=1&limit=25', '/api/people?pagenumber=1&limit=25', `/api/people/${VISITOR.userid}`]) {
      const seen = await get(path, manager);
      expect(seen.status).toBe(200);
      expect(seen.body, path).toContain(VISITOR_EMAIL);
      const narrowed = await get(path, support);
      expect(narrowed.status).toBe(200);
      expect(narrowed.body, path).not.toContain(VISITOR_EMAIL);
      expect(narrowed.body, path).not.toContain('vic.visitor');
      // And the manager's next poll is still whole.
      expect((await get(path, manager)).body).toContain(VISITOR_EMAIL);
    }
  });

  it('only the visitors’ e-mails go: staff e-mails and everything else stay', async () => {
    const people = (await get('/api/people?pagenumber=1&limit=25', support)).json as { peoplelist: { userid: number; email: string | null; username: string }[] };
    expect(people.peoplelist.map((p) => [p.userid, p.email])).toEqual([[11, 'ada.staff@example.com'], [12, null], [13, null], [14, 'f@example.com']]);
    const passes = (await get('/api/passes', support)).json as { passeslist: Record<string, unknown>[] };
    expect(passes.passeslist).toEqual([{ ...PASS, email: null }]);
  });

  it('nor in the people export', async () => {
    const file = await get('/api/people/export?visitor=1', support);
    expect(file.status).toBe(200);
    expect(file.body).not.toContain('vic.visitor');
    expect(file.body).toContain('Vic Visitor,,,,active,\r\n');
  });
});

describe('a manager demoted on the platform', () => {
  it('is answered as support from the next read on (the role as the platform says it now)', async () => {
    const session = await signIn(gateway.url, FAKE_ACCOUNTS.manager.email, FAKE_ACCOUNTS.manager.password);
    const token = [...tokens.live.keys()].at(-1) as string;
    tokens.live.set(token, 'support');
    const passes = await get('/api/passes', session);
    expect(passes.status).toBe(200);
    expect(passes.body).not.toContain(VISITOR_EMAIL);
    expect(auditLines.filter((l) => l.action === 'role-changed')).toEqual([expect.objectContaining({ detail: expect.stringContaining('manager → support') })]);
  });
});

describe('the people export', () => {
  it('is the list as CSV that re-imports: roles by name, tags, status; formulas defused', async () => {
    const file = await get('/api/people/export', manager);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="lockboard-people-\d{8}-\d{4}\.csv"$/);
    expect(file.body.split('\r\n')).toEqual([
      '\uFEFFname,email,department,roles,status,tags',
      'Ada Staff,ada.staff@example.com,Operations,Night shift,active,night',
      'Vic Visitor,vic.visitor@example.com,,,active,',
      'Noel Nomail,,Operations,Night shift,active,night',
      `"'=HYPERLINK(""http://evil.example"")",f@example.com,Operations,Night shift;Cleaning crew,active,night`,
      '',
    ]);
  });

  it('passes the list’s filters on and refuses one it does not know', async () => {
    await get('/api/people/export?visitor=1&status=active', manager);
    expect(upstream.requests.at(-2)?.url).toBe('/api/people?status=active&visitor=1&pagenumber=1&limit=100');
    const bad = await get('/api/people/export?status=gone', manager);
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ status: 0, msg: expect.stringContaining('status must be one of active, suspended, archived') });
  });
});

describe('the people import', () => {
  const csv = 'name,email,department,roles\r\nAda Staff,ada.staff@example.com,Operations,Night shift\r\nBo New,bo@example.com,,Night shift\r\n';
  const send = (body: string, type: string, path = '/api/people/import') => raw(gateway.url, 'POST', path, { ...manager, 'content-type': type }, body);

  it('relays the CSV as it came, as text/csv, and audits an applied import with its counts', async () => {
    const dry = await send(csv, 'text/csv', '/api/people/import?dry_run=1');
    expect(dry.status, dry.body).toBe(200);
    expect(dry.json).toMatchObject({ status: 1, dry_run: 1, changes: [{ line: 2, action: 'update' }, { line: 3, action: 'create' }] });
    expect(host.imports.at(-1)).toEqual({ type: 'text/csv; charset=utf-8', body: csv });
    expect(auditLines.filter((l) => l.action === 'people-imported')).toEqual([]);
    expect((await send(csv, 'text/csv; charset=utf-8')).status).toBe(200);
    expect(auditLines.filter((l) => l.action === 'people-imported')).toEqual([expect.objectContaining({ result: 'ok', count: 2, detail: '1 created, 1 updated, 0 unchanged' })]);
  });

  it('passes the platform’s line-by-line errors on with the refusal', async () => {
    const answer = await send('name,roles\r\nAl,Nigth shift\r\n', 'text/csv');
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ status: 0, msg: '1 lines have errors: nothing was imported', errors: [{ line: 2, msg: "unknown role 'Nigth shift'" }], changes: [], dry_run: 0 });
  });

  it('takes CSV only there: JSON there, CSV elsewhere, are 415; over 1 MB is 413', async () => {
    expect((await send('{"name":"x"}', 'application/json')).status).toBe(415);
    const elsewhere = await send(csv, 'text/csv', '/api/roles');
    expect(elsewhere.status).toBe(415);
    expect(elsewhere.json).toEqual({ status: 0, msg: 'Send the request body as application/json' });
    const big = `name\r\n${'x'.repeat(1024 * 1024)}\r\n`;
    const tooBig = await send(big, 'text/csv');
    expect(tooBig.status).toBe(413);
    expect(tooBig.json).toEqual({ status: 0, msg: 'The CSV is larger than 1 MB: split it into files of at most 5,000 lines' });
  });

  it('is refused to support (403) before the CSV goes anywhere', async () => {
    const before = host.imports.length;
    const answer = await raw(gateway.url, 'POST', '/api/people/import', { ...support, 'content-type': 'text/csv' }, csv);
    expect(answer.status).toBe(403);
    expect(host.imports.length).toBe(before);
  });
});

describe('people changes in the audit trail', () => {
  const send = (method: 'POST' | 'PUT' | 'DELETE', path: string, body: unknown = {}) => raw(gateway.url, method, path, { ...manager, 'content-type': 'application/json' }, JSON.stringify(body));
  const last = () => auditLines.at(-1);

  it('records each change with what it did; a preview records nothing', async () => {
    await send('POST', '/api/people/11/suspend', { reason: 'On leave', until: '2027-01-04 08:00:00' });
    expect(last()).toMatchObject({ action: 'person-suspended', result: 'ok', personid: 11, personname: 'Ada Staff', detail: 'On leave, until 2027-01-04 08:00:00' });
    await send('POST', '/api/people/11/reactivate');
    expect(last()).toMatchObject({ action: 'person-reactivated', personid: 11 });
    await send('POST', '/api/people/11/archive');
    expect(last()).toMatchObject({ action: 'person-archived', personid: 11 });
    await send('POST', '/api/roles', { name: 'Loading dock', grants: [] });
    expect(last()).toMatchObject({ action: 'access-role-created', detail: 'access role 9 (Loading dock), 0 grant templates' });
    await send('PUT', '/api/roles/4/members', { add: [11, 13], remove: [14] });
    expect(last()).toMatchObject({ action: 'access-role-members', count: 3, detail: 'access role 4 (Night shift): added people 11, 13; removed people 14' });
    await send('DELETE', '/api/roles/4');
    expect(last()).toMatchObject({ action: 'access-role-deleted' });
    await send('DELETE', `/api/passes/${PASS.passid}`);
    expect(last()).toMatchObject({ action: 'pass-ended', personid: 12, personname: 'Vic Visitor', detail: 'pass 21 ended' });
    const count = auditLines.length;
    const preview = await send('PUT', '/api/roles/4/members?preview=1', { add: [13] });
    expect(preview.status).toBe(200);
    expect(auditLines.length).toBe(count);
  });
});

describe('feature discovery', () => {
  it('finds roles, passes and the access check on a host that has them, and not on one without', async () => {
    const token = tokens.issue('manager');
    expect(await discoverFeatures(new Upstream(upstream.url), token)).toMatchObject({ roles: true, passes: true, accessCheck: true });
    const bare = await new StandInUpstream(peopleHost(tokens, { features: false }).handler).start();
    try {
      expect(await discoverFeatures(new Upstream(bare.url), token)).toMatchObject({ roles: false, passes: false, accessCheck: false });
    } finally {
      await bare.stop();
    }
  });
});
