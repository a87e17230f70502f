import { useRef } from 'react';
import { Link } from 'react-router';
import { dismissToasts, splitToasts, useToasts, VISIBLE_TOASTS } from '@/lib/toasts';
import { useMediaQuery } from '@/lib/use-media-query';
import { cn } from './cn';
import { ToastCard } from './toast-card';
import { useToastDock } from './use-toast-dock';

const PILL = 'inline-flex min-h-8 items-center self-start rounded-full bg-slate-800 px-3 text-sm font-medium text-white shadow-lg dark:bg-slate-200 dark:text-slate-900';

/**
 * The toasts, docked in a band along the bottom of the window that the page never scrolls under
 * (use-toast-dock.ts): they cover no control at any width, whatever is scrolled where. Side by side,
 * at most three at once (one on a phone); the others wait behind "+N more", which leads to the alert
 * list when they are alerts. New ones are read out politely (failures of the user's own actions at once).
 */
export function Toaster() {
  const toasts = useToasts();
  const phone = useMediaQuery('(max-width: 639.98px)');
  const { shown, waiting } = splitToasts(toasts, phone ? 1 : VISIBLE_TOASTS);
  const waitingAlerts = waiting.filter((t) => t.group === 'alert');
  const more = `+${waiting.length} more`;
  const region = useRef<HTMLElement>(null);
  const docked = toasts.length > 0;
  useToastDock(region, docked);

  return (
    <section
      ref={region}
      aria-label="Notifications"
      aria-live="polite"
      className={cn(
        'fixed right-0 bottom-0 left-0 z-50 flex max-h-[min(24rem,55dvh)] flex-wrap items-start gap-2 overflow-y-auto',
        docked && 'border-t border-slate-200 bg-slate-100 p-2 dark:border-slate-800 dark:bg-slate-950',
      )}
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
            className={cn(PILL, 'hover:bg-slate-700 dark:hover:bg-white')}
          >
            {more}
          </Link>
        ) : (
          <p className={PILL}>{more}</p>
        ))}
    </section>
  );
}
