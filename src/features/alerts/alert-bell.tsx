import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { User } from '@contract/auth';
import { Button } from '@/components/button';
import { cn } from '@/components/cn';
import { setUnreadInTitle } from '@/lib/page-title';
import { AlertFilter, type AlertFilterValue, AlertList, filterAlerts, filterKinds } from './alert-list';
import { alertStore, useAlertData } from './alert-store';
import { useNoEventFeed } from './no-event-feed';

function BellIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

const PANEL_SIZE = 8;

/** The bell: unread count (also in the tab title), and a panel of the latest alerts. */
export function AlertBell({ user }: { user: User }) {
  const { alerts } = useAlertData(user.userid);
  const noFeed = useNoEventFeed();
  const unread = alerts.filter((a) => !a.read).length;
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    setUnreadInTitle(unread);
    return () => {
      setUnreadInTitle(0);
    };
  }, [unread]);

  const [filter, setFilter] = useState<AlertFilterValue>('all');
  const button = useRef<HTMLButtonElement>(null);
  const shown = filterAlerts(alerts, filter);
  const kinds = filterKinds(filter);
  const shownUnread = shown.filter((a) => !a.read).length;

  // A click or focus outside closes the panel and leaves focus where the user put it.
  useEffect(() => {
    if (!open) return;
    const outside = (event: Event) => {
      if (event.target instanceof Node && !root.current?.contains(event.target)) setOpen(false);
    };
    document.addEventListener('mousedown', outside);
    document.addEventListener('focusin', outside);
    return () => {
      document.removeEventListener('mousedown', outside);
      document.removeEventListener('focusin', outside);
    };
  }, [open]);

  return (
    // Esc in the bell or its panel closes the panel and puts focus back on the bell (WAI-ARIA disclosure).
    // The margin keeps the unread count, which sticks out of the button's corner, off the next control.
    <div
      ref={root}
      // On a phone the bell is not at the screen's edge: the panel then spans the screen (its box is the page's, under the bell).
      className="relative mr-1.5 max-sm:static"
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !open) return;
        event.preventDefault();
        setOpen(false);
        button.current?.focus();
      }}
    >
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={unread > 0 ? `Alerts, ${unread} unread` : 'Alerts'}
        onClick={() => setOpen(!open)}
        className="relative flex size-9 items-center justify-center rounded-md text-slate-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-100 dark:text-slate-200 dark:ring-slate-700 dark:hover:bg-slate-800"
      >
        <BellIcon />
        {unread > 0 && (
          <span aria-hidden="true" className="absolute -top-1.5 -right-1.5 min-w-5 rounded-full bg-red-600 px-1 text-center text-xs leading-5 font-semibold text-white tabular-nums">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      <div
        id={panelId}
        role="region"
        aria-label="Latest alerts"
        hidden={!open}
        className={cn(
          'absolute right-0 z-40 mt-2 w-[min(24rem,calc(100vw-1rem))] overflow-hidden max-sm:inset-x-2 max-sm:w-auto rounded-lg bg-white shadow-xl ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-700',
        )}
      >
        <div className="flex items-center justify-between gap-2 border-b border-slate-200 px-3 py-2 dark:border-slate-800">
          <h2 className="text-sm font-semibold">Alerts</h2>
          <Button size="sm" variant="ghost" disabled={shownUnread === 0} onClick={() => alertStore(user.userid).update({ markRead: kinds ?? true })}>
            {kinds ? 'Mark these read' : 'Mark all read'}
          </Button>
        </div>
        <div className="border-b border-slate-200 px-3 py-2 dark:border-slate-800">
          <AlertFilter alerts={alerts} value={filter} onChange={setFilter} />
        </div>
        <div className="max-h-[min(24rem,55dvh)] overflow-y-auto">
          <AlertList
            alerts={shown.slice(0, PANEL_SIZE)}
            onNavigate={() => setOpen(false)}
            onDismiss={(id) => alertStore(user.userid).update({ dismiss: id })}
            empty={noFeed ?? (kinds ? 'No alerts of this kind.' : undefined)} />
        </div>
        <Link
          to="/alerts"
          onClick={() => setOpen(false)}
          className="block border-t border-slate-200 px-3 py-2 text-center text-sm font-medium text-indigo-700 hover:bg-slate-50 dark:border-slate-800 dark:text-indigo-300 dark:hover:bg-slate-800"
        >
          All alerts and settings
        </Link>
      </div>
    </div>
  );
}
