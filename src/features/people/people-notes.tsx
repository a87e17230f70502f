import type { ReactNode } from 'react';

export const muted = 'text-slate-600 dark:text-slate-300';
export const card = 'rounded-lg bg-white shadow-sm ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-800';
export const linkClass = 'font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300';

export function PageShell({ children }: { children: ReactNode }) {
  return <div className="mx-auto flex w-full max-w-screen-2xl min-w-0 flex-col gap-4 px-4 py-6 sm:px-6">{children}</div>;
}

/** Without the platform's access endpoints: a note, not a failure (and no request for people). */
export function NoAccessFeature() {
  return (
    <section aria-label="People" className={`${card} p-4 text-sm text-slate-700 dark:text-slate-300`}>
      <h2 className="mb-1 font-semibold text-slate-900 dark:text-white">People and access are not available</h2>
      <p>This Plus Platform has no people or access grants that Lockboard can read. Locks, groups and their history are still here.</p>
    </section>
  );
}

/** One line for a read-only account, where a manager would have the controls. */
export function ReadOnlyNote({ children }: { children: ReactNode }) {
  return <p className={`text-sm ${muted}`}>{children}</p>;
}
