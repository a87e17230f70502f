import { useState } from 'react';
import { useTimedSecret } from '@/lib/use-timed-secret';
import { Button } from './button';

// 24 px targets (WCAG 2.5.8), so that two lines of them fit in a table row of one line's height.
const compact = 'min-h-6 px-1.5';

/**
 * "••••••" and "Reveal password": a manager sees one lock's password for 30 seconds, with a copy
 * button, then it is hidden and forgotten. `reveal` fetches it (the gateway audits every reveal)
 * and throws an Error whose message is shown.
 *
 * One toggle button ("Reveal password" ↔ "Hide password") that is the same element throughout, so
 * the keyboard focus stays on it (WAI-ARIA disclosure); while the request runs it is aria-disabled
 * rather than disabled for the same reason. The password sits in a box as wide as the dots, so
 * revealing it moves nothing around it.
 */
export function PasswordReveal({ reveal: fetchPassword, lockName }: { reveal: () => Promise<string>; lockName: string }) {
  const { state, toggle } = useTimedSecret(fetchPassword, 'The password could not be fetched.');
  const shown = state.kind === 'shown';
  // "Copied" belongs to the password it was said of: a new reveal starts without it.
  const [copiedOf, setCopiedOf] = useState<string | null>(null);
  const copied = shown && copiedOf === state.secret;

  const copy = async (password: string) => {
    try {
      await navigator.clipboard.writeText(password);
      setCopiedOf(password);
    } catch {
      // Clipboard refused (permissions): the password stays on screen to be copied by hand.
    }
  };

  const forLock = <span className="sr-only"> for {lockName}</span>;
  const loading = state.kind === 'loading';

  return (
    <span className="inline-flex flex-wrap items-center gap-x-1.5 gap-y-1">
      <span className="inline-block min-w-[4.5rem] font-mono text-xs">
        {state.kind === 'shown' ? (
          <code className="rounded bg-slate-100 px-1.5 py-0.5 break-all dark:bg-slate-800" aria-label={`Password for ${lockName}`}>
            {state.secret}
          </code>
        ) : (
          <span aria-hidden="true" className="text-slate-500 dark:text-slate-400">
            ••••••••
          </span>
        )}
      </span>
      <Button
        size="sm"
        variant="ghost"
        className={compact}
        aria-disabled={loading || undefined}
        onClick={() => {
          setCopiedOf(null);
          toggle();
        }}
      >
        {loading ? 'Revealing…' : shown ? 'Hide password' : 'Reveal password'}
        {forLock}
      </Button>
      {shown && (
        <>
          <Button size="sm" variant="ghost" className={compact} onClick={() => void copy(state.secret)}>
            {copied ? 'Copied' : 'Copy'}
            {forLock}
          </Button>
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
