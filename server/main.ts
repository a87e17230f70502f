import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './config';
import { buildGateway } from './gateway/app';
import { startPlatform } from './platform/platform';
import { onShutdown, runService } from './run-service';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

async function main(config: Config) {
  const platform = config.plusApiUrl
    ? null
    : await startPlatform({
        dbPath: join(config.dataDir, 'platform.sqlite'),
        simulator: config.simulator,
        loginRateLimit: config.loginRateLimit,
        timeZone: config.plusTimezone,
        quirks: config.platformQuirks,
      });
  const spaDir = join(root, 'dist');
  const upstreamUrl = config.plusApiUrl ?? platform?.url;
  if (!upstreamUrl) throw new Error('no upstream: neither PLUS_API_URL nor the embedded platform');
  const { app } = await buildGateway({
    config,
    upstreamUrl,
    mode: platform ? 'embedded' : 'proxy',
    spaDir: existsSync(spaDir) ? spaDir : null,
    // The notifier reads the embedded platform with its service account unless PLUS_SERVICE_EMAIL says otherwise.
    serviceAccount: platform?.serviceAccount ?? null,
    logger: true,
  });
  await app.listen({ port: config.port, host: config.host });
  // The port bound (PORT=0 takes a free one).
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const where = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  app.log.info(
    platform
      ? `Lockboard is ready on ${where} with the embedded demo platform (data in ${config.dataDir})`
      : `Lockboard is ready on ${where}, proxying ${config.plusApiUrl}`,
  );

  onShutdown(async () => {
    await app.close();
    await platform?.close();
  });
}

await runService('Lockboard', main);
