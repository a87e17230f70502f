import { type ReactNode, useSyncExternalStore } from 'react';

/** A short notice in the corner: command results, alerts. Sticky ones stay until dismissed. */
export type ToastTone = 'info' | 'success' | 'error' | 'critical';

export interface Toast {
  id: number;
  title: string;
  body?: string;
  tone: ToastTone;
  sticky: boolean;
  action?: { label: string; href: string };
  /** A control of the toast's own under its text (an alert's "Lock now"): it says itself what it did. */
  control?: ReactNode;
  /** An alert's toast: the alert is also kept in the alert list, so "+N more" may lead there. */
  group?: 'alert';
}

export type NewToast = Omit<Toast, 'id' | 'sticky'> & { sticky?: boolean };

const AUTO_DISMISS_MS = 7000;
/** On screen at once; the rest wait behind "+N more". */
export const VISIBLE_TOASTS = 3;
/** Kept at all (shown or waiting): past it the oldest non-sticky ones make room. */
const MAX_TOASTS = 50;

let list: readonly Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const timers = new Map<number, number>();

function publish(next: readonly Toast[]) {
  list = next;
  listeners.forEach((listener) => listener());
}

export function dismissToast(id: number) {
  dismissToasts([id]);
}

export function dismissToasts(ids: readonly number[]) {
  for (const id of ids) {
    window.clearTimeout(timers.get(id));
    timers.delete(id);
  }
  publish(list.filter((toast) => !ids.includes(toast.id)));
}

export function showToast(toast: NewToast): number {
  const id = nextId++;
  const sticky = toast.sticky ?? toast.tone === 'critical';
  let next = [...list, { ...toast, id, sticky }];
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

/** The newest `visible` toasts (oldest of them first), and the ones waiting behind them. */
export function splitToasts(toasts: readonly Toast[], visible = VISIBLE_TOASTS): { shown: readonly Toast[]; waiting: readonly Toast[] } {
  const cut = Math.max(0, toasts.length - visible);
  return { shown: toasts.slice(cut), waiting: toasts.slice(0, cut) };
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useToasts(): readonly Toast[] {
  return useSyncExternalStore(subscribe, () => list, () => list);
}
