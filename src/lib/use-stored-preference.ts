import { useCallback, useSyncExternalStore } from 'react';

/*
 * A preference kept in the browser's localStorage under one key (per user: the caller puts the user
 * in the key), shared by every tab (the `storage` event), read leniently. The server renders the
 * default (`parse(null)`); the browser's own value follows on hydration, without a mismatch.
 */

const listeners = new Set<() => void>();
const cache = new Map<string, { raw: string | null; value: unknown }>();

function readRaw(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** The value for `key`: the same object while the stored text is the same (useSyncExternalStore needs that). */
function read<T>(key: string, parse: (raw: string | null) => T): T {
  const raw = readRaw(key);
  const hit = cache.get(key);
  if (hit && hit.raw === raw) return hit.value as T;
  const value = parse(raw);
  cache.set(key, { raw, value });
  return value;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  const onStorage = () => listener();
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/**
 * `[value, set]` for the preference under `key`. `parse` turns the stored text (null: nothing kept)
 * into a value, any unreadable text into the default; it must return the same object for the same
 * text (a constant default). Without storage, a choice holds for this page only.
 */
export function useStoredPreference<T>(key: string, parse: (raw: string | null) => T, serialize: (value: T) => string): [T, (next: T) => void] {
  const value = useSyncExternalStore(
    subscribe,
    () => read(key, parse),
    () => parse(null),
  );
  const set = useCallback(
    (next: T) => {
      try {
        localStorage.setItem(key, serialize(next));
      } catch {
        cache.set(key, { raw: readRaw(key), value: next });
      }
      listeners.forEach((listener) => listener());
    },
    [key, serialize],
  );
  return [value, set];
}
