import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAnswerCache } from './answer-cache';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function fileDb(): { path: string; db: Database.Database } {
  const dir = mkdtempSync(join(tmpdir(), 'answer-cache-'));
  dirs.push(dir);
  const path = join(dir, 'test.sqlite');
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); INSERT INTO t (v) VALUES (\'a\')');
  return { path, db };
}

/** The answer the cache gives for `key`, and whether it was built for this call. */
function answerOf(cache: ReturnType<typeof createAnswerCache>, db: Database.Database, key = 'all') {
  let built = false;
  const answer = cache.get(key, () => {
    built = true;
    return JSON.stringify(db.prepare('SELECT v FROM t ORDER BY id').pluck().all());
  });
  return { answer, built };
}

describe('answer cache', () => {
  it('builds an answer once while the data stays the same', () => {
    const { db } = fileDb();
    const cache = createAnswerCache(db);
    expect(answerOf(cache, db)).toEqual({ answer: '["a"]', built: true });
    expect(answerOf(cache, db)).toEqual({ answer: '["a"]', built: false });
    expect(answerOf(cache, db, 'other')).toEqual({ answer: '["a"]', built: true });
    db.close();
  });

  it('builds again after any write on this connection, triggers included', () => {
    const { db } = fileDb();
    db.exec(`CREATE TABLE log (n INTEGER);
      CREATE TRIGGER t_log AFTER UPDATE ON t BEGIN INSERT INTO log (n) VALUES (new.id); END;`);
    const cache = createAnswerCache(db);
    answerOf(cache, db);
    db.prepare('INSERT INTO t (v) VALUES (?)').run('b');
    expect(answerOf(cache, db)).toEqual({ answer: '["a","b"]', built: true });
    db.prepare('UPDATE t SET v = ? WHERE id = 1').run('c');
    expect(answerOf(cache, db)).toEqual({ answer: '["c","b"]', built: true });
    // A write to another table (here by a trigger only) also counts: the cache knows no tables.
    expect(answerOf(cache, db).built).toBe(false);
    db.prepare('INSERT INTO log (n) VALUES (0)').run();
    expect(answerOf(cache, db).built).toBe(true);
    db.close();
  });

  it('builds again after a commit by another connection to the same file', () => {
    const { path, db } = fileDb();
    const cache = createAnswerCache(db);
    answerOf(cache, db);
    const other = new Database(path);
    other.prepare('UPDATE t SET v = ? WHERE id = 1').run('z');
    other.close();
    expect(answerOf(cache, db)).toEqual({ answer: '["z"]', built: true });
    db.close();
  });

  it('keeps at most maxEntries answers, and none longer than maxChars', () => {
    const { db } = fileDb();
    const cache = createAnswerCache(db, { maxEntries: 2, maxChars: 10 });
    for (const key of ['one', 'two', 'three']) answerOf(cache, db, key);
    expect(answerOf(cache, db, 'one').built).toBe(true); // the oldest went when 'three' came
    expect(answerOf(cache, db, 'three').built).toBe(false);
    let builds = 0;
    const long = () => {
      builds += 1;
      return 'x'.repeat(11);
    };
    cache.get('long', long);
    cache.get('long', long);
    expect(builds).toBe(2);
    db.close();
  });
});
