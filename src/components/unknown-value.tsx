import { cn } from './cn';

/**
 * A value the platform did not give (battery, temperature, model…): one look everywhere, "—" on
 * screen and "Unknown" for screen readers.
 */
export function UnknownValue({ className }: { className?: string }) {
  return (
    <span className={cn('text-slate-600 dark:text-slate-400', className)}>
      <span aria-hidden="true">—</span>
      <span className="sr-only">Unknown</span>
    </span>
  );
}
