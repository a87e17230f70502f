import { useSyncExternalStore } from 'react';

/** A short notice in the corner: command results, alerts. Sticky ones stay until dismissed. */
export type ToastTone = 'info' | 'success' | 'error' | 'critical';

export interface Toast {
  id: number;
  title: string;
  body?: string;
  tone: ToastTone;
  sticky: boolean;
  action?: { label: string; href: string };
}

export type NewToast = Omit<Toast, 'id' | 'sticky'> & { sticky?: boolean };

const AUTO_DISMISS_MS = 7000;
const MAX_TOASTS = 5;

let list: readonly Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const timers = new Map<number, number>();

function publish(next: readonly Toast[]) {
  list = next;
  listeners.forEach((listener) => listener());
}

export function dismissToast(id: number) {
  window.clearTimeout(timers.get(id));
  timers.delete(id);
  publish(list.filter((toast) => toast.id !== id));
}

export function showToast(toast: NewToast): number {
  const id = nextId++;
  const sticky = toast.sticky ?? toast.tone === 'critical';
  let next = [...list, { ...toast, id, sticky }];
  // Too many at once: the oldest non-sticky ones make room.
  while (next.length > MAX_TOASTS) {
    const oldest = next.find((t) => !t.sticky) ?? next[0];
    if (!oldest) break;
    window.clearTimeout(timers.get(oldest.id));
    timers.delete(oldest.id);
    next = next.filter((t) => t !== oldest);
  }
  publish(next);
  if (!sticky) timers.set(id, window.setTimeout(() => dismissToast(id), AUTO_DISMISS_MS));
  return id;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useToasts(): readonly Toast[] {
  return useSyncExternalStore(subscribe, () => list, () => list);
}
