import type { ReactNode } from 'react';

/** Shown where the upstream platform lacks an optional endpoint: a note, not a failure. */
export function FeatureMissing({ what, children }: { what: string; children: ReactNode }) {
  return (
    <section aria-label={what} className="rounded-lg bg-white p-4 text-sm text-slate-700 shadow-sm ring-1 ring-slate-200 dark:bg-slate-900 dark:text-slate-300 dark:ring-slate-800">
      <h2 className="mb-1 font-semibold text-slate-900 dark:text-white">{what} is not available</h2>
      <p>{children}</p>
    </section>
  );
}
