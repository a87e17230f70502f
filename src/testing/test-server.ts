import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPlatform } from '../../server/platform/platform';
import { signIn, startGateway, testConfig } from '../../test-support/gateway';

/**
 * Component tests talk real HTTP: the gateway in front of the embedded platform, in-process on
 * port 0 with a fresh database (no simulator), and the browser's relative URLs pointed at it.
 */
export async function startTestServer(env: Record<string, string> = {}, role: 'manager' | 'support' = 'manager') {
  const dir = mkdtempSync(join(tmpdir(), 'lockboard-dom-'));
  const platform = await startPlatform({ dbPath: join(dir, 'platform.sqlite'), simulator: false, seed: { historyDays: 0 } });
  const gateway = await startGateway(platform.url, { mode: 'embedded', config: testConfig({ DATA_DIR: dir, ...env }) });
  const session = await signIn(gateway.url, `${role}@lockboard.local`, `lockboard-${role}`);
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    const url = typeof input === 'string' && input.startsWith('/') ? `${gateway.url}${input}` : input;
    // jsdom's AbortSignal is not Node's; the tests never abort. The browser would send the cookie.
    const { signal: _signal, headers, ...rest } = init ?? {};
    return realFetch(url, { ...rest, headers: { ...(headers as Record<string, string>), ...session } });
  };
  return {
    url: gateway.url,
    db: platform.db,
    async close() {
      globalThis.fetch = realFetch;
      await gateway.close();
      await platform.close();
    },
  };
}
