import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningGateway, signIn, startGateway, testConfig } from '../../test-support/gateway';
import { startPlatform } from '../platform/platform';
import { TEST_QUIRKS } from '../../test-support/platform-quirks';

/**
 * A bad-input run against the real gateway in front of the real embedded platform: a few hundred
 * malformed, oversized and wrong-typed bodies and query strings, every one answered 4xx with
 * `{status: 0, msg}`, and the server still serving afterwards.
 */
let gateway: RunningGateway;
let platform: Awaited<ReturnType<typeof startPlatform>>;
let session: Record<string, string>;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lockboard-bad-input-'));
  platform = await startPlatform({ dbPath: join(dir, 'platform.sqlite'), simulator: false, quirks: TEST_QUIRKS, seed: { historyDays: 0 }, loginRateLimit: 10_000 });
  gateway = await startGateway(platform.url, { mode: 'embedded', config: testConfig({ DATA_DIR: dir, LOGIN_RATE_LIMIT: '10000' }) });
  session = await signIn(gateway.url, 'manager@lockboard.local', 'lockboard-manager');
});
afterAll(async () => {
  await gateway.close();
  await platform.close();
});

/** A small deterministic generator, so that a failure can be replayed. */
function rng(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

const WEIRD_VALUES: unknown[] = [
  null, true, false, 0, -1, 1.5, 1e308, '', ' ', 'a', '💥', '<script>alert(1)</script>', "' OR 1=1 --", '%00', '\u0000',
  'x'.repeat(2000), [], [1, 2], {}, { $gt: '' }, { nested: { deeper: [null] } }, 'manager@lockboard.local',
];

function loginBodies(): { body: string; contentType: string }[] {
  const random = rng(42);
  const pick = () => WEIRD_VALUES[Math.floor(random() * WEIRD_VALUES.length)];
  const out: { body: string; contentType: string }[] = [];
  for (let i = 0; i < 150; i++) {
    const shape = i % 5;
    const value =
      shape === 0 ? pick()
      : shape === 1 ? { email: pick(), password: pick() }
      : shape === 2 ? { email: pick() }
      : shape === 3 ? { email: 'manager@lockboard.local', password: pick(), [`extra${i}`]: pick() }
      : [{ email: pick(), password: pick() }];
    out.push({ body: JSON.stringify(value) ?? 'null', contentType: 'application/json' });
  }
  out.push(
    { body: '{"email": ', contentType: 'application/json' },
    { body: '{email: manager}', contentType: 'application/json' },
    { body: '', contentType: 'application/json' },
    { body: 'email=a&password=b', contentType: 'application/x-www-form-urlencoded' },
    { body: 'just text', contentType: 'text/plain' },
    { body: JSON.stringify({ email: 'a@b.co', password: 'p'.repeat(40_000) }), contentType: 'application/json' },
    { body: `{"email":"${'a'.repeat(30_000)}@b.co","password":"x"}`, contentType: 'application/json' },
  );
  return out;
}

function lockQueries(): string[] {
  const random = rng(7);
  const values = ['', '0', '-1', 'abc', '1.5', '1e3', '99999999999999999999', '%00', '%FF', '+1', ' 1', '1;DROP TABLE locks', 'NaN', 'Infinity', '101', '[]'];
  const pick = () => values[Math.floor(random() * values.length)]!;
  const out: string[] = [];
  for (let i = 0; i < 150; i++) {
    const params = new URLSearchParams();
    const kind = i % 6;
    if (kind !== 0) params.set('pagenumber', kind === 1 ? '1' : pick());
    if (kind !== 1) params.set('limit', kind === 0 ? '10' : pick());
    if (kind === 2) params.set('sortby', pick());
    if (kind === 3) params.set('online', pick());
    if (kind === 4) params.set('searchkey', 'z'.repeat(101 + i));
    if (kind === 5) params.set('batterybelow', pick());
    out.push(params.toString());
  }
  return out;
}

async function expectClearRefusal(response: Response, what: string) {
  expect(response.status, what).toBeGreaterThanOrEqual(400);
  expect(response.status, what).toBeLessThan(500);
  const body = (await response.json()) as { status: unknown; msg: unknown };
  expect(body.status, what).toBe(0);
  expect(typeof body.msg === 'string' && body.msg.length > 0, what).toBe(true);
}

describe('bad input', () => {
  it('answers every malformed sign-in with 4xx {status: 0, msg}', async () => {
    const cases = loginBodies();
    expect(cases.length).toBeGreaterThan(150);
    for (const { body, contentType } of cases) {
      const response = await fetch(`${gateway.url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': contentType, origin: gateway.url },
        body,
      });
      await expectClearRefusal(response, `${contentType} ${body.slice(0, 80)}`);
    }
  });

  it('answers every malformed lock list query with 4xx {status: 0, msg}', async () => {
    const cases = lockQueries();
    expect(cases.length).toBe(150);
    for (const query of cases) {
      const response = await fetch(`${gateway.url}/api/locks?${query}`, { headers: session });
      await expectClearRefusal(response, query.slice(0, 120));
    }
    // 150 requests, the refused ones each with an audit record in the store: more than 5 s on a busy machine.
  }, 20_000);

  it('still serves afterwards', async () => {
    const response = await fetch(`${gateway.url}/api/locks?pagenumber=1&limit=5`, { headers: session });
    expect(response.status).toBe(200);
    expect((await response.json()).lockslist).toHaveLength(5);
    const health = await fetch(`${gateway.url}/healthz`);
    expect(health.status).toBe(200);
  });
});
