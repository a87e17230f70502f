import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { dismissToast, dismissToasts, splitToasts, type Toast, useToasts, VISIBLE_TOASTS } from '@/lib/toasts';
import { useMediaQuery } from '@/lib/use-media-query';
import { cn } from './cn';
import { CloseIcon, WarningIcon } from './icons';

const TONE: Record<Toast['tone'], string> = {
  info: 'bg-white text-slate-900 ring-slate-300 dark:bg-slate-900 dark:text-slate-100 dark:ring-slate-600',
  success: 'bg-white text-slate-900 ring-emerald-600/40 dark:bg-slate-900 dark:text-slate-100 dark:ring-emerald-400/40',
  error: 'bg-red-50 text-red-950 ring-red-600/40 dark:bg-red-950 dark:text-red-50 dark:ring-red-400/40',
  critical: 'bg-amber-50 text-amber-950 ring-amber-600/50 dark:bg-amber-950 dark:text-amber-50 dark:ring-amber-400/40',
};

function ToastCard({ toast }: { toast: Toast }) {
  return (
    <div
      role={toast.tone === 'error' ? 'alert' : undefined}
      data-toast-id={toast.id}
      className={cn('pointer-events-auto flex w-full gap-2 rounded-lg px-3 py-2 text-sm shadow-lg ring-1', TONE[toast.tone])}
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

/**
 * The toasts, in the bottom-left corner: tables keep their commands and details on the right
 * (Unlock, Reveal, a history's "How"), so a narrow column on the left hides no control. At most
 * three at once (one on a phone, where they are a bar along the bottom); the others wait behind
 * "+N more", which leads to the alert list when they are alerts. New ones are read out politely
 * (failures of the user's own actions at once).
 */
export function Toaster() {
  const toasts = useToasts();
  const phone = useMediaQuery('(max-width: 639.98px)');
  const { shown, waiting } = splitToasts(toasts, phone ? 1 : VISIBLE_TOASTS);
  const waitingAlerts = waiting.filter((t) => t.group === 'alert');
  const more = `+${waiting.length} more`;
  const region = useRef<HTMLElement>(null);

  // The page gets room below its end as tall as the toasts, so that whatever they cover can be scrolled clear of them.
  useEffect(() => {
    const element = region.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      document.body.style.paddingBottom = element.childElementCount > 0 ? `${element.offsetHeight}px` : '';
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      document.body.style.paddingBottom = '';
    };
  }, []);

  return (
    <section
      ref={region}
      aria-label="Notifications"
      aria-live="polite"
      className="pointer-events-none fixed bottom-0 left-0 right-28 z-50 flex flex-col gap-2 p-2 sm:right-auto sm:w-80 sm:p-4 lg:w-96"
    >
      {shown.map((toast) => (
        <ToastCard key={toast.id} toast={toast} />
      ))}
      {waiting.length > 0 &&
        (waitingAlerts.length > 0 ? (
          <Link
            to="/alerts"
            aria-label={`${more}: open the alerts`}
            onClick={() => dismissToasts(waitingAlerts.map((t) => t.id))}
            className="pointer-events-auto inline-flex min-h-8 items-center self-start rounded-full bg-slate-800 px-3 text-sm font-medium text-white shadow-lg hover:bg-slate-700 dark:bg-slate-200 dark:text-slate-900 dark:hover:bg-white"
          >
            {more}
          </Link>
        ) : (
          <p className="inline-flex min-h-8 items-center self-start rounded-full bg-slate-800 px-3 text-sm font-medium text-white shadow-lg dark:bg-slate-200 dark:text-slate-900">
            {more}
          </p>
        ))}
    </section>
  );
}
