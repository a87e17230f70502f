import { Link } from 'react-router';
import { dismissToast, type Toast } from '@/lib/toasts';
import { cn } from './cn';
import { CloseIcon, WarningIcon } from './icons';

const TONE: Record<Toast['tone'], string> = {
  info: 'bg-white text-slate-900 ring-slate-300 dark:bg-slate-900 dark:text-slate-100 dark:ring-slate-600',
  success: 'bg-white text-slate-900 ring-emerald-600/40 dark:bg-slate-900 dark:text-slate-100 dark:ring-emerald-400/40',
  error: 'bg-red-50 text-red-950 ring-red-600/40 dark:bg-red-950 dark:text-red-50 dark:ring-red-400/40',
  critical: 'bg-amber-50 text-amber-950 ring-amber-600/50 dark:bg-amber-950 dark:text-amber-50 dark:ring-amber-400/40',
};

/** One toast: its title, text, link, a control of its own (an alert's "Lock now"), and Dismiss. */
export function ToastCard({ toast }: { toast: Toast }) {
  return (
    <div
      role={toast.tone === 'error' ? 'alert' : undefined}
      data-toast-id={toast.id}
      className={cn('flex min-w-0 gap-2 rounded-lg px-3 py-2 text-sm shadow-lg ring-1 sm:max-w-md sm:flex-1', TONE[toast.tone])}
    >
      {(toast.tone === 'error' || toast.tone === 'critical') && <WarningIcon className="mt-0.5 shrink-0" />}
      <div className="min-w-0 flex-1">
        <p className="font-semibold break-words">{toast.title}</p>
        {(toast.body || toast.action) && (
          <p className="break-words">
            {toast.body && <span className="opacity-90">{toast.body} </span>}
            {toast.action && (
              <Link
                to={toast.action.href}
                onClick={() => dismissToast(toast.id)}
                className="font-medium whitespace-nowrap text-indigo-700 underline underline-offset-2 dark:text-indigo-300"
              >
                {toast.action.label}
              </Link>
            )}
          </p>
        )}
        {toast.control && <div className="mt-1.5">{toast.control}</div>}
      </div>
      <button
        type="button"
        onClick={() => dismissToast(toast.id)}
        aria-label={`Dismiss: ${toast.title}`}
        className="-m-1 flex size-8 shrink-0 items-center justify-center rounded-md opacity-70 hover:bg-slate-100 hover:opacity-100 dark:hover:bg-slate-800"
      >
        <CloseIcon />
      </button>
    </div>
  );
}
