/**
 * Whether a query failed on a unique key or primary key (an open alert's `open_key`, a message id):
 * SQLite (better-sqlite3) and PostgreSQL (pg, SQLSTATE 23505) say so differently.
 *
 * On PostgreSQL a failed statement aborts the transaction it is in: inside a transaction, prefer
 * `onConflict(...)` to catching this and carrying on.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? (error as { code: unknown }).code : undefined;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
