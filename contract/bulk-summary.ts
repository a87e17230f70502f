import type { LockCommand } from './constants';

/**
 * The result of one command sent to many locks (`POST /api/commands`), summed up in one wording for
 * the gateway's answer and the SPA's bulk bar and lockdown panel.
 */
export type BulkOutcome = 'done' | 'offline' | 'failed' | 'timeout';

export interface BulkTally {
  done: number;
  offline: number;
  /** Failed and timed out. */
  failed: number;
  /** Of `failed`, those that did not answer in time: said apart when given (the gateway counts them). */
  timedOut?: number;
}

/** Counts each lock's outcome: a time-out counts as failed. */
export function tallyOutcomes(results: readonly { outcome: BulkOutcome }[]): { done: number; offline: number; failed: number } {
  const done = results.filter((r) => r.outcome === 'done').length;
  const offline = results.filter((r) => r.outcome === 'offline').length;
  return { done, offline, failed: results.length - done - offline };
}

const PAST: Record<LockCommand, string> = { lock: 'locked', unlock: 'unlocked' };

const counted = (n: number) => n.toLocaleString('en-US');

/**
 * "2,090 locked · 3 offline, not reached · 1 failed · 2 did not answer in time": the zero counts but
 * the first left out, thousands separated.
 */
export function describeBulkTally(action: LockCommand, tally: BulkTally): string {
  const timedOut = tally.timedOut ?? 0;
  const parts = [`${counted(tally.done)} ${PAST[action]}`];
  if (tally.offline) parts.push(`${counted(tally.offline)} offline, not reached`);
  if (tally.failed - timedOut) parts.push(`${counted(tally.failed - timedOut)} failed`);
  if (timedOut) parts.push(`${counted(timedOut)} did not answer in time`);
  return parts.join(' · ');
}
