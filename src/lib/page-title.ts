import { useEffect } from 'react';

/**
 * The tab's title: what the page is, then the app ("Activity · Lockboard"), and the alerts' unread
 * count in front when there are any ("(3) Activity · Lockboard"), so that a tab among many says
 * both which page it is and that something happened.
 */
export const APP_NAME = 'Lockboard';

let page: string | null = null;
let unread = 0;

export function formatPageTitle(pageName: string | null, unreadCount: number): string {
  const base = pageName ? `${pageName} · ${APP_NAME}` : APP_NAME;
  return unreadCount > 0 ? `(${unreadCount > 99 ? '99+' : unreadCount}) ${base}` : base;
}

function apply() {
  if (typeof document !== 'undefined') document.title = formatPageTitle(page, unread);
}

/** The alerts' unread count, kept in front of whatever page is open (0 removes it). */
export function setUnreadInTitle(count: number) {
  unread = Math.max(0, Math.floor(count));
  apply();
}

/** Names the tab after the page while it is shown (null: just "Lockboard"). */
export function usePageTitle(pageName: string | null) {
  useEffect(() => {
    page = pageName;
    apply();
    return () => {
      if (page === pageName) {
        page = null;
        apply();
      }
    };
  }, [pageName]);
}
