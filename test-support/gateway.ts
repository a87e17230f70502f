import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Config, loadConfig } from '../server/config';
import { type Gateway, type GatewayOptions, buildGateway } from '../server/gateway/app';

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    DATA_DIR: mkdtempSync(join(tmpdir(), 'lockboard-test-')),
    SESSION_SECRET: 'test-secret-that-is-long-enough-for-sessions-0123456789',
    POLL_INTERVAL_MS: '1000',
    ...env,
  });
}

export interface RunningGateway extends Gateway {
  url: string;
  close(): Promise<void>;
}

/** A gateway listening on 127.0.0.1, port 0, in front of `upstreamUrl`. */
/** Signs in through the gateway; returns the headers that carry the session (and the dashboard's Origin). */
export async function signIn(gatewayUrl: string, email: string, password: string): Promise<Record<string, string>> {
  const response = await fetch(`${gatewayUrl}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: gatewayUrl },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return { cookie, origin: gatewayUrl };
}

export async function startGateway(
  upstreamUrl: string,
  options: Partial<Omit<GatewayOptions, 'upstreamUrl'>> = {},
): Promise<RunningGateway> {
  const gateway = await buildGateway({
    ...options,
    config: options.config ?? testConfig(),
    upstreamUrl,
    mode: options.mode ?? 'proxy',
    spaDir: options.spaDir ?? null,
    upstreamTimeoutMs: options.upstreamTimeoutMs,
    requestTimeoutMs: options.requestTimeoutMs,
    auditStream: options.auditStream ?? { write: () => true },
    teamAlerts: options.teamAlerts,
    serviceAccount: options.serviceAccount,
    roleCheckTtlMs: options.roleCheckTtlMs,
    logger: options.logger ?? false,
  });
  const url = await gateway.app.listen({ port: 0, host: '127.0.0.1' });
  return { ...gateway, url, close: () => gateway.app.close() };
}
