import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { freePort } from './free-port';

/** Debian's redis-server (.ci/run installs it when missing), or REDIS_SERVER_PATH. */
export function findRedisServer(): string {
  const configured = process.env.REDIS_SERVER_PATH;
  if (configured) return configured;
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();
  if (!found) throw new Error('redis-server is not installed: run `apt-get install -y redis-server` (.ci/run does) or set REDIS_SERVER_PATH');
  return found;
}

export interface TestRedis {
  url: string;
  /** Stops the server (the data goes with it: nothing is saved). */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
}

/** A real, throw-away Redis on 127.0.0.1 and a free port, without persistence. */
export async function startRedis(): Promise<TestRedis> {
  const binary = findRedisServer();
  const port = await freePort();
  let child: ChildProcess | null = null;

  const start = () =>
    new Promise<void>((resolve, reject) => {
      const proc = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = proc;
      let output = '';
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) {
          proc.stdout?.off('data', onData);
          resolve();
        }
      };
      proc.stdout?.on('data', onData);
      proc.once('exit', (code) => reject(new Error(`redis-server exited (${code}) before it was ready: ${output.slice(-500)}`)));
    });

  const stop = () =>
    new Promise<void>((resolve) => {
      const proc = child;
      child = null;
      if (!proc || proc.exitCode !== null) return resolve();
      proc.once('exit', () => resolve());
      proc.kill('SIGKILL');
    });

  await start();
  return { url: `redis://127.0.0.1:${port}`, stop, start };
}
