// `npm run bench:soak [-- --dashboards=500 --phase-seconds=30]`: open dashboards poll one gateway
// copy (its own process) while the platform (its own process, behind a fault switch) is killed and
// restarted, slowed to 2 s, and made to answer garbage, with a normal phase between each fault. It
// prints, per phase, what the dashboards got; after each fault, how long after the platform's return
// the last failure was; whether every failure was `502 {status: 0, msg}`; and whether the gateway
// stayed up with a clean log (no crash, no unhandled rejection).
import autocannon from 'autocannon';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../test-support/free-port';
import {
  BENCH_SESSION_SECRET,
  benchArgs,
  gatewaySignIn,
  percentile,
  printTable,
  processStats,
  signInMany,
  startProcess,
  waitUntilHealthy,
} from './processes';

const args = benchArgs();
const DASHBOARDS = Number(args.dashboards ?? 500);
const PHASE_S = Number(args['phase-seconds'] ?? 30);
const POLL_MS = Number(args['poll-ms'] ?? 10_000);
const SESSIONS = Number(args.sessions ?? 50);
const SLOW_MS = 2_000;

type Fault = 'none' | 'killed' | 'slow' | 'garbage';
const PHASES: Fault[] = ['none', 'killed', 'none', 'slow', 'none', 'garbage', 'none'];

// The fault switch: a stand-in between the gateway and the platform that passes requests on, late
// or not at all.
let fault: Fault = 'none';
let platformPort = 0;
const faultSwitch = createServer((req, res) => {
  if (fault === 'garbage') {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"status":1,"msg":"","lockslist":[{"lockid":');
    return;
  }
  const forward = () => {
    const upstream = httpRequest({ host: '127.0.0.1', port: platformPort, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  };
  if (fault === 'slow') setTimeout(forward, SLOW_MS);
  else forward();
});
await new Promise<void>((resolve) => faultSwitch.listen(0, '127.0.0.1', resolve));
const switchUrl = `http://127.0.0.1:${(faultSwitch.address() as AddressInfo).port}`;

const dir = mkdtempSync(join(tmpdir(), 'lockboard-soak-'));
platformPort = await freePort();
const gatewayPort = await freePort();
const platformUrl = `http://127.0.0.1:${platformPort}`;
const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
const platformEnv = {
  DATA_DIR: join(dir, 'platform'),
  PLATFORM_PORT: String(platformPort),
  HOST: '127.0.0.1',
  SIMULATOR: 'on',
  LOGIN_RATE_LIMIT: '10000',
};
let platform: ChildProcess = startProcess('server/platform-main.ts', platformEnv);
const gateway = startProcess(
  'server/main.ts',
  {
    DATA_DIR: join(dir, 'gateway'),
    PORT: String(gatewayPort),
    HOST: '127.0.0.1',
    PLUS_API_URL: switchUrl,
    POLL_INTERVAL_MS: String(POLL_MS),
    LOGIN_RATE_LIMIT: '10000',
    SESSION_SECRET: BENCH_SESSION_SECRET,
  },
  'pipe',
);
let gatewayLog = '';
gateway.stdout?.on('data', (chunk: Buffer) => (gatewayLog += chunk.toString('utf8')));
gateway.stderr?.on('data', (chunk: Buffer) => (gatewayLog += chunk.toString('utf8')));
let gatewayExit: string | null = null;
gateway.on('exit', (code, signal) => (gatewayExit = `exit ${code ?? signal}`));
const stopAll = () => {
  gateway.kill('SIGTERM');
  platform.kill('SIGTERM');
};
process.on('exit', stopAll);

function isFailureEnvelope(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as { status?: unknown; msg?: unknown };
    return parsed.status === 0 && typeof parsed.msg === 'string' && parsed.msg.length > 0;
  } catch {
    return false;
  }
}

interface Answer {
  /** When the request was sent, ms since the run's start. */
  sentAt: number;
  ms: number;
  status: number;
  /** A failure answered as `{status: 0, msg}` with a message. */
  enveloped: boolean;
}

try {
  await waitUntilHealthy(`${platformUrl}/api/locks?pagenumber=1&limit=1`, platform);
  await waitUntilHealthy(`${gatewayUrl}/healthz`, gateway);
  const cookies = await signInMany(Math.min(SESSIONS, DASHBOARDS), () => gatewaySignIn(gatewayUrl));
  const rate = Math.max(1, Math.round((DASHBOARDS * 3 * 1000) / POLL_MS));
  console.log(`${DASHBOARDS} dashboards (${rate} requests/s) on one gateway copy; phases of ${PHASE_S} s: ${PHASES.join(' → ')}`);

  const latest = (await (await fetch(`${gatewayUrl}/api/events?pagenumber=1&limit=1`, { headers: { cookie: cookies[0] ?? '' } })).json()) as {
    eventslist?: { eventid: number }[];
  };
  // What an open locks page polls: its rows, its chip counts and the alert feed.
  const paths = ['/api/locks?pagenumber=1&limit=25', '/api/locks/summary', `/api/events?afterid=${latest.eventslist?.[0]?.eventid ?? 0}&limit=500`];
  const answers: Answer[] = [];
  const startedAt = Date.now();
  let turn = 0;
  type Sent = { sentAt?: number };
  const run = autocannon({
    url: gatewayUrl,
    connections: Math.min(400, DASHBOARDS),
    overallRate: rate,
    duration: PHASE_S * PHASES.length,
    timeout: 15,
    requests: [
      {
        method: 'GET',
        setupRequest: (request, context) => {
          (context as Sent).sentAt = Date.now() - startedAt;
          request.path = paths[turn % paths.length] ?? paths[0];
          request.headers = { cookie: cookies[Math.floor(turn / paths.length) % cookies.length] ?? '' };
          turn += 1;
          return request;
        },
        onResponse: (status, body, context) => {
          const sentAt = (context as Sent).sentAt ?? 0;
          answers.push({ sentAt, ms: Date.now() - startedAt - sentAt, status, enveloped: isFailureEnvelope(body) });
        },
      },
    ],
  });

  // The fault schedule, in step with the load; the platform's return is when it answers again.
  const returns: { fault: Fault; at: number }[] = [];
  const health: string[] = [];
  const rssAtStart = processStats(gateway.pid ?? 0).rssMb;
  for (const [index, phase] of PHASES.entries()) {
    const phaseEnd = startedAt + (index + 1) * PHASE_S * 1000;
    fault = phase === 'killed' ? 'none' : phase;
    if (phase === 'killed') platform.kill('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, phaseEnd - Date.now() - 3000)));
    const healthz = await fetch(`${gatewayUrl}/healthz`).then((r) => r.json() as Promise<Record<string, unknown>>, () => null);
    health.push(`${phase}: ${JSON.stringify(healthz)}`);
    if (phase === 'killed') {
      platform = startProcess('server/platform-main.ts', platformEnv);
      await waitUntilHealthy(`${platformUrl}/api/locks?pagenumber=1&limit=1`, platform);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, phaseEnd - Date.now())));
    if (phase !== 'none') {
      fault = 'none';
      returns.push({ fault: phase, at: Date.now() - startedAt });
    }
  }
  const result = await run;
  const rssAtEnd = processStats(gateway.pid ?? 0).rssMb;

  const rows = PHASES.map((phase, index) => {
    const inPhase = answers.filter((a) => a.sentAt >= index * PHASE_S * 1000 && a.sentAt < (index + 1) * PHASE_S * 1000);
    const good = inPhase.filter((a) => a.status === 200 || a.status === 304).length;
    const failed = inPhase.filter((a) => a.status === 502);
    const other = inPhase.length - good - failed.length;
    const latencies = Float64Array.from(inPhase.map((a) => a.ms)).sort();
    return [
      `${index + 1}. ${phase === 'none' ? 'normal' : phase}`,
      String(inPhase.length),
      `${((good / Math.max(1, inPhase.length)) * 100).toFixed(1)} %`,
      String(failed.length),
      String(failed.filter((a) => !a.enveloped).length),
      String(other),
      `${percentile(latencies, 50).toFixed(0)} / ${percentile(latencies, 95).toFixed(0)}`,
    ];
  });
  printTable(['phase', 'answers', '200/304', '502', '502 not {status:0,msg}', 'other', 'p50 / p95 ms'], rows);

  console.log('\nAfter each fault (the platform answering again):');
  for (const [index, { fault: name, at }] of returns.entries()) {
    // Up to the next fault's start: the normal phase that follows this one.
    const until = returns[index + 1] ? at + PHASE_S * 1000 : Number.POSITIVE_INFINITY;
    const lastFailure = answers
      .filter((a) => a.sentAt >= at && a.sentAt < until && a.status !== 200 && a.status !== 304)
      .reduce((last, a) => Math.max(last, a.sentAt), at);
    const ms = lastFailure - at;
    console.log(`  ${name}: last failed request sent ${ms} ms after its return — ${ms <= POLL_MS ? 'within one poll' : 'LATER than one poll'} (${POLL_MS} ms)`);
  }
  console.log('\n/healthz near the end of each phase:');
  for (const line of health) console.log(`  ${line}`);
  const problems = gatewayLog.split('\n').filter((line) => /unhandled|uncaught|FATAL|"level":60/i.test(line));
  console.log(`\nGateway: ${gatewayExit ?? 'still running'}; RSS ${rssAtStart.toFixed(0)} → ${rssAtEnd.toFixed(0)} MB; ${problems.length} crash or unhandled-rejection lines in its log${problems.length ? `:\n${problems.slice(0, 5).join('\n')}` : ''}`);
  console.log(`autocannon: ${result.requests.total} requests, ${result.errors} connection errors, ${result.timeouts} timeouts.`);
} finally {
  stopAll();
  faultSwitch.close();
  rmSync(dir, { recursive: true, force: true });
}
