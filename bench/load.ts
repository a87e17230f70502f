// `npm run bench:load [-- --dashboards=5000 --seconds=600 --sessions=250]`: N open dashboards polling
// what an open locks page and its alert feed poll (the list, the chip counts, the alert feed, every
// POLL_INTERVAL_MS), with autocannon, through one gateway copy; then the same requests straight to
// the platform. Each runs in its own process (the platform with its simulator on, so some polls see
// changes). `--dashboards` may list several counts (1000,2000,5000) to find the largest that holds.
// A benchmark, not a test: it prints figures beside DESIGN.md's and the targets.
// `--report-s=60` prints a line of each window's figures (a trend over a long run shows there);
// `--platform-node="--cpu-prof --cpu-prof-dir=/tmp/prof"` and `--gateway-node="--heapsnapshot-signal=SIGUSR2
// --diagnostic-dir=/tmp/heap"` (the directory must exist) pass Node flags to each process.
import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../test-support/free-port';
import {
  BENCH_SESSION_SECRET,
  MANAGER,
  benchArgs,
  gatewaySignIn,
  nodeFlags,
  percentile,
  printTable,
  processStats,
  signInMany,
  startProcess,
  waitUntilHealthy,
} from './processes';

const args = benchArgs();
const DASHBOARDS = (args.dashboards ?? '5000').split(',').map(Number).filter((n) => n > 0);
const SECONDS = Number(args.seconds ?? 600);
const POLL_MS = Number(args['poll-ms'] ?? 10_000);
/** Distinct signed-in sessions the dashboards share (each sign-in costs the platform a scrypt). */
const SESSIONS = Number(args.sessions ?? 250);
const CONNECTIONS = Number(args.connections ?? 200);
const P95_TARGET_MS = 50;
const REQUESTS_PER_POLL = 3;
/** `--targets=gateway` runs only the gateway (e.g. a long run for its memory); both by default. */
const TARGETS = (args.targets ?? 'platform,gateway').split(',');
/** Staggered autocannon instances per run (see poll). */
const SLOTS = Number(args.slots ?? 20);
/** Every this many seconds of a run, a line of that window's figures (0: none), to see a trend. */
const REPORT_S = Number(args['report-s'] ?? 60);
/** Node flags for each process, e.g. `--platform-node="--cpu-prof --cpu-prof-dir=/tmp/prof"`. */
const PLATFORM_NODE = nodeFlags(args['platform-node']);
const GATEWAY_NODE = nodeFlags(args['gateway-node']);

interface RunResult {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  share304: number;
  errors: number;
  non2xx3xx: number;
}

/** One autocannon run: `dashboards` dashboards' polls as a fixed overall rate, each connection a set of dashboards. */
async function poll(
  baseUrl: string,
  credentials: string[],
  asHeader: (credential: string) => Record<string, string>,
  dashboards: number,
  afterid: number,
  pids: { gateway: number; platform: number },
  newestEventId: () => number,
): Promise<RunResult> {
  const rate = Math.max(1, Math.round((dashboards * REQUESTS_PER_POLL * 1000) / POLL_MS));
  // Every dashboard keeps its own ETags and feed cursor; requests go round the dashboards, each
  // polling its three paths in turn (autocannon's per-connection context is reset every request).
  const paths = ['/api/locks?pagenumber=1&limit=25', '/api/locks/summary', 'feed'] as const;
  const boards = Array.from({ length: dashboards }, (_, i) => ({
    credential: credentials[i % credentials.length] ?? '',
    etags: {} as Record<string, string>,
    afterid,
  }));
  let turn = 0;
  type Sent = { sent?: { board: (typeof boards)[number]; path: (typeof paths)[number]; newest: number } };
  const setupRequest = (request: autocannon.Request, context: object) => {
    const board = boards[Math.floor(turn / paths.length) % boards.length];
    const path = paths[turn % paths.length] ?? paths[0];
    turn += 1;
    if (!board) return request;
    (context as Sent).sent = { board, path, newest: newestEventId() };
    const etag = board.etags[path];
    request.path = path === 'feed' ? `/api/events?afterid=${board.afterid}&limit=500` : path;
    // As a browser sends them: the gateway compresses what it answers in full.
    request.headers = { ...asHeader(board.credential), 'accept-encoding': 'gzip, deflate, br', ...(etag ? { 'if-none-match': etag } : {}) };
    return request;
  };
  const onResponse = (status: number, body: string, context: object, headers: Record<string, string | string[] | undefined> | undefined) => {
    const sent = (context as Sent).sent;
    if (!sent) return;
    const etag = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === 'etag')?.[1];
    if (typeof etag === 'string') sent.board.etags[sent.path] = etag;
    if (sent.path !== 'feed' || status !== 200) return;
    feedAnswers.count += 1;
    feedAnswers.bytes += body.length;
    // autocannon hands over the body as text, undecoded: a compressed feed (the gateway compresses
    // answers of 1 KB or more, i.e. a few events) cannot be read. A browser reads it and moves its
    // cursor; here the cursor moves to the newest event there was when the poll was sent (the
    // answer held it), or a poll's cursor would stay where it was when a first big answer came, and
    // every later poll would fetch (and the gateway strip and compress) all the events since.
    const encoded = Object.entries(headers ?? {}).some(([name, value]) => name.toLowerCase() === 'content-encoding' && value !== 'identity');
    if (encoded) {
      sent.board.afterid = Math.max(sent.board.afterid, sent.newest);
      return;
    }
    for (const match of body.matchAll(/"eventid":(\d+)/g)) sent.board.afterid = Math.max(sent.board.afterid, Number(match[1]));
  };
  const latencies: number[] = [];
  let count304 = 0;
  /** The feed's 200 answers (as sent: compressed or not), for the window lines. */
  const feedAnswers = { count: 0, bytes: 0 };
  const started = performance.now();
  // A line per window: its latencies, and each process's CPU per request and memory.
  let windowStart = { at: performance.now(), requests: 0, gateway: processStats(pids.gateway), platform: processStats(pids.platform) };
  const reporter =
    REPORT_S > 0
      ? setInterval(() => {
          const now = { at: performance.now(), requests: latencies.length, gateway: processStats(pids.gateway), platform: processStats(pids.platform) };
          const window = Float64Array.from(latencies.slice(windowStart.requests)).sort();
          const perRequest = (name: 'gateway' | 'platform') => (((now[name].cpuS - windowStart[name].cpuS) * 1000) / Math.max(1, window.length)).toFixed(2);
          console.log(
            `  ${((now.at - started) / 1000).toFixed(0).padStart(4)} s: ${(window.length / ((now.at - windowStart.at) / 1000)).toFixed(0)} req/s, ` +
              `p50/p95/p99 ${[50, 95, 99].map((p) => percentile(window, p).toFixed(1)).join('/')} ms; ` +
              `CPU ms/req gateway ${perRequest('gateway')}, platform ${perRequest('platform')}; ` +
              `RSS gateway ${now.gateway.rssMb.toFixed(0)} MB, platform ${now.platform.rssMb.toFixed(0)} MB; ` +
              `feed answers ${(feedAnswers.bytes / Math.max(1, feedAnswers.count) / 1024).toFixed(1)} KB on average`,
          );
          feedAnswers.count = 0;
          feedAnswers.bytes = 0;
          windowStart = now;
        }, REPORT_S * 1000)
      : undefined;
  // autocannon paces a rate per connection per second: each connection sends its share at the top
  // of its second, so one instance makes a burst every second that real dashboards (spread over
  // their poll interval) never make. SLOTS instances, started 1000/SLOTS ms apart, spread it out.
  const connections = Math.max(1, Math.round(Math.min(CONNECTIONS, dashboards) / SLOTS));
  const runs = Array.from({ length: SLOTS }, async (_, slot) => {
    await new Promise((resolve) => setTimeout(resolve, (slot * 1000) / SLOTS));
    return new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: baseUrl,
          connections,
          overallRate: Math.max(1, Math.round(rate / SLOTS)),
          duration: SECONDS,
          requests: [{ method: 'GET', path: '/', setupRequest, onResponse }],
        },
        (error, done) => (error ? reject(error) : resolve(done)),
      );
      instance.on('response', (_client, status, _bytes, ms) => {
        latencies.push(ms);
        if (status === 304) count304 += 1;
      });
    });
  });
  const results = await Promise.all(runs).finally(() => clearInterval(reporter));
  const result = {
    errors: results.reduce((n, r) => n + r.errors, 0),
    timeouts: results.reduce((n, r) => n + r.timeouts, 0),
    non2xx: results.reduce((n, r) => n + r.non2xx, 0),
  };
  const sorted = Float64Array.from(latencies).sort();
  return {
    requests: sorted.length,
    rps: sorted.length / SECONDS,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    share304: sorted.length ? count304 / sorted.length : 0,
    errors: result.errors + result.timeouts,
    non2xx3xx: result.non2xx - count304,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'lockboard-load-'));
const [platformPort, gatewayPort] = [await freePort(), await freePort()];
const platformUrl = `http://127.0.0.1:${platformPort}`;
const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
const platform = startProcess(
  'server/platform-main.ts',
  {
    DATA_DIR: join(dir, 'platform'),
    PLATFORM_PORT: String(platformPort),
    HOST: '127.0.0.1',
    SIMULATOR: 'on',
    LOGIN_RATE_LIMIT: '10000',
  },
  'ignore',
  PLATFORM_NODE,
);
const gateway = startProcess(
  'server/main.ts',
  {
    DATA_DIR: join(dir, 'gateway'),
    PORT: String(gatewayPort),
    HOST: '127.0.0.1',
    PLUS_API_URL: platformUrl,
    POLL_INTERVAL_MS: String(POLL_MS),
    LOGIN_RATE_LIMIT: '10000',
    SESSION_SECRET: BENCH_SESSION_SECRET,
  },
  'ignore',
  GATEWAY_NODE,
);
const stopAll = () => {
  gateway.kill('SIGTERM');
  platform.kill('SIGTERM');
};
process.on('exit', stopAll);

try {
  await waitUntilHealthy(`${platformUrl}/api/locks?pagenumber=1&limit=1`, platform);
  await waitUntilHealthy(`${gatewayUrl}/healthz`, gateway);
  const sessions = Math.min(SESSIONS, Math.max(...DASHBOARDS));
  console.log(`Signing in ${sessions} sessions through the gateway and ${sessions} straight to the platform…`);
  const cookies = await signInMany(sessions, () => gatewaySignIn(gatewayUrl));
  const tokens = await signInMany(sessions, async () => {
    const response = await fetch(`${platformUrl}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(MANAGER) });
    const body = (await response.json()) as { token?: string };
    if (!body.token) throw new Error(`platform sign-in: ${response.status}`);
    return body.token;
  });
  // An open dashboard's feed cursor is the newest event when its run starts (not when the bench did:
  // ten minutes later, every feed would first page through the events in between).
  const latestEventId = async () => {
    const latest = (await (await fetch(`${platformUrl}/api/events?pagenumber=1&limit=1`, { headers: { authorization: `Bearer ${tokens[0]}` } })).json()) as {
      eventslist?: { eventid: number }[];
    };
    return latest.eventslist?.[0]?.eventid ?? 0;
  };
  // The newest event id, kept fresh (two requests a second to the platform) for the feed cursors.
  let newestEventId = await latestEventId();
  const newestWatch = setInterval(() => {
    latestEventId().then(
      (id) => (newestEventId = Math.max(newestEventId, id)),
      () => undefined,
    );
  }, 500);

  const rows: string[][] = [];
  const pids = { gateway: gateway.pid ?? 0, platform: platform.pid ?? 0 };
  for (const dashboards of DASHBOARDS) {
    let platformP95: number | null = null;
    console.log(`\n${dashboards} dashboards (${Math.round((dashboards * REQUESTS_PER_POLL * 1000) / POLL_MS)} requests/s), ${SECONDS} s each…`);
    for (const [label, base, credentials, header] of [
      ['platform', platformUrl, tokens, (token: string) => ({ authorization: `Bearer ${token}` })],
      ['gateway', gatewayUrl, cookies, (cookie: string) => ({ cookie })],
    ] as const) {
      if (!TARGETS.includes(label)) continue;
      const before = { gateway: processStats(pids.gateway), platform: processStats(pids.platform) };
      const run = await poll(base, credentials, header, dashboards, await latestEventId(), pids, () => newestEventId);
      const after = { gateway: processStats(pids.gateway), platform: processStats(pids.platform) };
      const cpu = (name: 'gateway' | 'platform') => ((after[name].cpuS - before[name].cpuS) * 1000) / Math.max(1, run.requests);
      const cpuText = label === 'gateway' ? `${cpu('gateway').toFixed(2)} + ${cpu('platform').toFixed(2)} platform` : cpu('platform').toFixed(2);
      const rss = label === 'gateway' ? before.gateway.rssMb : before.platform.rssMb;
      const rssEnd = label === 'gateway' ? after.gateway.rssMb : after.platform.rssMb;
      rows.push([
        String(dashboards),
        label,
        run.rps.toFixed(0),
        `${run.p50.toFixed(1)} / ${run.p95.toFixed(1)} / ${run.p99.toFixed(1)}`,
        `${(run.share304 * 100).toFixed(0)} %`,
        cpuText,
        `${rss.toFixed(0)} → ${rssEnd.toFixed(0)} MB`,
        String(run.errors + run.non2xx3xx),
        label === 'gateway' ? (run.p95 <= P95_TARGET_MS ? 'holds' : 'over') : '',
        label === 'gateway' && platformP95 ? `${(run.p95 / platformP95).toFixed(2)}×` : '',
      ]);
      if (label === 'platform') platformP95 = run.p95;
      console.log(rows.at(-1)?.join(' | '));
    }
  }

  clearInterval(newestWatch);
  printTable(['dashboards', 'target', 'req/s', 'p50 / p95 / p99 ms', '304s', 'CPU ms/request', 'RSS start → end', 'errors', `p95 ≤ ${P95_TARGET_MS} ms`, 'p95 ÷ platform’s (≤ 1.5×)'], rows);
  console.log(`\n${sessions} sessions shared by the dashboards; ${Math.min(CONNECTIONS, Math.max(...DASHBOARDS))} keep-alive connections; poll every ${POLL_MS} ms.`);
  console.log('Target: 5,000 dashboards on one copy with p95 ≤ 50 ms, the gateway within 1.5× the platform’s p95, RSS flat.');
} finally {
  stopAll();
  rmSync(dir, { recursive: true, force: true });
}
