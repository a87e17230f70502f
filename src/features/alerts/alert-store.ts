import { useSyncExternalStore } from 'react';
import {
  type Alert,
  type AlertKind,
  type AlertMode,
  type AlertPreferences,
  ALWAYS_LISTED,
  capAlerts,
  CHOOSABLE_KINDS,
  DEFAULT_PREFERENCES,
  type WatcherState,
} from './alert-rules';

/** Everything kept in the browser for one user: where the feed was read to, the alerts, their read marks, the preferences. */
export interface AlertData {
  watcher: WatcherState | null;
  alerts: Alert[];
  preferences: AlertPreferences;
}

const EMPTY: AlertData = { watcher: null, alerts: [], preferences: DEFAULT_PREFERENCES };

function key(userid: number) {
  return `lockboard:alerts:v1:${userid}`;
}

const MODES: readonly unknown[] = ['popup', 'list', 'off'] satisfies AlertMode[];

/**
 * Preferences as kept, checked value by value. The first version kept `toast` switches whose
 * defaults popped up every routine unlock: those are not carried over, the new defaults apply.
 */
function readPreferences(raw: Partial<Record<keyof AlertPreferences, unknown>> | undefined): AlertPreferences {
  const modes = { ...DEFAULT_PREFERENCES.modes };
  const kept = raw?.modes && typeof raw.modes === 'object' ? (raw.modes as Record<string, unknown>) : {};
  for (const kind of CHOOSABLE_KINDS) {
    const mode = kept[kind];
    if (MODES.includes(mode) && !(mode === 'off' && ALWAYS_LISTED.has(kind))) modes[kind] = mode as AlertMode;
  }
  // One of the choices, or any other span up to a day (a value kept by a test or an older version).
  const after = raw?.leftUnlockedAfterMin;
  const valid = after === null || (typeof after === 'number' && after > 0 && after <= 24 * 60);
  return {
    modes,
    leftUnlockedAfterMin: valid ? after : DEFAULT_PREFERENCES.leftUnlockedAfterMin,
    notify: raw?.notify === true,
  };
}

function load(userid: number): AlertData {
  try {
    const raw = localStorage.getItem(key(userid));
    if (!raw) return EMPTY;
    const parsed = JSON.parse(raw) as Partial<AlertData>;
    return {
      watcher: parsed.watcher ?? null,
      alerts: Array.isArray(parsed.alerts) ? parsed.alerts : [],
      preferences: readPreferences(parsed.preferences),
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

  /**
   * Adds alerts (an id already kept is never added twice), newest first, within the list's cap
   * (see `capAlerts`), and saves. `updates` replace the alerts of the same id that are still kept (a
   * dismissed one stays gone; its read mark stays). `markRead` marks every alert read, or those of
   * the given kinds. `dismiss` removes one alert (a pinned one goes only this way).
   */
  update(change: {
    watcher?: WatcherState;
    alerts?: readonly Alert[];
    updates?: readonly Alert[];
    preferences?: AlertPreferences;
    markRead?: true | readonly AlertKind[];
    dismiss?: string;
  }) {
    // Another tab may have written since this one read.
    const current = load(this.userid);
    const known = new Set(current.alerts.map((a) => a.id));
    const updates = new Map((change.updates ?? []).map((a) => [a.id, a]));
    const kept = current.alerts.flatMap((a) => {
      if (a.id === change.dismiss) return [];
      const updated = updates.get(a.id);
      return [updated ? { ...updated, read: a.read } : a];
    });
    let alerts = [...(change.alerts ?? []).filter((a) => !known.has(a.id)), ...kept];
    alerts.sort((a, b) => b.at - a.at);
    const { markRead } = change;
    if (markRead) alerts = alerts.map((a) => (a.read || (markRead !== true && !markRead.includes(a.kind)) ? a : { ...a, read: true }));
    alerts = capAlerts(alerts);
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
