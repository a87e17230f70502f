import type { LockGroup } from '@/api/lockgroups';
import { formatCount } from '@/lib/format';

/**
 * A group's health, as the groups pages show it: four numbers, each a link to the lock list
 * filtered to the group (and, for a problem, to that state). Pure data, so that the order and the
 * links are tested without a browser.
 */
export type HealthMeasure = 'locks' | 'offline' | 'unlocked' | 'lowBattery';

interface MeasureInfo {
  /** The column heading. */
  heading: string;
  /** The lock list's `status` value, or null for every lock of the group. */
  status: 'offline' | 'unlocked' | 'lowbattery' | null;
  /** Shown after the number on a card: "3 offline". */
  word: string;
  /** A problem stands out when it is not zero. */
  problem: boolean;
}

export const HEALTH_MEASURES: Record<HealthMeasure, MeasureInfo> = {
  locks: { heading: 'Locks', status: null, word: 'locks', problem: false },
  offline: { heading: 'Offline', status: 'offline', word: 'offline', problem: true },
  unlocked: { heading: 'Unlocked', status: 'unlocked', word: 'unlocked', problem: true },
  lowBattery: { heading: 'Low battery', status: 'lowbattery', word: 'low battery', problem: true },
};

export const MEASURE_ORDER: readonly HealthMeasure[] = ['locks', 'offline', 'unlocked', 'lowBattery'];

export function measureOf(group: LockGroup, measure: HealthMeasure): number {
  return measure === 'locks' ? group.lockCount : group[measure];
}

/** The lock list showing the group's locks, or those of them in one state: `/locks?group=12&status=offline`. */
export function groupLocksHref(groupid: number, measure: HealthMeasure = 'locks'): string {
  const search = new URLSearchParams({ group: String(groupid) });
  const status = HEALTH_MEASURES[measure].status;
  if (status) search.set('status', status);
  return `/locks?${search.toString()}`;
}

/** What a number's link opens, said in full: "3 offline locks in Cedar Court", "1 lock in HQ". */
export function healthLinkName(count: number, measure: HealthMeasure, groupName: string): string {
  const locks = count === 1 ? 'lock' : 'locks';
  const what = measure === 'locks' ? locks : `${HEALTH_MEASURES[measure].word} ${locks}`;
  return `${formatCount(count)} ${what} in ${groupName}`;
}

/** The order of the groups page, said on the page as it is applied here. */
export const WORST_FIRST_RULE = 'Worst first: most offline locks, then most unlocked, then most low batteries, then by name.';

const byName = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Most offline first, then most unlocked, then most low batteries, then by name (A–Z, ignoring case). */
export function compareWorstFirst(a: LockGroup, b: LockGroup): number {
  return b.offline - a.offline || b.unlocked - a.unlocked || b.lowBattery - a.lowBattery || byName.compare(a.name, b.name) || a.groupid - b.groupid;
}

export function sortWorstFirst(groups: readonly LockGroup[]): LockGroup[] {
  return [...groups].sort(compareWorstFirst);
}

/** The groups whose name or description holds every word typed, ignoring case. */
export function filterGroups(groups: readonly LockGroup[], text: string): LockGroup[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...groups];
  return groups.filter((group) => {
    const haystack = `${group.name}\n${group.description}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

/** A `:groupid` from the address: a positive whole number, or null (no such group). */
export function parseGroupId(value: string | undefined): number | null {
  if (!value || !/^\d{1,15}$/.test(value)) return null;
  const id = Number(value);
  return Number.isSafeInteger(id) && id >= 1 ? id : null;
}

/** The limits the platform sets on a group's name and description. */
export const MAX_NAME = 80;
export const MAX_DESCRIPTION = 500;

/**
 * Which field a platform refusal is about: its messages start with the field ("groupname: a group
 * named HQ already exists"). The field's part is returned with a capital, to be shown by the field.
 */
export function fieldOfError(message: string): { field: 'name' | 'description' | null; message: string } {
  const match = /^(groupname|description):\s*(.+)$/s.exec(message);
  if (!match) return { field: null, message };
  const rest = match[2] ?? '';
  return { field: match[1] === 'groupname' ? 'name' : 'description', message: rest.charAt(0).toUpperCase() + rest.slice(1) };
}
