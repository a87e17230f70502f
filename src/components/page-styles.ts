/** The quieter text of a page: descriptions, hints, "none". */
export const muted = 'text-slate-600 dark:text-slate-300';

/** A white panel on the page's grey (a list, a form, a note). */
export const card = 'rounded-lg bg-white shadow-sm ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-800';

/** A link in running text. */
export const textLink = 'font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300';

/** The name of a row in a list, linking to its page. */
export const nameLink = 'font-medium break-words text-slate-900 underline-offset-2 hover:text-indigo-700 hover:underline dark:text-white dark:hover:text-indigo-300';
