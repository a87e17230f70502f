import { cn } from './cn';

/**
 * A value the platform did not give (battery, temperature, model…): one look everywhere, "—" on
 * screen and "Unknown" for screen readers (`.unknown` in index.css).
 */
export function UnknownValue({ className }: { className?: string }) {
  return (
    <span className={cn('unknown', className)}>
      <span aria-hidden="true">—</span>
      <span className="sr-only">Unknown</span>
    </span>
  );
}
