import type { RoleGrant, RolePreview } from '@/api/roles';
import { GRANT_METHOD_LABELS, describeGrantRule } from '@/features/access/grant-rule';

/** The door of a template: the lock's name, or "the group Lobby doors". */
export function roleGrantTarget(grant: RoleGrant): string {
  if (grant.lockid !== null) return grant.lockName ?? grant.lockid;
  return `the group ${grant.groupName ?? grant.groupid ?? '?'}`;
}

/** "Loading dock · Keypad code · Mon–Fri 22:00–06:00 (overnight)": a template in words. */
export function describeRoleGrant(grant: RoleGrant): string {
  const rule = describeGrantRule({ startDate: null, endDate: null, weekdays: grant.weekdays, startTime: grant.startTime, endTime: grant.endTime });
  return `${roleGrantTarget(grant)} · ${GRANT_METHOD_LABELS[grant.method]} · ${rule}`;
}

const people = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'person' : 'people'}`;
const grants = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'grant' : 'grants'}`;

/** "12 people gain Loading dock", "Jamal Carter loses 2 grants": what saving would change, one line each. */
export function describePreview(preview: RolePreview): string[] {
  const doors = preview.grants.map(({ change, grant, people: n }) => `${people(n)} ${change} ${describeRoleGrant(grant)}`);
  const members = preview.members.map(({ change, name, grants: n }) => `${name} ${change === 'gain' ? 'gains' : 'loses'} ${grants(n)}`);
  return [...doors, ...members];
}

/** "3 members", "No members". */
export function describeMemberCount(count: number): string {
  if (count <= 0) return 'No members';
  return `${count.toLocaleString()} ${count === 1 ? 'member' : 'members'}`;
}

/** What deleting a role does, in words. */
export function describeRoleDeletion(count: number): string {
  if (count <= 0) return 'Nobody is in this role: no grant ends.';
  return `This ends ${people(count)}’s grants from this role, at once. Their other access stays.`;
}
