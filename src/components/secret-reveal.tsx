import { useTimedSecret } from '@/lib/use-timed-secret';
import { Button } from './button';
import { CopyButton } from './copy-button';

const LOOKS = {
  /** In a table's column: the secret in a box as wide as the dots, so revealing it moves nothing around it. */
  column: { wrapper: 'secret', code: 'rounded bg-slate-100 px-1.5 py-0.5 break-all dark:bg-slate-800', toggle: undefined },
  /** In a line of text, with a compact button. */
  inline: { wrapper: 'inline-flex flex-wrap items-center gap-x-1.5 gap-y-1', code: 'rounded bg-slate-100 px-1.5 py-0.5 font-mono text-sm dark:bg-slate-800', toggle: 'min-h-6 px-1.5' },
} as const;

/**
 * "Reveal password", "Reveal code": a manager sees one secret for 30 seconds, with a copy button,
 * then it is hidden and forgotten (never put in the query cache). `fetchSecret` fetches it (the
 * gateway audits every reveal) and throws an Error whose message is shown.
 *
 * One toggle button ("Reveal …" ↔ "Hide …") that is the same element throughout, so the keyboard
 * focus stays on it (WAI-ARIA disclosure); while the request runs it is aria-disabled rather than
 * disabled for the same reason. `secretName` names the secret ("Password for HQ · Lobby"); `owner`
 * is said after each button's text to assistive tech.
 */
export function SecretReveal({
  fetchSecret,
  fallbackMessage,
  noun,
  owner,
  secretName,
  look,
}: {
  fetchSecret: () => Promise<string>;
  fallbackMessage: string;
  noun: string;
  owner: string;
  secretName: string;
  look: keyof typeof LOOKS;
}) {
  const { state, toggle } = useTimedSecret(fetchSecret, fallbackMessage);
  const classes = LOOKS[look];
  const loading = state.kind === 'loading';
  const code = state.kind === 'shown' && (
    <code className={classes.code} aria-label={secretName}>
      {state.secret}
    </code>
  );
  return (
    <span className={classes.wrapper}>
      {look === 'inline' ? code : code ? <span className="secret-box">{code}</span> : <span aria-hidden="true" className="secret-box secret-dots">••••••••</span>}
      <Button size="sm" variant="ghost" className={classes.toggle} aria-disabled={loading || undefined} onClick={toggle}>
        {loading ? 'Revealing…' : state.kind === 'shown' ? `Hide ${noun}` : `Reveal ${noun}`}
        <span className="sr-only">{` for ${owner}`}</span>
      </Button>
      {state.kind === 'shown' && (
        <>
          <CopyButton value={state.secret} label={secretName.charAt(0).toLowerCase() + secretName.slice(1)} />
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
