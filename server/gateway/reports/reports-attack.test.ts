import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_ACCOUNTS, FakeTokens } from '../../../test-support/fake-fleet';
import { type RunningGateway, signIn, startGateway, testConfig } from '../../../test-support/gateway';
import { type RawResponse, raw } from '../../../test-support/raw-http';
import { StandInUpstream } from '../../../test-support/stand-in-upstream';
import { reportsHost } from './reports-host.test-support';

/** Issue 26's paths attacked raw: odd spellings, dot segments, encoded slashes, methods not in the table, no session. */
let upstream: StandInUpstream;
let gateway: RunningGateway;
let manager: Record<string, string>;
let support: Record<string, string>;

beforeAll(async () => {
  upstream = await new StandInUpstream(reportsHost(new FakeTokens())).start();
  gateway = await startGateway(upstream.url, { config: testConfig({ LOGIN_RATE_LIMIT: '50' }) });
  manager = await signIn(gateway.url, FAKE_ACCOUNTS.manager.email, FAKE_ACCOUNTS.manager.password);
  support = await signIn(gateway.url, FAKE_ACCOUNTS.support.email, FAKE_ACCOUNTS.support.password);
});
afterAll(async () => {
  await gateway.close();
  await upstream.stop();
});

/** A refusal in our shape, carrying none of the data it refused. */
function expectRefusal(response: RawResponse, statuses: number[], what: string) {
  expect(statuses, `${what}: ${response.body.slice(0, 200)}`).toContain(response.status);
  expect(response.json, what).toEqual({ status: 0, msg: expect.any(String) });
  for (const word of ['"series"', '"forecastslist"', '"lockid"', '"uptime"', '"usage"']) expect(response.body, what).not.toContain(word);
}

const PERIOD = 'from=2026-12-01&to=2026-12-07';
/** One request a dashboard may send to each of issue 26's routes. */
const READS = [
  `/api/locks/EM000001/readings?${PERIOD}`,
  '/api/reports/battery-forecast?pagenumber=1&limit=10',
  `/api/reports/uptime?${PERIOD}`,
  `/api/reports/usage?${PERIOD}`,
  `/api/reports/denials?${PERIOD}`,
  '/api/reports/battery-forecast/export.csv?due_within_days=30',
];
/** The upstream requests since `from`, but the role check's question about the session. */
const askedSince = (from: number) => upstream.requests.slice(from).map((r) => r.url).filter((url) => url !== '/api/users/me');

describe('attacks on the readings and reports', () => {
  it('answers each read to support, and none without a session or with a forged one, asking nothing upstream', async () => {
    for (const path of READS) expect((await raw(gateway.url, 'GET', path, support)).status, path).toBe(200);
    const asked = upstream.requests.length;
    for (const path of READS) {
      for (const headers of [{}, { cookie: 'session=forged' }] as Record<string, string>[]) expectRefusal(await raw(gateway.url, 'GET', path, headers), [401], path);
    }
    expect(upstream.requests.length).toBe(asked);
  });

  it('sends no odd spelling of a readings or report path upstream', async () => {
    const asked = upstream.requests.length;
    for (const path of [
      '/api/locks/EM000001%2Freadings',
      '/api/locks/EM000001%2freadings',
      '/api/locks/..%2FEM000001/readings',
      '/api/locks/%2E%2E/readings',
      '/api/locks/x/../EM000001/readings',
      '/api/locks/EM000001/./readings',
      '/api/locks/EM000001/%72eadings',
      '/api/locks/EM000001/readings/',
      '/api/locks/EM000001/readings;x=1',
      '/api//reports/usage',
      '/api/reports/%75sage',
      '/api/reports/usage/..',
      '/api/reports/x/../usage',
      '/api/reports/%2e%2e/locks',
      '/api/reports%2Fusage',
      '/api/reports/battery-forecast%2Fexport.csv?due_within_days=30',
      '/api/reports/battery-forecast/export.csv/..?due_within_days=30',
      '/api/reports/battery-forecast/./export.csv?due_within_days=30',
      '/api/reports\\usage',
      '/api/reports/USAGE',
      '/api/reports',
      '/api/reports/readings',
      '/api/locks/EM000001/readings/export.csv',
    ]) {
      for (const headers of [manager, support]) expectRefusal(await raw(gateway.url, 'GET', path, headers), [400, 404], path);
    }
    expect(askedSince(asked)).toEqual([]);
  });

  it('answers only GET (404 for any other method, to a manager too), and changes nothing upstream', async () => {
    const asked = upstream.requests.length;
    for (const path of READS.map((p) => p.split('?')[0] as string)) {
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
        const response = await raw(gateway.url, method, path, { ...manager, 'content-type': 'application/json' }, '{}');
        expectRefusal(response, [404], `${method} ${path}`);
      }
    }
    expect(askedSince(asked)).toEqual([]);
  });

  it('passes an odd lockid upstream only re-encoded, and refuses one too long before asking', async () => {
    const asked = upstream.requests.length;
    const odd = await raw(gateway.url, 'GET', '/api/locks/EM%3F1%231/readings', support);
    expect(odd.status).toBe(200);
    expectRefusal(await raw(gateway.url, 'GET', `/api/locks/${'x'.repeat(65)}/readings`, support), [400], 'long lockid');
    expect(askedSince(asked)).toEqual(['/api/locks/EM%3F1%231/readings']);
  });
});
