// `npm run test:e2e`: finds (or, only when there is none, installs) a Chromium, builds the web app
// if needed, then runs the Playwright specs in e2e/ against the real server.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium } from './find-chromium.mjs';
import { buildSpaIfStale } from './spa-build.mjs';

function run(command, args, options = {}) {
  return spawnSync(command, args, { stdio: 'inherit', ...options }).status === 0;
}

function installChromium() {
  console.log('No Chromium found for the end-to-end tests: installing one.');
  console.log('Trying Playwright’s own download…');
  if (run(process.execPath, ['node_modules/@playwright/test/cli.js', 'install', 'chromium'], { timeout: 300_000 })) {
    const found = findChromium();
    if (found) return found;
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/etc/debian_version')) {
    console.log('Playwright’s download is not available here; installing Debian’s chromium package (apt-get).');
    if (run('apt-get', ['update', '-qq']) && run('apt-get', ['install', '-y', '-qq', 'chromium'])) {
      if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
    }
  }
  return null;
}

if (process.env.CHROMIUM_PATH && !existsSync(process.env.CHROMIUM_PATH)) {
  console.error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist.`);
  process.exit(1);
}
const chromium = findChromium() ?? installChromium();
if (!chromium) {
  console.error('No Chromium could be found or installed. Install Chromium and set CHROMIUM_PATH to its executable.');
  process.exit(1);
}

buildSpaIfStale();

const result = spawnSync(process.execPath, ['node_modules/@playwright/test/cli.js', 'test', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, CHROMIUM_PATH: chromium },
});
process.exit(result.status ?? 1);
