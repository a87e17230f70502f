import { useSyncExternalStore } from 'react';

/**
 * The app's one connection state: can the browser reach Lockboard's server? Fed by the API client
 * (a request that got no answer at all; any answer), the code loader (a chunk that could not be
 * fetched: lib/lazy-chunk.tsx) and the browser's own offline/online events. Read by the live
 * indicator, the commands (disabled while unreachable, saying why) and the chunk loader (which
 * retries when the server is back). While unreachable, one light probe for the whole app asks
 * again, sooner at first, so that everything comes back by itself even on a page that polls nothing.
 */
export const UNREACHABLE_MESSAGE = 'Lockboard can’t reach the server';

/** Probe delays while unreachable: quick at first, then every few seconds. */
const PROBE_DELAYS_MS = [1_000, 2_000, 3_000, 5_000];

const listeners = new Set<() => void>();
let reachable = true;
let probe: (() => Promise<boolean>) | null = null;
let probeTimer: ReturnType<typeof setTimeout> | null = null;
let probesMissed = 0;

function emit() {
  listeners.forEach((listener) => listener());
}

/** A request got no answer (or a chunk could not be fetched): the server is out of reach. */
export function reportUnreachable(): void {
  if (!reachable) return;
  reachable = false;
  probesMissed = 0;
  scheduleProbe();
  emit();
}

/** An answer arrived (any status): the server is there. */
export function reportReachable(): void {
  if (probeTimer !== null) clearTimeout(probeTimer);
  probeTimer = null;
  if (reachable) return;
  reachable = true;
  emit();
}

export function isServerReachable(): boolean {
  return reachable;
}

/** How the store asks whether the server answers (the API client sets it: it alone speaks HTTP). */
export function setReachabilityProbe(ask: () => Promise<boolean>): void {
  probe = ask;
}

function scheduleProbe(delayMs = PROBE_DELAYS_MS[Math.min(probesMissed, PROBE_DELAYS_MS.length - 1)]) {
  if (probeTimer !== null || typeof window === 'undefined') return;
  probeTimer = setTimeout(() => void probeNow(), delayMs);
}

async function probeNow() {
  probeTimer = null;
  if (reachable || !probe) return;
  if (await probe()) {
    reportReachable();
  } else if (!reachable) {
    probesMissed += 1;
    scheduleProbe();
  }
}

/**
 * The page's own data is failing though the server answers (it cannot reach the Plus Platform, or its
 * answers fail): "Connection lost" is on screen (components/live-status.tsx ConnectionLost), so the
 * live indicator and the commands say so too. Counted while such a notice is shown; returns its end.
 */
let dataFailing = 0;

export function reportDataFailing(): () => void {
  dataFailing += 1;
  emit();
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    dataFailing -= 1;
    emit();
  };
}

/** The one connection state: `online`, `server` (no answer from Lockboard's server), or `data` (answers, but the data fails). */
export type ConnectionState = 'online' | 'server' | 'data';

function connectionState(): ConnectionState {
  if (!reachable) return 'server';
  return dataFailing > 0 ? 'data' : 'online';
}

export function useConnection(): ConnectionState {
  return useSyncExternalStore(subscribeConnection, connectionState, () => 'online');
}

/** Why commands cannot reach a door now, or null: long for a page, short for a table row. */
export function connectionProblem(state: ConnectionState, short = false): string | null {
  if (state === 'server') return short ? 'Can’t reach the server' : `${UNREACHABLE_MESSAGE}: commands are disabled`;
  if (state === 'data') return short ? 'Connection lost' : 'Connection lost: commands are disabled until it is back';
  return null;
}

export function subscribeConnection(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Whether the server can be reached (true while rendering on the server and hydrating). */
export function useServerReachable(): boolean {
  return useSyncExternalStore(subscribeConnection, isServerReachable, () => true);
}

if (typeof window !== 'undefined') {
  window.addEventListener('offline', reportUnreachable);
  // The network is back: ask at once rather than at the next probe.
  window.addEventListener('online', () => {
    if (reachable) return;
    if (probeTimer !== null) clearTimeout(probeTimer);
    probeTimer = null;
    scheduleProbe(0);
  });
}
