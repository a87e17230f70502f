import { Link } from 'react-router';
import { describeTally, tally } from '@/api/bulk-commands';
import { Button } from '@/components/button';
import { formatCount } from '@/lib/format';
import { outcomeLabel, problemsOf, retryTargets } from './selection';
import type { BulkOutcome } from './use-bulk-run';

const muted = 'text-slate-600 dark:text-slate-300';

/** A bulk command's results: the tally, the locks it did not reach and why, "Retry the failed". */
export function BulkResults({ outcome, onRetry, onDismiss }: { outcome: BulkOutcome; onRetry: (retry: ReturnType<typeof retryTargets>) => void; onDismiss: () => void }) {
  const problems = problemsOf(outcome.results);
  const retry = retryTargets(outcome.results);
  return (
    <div className="flex flex-col gap-2 text-sm" data-bulk-results="">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="font-semibold">
          {outcome.action === 'lock' ? 'Lock' : 'Unlock'}: {describeTally(outcome.action, tally(outcome.results))}
        </h2>
        <div className="flex flex-wrap gap-2">
          {retry.length > 0 && (
            <Button size="sm" variant="primary" onClick={() => onRetry(retry)}>
              Retry the failed
            </Button>
          )}
          <Button size="sm" variant="ghost" onClick={onDismiss}>
            Dismiss
          </Button>
        </div>
      </div>
      {problems.length > 0 && (
        <details open>
          <summary className="cursor-pointer py-1 font-medium">
            {problems.length === 1 ? '1 lock was' : `${formatCount(problems.length)} locks were`} not {outcome.action === 'lock' ? 'locked' : 'unlocked'}
          </summary>
          <ul aria-label="Locks not reached or failed" className="max-h-[min(24rem,55dvh)] overflow-y-auto">
            {problems.map((r) => (
              <li key={r.lockid} className="border-t border-slate-200 py-1 dark:border-slate-800">
                <Link
                  to={`/locks/${encodeURIComponent(r.lockid)}`}
                  className="font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300"
                >
                  {r.name ?? r.lockid}
                </Link>
                {' — '}
                {outcomeLabel(r.outcome)}
                {r.msg && <span className={muted}>: {r.msg}</span>}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
