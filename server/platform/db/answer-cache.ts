import type Database from 'better-sqlite3';

/**
 * Answers that depend on the database alone (not on the clock or the caller), kept until the data
 * may have changed. Thousands of open dashboards poll the same first page of locks and the same
 * chip counts between two changes of the fleet (the simulator changes it every few seconds): each
 * distinct answer is built and serialised once per version of the data, not once per poll.
 *
 * The version is this connection's `total_changes()` (every row inserted, updated or deleted,
 * triggers included, even when rolled back) with `PRAGMA data_version` (any commit by another
 * connection to the same file): any write at all clears every answer. Bounded: at most
 * `maxEntries` answers, each at most `maxChars` long (a bigger one is built every time).
 */
export interface AnswerCache {
  /** The answer for `key` at the current version of the data, from `build` when not kept. */
  get(key: string, build: () => string): string;
}

export function createAnswerCache(db: Database.Database, options: { maxEntries?: number; maxChars?: number } = {}): AnswerCache {
  const maxEntries = options.maxEntries ?? 64;
  const maxChars = options.maxChars ?? 256 * 1024;
  const version = db.prepare<[]>(`SELECT total_changes() || ':' || data_version FROM pragma_data_version`).pluck();
  let keptAt: unknown = null;
  const answers = new Map<string, string>();
  return {
    get(key, build) {
      const now = version.get();
      if (now !== keptAt) {
        answers.clear();
        keptAt = now;
      }
      const kept = answers.get(key);
      if (kept !== undefined) return kept;
      const answer = build();
      if (answer.length <= maxChars) {
        if (answers.size >= maxEntries) answers.delete(answers.keys().next().value as string);
        answers.set(key, answer);
      }
      return answer;
    },
  };
}
