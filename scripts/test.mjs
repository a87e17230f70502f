// `npm test`: typecheck, lint, unit + server + component tests (Vitest), then end-to-end tests
// (Playwright in Chromium against the real server); with TEST_NODE24=1 (as `.ci/run` sets it) the
// server and unit suites (Vitest's `node` project) run again under Node 24 LTS (scripts/node24.mjs). Ends with the names of the end-to-end tests that
// failed or were flaky (failed, then passed on CI's retry: a retry must never hide one), then one line:
// "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { restoreBuild } from './node24.mjs';

// A Node 24 run cut short leaves its better-sqlite3 build in node_modules: put Node 20's back first.
restoreBuild();

const reports = join('test-results', 'reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const vitestReport = join(reports, 'vitest.json');
const vitestNode24Report = join(reports, 'vitest-node24.json');
const playwrightReport = join(reports, 'playwright.json');
const vitestArgs = (report) => ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`];

const steps = [
  { name: 'typecheck', command: ['node_modules/typescript/bin/tsc', '-b', '--pretty'] },
  { name: 'lint', command: ['node_modules/eslint/bin/eslint.js', '.', '--max-warnings=0'] },
  {
    name: 'unit, server and component tests',
    command: ['node_modules/vitest/vitest.mjs', ...vitestArgs(vitestReport)],
  },
  {
    name: 'end-to-end tests',
    command: ['scripts/e2e.mjs', '--reporter=list,json'],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport },
  },
  ...(process.env.TEST_NODE24 === '1'
    ? [{ name: 'unit and server tests on Node 24', command: ['scripts/node24.mjs', 'vitest', ...vitestArgs(vitestNode24Report), '--project', 'node'] }]
    : []),
];

let failedStep = null;
for (const step of steps) {
  console.log(`\n▶ ${step.name}`);
  const result = spawnSync(process.execPath, step.command, { stdio: 'inherit', env: { ...process.env, ...step.env } });
  if (result.status !== 0) {
    failedStep = step.name;
    console.error(`✖ ${step.name} failed`);
    break;
  }
}

function readJson(path) {
  try {
    return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
  } catch {
    return null;
  }
}

/** Every test of a Playwright JSON report, with its full title ("file:line › describe › title") and status. */
function playwrightTests(report) {
  const out = [];
  const walk = (suite, titles) => {
    const inner = suite.title && !suite.file?.endsWith(suite.title) ? [...titles, suite.title] : titles;
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        const where = `${spec.file ?? suite.file}:${spec.line}`;
        out.push({ name: [where, ...inner, spec.title].join(' › '), status: test.status });
      }
    }
    for (const child of suite.suites ?? []) walk(child, inner);
  };
  for (const suite of report?.suites ?? []) walk(suite, []);
  return out;
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const vitest of [readJson(vitestReport), readJson(vitestNode24Report)]) {
  if (!vitest) continue;
  passed += vitest.numPassedTests ?? 0;
  failed += vitest.numFailedTests ?? 0;
  skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
}
const playwright = readJson(playwrightReport);
if (playwright?.stats) {
  passed += (playwright.stats.expected ?? 0) + (playwright.stats.flaky ?? 0);
  failed += playwright.stats.unexpected ?? 0;
  skipped += playwright.stats.skipped ?? 0;
}
if (failedStep && failed === 0) failed = 1;

const e2eTests = playwrightTests(playwright);
const flaky = e2eTests.filter((t) => t.status === 'flaky');
const unexpected = e2eTests.filter((t) => t.status === 'unexpected');
if (unexpected.length > 0) {
  console.log(`\n✖ ${unexpected.length} end-to-end test${unexpected.length === 1 ? '' : 's'} failed:`);
  for (const t of unexpected) console.log(`  ✖ ${t.name}`);
}
if (flaky.length > 0) {
  console.log(`\n⚠ FLAKY: ${flaky.length} end-to-end test${flaky.length === 1 ? '' : 's'} failed and then passed on a retry. Fix ${flaky.length === 1 ? 'it' : 'them'}:`);
  for (const t of flaky) console.log(`  ⚠ flaky: ${t.name}`);
}

console.log(failedStep ? `\n${failedStep} failed.` : '\nAll checks passed.');
const flakyNote = flaky.length ? ` (${flaky.length} of them flaky: passed only on a retry)` : '';
console.log(`${passed} passed${flakyNote}, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failedStep ? 1 : 0);
