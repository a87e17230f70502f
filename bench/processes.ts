// The load and soak benches run the platform and the gateway as separate processes, as an operator
// would (`npm run platform`, `npm run serve`): these start, watch and measure them.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export const BENCH_SESSION_SECRET = 'bench-secret-that-is-long-enough-for-sessions-0123456789';
export const MANAGER = { email: 'manager@lockboard.local', password: 'lockboard-manager' };

/** Node flags given to the bench as one argument (`--platform-node="--cpu-prof --cpu-prof-dir=prof"`). */
export function nodeFlags(value: string | undefined): string[] {
  return (value ?? '').split(/\s+/).filter(Boolean);
}

/** `--name=value` arguments as a record. */
export function benchArgs(): Record<string, string | undefined> {
  return Object.fromEntries(
    process.argv.slice(2).flatMap((arg) => {
      const match = /^--([\w-]+)=(.*)$/.exec(arg);
      return match ? [[match[1], match[2]]] : [];
    }),
  );
}

/**
 * A server entry point (`server/main.ts`, `server/platform-main.ts`) in its own Node process;
 * `nodeArgs` are Node's own flags for it (`--cpu-prof`, `--heapsnapshot-signal=SIGUSR2`).
 */
export function startProcess(entry: string, env: Record<string, string>, output: 'ignore' | 'pipe' = 'ignore', nodeArgs: readonly string[] = []): ChildProcess {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', entry], {
    env: { ...process.env, ...env },
    stdio: ['ignore', output, output === 'pipe' ? 'pipe' : 'inherit'],
  });
  child.unref();
  return child;
}

export async function waitUntilHealthy(url: string, child: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url} exited with ${child.exitCode}`);
    const ok = await fetch(url).then((r) => r.status < 500, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not start`);
}

/** CPU seconds (user + system) and resident memory of a process, from /proc. */
export function processStats(pid: number): { cpuS: number; rssMb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return { cpuS: ticks / 100, rssMb: rssKb / 1024 };
}

/** `count` credentials, eight sign-ins at a time. */
export async function signInMany(count: number, signIn: () => Promise<string>): Promise<string[]> {
  const out: string[] = [];
  while (out.length < count) out.push(...(await Promise.all(Array.from({ length: Math.min(8, count - out.length) }, signIn))));
  return out;
}

/** Signs the manager in through a gateway and returns the session cookie ("name=value; …"). */
export async function gatewaySignIn(gatewayUrl: string): Promise<string> {
  const response = await fetch(`${gatewayUrl}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: gatewayUrl },
    body: JSON.stringify(MANAGER),
  });
  if (response.status !== 200) throw new Error(`gateway sign-in: ${response.status}`);
  return response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Prints rows under a header as aligned columns. */
export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  console.log(`\n${line(header)}\n${widths.map((w) => '─'.repeat(w)).join('  ')}`);
  for (const row of rows) console.log(line(row));
}
