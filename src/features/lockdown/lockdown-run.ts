import { useSyncExternalStore } from 'react';
import { BULK_BATCH_SIZE, type BulkResult, type BulkTarget, runBulkCommand } from '@/api/bulk-commands';
import { ApiError, getJson } from '@/api/client';
import { parseLockPage } from '@/api/locks';
import { MAX_PAGE_SIZE } from '@contract/constants';
import { mergeResults, type Scope } from './lockdown-scope';

/**
 * One lockdown at a time, kept outside React: leaving the page does not abandon a run (it goes on,
 * and the page shows it again on return); closing or reloading the tab while it runs asks first
 * (`beforeunload`).
 */
export type RunPhase = 'finding' | 'sending' | 'done' | 'stopped' | 'ended';

export interface LockdownRun {
  /** Whose run it is: another account signed in on this tab never sees it. */
  userid: number;
  scope: Scope;
  phase: RunPhase;
  /** A retry of the failed ones (not the first pass). */
  retry: boolean;
  /** Locks found so far, and how many the platform said there are (null: not said). */
  found: number;
  foundTotal: number | null;
  /** This pass: how many locks, batches done of how many, locks sent so far. */
  passTotal: number;
  batch: number;
  batches: number;
  sent: number;
  /** Every answer so far (a retry's replace the earlier ones of the same locks). */
  results: BulkResult[];
  stopRequested: boolean;
  /** Why the run ended early (a lost session, a refused role, an unreachable server). */
  error: string | null;
}

let run: LockdownRun | null = null;
let controller: AbortController | null = null;
const listeners = new Set<() => void>();

function set(patch: Partial<LockdownRun>) {
  if (!run) return;
  run = { ...run, ...patch };
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function isRunning(r: LockdownRun | null): boolean {
  return r?.phase === 'finding' || r?.phase === 'sending';
}

const warnBeforeLeaving = (event: BeforeUnloadEvent) => {
  event.preventDefault();
  // Older browsers show the dialog only with a returnValue.
  event.returnValue = '';
};

/** A message as a sentence (the platform's `msg` may lack the full stop). */
const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

function messageFor(error: unknown, sent: number): string {
  const sentText = sent > 0 ? ` ${sent.toLocaleString('en-US')} ${sent === 1 ? 'lock had' : 'locks had'} been sent the command.` : ' No command was sent.';
  if (error instanceof ApiError && error.status === 401) return `Your session has ended, so the lockdown stopped.${sentText} Sign in again, then run it again.`;
  if (error instanceof ApiError && error.status === 403) return `The server refused: ${sentence(error.message)}${sentText}`;
  if (error instanceof ApiError) return `${sentence(error.message)}${sentText}`;
  return `Something went wrong.${sentText}`;
}

async function send(targets: readonly BulkTarget[], earlier: readonly BulkResult[], signal: AbortSignal) {
  set({ phase: 'sending', passTotal: targets.length, batch: 0, batches: Math.ceil(targets.length / BULK_BATCH_SIZE), sent: 0 });
  let pass: BulkResult[] = [];
  try {
    pass = await runBulkCommand('lock', targets, {
      signal,
      onProgress: ({ batch, batches, results }) => {
        pass = results;
        set({ batch, batches, sent: Math.min(batch * BULK_BATCH_SIZE, targets.length), results: mergeResults(earlier, results) });
      },
    });
    const stopped = signal.aborted && (run?.sent ?? 0) < targets.length;
    set({ phase: stopped ? 'stopped' : 'done', results: mergeResults(earlier, pass) });
  } catch (error) {
    set({ phase: 'ended', error: messageFor(error, run?.sent ?? 0), results: mergeResults(earlier, pass) });
  }
}

async function track(work: (signal: AbortSignal) => Promise<void>, refresh: () => void) {
  controller = new AbortController();
  window.addEventListener('beforeunload', warnBeforeLeaving);
  try {
    await work(controller.signal);
  } finally {
    window.removeEventListener('beforeunload', warnBeforeLeaving);
    controller = null;
    refresh();
  }
}

const fresh = (userid: number, scope: Scope, retry: boolean): LockdownRun => ({
  userid,
  scope,
  phase: 'finding',
  retry,
  found: 0,
  foundTotal: null,
  passTotal: 0,
  batch: 0,
  batches: 0,
  sent: 0,
  results: [],
  stopRequested: false,
  error: null,
});

/**
 * Every lock of the scope, each once: the fleet's list, or each chosen group's in turn (a lock in
 * several groups is found in each and kept once). `onFound`: locks so far, and how many the
 * platform said there are (for several groups the union is not known ahead: null).
 */
export async function findScopeLocks(scope: Scope, signal: AbortSignal, onFound: (found: number, total: number | null) => void): Promise<BulkTarget[]> {
  const filters = scope.groupids === null ? [{}] : scope.groupids.map((groupid) => ({ groupid }));
  const found = new Map<string, BulkTarget>();
  for (const filter of filters) {
    for (let pagenumber = 1; ; pagenumber += 1) {
      const params = { ...filter, pagenumber, limit: MAX_PAGE_SIZE };
      const page = parseLockPage(await getJson('/api/locks', params, signal), params);
      for (const lock of page.locks) found.set(lock.lockid, { lockid: lock.lockid, name: lock.name });
      onFound(found.size, filters.length === 1 ? page.totalCount : null);
      if (page.locks.length === 0 || pagenumber >= page.totalPages) break;
    }
  }
  return [...found.values()];
}

/** Finds every lock of the scope, then locks them batch by batch. `refresh`: lock data afterwards. */
export function startLockdown(userid: number, scope: Scope, refresh: () => void): void {
  if (isRunning(run)) return;
  run = fresh(userid, scope, false);
  listeners.forEach((listener) => listener());
  void track(async (signal) => {
    let targets: BulkTarget[];
    try {
      targets = await findScopeLocks(scope, signal, (found, total) => set({ found, foundTotal: total }));
    } catch (error) {
      if (signal.aborted) set({ phase: 'stopped' });
      else set({ phase: 'ended', error: messageFor(error, 0) });
      return;
    }
    if (signal.aborted) {
      set({ phase: 'stopped' });
      return;
    }
    await send(targets, [], signal);
  }, refresh);
}

/** Sends the lock command again to the doors that failed or did not answer (not the offline ones). */
export function retryFailed(refresh: () => void): void {
  if (!run || isRunning(run)) return;
  const earlier = run.results;
  const targets = earlier.filter((r) => r.outcome === 'failed' || r.outcome === 'timeout').map((r) => ({ lockid: r.lockid, name: r.name }));
  if (targets.length === 0) return;
  run = { ...fresh(run.userid, run.scope, true), results: earlier };
  void track((signal) => send(targets, earlier, signal), refresh);
}

/** Stops after the batch under way (while finding locks: at once, before any command). */
export function stopLockdown(): void {
  if (!isRunning(run) || !controller) return;
  set({ stopRequested: true });
  controller.abort();
}

/** Forgets a finished run (its results), e.g. to start over. */
export function clearLockdown(): void {
  if (isRunning(run)) return;
  run = null;
  listeners.forEach((listener) => listener());
}

export function useLockdownRun(): LockdownRun | null {
  return useSyncExternalStore(subscribe, () => run, () => null);
}
