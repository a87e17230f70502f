import type { AlertRule, RuleKind } from '../../contract/team-alerts';

/** One event of the platform's feed, read leniently (an unknown type is kept and ignored). */
export interface FeedEvent {
  eventid: number;
  lockid: string | null;
  lockname: string | null;
  type: string;
  userid: number | null;
  username: string | null;
  method: string | null;
  actor: string | null;
  /** A group-level event (a group grant's, a group's lockdown): the group, with `lockid` null. */
  groupid?: number | null;
  groupname?: string | null;
  /** Event time, epoch ms (the platform's date read in PLUS_TIMEZONE). */
  at: number;
  battery: number | null;
  reason: string | null;
}

/** One lock as the lock list shows it. */
export interface LockInfo {
  lockid: string;
  lockname: string;
  open: boolean | null;
  online: boolean | null;
  battery: number | null;
  /** A timed unlock: the platform relocks it by itself (`relock_at`). */
  timed: boolean;
  groupids: number[];
  /** The door schedule driving it now (lock row's `schedule`), `until` in epoch ms; null without one (or on a host without schedules). */
  schedule?: { name: string; state: string; until: number | null } | null;
  /** A lockdown holds it (lock row's `lockdown: 1`). */
  lockdown?: boolean;
}

/**
 * The lock list as last read. `cursor` is the feed's cursor when it was read: the list already
 * reflects every event up to it, and nothing after it. `fresh`: read for this pass.
 */
export interface LockSnapshot {
  cursor: number;
  fresh: boolean;
  locks: Record<string, LockInfo>;
}

/** A door the feed (or the lock list) last saw unlocked. */
export interface OpenDoor {
  eventid: number;
  since: number;
  name: string;
  /** "by Ana Lopez · Card", or '' when unknown. */
  by: string;
}

export interface OfflineLock {
  eventid: number;
  since: number;
  name: string;
}

/** The watcher's memory, kept as JSON in notifier_state beside the cursor it belongs to. */
export interface EngineState {
  cursor: number;
  doors: Record<string, OpenDoor>;
  offline: Record<string, OfflineLock>;
  /** Times of recent refusals per lock (for bursts). */
  denials: Record<string, number[]>;
  /** Counts of a counting alert (access denied, a burst) by open key, with when its count began. */
  counts: Record<string, { count: number; since: number }>;
}

export function emptyState(cursor: number): EngineState {
  return { cursor, doors: {}, offline: {}, denials: {}, counts: {} };
}

/** An alert open in the store. */
export interface OpenAlert {
  key: string;
  ruleid: number | null;
  kind: string;
  lockid: string | null;
}

export type AlertAction =
  | {
      op: 'open';
      key: string;
      rule: AlertRule;
      kind: RuleKind;
      lockid: string | null;
      lockname: string | null;
      /** A group-level alert (a group's lockdown). */
      groupid?: number | null;
      title: string;
      detail: string;
      at: number;
    }
  | { op: 'update'; key: string; title: string; detail: string }
  | { op: 'resolve'; key: string; detail: string };

/** Removes a key from one of the state's records. */
export function drop(record: Record<string, unknown>, key: string): void {
  Reflect.deleteProperty(record, key);
}
