export const muted = 'text-slate-600 dark:text-slate-300';
export const card = 'rounded-lg bg-white shadow-sm ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-800';
export const label = 'mb-1 block text-xs font-medium text-slate-600 dark:text-slate-300';
export const field =
  'block min-h-9 w-full rounded-md border-0 bg-white px-2 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-indigo-600 focus:outline-none aria-invalid:ring-2 aria-invalid:ring-red-600 dark:bg-slate-900 dark:text-white dark:ring-slate-700 dark:[color-scheme:dark] dark:aria-invalid:ring-red-400';
export const linkButton =
  'inline-flex min-h-9 items-center rounded-md bg-white px-3 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-slate-300 ring-inset hover:bg-slate-50 dark:bg-slate-900 dark:text-slate-100 dark:ring-slate-700 dark:hover:bg-slate-800';
