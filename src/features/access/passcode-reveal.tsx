import { fetchGrantPasscode } from '@/api/access';
import { Button } from '@/components/button';
import { CopyButton } from '@/components/copy-button';
import { useTimedSecret } from '@/lib/use-timed-secret';

const compact = 'min-h-6 px-1.5';

/**
 * "Reveal code" on a keypad grant: a manager sees the code for 30 seconds (the gateway audits the
 * reveal), then it is hidden and forgotten; it is never put in the query cache. Like
 * `password-reveal.tsx`, one toggle button that keeps the focus.
 */
export function PasscodeReveal({ grantid, who }: { grantid: number; who: string }) {
  const { state, toggle } = useTimedSecret(() => fetchGrantPasscode(grantid), 'The code could not be fetched.');
  const shown = state.kind === 'shown';

  const loading = state.kind === 'loading';
  const forWho = <span className="sr-only"> for {who}</span>;
  return (
    <span className="inline-flex flex-wrap items-center gap-x-1.5 gap-y-1">
      {state.kind === 'shown' && (
        <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-sm dark:bg-slate-800" aria-label={`Keypad code for ${who}`}>
          {state.secret}
        </code>
      )}
      <Button
        size="sm"
        variant="ghost"
        className={compact}
        aria-disabled={loading || undefined}
        onClick={toggle}
      >
        {loading ? 'Revealing…' : shown ? 'Hide code' : 'Reveal code'}
        {forWho}
      </Button>
      {state.kind === 'shown' && (
        <>
          <CopyButton value={state.secret} label={`keypad code for ${who}`} />
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
