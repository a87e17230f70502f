import { Link } from 'react-router';
import { dismissToast, type Toast, useToasts } from '@/lib/toasts';
import { cn } from './cn';
import { CloseIcon, WarningIcon } from './icons';

const TONE: Record<Toast['tone'], string> = {
  info: 'bg-white text-slate-900 ring-slate-200 dark:bg-slate-900 dark:text-slate-100 dark:ring-slate-700',
  success: 'bg-white text-slate-900 ring-emerald-600/40 dark:bg-slate-900 dark:text-slate-100 dark:ring-emerald-400/40',
  error: 'bg-red-50 text-red-950 ring-red-600/40 dark:bg-red-950 dark:text-red-50 dark:ring-red-400/40',
  critical: 'bg-amber-50 text-amber-950 ring-amber-600/50 dark:bg-amber-950 dark:text-amber-50 dark:ring-amber-400/40',
};

function ToastCard({ toast }: { toast: Toast }) {
  return (
    <div
      role={toast.tone === 'error' ? 'alert' : undefined}
      className={cn('pointer-events-auto flex w-full gap-3 rounded-lg p-3 text-sm shadow-lg ring-1', TONE[toast.tone])}
    >
      {(toast.tone === 'error' || toast.tone === 'critical') && <WarningIcon className="mt-0.5 shrink-0" />}
      <div className="min-w-0 flex-1">
        <p className="font-semibold">{toast.title}</p>
        {toast.body && <p className="mt-0.5 opacity-90">{toast.body}</p>}
        {toast.action && (
          <Link
            to={toast.action.href}
            onClick={() => dismissToast(toast.id)}
            className="mt-1 inline-block font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300"
          >
            {toast.action.label}
          </Link>
        )}
      </div>
      <button
        type="button"
        onClick={() => dismissToast(toast.id)}
        aria-label={`Dismiss: ${toast.title}`}
        className="-m-1 flex size-8 shrink-0 items-center justify-center rounded-md opacity-70 hover:bg-black/5 hover:opacity-100 dark:hover:bg-white/10"
      >
        <CloseIcon />
      </button>
    </div>
  );
}

/** The stack of toasts; new ones are read out politely (failures of the user's own actions at once). */
export function Toaster() {
  const toasts = useToasts();
  return (
    <section
      aria-label="Notifications"
      aria-live="polite"
      className="pointer-events-none fixed right-0 bottom-0 z-50 flex w-full max-w-sm flex-col gap-2 p-4"
    >
      {toasts.map((toast) => (
        <ToastCard key={toast.id} toast={toast} />
      ))}
    </section>
  );
}
