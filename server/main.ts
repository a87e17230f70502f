import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, type Config, loadConfig } from './config';
import { buildGateway } from './gateway/app';
import { startPlatform } from './platform/platform';

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
    logger: true,
  });
  await app.listen({ port: config.port, host: config.host });
  const where = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  app.log.info(
    platform
      ? `Lockboard is ready on ${where} with the embedded demo platform (data in ${config.dataDir})`
      : `Lockboard is ready on ${where}, proxying ${config.plusApiUrl}`,
  );

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await app.close();
    await platform?.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

try {
  await main(loadConfig());
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`Lockboard cannot start: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
