import { Link } from 'react-router';

export function NotFound() {
  return (
    <div className="mx-auto flex max-w-xl flex-col items-start gap-3 px-4 py-16 sm:px-6">
      <p className="text-sm font-semibold text-indigo-600 dark:text-indigo-400">404</p>
      <h1 className="text-2xl font-semibold tracking-tight">This page does not exist</h1>
      <p className="text-slate-600 dark:text-slate-300">The address may be mistyped, or the page may have moved.</p>
      <Link to="/locks" className="font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300">
        Go to the locks
      </Link>
    </div>
  );
}

export default NotFound;
