import { BULK_BATCH_SIZE, type BulkResult } from '@/api/bulk-commands';
import { formatCount, plural } from '@/lib/format';

/** What a lockdown reaches: the whole fleet, or one group (`/lockdown?group=N`). */
export type ScopeParam = { kind: 'fleet' } | { kind: 'group'; groupid: number } | { kind: 'invalid'; raw: string };

/** Reads `?group=`: absent or empty → the fleet; a positive whole number → that group; anything else is no group. */
export function readScopeParam(search: URLSearchParams): ScopeParam {
  const raw = search.get('group');
  if (raw === null || raw.trim() === '') return { kind: 'fleet' };
  const text = raw.trim();
  const groupid = Number(text);
  return /^\d{1,15}$/.test(text) && groupid >= 1 && Number.isSafeInteger(groupid) ? { kind: 'group', groupid } : { kind: 'invalid', raw };
}

/** One lockdown's reach, as the run remembers it. */
export interface Scope {
  /** "fleet" or "groups:3,12": a run belongs to the choice of its own scope. */
  key: string;
  /** The chosen groups (each once, in the order chosen), or null for the whole fleet. */
  groupids: number[] | null;
  /** "the fleet", "Cedar Court", "Cedar Court and Elm House". */
  name: string;
}

export const FLEET_SCOPE: Scope = { key: 'fleet', groupids: null, name: 'the fleet' };

/** Names listed before "and N other groups". */
const NAMED_GROUPS = 3;

/** "Cedar Court" · "Cedar Court and Elm House" · "A, B and C" · "A, B, C and 2 other groups". */
export function nameGroups(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? 'no group';
  const shown = names.length > NAMED_GROUPS ? names.slice(0, NAMED_GROUPS) : names.slice(0, -1);
  const last = names.length > NAMED_GROUPS ? plural(names.length - NAMED_GROUPS, 'other group') : names.at(-1);
  return `${shown.join(', ')} and ${last}`;
}

export function groupsScope(groups: readonly { groupid: number; name: string }[]): Scope {
  const unique = [...new Map(groups.map((g) => [g.groupid, g])).values()];
  const groupids = unique.map((g) => g.groupid);
  return { key: `groups:${[...groupids].sort((a, b) => a - b).join(',')}`, groupids, name: nameGroups(unique.map((g) => g.name)) };
}

/** What the fleet's lockdown asks to be typed before it is sent. */
export const FLEET_CONFIRM_TEXT = 'LOCK ALL';

/** The text typed to confirm: LOCK ALL for the fleet, the group's name for one, "LOCK 3 GROUPS" for several. */
export function confirmTextFor(scope: Scope): string {
  if (scope.groupids === null) return FLEET_CONFIRM_TEXT;
  return scope.groupids.length === 1 ? scope.name : `LOCK ${scope.groupids.length} GROUPS`;
}

/** The lock list of the scope with `status=`: the fleet, or one group; null for several (the list filters by one group). */
export function scopeListHref(scope: Scope, status: string): string | null {
  if (scope.groupids === null) return `/locks?status=${status}`;
  return scope.groupids.length === 1 ? `/locks?group=${scope.groupids[0]}&status=${status}` : null;
}

export interface ScopeCounts {
  total: number;
  unlocked: number;
  offline: number;
}

/**
 * What will happen, before anything is sent: "40 locks, 6 unlocked now, 2 offline (they cannot be
 * reached)". One lock reads "1 lock"; no offline lock leaves that part out.
 */
export function describeCounts(counts: ScopeCounts): string {
  const parts = [plural(counts.total, 'lock'), `${formatCount(counts.unlocked)} unlocked now`];
  if (counts.offline > 0) parts.push(`${formatCount(counts.offline)} offline (${counts.offline === 1 ? 'it cannot' : 'they cannot'} be reached)`);
  return parts.join(', ');
}

/** The chosen groups' counts added up (a lock in two of them counts twice: the platform counts per group). */
export function sumCounts(groups: readonly { lockCount: number; unlocked: number; offline: number }[]): ScopeCounts {
  return groups.reduce((sum, g) => ({ total: sum.total + g.lockCount, unlocked: sum.unlocked + g.unlocked, offline: sum.offline + g.offline }), {
    total: 0,
    unlocked: 0,
    offline: 0,
  });
}

/** A scope's counts led by how many groups it holds: "3 groups, 42 locks, …" (the fleet's: the counts alone). */
export function withGroupCount(scope: Scope, counted: string): string {
  return scope.groupids === null ? counted : `${plural(scope.groupids.length, 'group')}, ${counted}`;
}

/** Said under the counts of several groups, which may share locks. */
export const OVERLAP_NOTE = 'A lock in more than one of these groups is counted once per group here, and locked once.';

/** "in 1 request" / "in 3 batches of up to 1,000". */
export function describeBatches(total: number): string {
  const batches = Math.ceil(total / BULK_BATCH_SIZE);
  return batches <= 1 ? 'in one request' : `in ${formatCount(batches)} batches of up to ${formatCount(BULK_BATCH_SIZE)}`;
}

/** "Batch 2 of 3 · 2,000 of 2,100 locks sent". */
export function describeBatchProgress(batch: number, batches: number, sent: number, total: number): string {
  return `Batch ${formatCount(batch)} of ${formatCount(batches)} · ${formatCount(sent)} of ${plural(total, 'lock')} sent`;
}

/** A door the command did not reach, with why, for the list after a run. */
export interface Unreached {
  lockid: string;
  name: string;
  reason: string;
  /** Offline locks cannot be retried from here; failed and timed-out ones can. */
  retryable: boolean;
}

export function reasonOf(result: BulkResult): string {
  if (result.outcome === 'offline') return 'Offline, not reached';
  if (result.outcome === 'timeout') return 'Did not answer in time';
  return result.msg ? `Failed: ${result.msg}` : 'Failed';
}

const byName = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Every result but the locked ones, sorted by name (numbers in names in their natural order), then by lock ID. */
export function unreachedDoors(results: readonly BulkResult[]): Unreached[] {
  return results
    .filter((r) => r.outcome !== 'done')
    .map((r) => ({ lockid: r.lockid, name: r.name ?? r.lockid, reason: reasonOf(r), retryable: r.outcome !== 'offline' }))
    .sort((a, b) => byName.compare(a.name, b.name) || byName.compare(a.lockid, b.lockid));
}

/** Results of a retry replace those of the same locks; the others stay. */
export function mergeResults(earlier: readonly BulkResult[], later: readonly BulkResult[]): BulkResult[] {
  const replaced = new Set(later.map((r) => r.lockid));
  return [...earlier.filter((r) => !replaced.has(r.lockid)), ...later];
}
