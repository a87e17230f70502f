/** The part of a lock whose changes are announced (the SPA's Lock has these fields). */
export interface LockStateView {
  lockid: string;
  name: string | null;
  online: boolean | null;
  open: boolean | null;
}

/** What changed for one lock between two polls, in words. */
export function describeChanges(before: LockStateView, after: LockStateView): string[] {
  const name = after.name ?? after.lockid;
  const out: string[] = [];
  if (before.online !== after.online && after.online !== null) {
    out.push(after.online ? `${name} came back online` : `${name} went offline`);
  }
  if (before.open !== after.open && after.open !== null) {
    out.push(after.open ? `${name} was unlocked` : `${name} was locked`);
  }
  return out;
}

export interface LockChanges {
  lockids: string[];
  message: string;
}

const MAX_NAMED = 4;

/** Compares two polls of the same page; rows that appear or disappear are not "changes". */
export function diffLockPages(before: readonly LockStateView[], after: readonly LockStateView[]): LockChanges | null {
  const previous = new Map(before.map((lock) => [lock.lockid, lock]));
  const lockids: string[] = [];
  const sentences: string[] = [];
  for (const lock of after) {
    const old = previous.get(lock.lockid);
    if (!old || old === lock) continue;
    const said = describeChanges(old, lock);
    if (said.length > 0) {
      lockids.push(lock.lockid);
      sentences.push(...said);
    }
  }
  if (sentences.length === 0) return null;
  const named = sentences.slice(0, MAX_NAMED).join('. ');
  const rest = sentences.length - MAX_NAMED;
  return { lockids, message: rest > 0 ? `${named}. And ${rest} more changes.` : `${named}.` };
}
