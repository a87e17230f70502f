import type { AuditAction, AuditResult } from '@contract/audit';
import type { Role } from '@contract/constants';
import type { AuditItem } from '@/api/audit';

/**
 * Every audit record in words: "Demo Manager revealed the password of HQ · Server room", "Demo
 * Manager tried to unlock HQ · Lobby" (with the outcome "Failed" beside it). One table covers every
 * action of the contract (the type checker holds it to that); an action this SPA does not know is
 * still shown, as the server named it.
 */
export type RecordFacts = Pick<
  AuditItem,
  'userid' | 'username' | 'email' | 'role' | 'action' | 'lockid' | 'lockname' | 'groupid' | 'groupname' | 'grantid' | 'personid' | 'personname' | 'command' | 'count' | 'result'
>;

/** A deed the actor did (`did`) or tried (`tryTo`, when it was denied or failed); or a sentence of its own. */
type Phrase = { did: string; tryTo: string } | { says: string };

const ROLE_WORDS: Record<Role, string> = { manager: 'manager', support: 'support (read-only)' };

export const RESULT_WORDS: Record<AuditResult, string> = { ok: 'Succeeded', denied: 'Denied', failed: 'Failed' };

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function actorOf(r: RecordFacts): string {
  return r.username ?? r.email ?? (r.userid !== null ? `User ${r.userid}` : 'Someone');
}

const lockOf = (r: RecordFacts) => r.lockname ?? r.lockid ?? 'a lock';
const groupOf = (r: RecordFacts) => (r.groupname ? `the group ${r.groupname}` : r.groupid !== null ? `group ${r.groupid}` : 'a group');
const personOf = (r: RecordFacts) => r.personname ?? (r.personid !== null ? `person ${r.personid}` : 'someone');
const possessive = (name: string) => (name.endsWith('s') ? `${name}’` : `${name}’s`);
/** Where a grant is: a lock, else a group. */
const placeOf = (r: RecordFacts) => (r.lockid !== null || r.lockname !== null || r.groupid === null ? lockOf(r) : groupOf(r));

const deed = (did: string, tryTo: string): Phrase => ({ did, tryTo });
/** A deed on an object: "unlocked HQ · Lobby" / "unlock HQ · Lobby". */
const on = (did: string, tryTo: string, object: string): Phrase => deed(`${did} ${object}`, `${tryTo} ${object}`);

function command(r: RecordFacts, object: string): Phrase {
  if (r.command === 'unlock') return on('unlocked', 'unlock', object);
  if (r.command === 'lock') return on('locked', 'lock', object);
  const what = r.command ? `“${r.command}”` : 'a command';
  return on(`sent ${what} to`, `send ${what} to`, object);
}

function keypadCode(r: RecordFacts): Phrase {
  const whose = r.personname !== null || r.personid !== null ? ` of ${personOf(r)}` : '';
  const where = r.lockid !== null || r.lockname !== null ? ` for ${lockOf(r)}` : r.groupid !== null ? ` for ${groupOf(r)}` : '';
  const grant = !whose && !where && r.grantid !== null ? ` of grant ${r.grantid}` : '';
  return on('revealed', 'reveal', `the keypad code${whose}${where}${grant}`);
}

const PHRASES: Record<AuditAction, (r: RecordFacts) => Phrase> = {
  'sign-in': () => deed('signed in', 'sign in'),
  'sign-in-failed': (r) => ({ says: `A sign-in as ${r.email ?? actorOf(r)} failed` }),
  'sign-in-throttled': (r) => ({ says: `Sign-in as ${r.email ?? actorOf(r)} was blocked after too many tries` }),
  'sign-out': () => deed('signed out', 'sign out'),
  'session-ended': (r) => ({ says: `${possessive(actorOf(r))} session was ended` }),
  'role-changed': (r) => ({ says: `${possessive(actorOf(r))} role changed${r.role ? ` to ${ROLE_WORDS[r.role]}` : ''}` }),
  'password-reveal': (r) => on('revealed', 'reveal', `the password of ${lockOf(r)}`),
  'passcode-reveal': keypadCode,
  'reveal-limited': (r) => ({ says: `${actorOf(r)} was stopped from revealing more secrets: too many in a short time` }),
  'lock-command': (r) => command(r, lockOf(r)),
  'bulk-command': (r) => command(r, r.count !== null ? plural(r.count, 'lock') : 'several locks'),
  lockdown: (r) => {
    const held = r.count !== null ? ` (${plural(r.count, 'lock')})` : '';
    const scope = `${r.groupid !== null || r.groupname !== null ? ` of ${groupOf(r)}` : ''}${held}`;
    return r.command === 'lift' ? on('lifted', 'lift', `a lockdown${scope}`) : on('started', 'start', `a lockdown${scope}`);
  },
  'lock-override': (r) => on('overrode the lockdown to unlock', 'override the lockdown to unlock', lockOf(r)),
  'activity-export': () => deed('exported the activity as CSV', 'export the activity as CSV'),
  'audit-export': () => deed('exported the audit trail as CSV', 'export the audit trail as CSV'),
  grant: (r) => deed(`gave ${personOf(r)} access to ${placeOf(r)}`, `give ${personOf(r)} access to ${placeOf(r)}`),
  'grant-revoke': (r) => on('ended', 'end', `${possessive(personOf(r))} access to ${placeOf(r)}`),
  offboard: (r) => on('removed', 'remove', `all of ${possessive(personOf(r))} access${r.count !== null ? ` (${plural(r.count, 'grant')})` : ''}`),
  'person-created': (r) => on('added', 'add', personOf(r)),
  'person-changed': (r) => on('changed the details of', 'change the details of', personOf(r)),
  'group-created': (r) => on('created', 'create', groupOf(r)),
  'group-changed': (r) => on('changed', 'change', groupOf(r)),
  'group-deleted': (r) => on('deleted', 'delete', groupOf(r)),
  'group-locks-changed': (r) => on('changed the locks of', 'change the locks of', groupOf(r)),
  'schedule-created': () => deed('created a door schedule', 'create a door schedule'),
  'schedule-changed': () => deed('changed a door schedule', 'change a door schedule'),
  'schedule-deleted': () => deed('deleted a door schedule', 'delete a door schedule'),
  'holiday-created': () => deed('added a holiday', 'add a holiday'),
  'holiday-changed': () => deed('changed a holiday', 'change a holiday'),
  'holiday-deleted': () => deed('deleted a holiday', 'delete a holiday'),
  'access-denied': (r) => ({ says: `${actorOf(r)} was refused a request${r.lockid !== null || r.lockname !== null ? ` about ${lockOf(r)}` : ''}` }),
  'request-refused': () => ({ says: 'A malformed request was refused' }),
  'alert-ack': (r) => on('acknowledged', 'acknowledge', `an alert${r.lockid !== null || r.lockname !== null ? ` about ${lockOf(r)}` : ''}`),
  'rule-created': () => deed('created an alert rule', 'create an alert rule'),
  'rule-changed': () => deed('changed an alert rule', 'change an alert rule'),
  'rule-deleted': () => deed('deleted an alert rule', 'delete an alert rule'),
  'contact-created': () => deed('added an alert contact', 'add an alert contact'),
  'contact-changed': () => deed('changed an alert contact', 'change an alert contact'),
  'contact-deleted': () => deed('deleted an alert contact', 'delete an alert contact'),
  'contact-tested': () => deed('sent a test message to an alert contact', 'send a test message to an alert contact'),
  'access-role-created': () => deed('created an access role', 'create an access role'),
  'access-role-changed': () => deed('changed an access role', 'change an access role'),
  'access-role-deleted': () => deed('deleted an access role', 'delete an access role'),
  'access-role-members': () => deed('changed who has an access role', 'change who has an access role'),
  'person-suspended': (r) => on('suspended', 'suspend', personOf(r)),
  'person-reactivated': (r) => on('reactivated', 'reactivate', personOf(r)),
  'person-archived': (r) => on('archived', 'archive', personOf(r)),
  'people-imported': (r) => deed(`imported ${r.count !== null ? plural(r.count, 'person', 'people') : 'people'}`, 'import people'),
  'people-export': () => deed('exported the people list as CSV', 'export the people list as CSV'),
  'pass-created': (r) => on('created a visitor pass for', 'create a visitor pass for', personOf(r)),
  'pass-resent': (r) => on('sent a new code of the visitor pass of', 'send a new code of the visitor pass of', personOf(r)),
  'pass-ended': (r) => on('ended the visitor pass of', 'end the visitor pass of', personOf(r)),
  'code-sent': (r) => on('sent a new keypad code to', 'send a new keypad code to', personOf(r)),
  'retention-anchor': () => ({ says: 'Older records were removed as the retention setting says; the trail continues from here' }),
};

export interface RecordWords {
  sentence: string;
  /** "Denied" or "Failed" in words; null when it succeeded. */
  outcome: string | null;
}

function isKnown(action: string): action is AuditAction {
  return Object.hasOwn(PHRASES, action);
}

export function describeRecord(r: RecordFacts): RecordWords {
  const outcome = r.result === null ? 'Outcome unknown' : r.result === 'ok' ? null : RESULT_WORDS[r.result];
  if (!isKnown(r.action)) return { sentence: `${actorOf(r)}: ${r.action}`, outcome };
  const phrase = PHRASES[r.action](r);
  if ('says' in phrase) return { sentence: phrase.says, outcome };
  return { sentence: `${actorOf(r)} ${r.result === 'ok' ? phrase.did : `tried to ${phrase.tryTo}`}`, outcome };
}

/** The action filter's choices, as a manager thinks of them; every action is in exactly one group. */
export const ACTION_LABELS: Record<AuditAction, string> = {
  'sign-in': 'Signed in',
  'sign-in-failed': 'Sign-in failed',
  'sign-in-throttled': 'Sign-in blocked',
  'sign-out': 'Signed out',
  'session-ended': 'Session ended',
  'role-changed': 'Role changed',
  'password-reveal': 'Lock password revealed',
  'passcode-reveal': 'Keypad code revealed',
  'reveal-limited': 'Reveals limited',
  'lock-command': 'Locked or unlocked',
  'bulk-command': 'Bulk lock or unlock',
  lockdown: 'Lockdown started or lifted',
  'lock-override': 'Lockdown overridden',
  'activity-export': 'Activity exported',
  'audit-export': 'Audit trail exported',
  grant: 'Access given',
  'grant-revoke': 'Access ended',
  offboard: 'All access removed',
  'person-created': 'Person added',
  'person-changed': 'Person changed',
  'group-created': 'Group created',
  'group-changed': 'Group changed',
  'group-deleted': 'Group deleted',
  'group-locks-changed': 'Group’s locks changed',
  'schedule-created': 'Schedule created',
  'schedule-changed': 'Schedule changed',
  'schedule-deleted': 'Schedule deleted',
  'holiday-created': 'Holiday added',
  'holiday-changed': 'Holiday changed',
  'holiday-deleted': 'Holiday deleted',
  'access-denied': 'Request refused for the role',
  'request-refused': 'Malformed request refused',
  'alert-ack': 'Alert acknowledged',
  'rule-created': 'Alert rule created',
  'rule-changed': 'Alert rule changed',
  'rule-deleted': 'Alert rule deleted',
  'contact-created': 'Alert contact added',
  'contact-changed': 'Alert contact changed',
  'contact-deleted': 'Alert contact deleted',
  'contact-tested': 'Alert contact tested',
  'access-role-created': 'Access role created',
  'access-role-changed': 'Access role changed',
  'access-role-deleted': 'Access role deleted',
  'access-role-members': 'Access role members changed',
  'person-suspended': 'Person suspended',
  'person-reactivated': 'Person reactivated',
  'person-archived': 'Person archived',
  'people-imported': 'People imported',
  'people-export': 'People exported',
  'pass-created': 'Visitor pass created',
  'pass-resent': 'Visitor pass code resent',
  'pass-ended': 'Visitor pass ended',
  'code-sent': 'Keypad code sent',
  'retention-anchor': 'Older records trimmed',
};

export const ACTION_GROUPS: readonly { label: string; actions: readonly AuditAction[] }[] = [
  { label: 'Doors', actions: ['lock-command', 'bulk-command', 'lockdown', 'lock-override'] },
  { label: 'Schedules', actions: ['schedule-created', 'schedule-changed', 'schedule-deleted', 'holiday-created', 'holiday-changed', 'holiday-deleted'] },
  { label: 'Secrets', actions: ['password-reveal', 'passcode-reveal', 'reveal-limited'] },
  { label: 'Access', actions: ['grant', 'grant-revoke', 'offboard', 'person-created', 'person-changed'] },
  { label: 'People and roles', actions: ['access-role-created', 'access-role-changed', 'access-role-deleted', 'access-role-members', 'person-suspended', 'person-reactivated', 'person-archived', 'people-imported', 'pass-created', 'pass-resent', 'pass-ended', 'code-sent'] },
  { label: 'Groups', actions: ['group-created', 'group-changed', 'group-deleted', 'group-locks-changed'] },
  { label: 'Signing in', actions: ['sign-in', 'sign-in-failed', 'sign-in-throttled', 'sign-out', 'session-ended', 'role-changed'] },
  { label: 'Team alerts', actions: ['alert-ack', 'rule-created', 'rule-changed', 'rule-deleted', 'contact-created', 'contact-changed', 'contact-deleted', 'contact-tested'] },
  { label: 'Exports', actions: ['activity-export', 'audit-export', 'people-export'] },
  { label: 'Refusals and upkeep', actions: ['access-denied', 'request-refused', 'retention-anchor'] },
];
