import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

export interface GatewayProcess {
  /** http://127.0.0.1:PORT */
  url: string;
  pid: number;
  /** Everything it wrote so far (stdout and stderr), for assertions and failure messages. */
  output(): string;
  /** SIGKILLs its whole process group, as a crash would, and waits until it is gone. */
  kill(): Promise<void>;
  /** SIGTERM (a clean stop), then SIGKILL after 5 s; waits until it is gone. Safe to call twice. */
  stop(): Promise<void>;
  /** Resolves with how it ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<GatewayProcess>();

/**
 * The real gateway process (`node --import tsx server/main.ts`) with `env` on top of a minimal test
 * environment (a free PORT on 127.0.0.1, its own DATA_DIR, the simulator off). It leads a process
 * group of its own, so kill() reaches everything it started. Resolves once it says it is ready.
 */
export async function startGatewayProcess(env: Record<string, string>, timeoutMs = 30_000): Promise<GatewayProcess> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'lockboard-gw-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(root, 'server', 'main.ts')], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      SIMULATOR: 'off',
      ...env,
    },
  });
  let text = '';
  const keep = (chunk: Buffer) => {
    text = (text + chunk.toString()).slice(-200_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  let gone = false;
  void exited.then(() => {
    gone = true;
    rmSync(dataDir, { recursive: true, force: true });
  });
  const signalGroup = (signal: NodeJS.Signals) => {
    if (gone || !child.pid) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const proc: GatewayProcess = {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    output: () => text,
    exited,
    async kill() {
      signalGroup('SIGKILL');
      await exited;
      running.delete(proc);
    },
    async stop() {
      signalGroup('SIGTERM');
      const timer = setTimeout(() => signalGroup('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
      running.delete(proc);
    },
  };
  running.add(proc);

  const deadline = Date.now() + timeoutMs;
  while (!/Lockboard is ready on/.test(text)) {
    if (gone || Date.now() > deadline) {
      await proc.kill();
      throw new Error(`The gateway process ${gone ? 'exited' : `was not ready within ${timeoutMs} ms`}: ${text.slice(-2000)}`);
    }
    await new Promise((done) => setTimeout(done, 50));
  }
  return proc;
}

/** Stops every gateway process startGatewayProcess started in this test file and that is still running. */
export async function stopGatewayProcesses(): Promise<void> {
  await Promise.all([...running].map((proc) => proc.stop()));
}

// A test run that ends abruptly leaves no gateway behind.
process.once('exit', () => {
  for (const proc of running) {
    try {
      process.kill(-proc.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});
