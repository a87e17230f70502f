import type { DenialReason, EventMethod, EventType, GrantStatus } from './constants';

/** How each event type and method is said on screen (history, Activity, alerts). */

export const EVENT_TYPE_LABELS: Record<EventType, string> = {
  unlocked: 'Unlocked',
  locked: 'Locked',
  offline: 'Went offline',
  online: 'Came online',
  battery_low: 'Battery low',
  access_denied: 'Access denied',
  access_granted: 'Access granted',
  access_revoked: 'Access revoked',
  group_locks_changed: 'Doors of the group changed',
  group_deleted: 'Group deleted',
  scheduled_unlock: 'Unlocked by schedule',
  scheduled_lock: 'Locked by schedule',
  lockdown_started: 'Lockdown started',
  lockdown_lifted: 'Lockdown lifted',
  access_expired: 'Visitor pass expired',
};

/** Why a door refused someone (`reason` on `access_denied`), said the way support would say it. */
export const DENIAL_REASON_LABELS: Record<DenialReason, string> = {
  no_grant: 'No access to this door',
  not_yet: 'Access not started yet',
  expired: 'Access expired',
  outside_hours: 'Outside allowed hours',
  wrong_method: 'Method not allowed',
  revoked: 'Access revoked',
  lockdown: 'Lockdown in force',
  suspended: 'Person suspended',
};

export const GRANT_STATUS_LABELS: Record<GrantStatus, string> = {
  active: 'Active',
  scheduled: 'Scheduled',
  expired: 'Expired',
  revoked: 'Revoked',
};

export const EVENT_METHOD_LABELS: Record<EventMethod, string> = {
  remote: 'Remote',
  app: 'App',
  keypad: 'Keypad',
  fingerprint: 'Fingerprint',
  card: 'Card',
  system: 'System',
};
