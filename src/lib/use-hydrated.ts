import { useSyncExternalStore } from 'react';

const noSubscription = () => () => {};

/**
 * False in the server's render and while hydrating it, true from then on (and at once in a client
 * render): what only a live page can use (a button whose handler is not attached yet, a field
 * filled from the browser) waits for it.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
