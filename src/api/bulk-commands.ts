import { useMutation, useQueryClient } from '@tanstack/react-query';
import * as v from 'valibot';
import type { BulkOutcome } from '@contract/bulk-summary';
import { type LockCommand, MAX_PAGE_SIZE } from '@contract/constants';
import { ApiError, getJson, request } from './client';
import { eventQueries } from './events';
import { lockGroupQueries } from './lockgroups';
import { type LockSummaryParams, lockQueries, parseLockPage } from './locks';
import { identifier, text } from './parse';

/** The gateway's limit for one `POST /api/commands` (DESIGN): larger sets go in batches. */
export const BULK_BATCH_SIZE = 1000;

export type { BulkOutcome };

export interface BulkResult {
  lockid: string;
  /** The name the platform has, or null (the caller may know it). */
  name: string | null;
  outcome: BulkOutcome;
  msg: string;
}

const resultSchema = v.looseObject({
  lockid: identifier,
  lockname: text,
  outcome: v.fallback(v.picklist(['done', 'offline', 'failed', 'timeout']), 'failed'),
  msg: v.fallback(v.string(), ''),
  status: v.optional(v.unknown()),
});

export function parseBulkResults(body: Record<string, unknown>): BulkResult[] {
  const rows = Array.isArray(body.results) ? body.results : [];
  return rows.flatMap((row) => {
    const parsed = v.safeParse(resultSchema, row);
    if (!parsed.success) return [];
    const r = parsed.output;
    // "done" counts only when the row's own status does not say otherwise.
    const refused = r.status === 0 || r.status === '0';
    return [{ lockid: r.lockid, name: r.lockname, outcome: refused && r.outcome === 'done' ? 'failed' : r.outcome, msg: r.msg }];
  });
}

// The one wording of a bulk result (contract/bulk-summary.ts), also the gateway's.
export { type BulkTally, describeBulkTally as describeTally, tallyOutcomes as tally } from '@contract/bulk-summary';

/** Errors that end a whole run: the session is gone, the role may not, or the gateway asks to slow down. */
function endsTheRun(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 401 || error.status === 403 || error.status === 429);
}

export interface BulkTarget {
  lockid: string;
  /** The name the user saw, for the results list. */
  name: string | null;
}

export interface BulkProgress {
  batch: number;
  batches: number;
  results: BulkResult[];
}

/**
 * Sends one action to many locks, in batches of at most 1,000 (one request each, one after another),
 * reporting after every batch. A batch that fails as a whole counts its locks as failed with the
 * reason, and the run goes on; a lost session or a refused role ends it (the error is thrown).
 */
export async function runBulkCommand(
  action: LockCommand,
  targets: readonly BulkTarget[],
  options: {
    onProgress?: (progress: BulkProgress) => void;
    signal?: AbortSignal;
    /** An unlock that relocks each lock by itself after this many seconds (60–3600; `features.timedUnlock`). */
    durationS?: number;
  } = {},
): Promise<BulkResult[]> {
  const relock = action === 'unlock' && options.durationS !== undefined ? { duration_s: options.durationS } : {};
  const unique = [...new Map(targets.map((t) => [t.lockid, t])).values()];
  const batches = Math.ceil(unique.length / BULK_BATCH_SIZE);
  const results: BulkResult[] = [];
  for (let batch = 0; batch < batches; batch += 1) {
    if (options.signal?.aborted) break;
    const slice = unique.slice(batch * BULK_BATCH_SIZE, (batch + 1) * BULK_BATCH_SIZE);
    const names = new Map(slice.map((t) => [t.lockid, t.name]));
    try {
      const body = await request('/api/commands', { method: 'POST', body: { action, lockids: slice.map((t) => t.lockid), ...relock } });
      for (const result of parseBulkResults(body)) results.push({ ...result, name: result.name ?? names.get(result.lockid) ?? null });
    } catch (error) {
      if (endsTheRun(error) || !(error instanceof ApiError)) throw error;
      // Not every lock done: the gateway still answers (status 0) with each lock's outcome.
      const answered = error.body ? parseBulkResults(error.body) : [];
      const seen = new Set(answered.map((r) => r.lockid));
      for (const result of answered) results.push({ ...result, name: result.name ?? names.get(result.lockid) ?? null });
      for (const t of slice) if (!seen.has(t.lockid)) results.push({ lockid: t.lockid, name: t.name, outcome: 'failed', msg: error.message });
    }
    options.onProgress?.({ batch: batch + 1, batches, results: [...results] });
  }
  return results;
}

/**
 * Every lock matching a filter (the whole fleet with none), page by page with the list call: for
 * "select all N matching" and a lockdown. `onPage` reports how many were found so far.
 */
export async function fetchMatchingLocks(
  filter: LockSummaryParams,
  options: { signal?: AbortSignal; onPage?: (found: number, total: number | null) => void } = {},
): Promise<BulkTarget[]> {
  const found = new Map<string, BulkTarget>();
  for (let pagenumber = 1; ; pagenumber += 1) {
    const params = { ...filter, pagenumber, limit: MAX_PAGE_SIZE };
    const page = parseLockPage(await getJson('/api/locks', params, options.signal), params);
    for (const lock of page.locks) found.set(lock.lockid, { lockid: lock.lockid, name: lock.name });
    options.onPage?.(found.size, page.totalCount);
    if (page.locks.length === 0 || pagenumber >= page.totalPages) break;
  }
  return [...found.values()];
}

/** After commands reached many locks: every lock view, the chip counts, group health and history refresh. */
export function useRefreshAfterBulk() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: lockQueries.all() });
    void queryClient.invalidateQueries({ queryKey: lockGroupQueries.all() });
    void queryClient.invalidateQueries({ queryKey: eventQueries.all() });
  };
}

/** A bulk command on a selection (at most a few thousand locks), as a mutation the bulk bar can follow. */
export function useBulkCommand() {
  const refresh = useRefreshAfterBulk();
  return useMutation({
    mutationKey: ['bulk-command'],
    mutationFn: (input: { action: LockCommand; targets: readonly BulkTarget[]; onProgress?: (p: BulkProgress) => void; durationS?: number }) =>
      runBulkCommand(input.action, input.targets, { onProgress: input.onProgress, durationS: input.durationS }),
    onSettled: refresh,
  });
}
