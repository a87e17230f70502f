import type { ReactNode } from 'react';

/** Under a table: what the platform sent that could not be shown, and why. */
export function SkippedNote({ children }: { children: ReactNode }) {
  return (
    <p role="note" className="border-t border-slate-200 px-3 py-2 text-sm text-amber-800 dark:border-slate-800 dark:text-amber-200">
      {children}
    </p>
  );
}
