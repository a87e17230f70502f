import { useEffect, useState } from 'react';
import { Button } from './button';

const SHOW_FOR_S = 30;

type State =
  | { kind: 'hidden' }
  | { kind: 'loading' }
  | { kind: 'shown'; password: string; secondsLeft: number; copied: boolean }
  | { kind: 'failed'; message: string };

/**
 * "••••••" and "Reveal password": a manager sees one lock's password for 30 seconds, with a copy
 * button, then it is hidden and forgotten. `reveal` fetches it (the gateway audits every reveal)
 * and throws an Error whose message is shown.
 */
export function PasswordReveal({ reveal: fetchPassword, lockName }: { reveal: () => Promise<string>; lockName: string }) {
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
      setState({ kind: 'shown', password: await fetchPassword(), secondsLeft: SHOW_FOR_S, copied: false });
    } catch (error) {
      setState({ kind: 'failed', message: error instanceof Error ? error.message : 'The password could not be fetched.' });
    }
  };

  const copy = async (password: string) => {
    try {
      await navigator.clipboard.writeText(password);
      setState((current) => (current.kind === 'shown' ? { ...current, copied: true } : current));
    } catch {
      // Clipboard refused (permissions): the password stays on screen to be copied by hand.
    }
  };

  const forLock = <span className="sr-only"> for {lockName}</span>;

  if (state.kind === 'shown') {
    return (
      <span className="flex flex-wrap items-center gap-1.5">
        <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs dark:bg-slate-800" aria-label={`Password for ${lockName}`}>
          {state.password}
        </code>
        <Button size="sm" variant="ghost" onClick={() => void copy(state.password)}>
          {state.copied ? 'Copied' : 'Copy'}
          {forLock}
        </Button>
        <Button size="sm" variant="ghost" onClick={() => setState({ kind: 'hidden' })}>
          Hide{forLock}
        </Button>
        <span className="text-xs text-slate-600 tabular-nums dark:text-slate-400">hides in {state.secondsLeft} s</span>
      </span>
    );
  }
  return (
    <span className="flex items-center gap-1 whitespace-nowrap">
      <span aria-hidden="true" className="font-mono text-slate-500 dark:text-slate-400">
        ••••••
      </span>
      <Button size="sm" variant="ghost" onClick={() => void reveal()} disabled={state.kind === 'loading'}>
        {state.kind === 'loading' ? 'Revealing…' : 'Reveal password'}
        {forLock}
      </Button>
      {state.kind === 'failed' && (
        <span role="alert" className="basis-full text-xs text-red-700 dark:text-red-300">
          {state.message}
        </span>
      )}
    </span>
  );
}
