import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from './open-database';

/** The permission bits in octal, such as '600'. */
const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

let dir: string;
let umask: number;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'platform-db-'));
  // The most permissive umask: the modes below must come from the code, not from the umask.
  umask = process.umask(0);
});
afterEach(() => {
  process.umask(umask);
  rmSync(dir, { recursive: true, force: true });
});

describe('openDatabase', () => {
  it('creates the file, its -wal and -shm owner-only (0600) in directories it creates owner-only (0700)', () => {
    const path = join(dir, 'data', 'nested', 'platform.sqlite');
    const db = openDatabase(path);
    try {
      db.exec('CREATE TABLE scratch (x); INSERT INTO scratch VALUES (1)');
      const files = [path, `${path}-wal`, `${path}-shm`];
      for (const file of files) expect(existsSync(file), file).toBe(true);
      expect(files.map(mode)).toEqual(['600', '600', '600']);
      expect([mode(join(dir, 'data')), mode(join(dir, 'data', 'nested'))]).toEqual(['700', '700']);
    } finally {
      db.close();
    }
  });

  it('tightens files an older run left readable, and leaves a directory it did not create alone', () => {
    const shared = join(dir, 'shared');
    mkdirSync(shared, { mode: 0o755 });
    const path = join(shared, 'platform.sqlite');
    openDatabase(path).close();
    for (const file of [path, `${path}-wal`, `${path}-shm`]) {
      writeFileSync(file, '', { flag: 'a' });
      chmodSync(file, 0o644);
    }
    const db = openDatabase(path);
    try {
      expect([path, `${path}-wal`, `${path}-shm`].map(mode)).toEqual(['600', '600', '600']);
      expect(mode(shared)).toBe('755');
    } finally {
      db.close();
    }
  });

  it('still opens :memory: without touching the disk', () => {
    const db = openDatabase(':memory:');
    try {
      expect(db.memory).toBe(true);
      expect(db.prepare('SELECT count(*) FROM users').pluck().get()).toBe(0);
      expect(existsSync(':memory:')).toBe(false);
    } finally {
      db.close();
    }
  });
});
