import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { useHydrated } from '@/lib/use-hydrated';

/**
 * The viewer's locale and time zone, in which exact times ("14 Mar 2026, 09:30:00") and local days
 * (Activity's From/To) are read. The server renders with the browser's (from a cookie the app sets,
 * start.tsx) and sends them with the page; hydration reads the same, so the markup matches; then
 * the browser's own take over (a re-render only if they differ, e.g. a stale cookie).
 */
export interface ViewerIntl {
  timeZone: string;
  locale: string;
}

export function browserIntl(): ViewerIntl {
  const { timeZone, locale } = Intl.DateTimeFormat().resolvedOptions();
  return { timeZone, locale };
}

const ViewerIntlContext = createContext<ViewerIntl | null>(null);

/**
 * The page's locale and zone while it hydrates (and on the server); the browser's own from then on,
 * a different value only when they differ (then the times re-render; else nothing does: the same
 * value, and `children` is the same element).
 */
export function ViewerIntlProvider({ rendered, children }: { rendered: ViewerIntl | null; children: ReactNode }) {
  const hydrated = useHydrated();
  const own = useMemo(() => browserIntl(), []);
  const differs = rendered !== null && (rendered.timeZone !== own.timeZone || rendered.locale !== own.locale);
  const value = rendered && !(hydrated && differs) ? rendered : own;
  return <ViewerIntlContext.Provider value={value}>{children}</ViewerIntlContext.Provider>;
}

/** For the route modules, which hand it to the pages (features never import app/). */
export function useViewerIntl(): ViewerIntl {
  return useContext(ViewerIntlContext) ?? browserIntl();
}
