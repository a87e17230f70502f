import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FORECAST_CSV_COLUMNS } from '../../../contract/reports';
import { FAKE_ACCOUNTS, FakeTokens } from '../../../test-support/fake-fleet';
import { type RunningGateway, signIn, startGateway, testConfig } from '../../../test-support/gateway';
import { raw } from '../../../test-support/raw-http';
import { StandInUpstream, sendJson } from '../../../test-support/stand-in-upstream';
import { parseCsv } from '../../platform/people/csv';
import { discoverFeatures } from '../capabilities';
import { Upstream } from '../upstream';
import { DENIALS, READINGS, UPTIME, USAGE, forecastsDue, reportsHost } from './reports-host.test-support';

/** Issue 26 through the gateway: the proxied reads, their caching, the "Replace soon" CSV, discovery. */
let tokens: FakeTokens;
let upstream: StandInUpstream;
let bare: StandInUpstream;
let gateway: RunningGateway;
let bareGateway: RunningGateway;
let manager: Record<string, string>;
let support: Record<string, string>;

beforeAll(async () => {
  tokens = new FakeTokens();
  upstream = await new StandInUpstream(reportsHost(tokens)).start();
  bare = await new StandInUpstream(reportsHost(tokens, { features: false })).start();
  gateway = await startGateway(upstream.url, { config: testConfig({ LOGIN_RATE_LIMIT: '50' }) });
  bareGateway = await startGateway(bare.url, { config: testConfig({ LOGIN_RATE_LIMIT: '50' }) });
  manager = await signIn(gateway.url, FAKE_ACCOUNTS.manager.email, FAKE_ACCOUNTS.manager.password);
  support = await signIn(gateway.url, FAKE_ACCOUNTS.support.email, FAKE_ACCOUNTS.support.password);
});
afterAll(async () => {
  await gateway.close();
  await bareGateway.close();
  await upstream.stop();
  await bare.stop();
});

const get = (path: string, session: Record<string, string>, headers: Record<string, string> = {}) => raw(gateway.url, 'GET', path, { ...session, ...headers });
/** The upstream requests (path and query) made since `from`, but the role check's. */
const askedSince = (from: number) => upstream.requests.slice(from).map((r) => r.url).filter((url) => url !== '/api/users/me');

describe('the readings and reports, relayed', () => {
  it('answers each read as the platform did, to a manager and to support', async () => {
    const reads: [string, unknown][] = [
      ['/api/locks/EM000001/readings?from=2026-12-01&to=2026-12-07&step=3600', READINGS],
      ['/api/reports/uptime?from=2026-12-01&to=2026-12-07&groupid=1&limit=5', UPTIME],
      ['/api/reports/usage?from=2026-12-01&to=2026-12-07&lockid=EM000001', USAGE],
      ['/api/reports/denials?from=2026-12-01&to=2026-12-07', DENIALS],
    ];
    for (const session of [manager, support]) {
      for (const [path, body] of reads) {
        const response = await get(path, session);
        expect(response.status, path).toBe(200);
        expect(response.json, path).toEqual(body);
      }
    }
    const forecasts = await get('/api/reports/battery-forecast?pagenumber=2&limit=10&due_within_days=30', support);
    expect(forecasts.status).toBe(200);
    expect((forecasts.json as { forecastslist: unknown[] }).forecastslist).toEqual(forecastsDue(Date.now(), 30, null).slice(10, 20));
  });

  it('passes each row’s parameters upstream re-encoded, and refuses any other before asking', async () => {
    const asked = upstream.requests.length;
    await get('/api/locks/EM%20001/readings?from=2026-12-01%2000%3A00%3A00&to=2026-12-07', manager);
    expect(askedSince(asked)).toEqual(['/api/locks/EM%20001/readings?from=2026-12-01+00%3A00%3A00&to=2026-12-07']);
    const refused = upstream.requests.length;
    for (const path of [
      '/api/locks/EM000001/readings?from=2026-12-01&token=x',
      '/api/locks/EM000001/readings?step=60&step=3600',
      '/api/reports/usage?from=2026-12-01&to=2026-12-07&userid=1',
      '/api/reports/battery-forecast?pagenumber=1&limit=10&searchkey=x',
      '/api/reports/denials?from=2026-12-01&to=2026-12-07&reason=expired',
    ]) {
      const response = await get(path, manager);
      expect(response.status, path).toBe(400);
      expect(response.json, path).toEqual({ status: 0, msg: expect.stringMatching(/^(Unknown parameter: |step may be given only once)/) });
    }
    expect(askedSince(refused)).toEqual([]);
  });

  it('caches like every proxied read: private, revalidated by ETag, an unchanged poll a 304', async () => {
    const path = '/api/reports/usage?from=2026-12-01&to=2026-12-07';
    const first = await get(path, manager);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    expect(first.headers.etag).toMatch(/^"/);
    const again = await get(path, manager, { 'if-none-match': first.headers.etag as string });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
  });

  it('relays a host without them as its 404, in our shape', async () => {
    const session = await signIn(bareGateway.url, FAKE_ACCOUNTS.support.email, FAKE_ACCOUNTS.support.password);
    for (const path of ['/api/locks/EM000001/readings', '/api/reports/battery-forecast?pagenumber=1&limit=10', '/api/reports/uptime?from=2026-12-01&to=2026-12-02']) {
      const response = await raw(bareGateway.url, 'GET', path, session);
      expect(response.status, path).toBe(404);
      expect(response.json).toEqual({ status: 0, msg: 'Not found' });
    }
  });
});

/** The CSV's records as field lists, header first. */
function csvRecords(body: string): string[][] {
  const { records, errors } = parseCsv(body);
  expect(errors).toEqual([]);
  return records.map((r) => r.fields);
}

describe('the "Replace soon" CSV', () => {
  it('holds exactly the locks due, from every page, with their groups, as a download', async () => {
    const asked = upstream.requests.length;
    const response = await get('/api/reports/battery-forecast/export.csv?due_within_days=365', support);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="lockboard-replace-soon-\d{8}-\d{4}\.csv"$/);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = csvRecords(response.body);
    expect(header).toEqual([...FORECAST_CSV_COLUMNS]);
    const due = forecastsDue(Date.now(), 365, null);
    // More than two pages of 100: the export read them all, each lock once.
    expect(due.length).toBeGreaterThan(200);
    expect(rows.map((r) => r[0])).toEqual(due.map((f) => f.lockid));
    const pages = askedSince(asked).filter((url) => url.startsWith('/api/reports/battery-forecast'));
    expect(pages).toEqual([1, 2, 3].map((n) => `/api/reports/battery-forecast?due_within_days=365&pagenumber=${n}&limit=100`));
  });

  it('writes each column as the forecast says, groups joined by "; ", formulas defused', async () => {
    const response = await get('/api/reports/battery-forecast/export.csv?due_within_days=10&groupid=2', manager);
    const [, ...rows] = csvRecords(response.body);
    const due = forecastsDue(Date.now(), 10, 2);
    expect(due.length).toBeGreaterThan(1);
    expect(rows).toEqual(
      due.map((f) => [
        f.lockid,
        f.lockname.startsWith('=') ? `'${f.lockname}` : f.lockname,
        f.lockgroups.map((g) => g.groupname).join('; '),
        String(f.battery_level),
        String(f.drain_per_day),
        f.critical_date,
      ]),
    );
    expect(rows[0]?.[1]).toBe('\'=HYPERLINK("http://evil.example")');
    expect(rows[0]?.[2]).toBe('HQ; Depot, "north"');
  });

  it('refuses bad parameters with 400 naming them, before asking the platform', async () => {
    const asked = upstream.requests.length;
    for (const [query, named] of [
      ['', 'due_within_days'],
      ['?due_within_days=soon', 'due_within_days'],
      ['?due_within_days=-1', 'due_within_days'],
      ['?due_within_days=3651', 'due_within_days'],
      ['?due_within_days=30&groupid=0', 'groupid'],
      ['?due_within_days=30&groupid=x', 'groupid'],
      ['?due_within_days=30&pagenumber=2', 'pagenumber'],
      ['?due_within_days=30&due_within_days=40', 'due_within_days'],
    ] as const) {
      const response = await get(`/api/reports/battery-forecast/export.csv${query}`, manager);
      expect(response.status, query).toBe(400);
      expect(response.json, query).toEqual({ status: 0, msg: expect.stringContaining(named) });
    }
    expect(askedSince(asked)).toEqual([]);
  });

  it('runs one at a time per user: a second while the first streams is a 429 with Retry-After', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const host = reportsHost(tokens);
    // The second page waits until the test lets it go: the first export is still running meanwhile.
    upstream.use(async (request, response) => {
      if (request.url.includes('battery-forecast') && request.url.includes('pagenumber=2')) await held;
      return host(request, response);
    });
    try {
      const path = '/api/reports/battery-forecast/export.csv?due_within_days=365';
      const first = get(path, manager);
      await vi.waitFor(() => expect(upstream.requests.some((r) => r.url.includes('pagenumber=2'))).toBe(true));
      const second = await get(path, manager);
      expect(second.status).toBe(429);
      expect(second.headers['retry-after']).toBe('30');
      expect(second.json).toEqual({ status: 0, msg: expect.stringContaining('still running') });
      // Another user's export is not held up by it.
      const other = get(path, support);
      release();
      expect((await first).status).toBe(200);
      expect((await other).status).toBe(200);
      expect((await get(path, manager)).status).toBe(200);
    } finally {
      release();
      upstream.use(host);
    }
  });

  it('breaks off visibly when a later page fails, never a complete-looking file; the slot is freed', async () => {
    const host = reportsHost(tokens);
    upstream.use((request, response) => {
      if (request.url.includes('battery-forecast') && request.url.includes('pagenumber=2')) return sendJson(response, 503, { status: 0, msg: 'Database busy' });
      return host(request, response);
    });
    const path = `${gateway.url}/api/reports/battery-forecast/export.csv?due_within_days=365`;
    try {
      const response = await fetch(path, { headers: manager });
      // Either the failure came before any byte went out (an error saying why), or the file breaks off.
      if (response.status === 200) await expect(response.text()).rejects.toThrow();
      else expect(await response.json()).toEqual({ status: 0, msg: 'Database busy' });
    } finally {
      upstream.use(host);
    }
    await vi.waitFor(async () => expect((await get('/api/reports/battery-forecast/export.csv?due_within_days=1', manager)).status).toBe(200));
  });

  it('answers 401 without a session, and 404 in our shape from a host without forecasts', async () => {
    const signedOut = await raw(gateway.url, 'GET', '/api/reports/battery-forecast/export.csv?due_within_days=30', {});
    expect(signedOut.status).toBe(401);
    expect(signedOut.json).toEqual({ status: 0, msg: expect.any(String) });
    const session = await signIn(bareGateway.url, FAKE_ACCOUNTS.manager.email, FAKE_ACCOUNTS.manager.password);
    const none = await raw(bareGateway.url, 'GET', '/api/reports/battery-forecast/export.csv?due_within_days=30', session);
    expect(none.status).toBe(404);
    expect(none.json).toEqual({ status: 0, msg: 'This Plus Platform makes no battery forecasts' });
  });
});

describe('feature discovery', () => {
  it('finds readings and reports on a host that has them, and not on one without', async () => {
    const token = tokens.issue('manager');
    expect(await discoverFeatures(new Upstream(upstream.url), token)).toMatchObject({ readings: true, reports: true });
    expect(await discoverFeatures(new Upstream(bare.url), token)).toMatchObject({ readings: false, reports: false });
  });

  it('finds no reports on a host whose usage report is missing, though it forecasts', async () => {
    const partial = await new StandInUpstream(reportsHost(tokens, { usage: false })).start();
    try {
      expect(await discoverFeatures(new Upstream(partial.url), tokens.issue('manager'))).toMatchObject({ readings: true, reports: false });
    } finally {
      await partial.stop();
    }
  });

  it('tells the browser through /app-config.json', async () => {
    await gateway.capabilities.refresh(tokens.issue('manager'));
    const config = (await (await fetch(`${gateway.url}/app-config.json`)).json()) as { features: Record<string, boolean> };
    expect(config.features).toMatchObject({ readings: true, reports: true });
  });
});
