import { createContext, createElement, type ReactNode, useContext, useEffect, useState, useSyncExternalStore } from 'react';

/**
 * The moment a server-rendered page was rendered ("page now"), so that the first render in the
 * browser (hydration) computes every relative time ("5 minutes ago", "Updated 0 s ago") from the
 * same instant as the server did, and the markup matches. `now` is cleared once the page is
 * hydrated (markPageHydrated): anything mounted later starts from the real clock.
 */
interface PageNow {
  now: number | null;
}
const PageNowContext = createContext<PageNow | null>(null);

export function PageNowProvider({ value, children }: { value: PageNow; children: ReactNode }) {
  return createElement(PageNowContext.Provider, { value }, children);
}

function usePageNow(): number | null {
  return useContext(PageNowContext)?.now ?? null;
}

/** The current time, refreshed every `intervalMs`; only the component that asks re-renders. */
export function useNow(intervalMs = 1000): number {
  const pageNow = usePageNow();
  const [now, setNow] = useState(() => pageNow ?? Date.now());
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

/** Browser only, before hydrating a server-rendered page: the shared clock starts at the page's "now". */
export function startClockAt(now: number) {
  clockNow = now;
}

function subscribe(listener: () => void) {
  subscribers.add(listener);
  if (timer === undefined) {
    // A clock started at the page's "now" (startClockAt) is kept until its first tick, so that
    // hydrated relative times do not render again at once; a clock that is off either way (the
    // system clock was set back, or a test fakes an earlier day) starts again from now.
    if (Math.abs(Date.now() - clockNow) >= CLOCK_MS) clockNow = Date.now();
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
  const pageNow = usePageNow();
  return useSyncExternalStore(subscribe, () => clockNow, () => pageNow ?? clockNow);
}
