import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_ACCOUNTS, FakeTokens } from '../../../test-support/fake-fleet';
import { type RunningGateway, signIn, startGateway, testConfig } from '../../../test-support/gateway';
import { type RawResponse, raw } from '../../../test-support/raw-http';
import { StandInUpstream } from '../../../test-support/stand-in-upstream';
import { type PeopleHost, VISITOR, peopleHost } from './people-host.test-support';

/** The issue-25 paths attacked raw: odd spellings, dot segments, encoded slashes, methods not in the table. */
let upstream: StandInUpstream;
let host: PeopleHost;
let gateway: RunningGateway;
let manager: Record<string, string>;
let support: Record<string, string>;

beforeAll(async () => {
  const tokens = new FakeTokens();
  host = peopleHost(tokens);
  upstream = await new StandInUpstream(host.handler).start();
  gateway = await startGateway(upstream.url, { config: testConfig({ LOGIN_RATE_LIMIT: '50' }) });
  manager = await signIn(gateway.url, FAKE_ACCOUNTS.manager.email, FAKE_ACCOUNTS.manager.password);
  support = await signIn(gateway.url, FAKE_ACCOUNTS.support.email, FAKE_ACCOUNTS.support.password);
});
afterAll(async () => {
  await gateway.close();
  await upstream.stop();
});

function expectRefusal(response: RawResponse, statuses: number[], what: string) {
  expect(statuses, `${what}: ${response.body.slice(0, 200)}`).toContain(response.status);
  expect(response.json, what).toEqual({ status: 0, msg: expect.any(String) });
  expect(response.body).not.toContain(VISITOR.email);
  for (const code of host.codes) expect(response.body).not.toContain(code);
}

const json = (session: Record<string, string>) => ({ ...session, 'content-type': 'application/json' });

describe('attacks on the people routes', () => {
  it('sends no odd spelling of a role, person or pass path upstream', async () => {
    const asked = upstream.requests.length;
    for (const [method, path] of [
      ['GET', '/api/roles/4%2F..%2F5'],
      ['GET', '/api/roles/..%2F4'],
      ['GET', '/api/roles/x/../4'],
      ['PUT', '/api/roles/4%2Fmembers'],
      ['POST', '/api/passes/21%2Fresend'],
      ['POST', '/api/passes/..%2F21/resend'],
      ['POST', '/api/passes/21/../21/resend'],
      ['POST', '/api/people/11%2Fsuspend'],
      ['POST', '/api/people/0/archive'],
      ['POST', '/api/grants/31%2Fsend'],
      ['DELETE', '/api/passes/1e3'],
      ['GET', '/api/people/export/..'],
      // `import` is no person's id (PUT /api/people/:userid).
      ['PUT', '/api/people/import'],
    ] as const) {
      const response = await raw(gateway.url, method, path, json(manager), method === 'GET' ? undefined : '{}');
      expectRefusal(response, [400, 404], `${method} ${path}`);
    }
    // Only the role check's question about the session (role-check.ts) may go.
    expect(upstream.requests.slice(asked).map((r) => r.url).filter((url) => url !== '/api/users/me')).toEqual([]);
  });

  it('answers only the table’s methods (404 for any other)', async () => {
    for (const [method, path] of [
      ['PATCH', '/api/roles/4'],
      ['POST', '/api/roles/4'],
      ['GET', '/api/roles/4/members'],
      ['DELETE', '/api/people/11/suspend'],
      ['GET', '/api/people/11/archive'],
      ['GET', '/api/passes/21/resend'],
      ['PUT', '/api/passes'],
      ['GET', '/api/passes/21'],
      ['GET', '/api/grants/31/send'],
      ['POST', '/api/people/export'],
      ['POST', '/api/access-check'],
    ] as const) {
      const response = await raw(gateway.url, method, path, json(manager), method === 'GET' ? undefined : '{}');
      expectRefusal(response, [404], `${method} ${path}`);
    }
  });

  it('refuses an unknown or repeated query parameter before asking upstream', async () => {
    const asked = upstream.requests.length;
    expectRefusal(await raw(gateway.url, 'GET', '/api/people?pagenumber=1&email=x', manager), [400], 'email filter');
    expectRefusal(await raw(gateway.url, 'GET', '/api/passes?status=active&status=ended', manager), [400], 'status twice');
    expectRefusal(await raw(gateway.url, 'GET', '/api/access-check?userid=1&lockid=EM1&token=x', manager), [400], 'token');
    expectRefusal(await raw(gateway.url, 'PUT', '/api/roles/4?preview=1&force=1', json(manager), '{}'), [400], 'force');
    expect(upstream.requests.length).toBe(asked);
  });

  it('gives support no code and no visitor’s e-mail by any spelling, and no change', async () => {
    for (const path of ['/api/passes', '/api/passes?status=scheduled', `/api/people/${VISITOR.userid}`, '/api/people?visitor=1', '/api/people/export?visitor=1']) {
      const response = await raw(gateway.url, 'GET', path, support);
      expect(response.status, path).toBe(200);
      expect(response.body, path).not.toContain(VISITOR.email);
    }
    for (const [path, body] of [['/api/passes', '{}'], ['/api/passes/21/resend', ''], ['/api/grants/31/send', '{"userid":11}'], ['/api/people/11/suspend', '{"reason":"x"}']] as const) {
      expectRefusal(await raw(gateway.url, 'POST', path, json(support), body), [403], path);
    }
  });
});
