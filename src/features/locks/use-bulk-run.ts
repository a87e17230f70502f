import { useState } from 'react';
import type { LockCommand } from '@contract/constants';
import { type BulkResult, type BulkTarget, describeTally, tally, useBulkCommand } from '@/api/bulk-commands';
import { ApiError } from '@/api/client';
import { runningLabel } from './selection';

export function messageOf(error: unknown, fallback: string): string {
  return error instanceof ApiError ? error.message : fallback;
}

export interface BulkOutcome {
  action: LockCommand;
  results: BulkResult[];
  /** A timed unlock's relock delay: a retry sends it again. */
  durationS?: number;
}

export interface BulkRunning {
  action: LockCommand;
  count: number;
  done: number;
}

/** Results of a retry replace those of the same locks in the run they retry. */
function merge(previous: readonly BulkResult[], retried: readonly BulkResult[]): BulkResult[] {
  const byId = new Map(retried.map((r) => [r.lockid, r]));
  return previous.map((r) => byId.get(r.lockid) ?? r);
}

/**
 * One bulk command at a time: its progress while it runs, then its outcome (a retry's results merged
 * into the run it retries) or the error that ended it, each put into words for the live region.
 */
export function useBulkRun() {
  const bulk = useBulkCommand();
  const [running, setRunning] = useState<BulkRunning | null>(null);
  const [outcome, setOutcome] = useState<BulkOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');

  const run = async (action: LockCommand, targets: readonly BulkTarget[], retrying: BulkOutcome | null, durationS?: number) => {
    setError(null);
    setRunning({ action, count: targets.length, done: 0 });
    setAnnouncement(runningLabel(action, targets.length));
    try {
      const results = await bulk.mutateAsync({
        action,
        targets,
        durationS,
        onProgress: (p) => setRunning({ action, count: targets.length, done: p.results.length }),
      });
      const all = retrying ? merge(retrying.results, results) : results;
      setOutcome({ action, results: all, durationS });
      setAnnouncement(describeTally(action, tally(all)));
    } catch (caught) {
      const message = messageOf(caught, 'The command could not be sent.');
      setError(message);
      setAnnouncement(message);
    } finally {
      setRunning(null);
    }
  };

  return { running, outcome, error, announcement, run, dismiss: () => setOutcome(null), announce: setAnnouncement };
}
