import { type ChainVerdictView, useAuditVerify } from '@/api/audit';
import { Button } from '@/components/button';
import { WarningIcon } from '@/components/icons';
import { plural } from '@/lib/format';

const BREAK_WORDS = { changed: 'was changed', removed: 'was removed', inserted: 'was inserted' } as const;

/** "Chain verified: 1,204 records", or the first record that does not fit the chain, in words. */
export function verdictText(verdict: ChainVerdictView): string {
  if (verdict.ok) return `Chain verified: ${plural(verdict.checked, 'record')}`;
  if (!verdict.firstBad) return `The chain does not verify (${plural(verdict.checked, 'record')} checked)`;
  return `Record ${verdict.firstBad.auditid} ${verdict.firstBad.why ? BREAK_WORDS[verdict.firstBad.why] : 'does not fit the chain'}`;
}

/**
 * "Verify": the gateway walks the whole kept chain (on demand, it reads every record) and the
 * answer is announced (role=status); a broken chain says so in words, with an icon.
 */
export function VerifyButton() {
  const verify = useAuditVerify();
  const verdict = verify.data;
  let message = null;
  if (verify.isPending) message = <span>Verifying the chain…</span>;
  else if (verify.isError) message = <span className="font-medium text-red-700 dark:text-red-300">The chain could not be checked: {verify.error.message}</span>;
  else if (verdict?.ok) message = <span className="font-medium text-emerald-800 dark:text-emerald-200">{verdictText(verdict)}</span>;
  else if (verdict) {
    message = (
      <span className="inline-flex items-start gap-1.5 font-medium text-red-700 dark:text-red-300">
        <WarningIcon className="mt-0.5 shrink-0" />
        {verdictText(verdict)}
      </span>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button disabled={verify.isPending} onClick={() => verify.mutate()}>
        {verify.isPending ? 'Verifying…' : 'Verify'}
      </Button>
      <p role="status" className="text-sm">
        {message}
      </p>
    </div>
  );
}
