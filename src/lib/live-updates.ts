import { useSyncExternalStore } from 'react';

/**
 * WCAG 2.2.2: auto-updating content can be paused. One switch for every live view of this tab,
 * kept for the tab's session so that a reload does not silently resume.
 */
const KEY = 'lockboard:live-paused';
const listeners = new Set<() => void>();

function read(): boolean {
  try {
    return sessionStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

let paused = read();

export function setLiveUpdatesPaused(value: boolean) {
  paused = value;
  try {
    if (value) sessionStorage.setItem(KEY, '1');
    else sessionStorage.removeItem(KEY);
  } catch {
    // storage unavailable: the switch still works for this page
  }
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useLiveUpdatesPaused(): boolean {
  return useSyncExternalStore(subscribe, () => paused, () => false);
}
