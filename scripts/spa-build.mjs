// Builds the SPA into dist/ (and its server renderer into dist/server/, which the gateway loads to
// send the first screen rendered, and the first screens' critical CSS into dist/critical.css, which
// the server build writes: scripts/critical-css.mjs) when dist/ is missing or older than any of its sources.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['src', 'public', 'contract', 'index.html', 'vite.config.ts', 'package.json', 'tsconfig.app.json', 'scripts/critical-css.mjs'];

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

export function spaIsStale(root = process.cwd()) {
  const built = join(root, 'dist', 'index.html');
  if (!['server/entry-server.js', 'critical.css'].every((file) => existsSync(join(root, 'dist', file)))) return true;
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return SOURCES.some((source) => newest(join(root, source)) > builtAt);
}

export function buildSpaIfStale(root = process.cwd()) {
  if (!spaIsStale(root)) return;
  console.log('Building the web app (dist/)…');
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  // The SPA first: it empties dist/, where the server renderer then goes.
  let result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (result.status === 0) {
    result = spawnSync(process.execPath, [vite, 'build', '--ssr', 'src/entry-server.tsx', '--outDir', 'dist/server', '--logLevel', 'warn'], {
      cwd: root,
      stdio: 'inherit',
    });
  }
  if (result.status !== 0) {
    console.error('The web app could not be built; see the errors above.');
    process.exit(result.status ?? 1);
  }
}
