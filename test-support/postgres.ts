import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './free-port';

const INSTALL_HINT = 'run `apt-get install -y postgresql` (.ci/run does) or set PG_BIN_DIR';

/** The folder of PostgreSQL's programs: PG_BIN_DIR, the newest /usr/lib/postgresql/<n>/bin (Debian), or PATH. */
export function findPostgresBinDir(): string {
  const configured = process.env.PG_BIN_DIR;
  if (configured) {
    if (!existsSync(join(configured, 'initdb'))) throw new Error(`PG_BIN_DIR (${configured}) holds no initdb: ${INSTALL_HINT}`);
    return configured;
  }
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (versions[0]) return join(root, versions[0], 'bin');
  const onPath = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return onPath.slice(0, onPath.lastIndexOf('/'));
  throw new Error(`PostgreSQL is not installed (no initdb in /usr/lib/postgresql/*/bin): ${INSTALL_HINT}`);
}

/** Who runs the server: initdb refuses root, so root hands it to Debian's `postgres` system user. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  const uid = id('-u');
  const gid = id('-g');
  if (uid.status !== 0 || gid.status !== 0) {
    throw new Error(`PostgreSQL will not run as root and there is no \`postgres\` user: ${INSTALL_HINT}, or run the tests as another user`);
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

export interface TestPostgres {
  /** `postgres://lockboard@127.0.0.1:PORT/lockboard` (no password: the server trusts local connections). */
  url: string;
  /** A new, empty database on this server; its URL. */
  createDatabase(name?: string): Promise<string>;
  /** Stops the server and deletes its files (also after kill). */
  stop(): Promise<void>;
  /** Kills the server (SIGKILL) as a crash would; its files stay, start() recovers them. */
  kill(): Promise<void>;
  /** Starts it again on the same port and files. */
  start(): Promise<void>;
}

function run(binary: string, args: string[], cwd: string, user: ReturnType<typeof serverUser>): void {
  const result = spawnSync(binary, args, { cwd, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' }, ...user });
  if (result.status !== 0) {
    throw new Error(`${binary} ${args.join(' ')} failed (${result.status ?? result.signal}): ${(result.stderr || result.stdout || String(result.error)).slice(-800)}`);
  }
}

let created = 0;

/**
 * A real, throw-away PostgreSQL on 127.0.0.1 and a free port: its own data folder in the temp folder,
 * trust authentication for the role `lockboard`, fsync off (the data need not survive a power cut).
 */
export async function startPostgres(): Promise<TestPostgres> {
  const bin = findPostgresBinDir();
  const user = serverUser();
  const dir = mkdtempSync(join(tmpdir(), 'lockboard-pg-'));
  const data = join(dir, 'data');
  if (user) chownSync(dir, user.uid, user.gid);
  const port = await freePort();
  let child: ChildProcess | null = null;
  const cleanUp = () => {
    killGroup(child, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  // A test run that ends without stop() leaves neither a server nor its files behind.
  process.once('exit', cleanUp);

  try {
    run(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'lockboard', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions'], dir, user);
  } catch (error) {
    cleanUp();
    throw error;
  }

  const args = ['-D', data, '-k', dir, '-h', '127.0.0.1', '-p', String(port), ...FAST];
  const start = async () => {
    // Just after kill() the old server's last processes may still hold its shared memory: try again.
    const deadline = Date.now() + 15_000;
    for (;;) {
      child = spawnServer(join(bin, 'postgres'), args, dir, user);
      try {
        return await untilReady(child);
      } catch (error) {
        if (Date.now() > deadline || !/still in use|already exists|lock file/i.test(String(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  };
  const kill = () => halt(child, 'SIGKILL').then(() => void (child = null));
  const stop = async () => {
    await halt(child, 'SIGINT');
    child = null;
    process.off('exit', cleanUp);
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await start();
    await adminQuery(port, 'create database lockboard');
  } catch (error) {
    await stop();
    throw error;
  }
  const url = databaseUrl(port, 'lockboard');
  const createDatabase = async (name = `lockboard_${process.pid}_${++created}`) => {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
    await adminQuery(port, `create database ${name}`);
    return databaseUrl(port, name);
  };
  return { url, createDatabase, stop, kill, start };
}

/**
 * Speed over durability against a machine crash (fsync off), and a small footprint next to other test
 * servers. Commits stay synchronous: a killed server (kill()) keeps everything committed, as a real one does.
 */
const FAST = ['-c', 'fsync=off', '-c', 'full_page_writes=off', '-c', 'shared_buffers=16MB', '-c', 'max_connections=200'];

const databaseUrl = (port: number, name: string) => `postgres://lockboard@127.0.0.1:${port}/${name}`;

/** The server leads its own process group, so that a kill reaches every process of it at once. */
function spawnServer(binary: string, args: string[], cwd: string, user: ReturnType<typeof serverUser>): ChildProcess {
  return spawn(binary, args, { cwd, detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C' }, ...user });
}

function killGroup(proc: ChildProcess | null, signal: NodeJS.Signals): void {
  if (!proc?.pid || proc.exitCode !== null || proc.signalCode !== null) return;
  try {
    process.kill(signal === 'SIGKILL' ? -proc.pid : proc.pid, signal);
  } catch {
    // already gone
  }
}

/** Resolves once the server accepts connections (it says so in its log), within 30 s. */
function untilReady(proc: ChildProcess): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      killGroup(proc, 'SIGKILL');
      reject(new Error(`PostgreSQL was not ready within 30 s: ${output.slice(-800)}`));
    }, 30_000);
    // Read the log to the end (a full pipe would stall the server), keeping only its tail.
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
      if (output.includes('ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    };
    proc.stderr?.on('data', onData);
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`PostgreSQL exited (${code ?? signal}) before it was ready: ${output.slice(-800)}`));
    });
  });
}

/** SIGINT is PostgreSQL's fast shutdown (ends sessions, no waiting for clients); SIGKILL a crash. */
function halt(proc: ChildProcess | null, signal: NodeJS.Signals): Promise<void> {
  return new Promise<void>((resolve) => {
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return resolve();
    proc.once('exit', () => resolve());
    killGroup(proc, signal);
  });
}

async function adminQuery(port: number, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl(port, 'postgres') });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
