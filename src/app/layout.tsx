import { useQuery } from '@tanstack/react-query';
import { Suspense } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { appConfigQuery } from '@/api/app-config';
import { sessionQueries } from '@/api/session';
import { Toaster } from '@/components/toaster';
import { UserMenu } from '@/features/auth/user-menu';
import { ErrorBoundary } from './error-boundary';
import { GroupNav, MainNav } from './main-nav';
import { visibleNav } from './nav-entries';
import { lazyChunk } from '@/lib/lazy-chunk';
import { useLivePauseEndsWithPage } from '@/lib/live-updates';
import { useHydrated } from '@/lib/use-hydrated';

// The bell and its toasts load after the first screen (they are not needed to show it); while
// the server is out of reach they wait, silently (the page says it is offline), and load when it is back.
const AlertsHeader = lazyChunk(() => import('@/features/alerts/alerts-header'), { unavailable: 'none' });
// The lockdown banner polls on every page, so it too loads after the first screen.
const LockdownBanner = lazyChunk(() => import('@/features/lockdown/lockdown-banner'), { unavailable: 'none' });

function Logo() {
  return (
    <svg width="28" height="28" viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="7" className="fill-indigo-600 dark:fill-indigo-500" />
      <path d="M11 14v-3a5 5 0 0 1 10 0v3" fill="none" stroke="#fff" strokeWidth="2.5" strokeLinecap="round" />
      <rect x="8" y="14" width="16" height="12" rx="2.5" fill="#fff" />
      <circle cx="16" cy="20" r="2" className="fill-indigo-600 dark:fill-indigo-500" />
    </svg>
  );
}

export function Layout() {
  const config = useQuery(appConfigQuery).data;
  const user = useQuery(sessionQueries.me()).data?.user;
  useLivePauseEndsWithPage();
  // The bell polls the team's alerts: rendered in the browser only, after hydration.
  const inBrowser = useHydrated();
  const { pathname } = useLocation();
  const entries = visibleNav({ manager: user?.role === 'manager', features: config?.features });
  return (
    <div className="app-frame flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:ring-2 dark:focus:bg-slate-900"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <div className="mx-auto flex max-w-screen-2xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
          <NavLink to="/locks" className="flex items-center gap-2 rounded text-lg font-semibold tracking-tight">
            <Logo />
            Lockboard
          </NavLink>
          <MainNav entries={entries} pathname={pathname} />
          <div className="ml-auto flex max-w-full min-w-0 items-center gap-3">
            {config?.mode === 'embedded' && (
              <span
                className="shrink-0 rounded-full bg-amber-100 px-2.5 py-0.5 text-xs font-semibold whitespace-nowrap text-amber-900 ring-1 ring-amber-600/30 ring-inset dark:bg-amber-500/15 dark:text-amber-200"
                title="Lockboard is running its own embedded Plus Platform with a simulated fleet"
              >
                Demo<span className="hidden sm:inline"> platform</span>
              </span>
            )}
            {user &&
              (inBrowser ? (
                <Suspense fallback={<span className="size-9" aria-hidden="true" />}>
                  <AlertsHeader key={user.userid} />
                </Suspense>
              ) : (
                <span className="size-9" aria-hidden="true" />
              ))}
            {user && <UserMenu user={user} />}
          </div>
        </div>
        <GroupNav entries={entries} pathname={pathname} />
      </header>
      {user && inBrowser && config?.features.lockdowns && (
        <Suspense fallback={null}>
          <LockdownBanner key={user.userid} />
        </Suspense>
      )}
      <main id="main" className="flex-1">
        {/* A page that fails keeps the frame (header, navigation); another page starts afresh. */}
        <ErrorBoundary resetKey={pathname}>
          <Outlet />
        </ErrorBoundary>
      </main>
      <Toaster />
    </div>
  );
}
