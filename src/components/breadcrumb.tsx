import { Link } from 'react-router';

/** "Groups / Cedar Court": the way back to the list a page belongs to, and the page's own name. */
export function Breadcrumb({ parent, to, name, state }: { parent: string; to: string; name: string; state?: unknown }) {
  return (
    <nav aria-label="Breadcrumb" className="flex min-w-0 text-sm">
      <Link to={to} state={state} className="shrink-0 font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300">
        {parent}
      </Link>
      <span className="min-w-0 truncate text-slate-600 dark:text-slate-300">
        <span aria-hidden="true">&nbsp;/&nbsp;</span>
        {name}
      </span>
    </nav>
  );
}
