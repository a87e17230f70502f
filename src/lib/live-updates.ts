import { useEffect, useSyncExternalStore } from 'react';
import { useLocation } from 'react-router';

/**
 * WCAG 2.2.2: auto-updating content can be paused. "Pause live updates" pauses the view it was
 * pressed on, for as long as that view is open: another page, or a reload, is live again (a pause
 * that outlived its page would leave a view frozen with no sign of why). Filters, search and paging
 * within the same page keep it paused.
 */
const listeners = new Set<() => void>();
/** The path (`location.pathname`) of the paused view, or null. */
let pausedPath: string | null = null;

function emit() {
  listeners.forEach((listener) => listener());
}

function currentPath(): string | null {
  return typeof window === 'undefined' ? null : window.location.pathname;
}

/** Pauses (or resumes) the live updates of the view at `path` (by default the one on screen). */
export function setLiveUpdatesPaused(value: boolean, path: string | null = currentPath()) {
  const next = value ? path : null;
  if (next === pausedPath) return;
  pausedPath = next;
  emit();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Whether the view on screen is paused. */
export function useLiveUpdatesPaused(): boolean {
  const { pathname } = useLocation();
  const path = useSyncExternalStore(subscribe, () => pausedPath, () => null);
  return path !== null && path === pathname;
}

/** Once in the layout: leaving a paused page ends its pause, so that coming back finds it live. */
export function useLivePauseEndsWithPage() {
  const { pathname } = useLocation();
  useEffect(() => {
    if (pausedPath !== null && pausedPath !== pathname) setLiveUpdatesPaused(false);
  }, [pathname]);
}
