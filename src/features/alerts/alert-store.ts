import { useSyncExternalStore } from 'react';
import type { Alert, AlertKind, WatcherState } from './alert-rules';

/** The kinds a user can choose to be toasted about. */
export const TOASTABLE_KINDS = ['unlocked', 'locked', 'offline', 'online', 'battery-low', 'battery-critical'] as const satisfies readonly AlertKind[];
export type ToastableKind = (typeof TOASTABLE_KINDS)[number];

export interface AlertPreferences {
  toast: Record<ToastableKind, boolean>;
  /** Browser notifications while Lockboard's tab is in the background (opt-in). */
  notify: boolean;
}

export const DEFAULT_PREFERENCES: AlertPreferences = {
  toast: { unlocked: true, locked: false, offline: true, online: true, 'battery-low': true, 'battery-critical': true },
  notify: false,
};

/** Everything kept in the browser for one user: where the feed was read to, the alerts, their read marks, the preferences. */
export interface AlertData {
  watcher: WatcherState | null;
  alerts: Alert[];
  preferences: AlertPreferences;
}

const MAX_ALERTS = 300;
const EMPTY: AlertData = { watcher: null, alerts: [], preferences: DEFAULT_PREFERENCES };

function key(userid: number) {
  return `lockboard:alerts:v1:${userid}`;
}

function load(userid: number): AlertData {
  try {
    const raw = localStorage.getItem(key(userid));
    if (!raw) return EMPTY;
    const parsed = JSON.parse(raw) as Partial<AlertData>;
    return {
      watcher: parsed.watcher ?? null,
      alerts: Array.isArray(parsed.alerts) ? parsed.alerts : [],
      preferences: {
        toast: { ...DEFAULT_PREFERENCES.toast, ...parsed.preferences?.toast },
        notify: parsed.preferences?.notify === true,
      },
    };
  } catch {
    return EMPTY;
  }
}

/**
 * One user's alert data, kept in localStorage so that it survives reloads and is shared by the
 * user's tabs (a change in one tab reaches the others through the `storage` event).
 */
class AlertStore {
  private data: AlertData;
  private readonly listeners = new Set<() => void>();

  constructor(readonly userid: number) {
    this.data = load(userid);
    window.addEventListener('storage', (event) => {
      if (event.key === key(userid)) {
        this.data = load(userid);
        this.emit();
      }
    });
  }

  get snapshot(): AlertData {
    return this.data;
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Adds alerts (an id already kept is never added twice), newest first, and saves. */
  update(change: { watcher?: WatcherState; alerts?: readonly Alert[]; preferences?: AlertPreferences; markAllRead?: boolean }) {
    // Another tab may have written since this one read.
    const current = load(this.userid);
    const known = new Set(current.alerts.map((a) => a.id));
    let alerts = [...(change.alerts ?? []).filter((a) => !known.has(a.id)), ...current.alerts];
    alerts.sort((a, b) => b.at - a.at);
    alerts = alerts.slice(0, MAX_ALERTS);
    if (change.markAllRead) alerts = alerts.map((a) => (a.read ? a : { ...a, read: true }));
    this.data = {
      watcher: change.watcher ?? current.watcher,
      alerts,
      preferences: change.preferences ?? current.preferences,
    };
    try {
      localStorage.setItem(key(this.userid), JSON.stringify(this.data));
    } catch {
      // Storage full or refused: the alerts still work for this page.
    }
    this.emit();
  }

  private emit() {
    this.listeners.forEach((listener) => listener());
  }
}

const stores = new Map<number, AlertStore>();

export function alertStore(userid: number): AlertStore {
  let store = stores.get(userid);
  if (!store) {
    store = new AlertStore(userid);
    stores.set(userid, store);
  }
  return store;
}

export function useAlertData(userid: number): AlertData {
  const store = alertStore(userid);
  return useSyncExternalStore(store.subscribe, () => store.snapshot, () => store.snapshot);
}
