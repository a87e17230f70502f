import { useEffect, useState, useSyncExternalStore } from 'react';

/** The current time, refreshed every `intervalMs`; only the component that asks re-renders. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(id);
  }, [intervalMs]);
  return now;
}

/**
 * A coarse clock shared by every relative time on screen ("5 minutes ago"): one timer for the
 * whole page, and each subscriber re-renders itself alone.
 */
const CLOCK_MS = 15_000;
const subscribers = new Set<() => void>();
let clockNow = Date.now();
let timer: number | undefined;

function subscribe(listener: () => void) {
  subscribers.add(listener);
  if (timer === undefined) {
    clockNow = Date.now();
    timer = window.setInterval(() => {
      clockNow = Date.now();
      subscribers.forEach((s) => s());
    }, CLOCK_MS);
  }
  return () => {
    subscribers.delete(listener);
    if (subscribers.size === 0) {
      window.clearInterval(timer);
      timer = undefined;
    }
  };
}

export function useSharedClock(): number {
  return useSyncExternalStore(subscribe, () => clockNow, () => clockNow);
}
