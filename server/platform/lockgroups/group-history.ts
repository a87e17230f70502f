import { toPlatformDate } from '../../../contract/envelope';
import type { LockGroup } from '../../../contract/lockgroups';
import type { EventsRepository, NewEvent } from '../events/events-repository';
import type { GroupGrant } from './lockgroups-repository';

/** Where the lock group routes write their history (the platform's events), and its clock. */
export interface GroupHistory {
  events: EventsRepository;
  now: () => Date;
}

/**
 * The history of a group change that reaches people (DESIGN.md, Audit trail): a membership change
 * (`group_locks_changed`) or a deletion (`group_deleted`) is one event per grant to the group,
 * naming its person (a keypad grant to the group now opens an added door, or no longer opens a
 * removed one), or one naming no person when no grant is reached. Group-level: `lockid` null.
 */
export function writeGroupChange(
  history: GroupHistory | undefined,
  type: 'group_locks_changed' | 'group_deleted',
  group: Pick<LockGroup, 'groupid' | 'groupname'>,
  grants: readonly GroupGrant[],
  actor: string | null,
): void {
  if (!history) return;
  const base: NewEvent = {
    lockid: null,
    lockname: null,
    event_type: type,
    userid: null,
    username: null,
    method: 'system',
    event_date: toPlatformDate(history.now()),
    battery_level: null,
    actor,
    groupid: group.groupid,
    groupname: group.groupname,
  };
  if (grants.length === 0) {
    history.events.insert(base);
    return;
  }
  for (const grant of grants) history.events.insert({ ...base, userid: grant.userid, username: grant.username });
}
