import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform } from '../platform/platform';
import { type RunningGateway, startGateway, testConfig } from '../../test-support/gateway';

let platform: Awaited<ReturnType<typeof startPlatform>>;
let gateway: RunningGateway;

beforeAll(async () => {
  platform = await startPlatform({ dbPath: ':memory:', simulator: false, seed: { locks: 4, historyDays: 0 } });
  gateway = await startGateway(platform.url, { mode: 'embedded', config: testConfig({ NOTIFIER: 'off' }) });
});
afterAll(async () => {
  await gateway.close();
  await platform.close();
});

describe("the notifier's service account at the dashboard's sign-in", () => {
  it('is refused with a sentence saying why (403), and no session is made', async () => {
    const response = await fetch(`${gateway.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: gateway.url },
      body: JSON.stringify(platform.serviceAccount),
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ status: 0, msg: 'This service account cannot sign in to Lockboard: only manager and support accounts can' });
    expect(response.headers.get('set-cookie')).toBeNull();
  });
});
