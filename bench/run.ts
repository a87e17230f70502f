// `npm run bench`: measures each budget of DESIGN.md and prints it beside its limit.
// Benchmarks, not tests: figures vary with the machine; nothing here fails a build.
import { benchPlatformLatency } from './platform-latency';
import { benchReadings } from './readings';
import { benchFirstChart } from './first-chart';
import { benchFirstRows } from './first-rows';
import { benchLockdown, benchPlatformLockdown } from './lockdown';
import { benchNotifier } from './notifier';
import { REPORT_BUDGET_MS, benchReports } from './reports';
import { ROW_MARKUP_BUDGET_BYTES, benchRowMarkup } from './row-markup';
import { launchChromium, startBenchServer } from './harness';
import { benchUnchangedPoll, benchUnchangedPollRendering } from './unchanged-poll';

const POLL_MS = 1000;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const rows: [string, string, string, boolean][] = [];
const FIRST_ROWS_RUNS = Math.max(7, Number(process.env.BENCH_RUNS ?? 15));
/**
 * `npm run bench -- first-rows`: only the first-rows figures (the browser benches), not the platform's;
 * `-- alerts`: only the notifier's (event to webhook and e-mail, a burst of 10,000 events).
 */
const only = process.argv[2] ?? 'all';
if (!['all', 'first-rows', 'first-chart', 'alerts'].includes(only)) throw new Error(`Unknown bench "${only}": run all, "first-rows", "first-chart" or "alerts".`);

const timelineNotes: string[] = [];
if (only === 'first-chart') {
  await chartBench();
  printTable();
  process.exit(0);
}
if (only === 'alerts') {
  await alertBenches();
  printTable();
  process.exit(0);
}
console.log('Measuring the HTML of 25 lock rows (server renderer, demo fleet)…');
const markup = await benchRowMarkup();
const largest = Math.max(...markup.map((m) => m.bytes));
rows.push([
  'HTML of 25 lock rows',
  markup.map((m) => `${kb(m.bytes)} ${m.role}`).join(', '),
  `< ${kb(ROW_MARKUP_BUDGET_BYTES).replace('.0', '')}`,
  largest < ROW_MARKUP_BUDGET_BYTES,
]);

const server = await startBenchServer(POLL_MS);
const browser = await launchChromium();
try {
  console.log(`Measuring first rows (${FIRST_ROWS_RUNS} alternated runs each, against the inline bare page)…`);
  const first = await benchFirstRows(browser, server, FIRST_ROWS_RUNS);
  rows.push(['JS fetched before the first rows (gzip)', kb(first.jsGzipBytes), '≤ 130 KB', first.jsGzipBytes <= 130 * 1024]);
  rows.push(['CSS: the external sheet (gzip; not render-blocking when CSS is inlined)', kb(first.cssGzipBytes), '≤ 10 KB', first.cssGzipBytes <= 10 * 1024]);
  rows.push([
    'CSS: inlined in the document (critical CSS, gzip)',
    first.inlineCssBytes ? `${kb(first.inlineCssGzipBytes)} (${kb(first.inlineCssBytes)} raw)` : 'none',
    '≤ 10 KB',
    first.inlineCssGzipBytes <= 10 * 1024,
  ]);
  for (const [label, figures] of [
    ['first visit', first.cold],
    ['returning visit', first.warm],
  ] as const) {
    rows.push([
      `Navigation → first 25 rows, ${label} (bare page with the gateway's headers)`,
      `${figures.appMs.toFixed(0)} ms (${figures.bareMs.toFixed(0)} ms) = ${figures.ratio.toFixed(2)}×`,
      '≤ 1.5×',
      figures.ratio <= 1.5,
    ]);
    if (figures.bareNoHeadersMs !== null) {
      rows.push([
        `  the same against the bare page without headers (no COOP: no new process)`,
        `${figures.bareNoHeadersMs.toFixed(0)} ms = ${(figures.appMs / figures.bareNoHeadersMs).toFixed(2)}×`,
        '—',
        true,
      ]);
    }
  }
  rows.push([
    'Navigation → first row command that works, first / returning visit',
    `${first.interactiveMs.cold.toFixed(0)} / ${first.interactiveMs.warm.toFixed(0)} ms`,
    '—',
    true,
  ]);
  // The whole document (the 40 KB budget is the rows', above): the page around them and its data for hydration too.
  rows.push([
    'The locks page’s document (gzip), and without the inlined CSS',
    `${kb(first.htmlBytes)} (${kb(first.htmlGzipBytes)}), ${kb(first.htmlBytes - first.inlineCssBytes)}`,
    '—',
    true,
  ]);
  const t = first.coldTimeline;
  timelineNotes.push(
    `First visit, medians of ${first.inspectedRuns} inspected visits (ms since navigation start; reading bodies and CDP metrics slows them): ` +
      `first byte ${t.ttfb.toFixed(0)}, document in ${t.documentEnd.toFixed(0)}, ` +
      `first paint ${t.fcp.toFixed(0)}, CSS in ${t.cssEnd.toFixed(0)}, JS in ${t.jsEnd.toFixed(0)}, DOMContentLoaded ${t.domContentLoaded.toFixed(0)}, ` +
      `rows in the document ${t.rowsInDom.toFixed(0)}.`,
    `Main thread up to the first working command (CDP, ms): script ${t.scriptMs.toFixed(0)}, style ${t.styleMs.toFixed(0)}, layout ${t.layoutMs.toFixed(0)}.`,
  );

  if (only === 'all') await pollBenches();
  if (only === 'all') await chartBench(browser);
} finally {
  await browser.close();
  await server.close();
}

/** The lock page: its first chart against the same page without charts (bench/first-chart.ts). */
async function chartBench(shared?: Awaited<ReturnType<typeof launchChromium>>) {
  console.log(`Measuring the lock page's first chart (${FIRST_ROWS_RUNS} alternated runs each, against the page without charts)…`);
  const chromium = shared ?? (await launchChromium());
  try {
    const chart = await benchFirstChart(chromium, FIRST_ROWS_RUNS);
    rows.push([
      'Lock page: navigation → first chart drawn (→ the page without charts usable)',
      `${chart.withChartsMs.toFixed(0)} ms (${chart.withoutChartsMs.toFixed(0)} ms) = ${chart.ratio.toFixed(2)}×`,
      '≤ 1.5×',
      chart.ratio <= 1.5,
    ]);
    rows.push(['  the chart page usable (its command working)', `${chart.withChartsCommandMs.toFixed(0)} ms`, '—', true]);
  } finally {
    if (!shared) await chromium.close();
  }
}

async function pollBenches() {
  console.log('Measuring an unchanged poll…');
  const poll = await benchUnchangedPoll(server);
  rows.push([
    'Unchanged poll on the wire (a full page)',
    `${poll.unchangedStatus}, ${poll.unchangedBytes} B (${kb(poll.fullBytes)})`,
    '304',
    poll.unchangedStatus === 304,
  ]);
  const rendering = await benchUnchangedPollRendering(browser, server, POLL_MS);
  rows.push([
    'DOM changes in the table over unchanged polls',
    `${rendering.rowMutations} in ${rendering.polls} polls`,
    '0',
    rendering.rowMutations === 0 && rendering.polls > 0,
  ]);
}

if (only === 'all') await platformBenches();
if (only === 'all') await alertBenches();

async function alertBenches() {
  console.log('Measuring the notifier: event → signed webhook and e-mail, and a burst of 10,000 events (about 5 minutes)…');
  const alerts = await benchNotifier('all');
  rows.push(...alerts.rows);
  timelineNotes.push(...alerts.notes);
}

async function platformBenches() {
  console.log('Measuring the platform at 100,000 locks…');
  const latency = await benchPlatformLatency();
  rows.push([
    `Searched page at ${latency.locks.toLocaleString('en')} locks, p50 / p95`,
    `${latency.p50Ms.toFixed(1)} / ${latency.p95Ms.toFixed(1)} ms`,
    'p95 ≤ 20 ms',
    latency.p95Ms <= 20,
  ]);

  console.log('Measuring readings at 100,000 locks (10,000 with 90 days hourly)…');
  const readings = await benchReadings();
  const series = readings.byQuery[0];
  rows.push([
    `90-day battery series of one lock at ${readings.locks.toLocaleString('en')} locks, p50 / p95`,
    `${series?.p50Ms.toFixed(1)} / ${series?.p95Ms.toFixed(1)} ms`,
    'p95 ≤ 20 ms',
    series !== undefined && series.p95Ms <= 20,
  ]);
  const forecast = readings.byQuery.find((q) => q.kind.startsWith('"Replace soon"'));
  rows.push(['"Replace soon" (battery forecast due within 30 days), p95', `${forecast?.p95Ms.toFixed(1)} ms`, '—', true]);

  console.log('Measuring the reports at 100,000 locks and 1,000,000 events (about 3 minutes)…');
  const reports = await benchReports();
  for (const q of reports.byQuery) {
    rows.push([`Report: ${q.kind}, p50 / p95`, `${q.p50Ms.toFixed(1)} / ${q.p95Ms.toFixed(1)} ms`, `p95 ≤ ${REPORT_BUDGET_MS} ms`, q.p95Ms <= REPORT_BUDGET_MS]);
  }

  console.log('Measuring a lockdown of 500 locks through the gateway (median of 5)…');
  const lockdown = await benchLockdown();
  rows.push([
    `Lockdown of ${lockdown.locks} locks through the gateway`,
    `${(lockdown.medianMs / 1000).toFixed(2)} s, ${lockdown.locksPerSecond.toFixed(0)} locks/s${lockdown.allDone ? '' : ' (not all done)'}`,
    '≤ 5 s',
    lockdown.allDone && lockdown.medianMs <= 5000,
  ]);

  console.log('Measuring a lockdown state of 1,000 locks on the embedded platform (median of 5)…');
  const state = await benchPlatformLockdown();
  rows.push([
    `Lockdown (a state) of ${state.locks.toLocaleString('en')} locks, ${state.online} online: every one marked, every online one locked`,
    `${(state.medianMs / 1000).toFixed(2)} s${state.allDone ? '' : ' (not all done)'}`,
    '≤ 5 s',
    state.allDone && state.medianMs <= 5000,
  ]);
}

printTable();

function printTable() {
  const width = Math.max(...rows.map((r) => r[0].length));
  console.log('\nBudget'.padEnd(width + 3) + 'Figure'.padEnd(34) + 'Limit'.padEnd(14) + 'Within');
  for (const [name, figure, limit, ok] of rows) {
    console.log(`${name.padEnd(width + 2)} ${figure.padEnd(33)} ${limit.padEnd(13)} ${ok ? 'yes' : 'NO'}`);
  }
  for (const note of timelineNotes) console.log(note);
}
