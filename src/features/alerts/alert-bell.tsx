import { useEffect } from 'react';
import { Link } from 'react-router';
import { setUnreadInTitle } from '@/lib/page-title';

function BellIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

/** The bell: the team's open alerts this user has not read (also in the tab title); leads to the inbox. */
export function AlertBell({ unread }: { unread: number }) {
  useEffect(() => {
    setUnreadInTitle(unread);
    return () => setUnreadInTitle(0);
  }, [unread]);

  return (
    // The margin keeps the unread count, which sticks out of the bell's corner, off the next control.
    <Link
      to="/alerts"
      aria-label={unread > 0 ? `Alerts, ${unread} unread` : 'Alerts'}
      className="relative mr-1.5 flex size-9 items-center justify-center rounded-md text-slate-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:text-slate-200 dark:ring-slate-700 dark:hover:bg-slate-800"
    >
      <BellIcon />
      {unread > 0 && (
        <span aria-hidden="true" className="absolute -top-1.5 -right-1.5 min-w-5 rounded-full bg-red-600 px-1 text-center text-xs leading-5 font-semibold text-white tabular-nums">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </Link>
  );
}
