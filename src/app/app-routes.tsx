import { Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { PAGE_PATHS } from '@contract/page-paths';
import { IconSprite } from '@/components/icons';
import { RequireSession } from '@/features/auth/require-session';
import { LocksPage } from '@/features/locks/locks-page';
import { lazyChunk } from '@/lib/lazy-chunk';
import { usePageTitle } from '@/lib/page-title';
import { Layout } from './layout';

// The locks page is in the main bundle (it is what people open); every other route is lazy, and
// loaded through lazyChunk: a chunk that cannot load says so in the page, and loads when it can.
// A preloaded route renders at once (hydration in one pass, without waiting at its Suspense boundary).
const SignInRoute = lazyChunk(() => import('./routes/sign-in'));
const LockDetailRoute = lazyChunk(() => import('./routes/lock-detail'));
const ActivityRoute = lazyChunk(() => import('./routes/activity'));

/** The server-rendered routes (entry-server.tsx ssrRouteOf) whose page is lazy (inside a Suspense boundary). */
const LAZY_SERVER_RENDERED: readonly [matches: (pathname: string) => boolean, route: { preload: () => Promise<unknown> }][] = [
  [(pathname) => pathname === '/login', SignInRoute],
  [(pathname) => pathname === '/activity', ActivityRoute],
  [(pathname) => /^\/locks\/[^/]+$/.test(pathname), LockDetailRoute],
];
const lazyServerRendered = (pathname: string) => LAZY_SERVER_RENDERED.find(([matches]) => matches(pathname))?.[1];

/**
 * Loads the lazy chunk of a server-rendered route before the page is hydrated (start.tsx); the
 * locks page is in the main bundle.
 */
export function preloadRoute(pathname: string): Promise<unknown> {
  return lazyServerRendered(pathname)?.preload() ?? Promise.resolve();
}

/** A server-rendered route whose page is lazy (inside a Suspense boundary). */
export function isLazyRoute(pathname: string): boolean {
  return lazyServerRendered(pathname) !== undefined;
}

const AlertsPage = lazyChunk(() => import('@/features/alerts/alerts-page'));
const AlertRulesPage = lazyChunk(() => import('@/features/alert-settings/rules-page'));
const AlertContactsPage = lazyChunk(() => import('@/features/alert-settings/contacts-page'));
const AlertOutboxPage = lazyChunk(() => import('@/features/alert-settings/outbox-page'));
const GroupsPage = lazyChunk(() => import('@/features/groups/groups-page'));
const GroupPage = lazyChunk(() => import('@/features/groups/group-page'));
const LockdownPage = lazyChunk(() => import('@/features/lockdown/lockdown-page'));
const AuditPage = lazyChunk(() => import('@/features/audit/audit-page'));
const PeoplePage = lazyChunk(() => import('@/features/people/people-page'));
const PersonPage = lazyChunk(() => import('@/features/people/person-page'));
const NotFound = lazyChunk(() => import('./routes/not-found'));

/** Names the tab after the route ("Activity · Lockboard"); the lock page names it after the lock. */
function Titled({ title, children }: { title: string; children: ReactNode }) {
  usePageTitle(title);
  return children;
}

function Lazy({ children }: { children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <p className="sr-only" role="status">
          Loading…
        </p>
      }
    >
      {children}
    </Suspense>
  );
}

export function AppRoutes() {
  return (
    <>
      {/* Every route's icons are references to this one sprite (icons.tsx). */}
      <IconSprite />
      <Routes>
        <Route
          path={PAGE_PATHS.login}
          element={
            <Titled title="Sign in">
              <Lazy>
                <SignInRoute />
              </Lazy>
            </Titled>
          }
        />
        <Route
          element={
            <RequireSession>
              <Layout />
            </RequireSession>
          }
        >
          <Route index element={<Navigate to="/locks" replace />} />
          <Route
            path={PAGE_PATHS.locks}
            element={
              <Titled title="Locks">
                <LocksPage />
              </Titled>
            }
          />
          <Route
            path={PAGE_PATHS.lock}
            element={
              <Lazy>
                <LockDetailRoute />
              </Lazy>
            }
          />
          <Route
            path={PAGE_PATHS.groups}
            element={
              <Titled title="Groups">
                <Lazy>
                  <GroupsPage />
                </Lazy>
              </Titled>
            }
          />
          <Route
            path={PAGE_PATHS.group}
            element={
              <Lazy>
                <GroupPage />
              </Lazy>
            }
          />
          <Route
            path={PAGE_PATHS.people}
            element={
              <Titled title="People">
                <Lazy>
                  <PeoplePage />
                </Lazy>
              </Titled>
            }
          />
          <Route
            path={PAGE_PATHS.person}
            element={
              <Lazy>
                <PersonPage />
              </Lazy>
            }
          />
          <Route
            path={PAGE_PATHS.lockdown}
            element={
              <Titled title="Lockdown">
                <Lazy>
                  <LockdownPage />
                </Lazy>
              </Titled>
            }
          />
          <Route
            path={PAGE_PATHS.activity}
            element={
              <Titled title="Activity">
                <Lazy>
                  <ActivityRoute />
                </Lazy>
              </Titled>
            }
          />
          <Route
            path={PAGE_PATHS.audit}
            element={
              <Titled title="Audit trail">
                <Lazy>
                  <AuditPage />
                </Lazy>
              </Titled>
            }
          />
          <Route
            path={PAGE_PATHS.alerts}
            element={
              <Titled title="Alerts">
                <Lazy>
                  <AlertsPage />
                </Lazy>
              </Titled>
            }
          />
          <Route
            path={PAGE_PATHS.alertRules}
            element={
              <Titled title="Alert rules">
                <Lazy>
                  <AlertRulesPage />
                </Lazy>
              </Titled>
            }
          />
          <Route
            path={PAGE_PATHS.alertContacts}
            element={
              <Titled title="Alert contacts">
                <Lazy>
                  <AlertContactsPage />
                </Lazy>
              </Titled>
            }
          />
          <Route
            path={PAGE_PATHS.alertOutbox}
            element={
              <Titled title="Outbox">
                <Lazy>
                  <AlertOutboxPage />
                </Lazy>
              </Titled>
            }
          />
          <Route
            path="*"
            element={
              <Titled title="Page not found">
                <Lazy>
                  <NotFound />
                </Lazy>
              </Titled>
            }
          />
        </Route>
      </Routes>
    </>
  );
}
