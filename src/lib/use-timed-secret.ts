import { useEffect, useState } from 'react';

/** How long a revealed secret (a lock password, a keypad code) stays on screen. */
export const SECRET_SHOWN_FOR_S = 30;

export type TimedSecret =
  | { kind: 'hidden' }
  | { kind: 'loading' }
  | { kind: 'shown'; secret: string; secondsLeft: number }
  | { kind: 'failed'; message: string };

/**
 * A secret fetched on purpose, shown for 30 seconds, then hidden and forgotten (never cached).
 * `toggle` reveals (fetching it; the gateway audits every reveal) or hides it; while the request
 * runs it does nothing. `fetchSecret` throws an Error whose message is shown.
 */
export function useTimedSecret(fetchSecret: () => Promise<string>, fallbackMessage: string) {
  const [state, setState] = useState<TimedSecret>({ kind: 'hidden' });
  const shown = state.kind === 'shown';

  useEffect(() => {
    if (!shown) return;
    const id = window.setInterval(() => {
      setState((current) =>
        current.kind !== 'shown' || current.secondsLeft <= 1 ? { kind: 'hidden' } : { ...current, secondsLeft: current.secondsLeft - 1 },
      );
    }, 1000);
    return () => window.clearInterval(id);
  }, [shown]);

  const toggle = () => {
    if (state.kind === 'loading') return;
    if (shown) {
      setState({ kind: 'hidden' });
      return;
    }
    setState({ kind: 'loading' });
    fetchSecret().then(
      (secret) => setState({ kind: 'shown', secret, secondsLeft: SECRET_SHOWN_FOR_S }),
      (error: unknown) => setState({ kind: 'failed', message: error instanceof Error ? error.message : fallbackMessage }),
    );
  };

  return { state, toggle };
}
