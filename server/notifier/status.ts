import type { Kysely } from 'kysely';
import type { NotifierStatus } from '../../contract/team-alerts';
import type { Database } from '../store/schema';
import { wireDateOrNull } from '../store/wire';
import { loadState, saveState } from './alert-store';
import { leaseHolder } from './lease';

export const LEASE_NAME = 'notifier';
export const STATUS_KEY = 'status';

/** What the working notifier last said of itself (notifier_state 'status'). */
export interface StoredStatus {
  state: 'running' | 'unavailable';
  msg: string;
  last_poll_at: number | null;
  holder: string;
  poll_ms: number;
  lease_ms: number;
  at: number;
}

export async function writeStatus(db: Kysely<Database>, status: StoredStatus): Promise<void> {
  await saveState(db, STATUS_KEY, status, status.at);
}

/**
 * The notifier's state as any copy sees it (for /alerts and /healthz): the working copy's own word,
 * unless it has gone quiet for longer than three polls and a lease with nobody holding the lease
 * since: then it is not running.
 */
export async function readNotifierStatus(db: Kysely<Database>, now: number): Promise<NotifierStatus> {
  const status = await loadState<StoredStatus>(db, STATUS_KEY);
  const holder = await leaseHolder(db, LEASE_NAME, now);
  if (!status) {
    return holder
      ? { state: 'running', msg: 'The notifier is starting', last_poll_date: null }
      : { state: 'off', msg: 'The notifier is not running', last_poll_date: null };
  }
  const lastPoll = wireDateOrNull(status.last_poll_at);
  if (!holder && now - status.at > 3 * status.poll_ms + status.lease_ms) {
    return { state: 'unavailable', msg: `The notifier is not running (last seen ${wireDateOrNull(status.at)} UTC)`, last_poll_date: lastPoll };
  }
  return { state: status.state, msg: status.msg, last_poll_date: lastPoll };
}
