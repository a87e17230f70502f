import type { ReactNode } from 'react';
import { Link } from 'react-router';

export const muted = 'text-slate-600 dark:text-slate-300';
export const card = 'rounded-lg bg-white shadow-sm ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-800';
export const linkClass = 'font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300';
export const warningText = 'font-medium text-amber-800 dark:text-amber-200';
export const selectClass =
  'min-h-9 rounded-md border-0 bg-white px-2 text-sm text-slate-900 ring-1 ring-slate-300 ring-inset focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:bg-slate-950 dark:text-slate-100 dark:ring-slate-700';
export const checkClass = 'size-4 rounded border-slate-400 text-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600';
const thClass = 'px-3 py-2';
export const tdClass = 'px-3 py-2 align-top';
const headClass = 'bg-slate-50 text-xs font-semibold text-slate-600 dark:bg-slate-900 dark:text-slate-300';

/** A settings table's head: its column headings, and an unnamed actions column when there are actions. */
export function TableHead({ headings, actions = false, plain = false }: { headings: readonly string[]; actions?: boolean; plain?: boolean }) {
  return (
    <thead className={plain ? `text-xs font-semibold ${muted}` : headClass}>
      <tr>
        {headings.map((heading) => (
          <th key={heading} scope="col" className={thClass}>
            {heading}
          </th>
        ))}
        {actions && (
          <th scope="col" className={thClass}>
            <span className="sr-only">Actions</span>
          </th>
        )}
      </tr>
    </thead>
  );
}

/** A settings page: "Alerts" back to the inbox, its heading, an optional line under it, and its body. */
export function SettingsPage({ title, intro, actions, children }: { title: string; intro?: ReactNode; actions?: ReactNode; children: ReactNode }) {
  return (
    <div className="mx-auto flex w-full max-w-screen-2xl min-w-0 flex-col gap-4 px-4 py-6 sm:px-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link to="/alerts" className={linkClass}>
          <span aria-hidden="true">← </span>Alerts
        </Link>
      </nav>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="flex min-w-0 flex-col gap-1">
          <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
          {intro && <p className={`text-sm ${muted}`}>{intro}</p>}
        </div>
        {actions}
      </div>
      {children}
    </div>
  );
}

/** Where a support account would see manager-only settings. */
export function ManagersOnly({ what }: { what: string }) {
  return (
    <section aria-label={what} className={`${card} p-4 text-sm`}>
      <h2 className="mb-1 font-semibold">Only managers can see {what.toLowerCase()}</h2>
      <p className={muted}>Your account is read-only. Ask a manager if something here needs to change.</p>
    </section>
  );
}
