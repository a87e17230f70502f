import { ConfigError, type Config, loadConfig } from './config';

/**
 * How long a stopping service may take before it exits anyway. The servers themselves stop within
 * about a second (stop-promptly.ts); this bounds anything else that might hang.
 */
export const STOP_DEADLINE_MS = 10_000;

/**
 * The stop of a service: closes it once (later calls wait for the same), then exits 0; a close that
 * fails, or does not finish within `deadlineMs`, exits 1 with one line saying so.
 */
export function stopOnce(
  close: () => Promise<void>,
  {
    deadlineMs = STOP_DEADLINE_MS,
    exit = (code: number): void => process.exit(code),
    log = (line: string): void => console.error(line),
  }: { deadlineMs?: number; exit?: (code: number) => void; log?: (line: string) => void } = {},
): () => Promise<void> {
  let stopping: Promise<void> | null = null;
  const run = async () => {
    const deadline = setTimeout(() => {
      log(`The service did not stop within ${Math.round(deadlineMs / 1000)} s: exiting anyway`);
      exit(1);
    }, deadlineMs);
    deadline.unref();
    try {
      await close();
      exit(0);
    } catch (error) {
      log(`The service did not stop cleanly: ${String(error)}`);
      exit(1);
    } finally {
      clearTimeout(deadline);
    }
  };
  return () => (stopping ??= run());
}

/** Closes the service once on SIGINT or SIGTERM, then exits (stopOnce). */
export function onShutdown(close: () => Promise<void>): void {
  const stop = stopOnce(close);
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
