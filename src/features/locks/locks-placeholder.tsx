import { ApiError } from '@/api/client';
import { Button } from '@/components/button';
import { WarningIcon } from '@/components/icons';

export function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.message : 'Something went wrong while loading the locks.';
}

/** In the table's body instead of rows: why the locks could not be loaded. */
export function LoadFailure({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <div className="flex flex-col items-center gap-3" role="alert">
      <WarningIcon size={24} className="text-red-600 dark:text-red-400" />
      <p className="font-medium">The locks could not be loaded.</p>
      <p className="text-slate-600 dark:text-slate-300">{messageOf(error)}</p>
      <Button onClick={onRetry}>Try again</Button>
    </div>
  );
}

/** In the table's body instead of rows: nothing matches (with the way out), or no locks at all. */
export function NoLocks({ filtering, onClear }: { filtering: boolean; onClear: () => void }) {
  return (
    <div className="flex flex-col items-center gap-3">
      <p className="font-medium text-slate-900 dark:text-slate-100">
        {filtering ? 'No locks match your search and filters.' : 'There are no locks on this account yet.'}
      </p>
      {filtering && (
        <Button variant="primary" onClick={onClear}>
          Clear search and filters
        </Button>
      )}
    </div>
  );
}
