import type { LockCommand } from '@contract/constants';
import type { BulkResult } from '@/api/bulk-commands';
import type { LockGroupRef } from '@/api/locks';
import { formatCount, plural } from '@/lib/format';

/**
 * The lock list's selection: pure helpers (tested on their own). A selection maps each selected
 * lockid to what the list knew of it when it was picked: its name (for results and dialogs) and its
 * groups (null when it came from "Select all N matching", which fetches ids and names only).
 */
export interface SelectedLock {
  name: string | null;
  groups: readonly LockGroupRef[] | null;
}
export type Selection = ReadonlyMap<string, SelectedLock>;

export const EMPTY_SELECTION: Selection = new Map();

interface Selectable {
  lockid: string;
  name: string | null;
  groups?: readonly LockGroupRef[];
}

const entry = (lock: Selectable): SelectedLock => ({ name: lock.name, groups: lock.groups ?? null });

/** One lock in or out. */
export function toggleLock(selection: Selection, lock: Selectable, on: boolean): Selection {
  if (selection.has(lock.lockid) === on) return selection;
  const next = new Map(selection);
  if (on) next.set(lock.lockid, entry(lock));
  else next.delete(lock.lockid);
  return next;
}

/** Every lock of a page in (on) or out; the rest of the selection (other pages) stays. */
export function togglePage(selection: Selection, locks: readonly Selectable[], on: boolean): Selection {
  const next = new Map(selection);
  for (const lock of locks) {
    if (on) next.set(lock.lockid, selection.get(lock.lockid) ?? entry(lock));
    else next.delete(lock.lockid);
  }
  return next;
}

/** How much of a page is selected: for the header checkbox (checked, indeterminate, empty). */
export function pageState(selection: Selection, locks: readonly Selectable[]): 'none' | 'some' | 'all' {
  const selected = locks.filter((lock) => selection.has(lock.lockid)).length;
  if (selected === 0) return 'none';
  return selected === locks.length ? 'all' : 'some';
}

/** Adds what "Select all N matching" found (ids and names); what the pages knew of a lock is kept. */
export function addMatching(selection: Selection, found: readonly { lockid: string; name: string | null }[]): Selection {
  const next = new Map(selection);
  for (const lock of found) if (!next.has(lock.lockid)) next.set(lock.lockid, { name: lock.name, groups: null });
  return next;
}

/**
 * The groups the selected locks are in (by name), for "Remove from group"; `complete` is false when
 * some selected lock's groups are not known (picked by "Select all matching").
 */
export function groupsOfSelection(selection: Selection): { groups: LockGroupRef[]; complete: boolean } {
  const groups = new Map<number, LockGroupRef>();
  let complete = true;
  for (const lock of selection.values()) {
    if (lock.groups === null) complete = false;
    else for (const group of lock.groups) groups.set(group.groupid, group);
  }
  return { groups: [...groups.values()].sort((a, b) => a.name.localeCompare(b.name)), complete };
}

/** After the selected locks were added to (or removed from) a group: what the selection knows of their groups follows. */
export function withGroupChange(selection: Selection, group: LockGroupRef, added: boolean): Selection {
  const next = new Map<string, SelectedLock>();
  for (const [lockid, lock] of selection) {
    const others = lock.groups?.filter((g) => g.groupid !== group.groupid) ?? null;
    next.set(lockid, { name: lock.name, groups: others && added ? [...others, group] : others });
  }
  return next;
}

/** The selection as bulk-command targets. */
export function targetsOf(selection: Selection): { lockid: string; name: string | null }[] {
  return [...selection].map(([lockid, lock]) => ({ lockid, name: lock.name }));
}

/** What "Retry the failed" sends again: the locks that failed or timed out (not the offline ones). */
export function retryTargets(results: readonly BulkResult[]): { lockid: string; name: string | null }[] {
  return results.filter((r) => r.outcome === 'failed' || r.outcome === 'timeout').map((r) => ({ lockid: r.lockid, name: r.name }));
}

/** The locks a run did not reach or could not move, for the results list. */
export function problemsOf(results: readonly BulkResult[]): BulkResult[] {
  return results.filter((r) => r.outcome !== 'done');
}

const ING: Record<LockCommand, string> = { lock: 'Locking', unlock: 'Unlocking' };

/** "Locking 12…", while a run is under way. */
export function runningLabel(action: LockCommand, count: number): string {
  return `${ING[action]} ${formatCount(count)}…`;
}

/** "Unlock 12 locks in Cedar Court?" (the group when the list is filtered by one). */
export function unlockQuestion(count: number, groupName: string | null): string {
  return `Unlock ${plural(count, 'lock')}${groupName ? ` in ${groupName}` : ''}?`;
}

/** Why an outcome left a lock as it was, in a few words (the platform's own `msg` follows it). */
export function outcomeLabel(outcome: BulkResult['outcome']): string {
  switch (outcome) {
    case 'offline':
      return 'Offline, not reached';
    case 'timeout':
      return 'No answer in time';
    case 'failed':
      return 'Failed';
    case 'done':
      return 'Done';
  }
}

/** The view's parts that decide which locks match: a change to any clears the selection. */
export function matchKey(view: { q: string; status: readonly string[]; group: number | null }): string {
  return JSON.stringify([view.q, view.status, view.group]);
}
