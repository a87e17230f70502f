import { Button } from './button';
import { WarningIcon } from './icons';
import { cn } from './cn';
import { Skeleton } from './skeleton';

/**
 * "… could not be loaded", why, and Try again: for a whole page (`page`, at the top left) or a list
 * (`list`, centred where its rows would be).
 */
export function LoadFailed({ title, error, onRetry, layout }: { title: string; error: unknown; onRetry: () => void; layout: 'page' | 'list' }) {
  return (
    <div role="alert" className={layout === 'page' ? 'flex flex-col items-start gap-3 py-8' : 'flex flex-col items-center gap-3 px-4 py-12 text-center'}>
      <WarningIcon size={24} className="text-red-600 dark:text-red-400" />
      <p className="font-medium">{title}</p>
      <p className="text-slate-600 dark:text-slate-300">{error instanceof Error ? error.message : 'Something went wrong.'}</p>
      <Button onClick={onRetry}>Try again</Button>
    </div>
  );
}

/** Placeholder shapes while a page (`page`) or a list's rows (`list`) load, named for screen readers. */
export function Loading({ label, layout }: { label: string; layout: 'page' | 'list' }) {
  if (layout === 'page') {
    return (
      <div aria-busy="true" className="flex flex-col gap-3">
        <span className="sr-only">{label}</span>
        <Skeleton className="h-8 w-72" />
        <Skeleton className="h-64 w-full" />
      </div>
    );
  }
  return (
    <div aria-busy="true" className="flex flex-col gap-3 p-4">
      <span className="sr-only">{label}</span>
      {Array.from({ length: 5 }, (_, i) => (
        <Skeleton key={i} className="h-4 w-full" />
      ))}
    </div>
  );
}

/** Placeholder rows of a history table (cards on a phone) while its first page loads. */
export function SkeletonRows({ rows, columns }: { rows: number; columns: number }) {
  return Array.from({ length: rows }, (_, i) => (
    <tr key={i} aria-hidden="true" className="border-t border-slate-200 max-sm:block max-sm:px-3 max-sm:py-3 dark:border-slate-800">
      {Array.from({ length: columns }, (_, j) => (
        <td key={j} className="px-3 py-2.5 max-sm:block max-sm:p-0 max-sm:py-0.5">
          <Skeleton className={cn('h-4', j === 0 ? 'w-36' : 'w-20')} />
        </td>
      ))}
    </tr>
  ));
}
