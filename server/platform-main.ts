// `npm run platform`: the embedded Plus Platform alone (no gateway), on PLATFORM_PORT at HOST with its
// DATA_DIR, so that several gateway copies can share one with PLUS_API_URL.
import { join } from 'node:path';
import { type Config, ensurePrivateDir } from './config';
import { startPlatform } from './platform/platform';
import { onShutdown, runService } from './run-service';

async function main(config: Config) {
  ensurePrivateDir(config.dataDir);
  const platform = await startPlatform({
    dbPath: join(config.dataDir, 'platform.sqlite'),
    simulator: config.simulator,
    loginRateLimit: config.loginRateLimit,
    timeZone: config.plusTimezone,
    quirks: config.platformQuirks,
    host: config.host,
    port: config.platformPort,
    logger: true,
    // Gateways started apart read its feed with PLUS_SERVICE_EMAIL=notifier@lockboard.local and this password.
    servicePassword: config.serviceAccount?.password,
  });
  console.log(`The embedded Plus Platform is ready on ${platform.url} (data in ${config.dataDir}); point gateways at it with PLUS_API_URL=${platform.url}`);
  if (!config.serviceAccount) {
    console.log(`Its notifier account (${platform.serviceAccount.email}) has a random password: set PLUS_SERVICE_PASSWORD here and on the gateways for team alerts`);
  }

  onShutdown(() => platform.close());
}

await runService('The Plus Platform', main);
