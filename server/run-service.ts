import { ConfigError, type Config, loadConfig } from './config';

/** Closes the service once on SIGINT or SIGTERM, then exits. */
export function onShutdown(close: () => Promise<void>): void {
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

/** Loads the configuration and starts `main`; a configuration error is one line and exit code 1. */
export async function runService(name: string, main: (config: Config) => Promise<void>): Promise<void> {
  try {
    await main(loadConfig());
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`${name} cannot start: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
