/**
 * Plain values of the contract, free of zod, so that the SPA can import them without pulling a
 * schema library into the browser bundle. The schemas in the sibling modules use the same values.
 */
export const LOCK_SORT_FIELDS = ['lockname', 'battery_level', 'temperature', 'online_updated_date'] as const;
export type LockSortField = (typeof LOCK_SORT_FIELDS)[number];
export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export const MAX_PAGE_SIZE = 100;
export const MAX_SEARCH_LENGTH = 100;

/** A battery at or below this level counts as low (the "Low battery" chip and badge). */
export const LOW_BATTERY_LEVEL = 20;
/** At or below this level a battery is critical (alerts). */
export const CRITICAL_BATTERY_LEVEL = 10;
/** A battery rising by this many points between two readings was swapped: a new series starts (contract/reports.ts). */
export const SWAP_RISE = 15;

export const LOCK_COMMANDS = ['lock', 'unlock'] as const;
export type LockCommand = (typeof LOCK_COMMANDS)[number];

/** `duration_s` of a timed unlock (`POST /api/locks/:lockid/unlock`): the platform relocks after it. */
export const MIN_UNLOCK_DURATION_S = 60;
export const MAX_UNLOCK_DURATION_S = 3600;

export const EVENT_TYPES = [
  'unlocked',
  'locked',
  'online',
  'offline',
  'battery_low',
  'access_denied',
  'access_granted',
  'access_revoked',
  // A lock group's membership changed, or the group was deleted: one event per grant to the group
  // the change reached (its person in userid/username), or one without a person when none did.
  'group_locks_changed',
  'group_deleted',
  // Door schedules (the schedule's name is the actor) and lockdowns (who started or lifted it).
  'scheduled_unlock',
  'scheduled_lock',
  'lockdown_started',
  'lockdown_lifted',
  // A visitor pass ran out (one event for the pass, its visitor in userid/username; issue 25).
  'access_expired',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export const EVENT_METHODS = ['remote', 'app', 'keypad', 'fingerprint', 'card', 'system'] as const;
export type EventMethod = (typeof EVENT_METHODS)[number];

/** How a person opens a door under a grant (a subset of the event methods). */
export const GRANT_METHODS = ['app', 'keypad', 'card', 'fingerprint'] as const;
export type GrantMethod = (typeof GRANT_METHODS)[number];
/** A grant's status, computed by the platform when it answers. */
export const GRANT_STATUSES = ['active', 'scheduled', 'expired', 'revoked'] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];
/** Why a door use was refused (`reason` on `access_denied` events). */
export const DENIAL_REASONS = ['no_grant', 'not_yet', 'expired', 'outside_hours', 'wrong_method', 'revoked', 'lockdown', 'suspended'] as const;
export type DenialReason = (typeof DENIAL_REASONS)[number];
/** Keypad codes the platform makes: this many digits. */
export const PASSCODE_LENGTH = 6;

export const ROLES = ['manager', 'support'] as const;
export type Role = (typeof ROLES)[number];
