import { useEffect, useState } from 'react';
import { fetchGrantPasscode } from '@/api/access';
import { Button } from '@/components/button';
import { CopyButton } from '@/components/copy-button';

const SHOW_FOR_S = 30;
const compact = 'min-h-6 px-1.5';

type State =
  | { kind: 'hidden' }
  | { kind: 'loading' }
  | { kind: 'shown'; code: string; secondsLeft: number }
  | { kind: 'failed'; message: string };

/**
 * "Reveal code" on a keypad grant: a manager sees the code for 30 seconds (the gateway audits the
 * reveal), then it is hidden and forgotten; it is never put in the query cache. Like
 * `password-reveal.tsx`, one toggle button that keeps the focus.
 */
export function PasscodeReveal({ grantid, who }: { grantid: number; who: string }) {
  const [state, setState] = useState<State>({ kind: 'hidden' });
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

  const reveal = async () => {
    setState({ kind: 'loading' });
    try {
      setState({ kind: 'shown', code: await fetchGrantPasscode(grantid), secondsLeft: SHOW_FOR_S });
    } catch (error) {
      setState({ kind: 'failed', message: error instanceof Error ? error.message : 'The code could not be fetched.' });
    }
  };

  const loading = state.kind === 'loading';
  const forWho = <span className="sr-only"> for {who}</span>;
  return (
    <span className="inline-flex flex-wrap items-center gap-x-1.5 gap-y-1">
      {state.kind === 'shown' && (
        <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-sm dark:bg-slate-800" aria-label={`Keypad code for ${who}`}>
          {state.code}
        </code>
      )}
      <Button
        size="sm"
        variant="ghost"
        className={compact}
        aria-disabled={loading || undefined}
        onClick={() => {
          if (loading) return;
          if (shown) setState({ kind: 'hidden' });
          else void reveal();
        }}
      >
        {loading ? 'Revealing…' : shown ? 'Hide code' : 'Reveal code'}
        {forWho}
      </Button>
      {state.kind === 'shown' && (
        <>
          <CopyButton value={state.code} label={`keypad code for ${who}`} />
          <span className="text-xs text-slate-600 tabular-nums dark:text-slate-400">hides in {state.secondsLeft} s</span>
        </>
      )}
      {state.kind === 'failed' && (
        <span role="alert" className="basis-full text-xs text-red-700 dark:text-red-300">
          {state.message}
        </span>
      )}
    </span>
  );
}
