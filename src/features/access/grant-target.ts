import type { Person } from '@/api/access';

/**
 * Where the dialog gives access: a fixed lock or group (the person is chosen), or a fixed person
 * (the lock or group is chosen).
 */
export type GrantAccessTarget = { lockid: string; lockName: string } | { groupid: number; groupName: string } | { userid: number; personName: string };

/** The person given access, as chosen in the dialog (or fixed by the person's page). */
export type ChosenPerson = Pick<Person, 'userid' | 'name'>;

/** The lock or group given access, as chosen in the dialog from a person's page. */
export type ChosenDoor = { kind: 'lock'; lockid: string; name: string } | { kind: 'group'; groupid: number; name: string };

/** A fixed lock or group in words ("Front door", "the group Cedar Court"), or the person's name. */
export function targetWords(target: GrantAccessTarget): string {
  return 'lockid' in target ? target.lockName : 'groupid' in target ? `the group ${target.groupName}` : target.personName;
}

/** Where the access is for, in words; null from a person's page until a lock or group is chosen. */
export function whereWords(target: GrantAccessTarget, chosen: ChosenDoor | null): string | null {
  if (!('userid' in target)) return targetWords(target);
  return chosen ? (chosen.kind === 'lock' ? chosen.name : `the group ${chosen.name}`) : null;
}

/** The lock or group of the grant to send. */
export function grantDestination(target: GrantAccessTarget, chosen: ChosenDoor | null): { lockid: string } | { groupid: number } {
  if ('lockid' in target) return { lockid: target.lockid };
  if ('groupid' in target) return { groupid: target.groupid };
  return chosen?.kind === 'lock' ? { lockid: chosen.lockid } : { groupid: chosen?.kind === 'group' ? chosen.groupid : 0 };
}

/** A chosen lock or group's key among the options. */
export function doorKey(door: ChosenDoor): string {
  return door.kind === 'lock' ? `lock:${door.lockid}` : `group:${door.groupid}`;
}
