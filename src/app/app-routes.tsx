import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { IconSprite } from '@/components/icons';
import { RequireSession } from '@/features/auth/require-session';
import { LocksPage } from '@/features/locks/locks-page';
import { usePageTitle } from '@/lib/page-title';
import { Layout } from './layout';

// The locks page is in the main bundle (it is what people open); every other route is lazy.
const LoginPage = lazy(() => import('@/features/auth/login-page'));
const LockDetailRoute = lazy(() => import('./routes/lock-detail'));
const ActivityRoute = lazy(() => import('./routes/activity'));
const AlertsPage = lazy(() => import('@/features/alerts/alerts-page'));
const GroupsPage = lazy(() => import('@/features/groups/groups-page'));
const GroupPage = lazy(() => import('@/features/groups/group-page'));
const LockdownPage = lazy(() => import('@/features/lockdown/lockdown-page'));
const PeoplePage = lazy(() => import('@/features/people/people-page'));
const PersonPage = lazy(() => import('@/features/people/person-page'));
const NotFound = lazy(() => import('./routes/not-found'));

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
          path="login"
          element={
            <Titled title="Sign in">
              <Lazy>
                <LoginPage />
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
            path="locks"
            element={
              <Titled title="Locks">
                <LocksPage />
              </Titled>
            }
          />
          <Route
            path="locks/:lockid"
            element={
              <Lazy>
                <LockDetailRoute />
              </Lazy>
            }
          />
          <Route
            path="groups"
            element={
              <Titled title="Groups">
                <Lazy>
                  <GroupsPage />
                </Lazy>
              </Titled>
            }
          />
          <Route
            path="groups/:groupid"
            element={
              <Lazy>
                <GroupPage />
              </Lazy>
            }
          />
          <Route
            path="people"
            element={
              <Titled title="People">
                <Lazy>
                  <PeoplePage />
                </Lazy>
              </Titled>
            }
          />
          <Route
            path="people/:userid"
            element={
              <Lazy>
                <PersonPage />
              </Lazy>
            }
          />
          <Route
            path="lockdown"
            element={
              <Titled title="Lockdown">
                <Lazy>
                  <LockdownPage />
                </Lazy>
              </Titled>
            }
          />
          <Route
            path="activity"
            element={
              <Titled title="Activity">
                <Lazy>
                  <ActivityRoute />
                </Lazy>
              </Titled>
            }
          />
          <Route
            path="alerts"
            element={
              <Titled title="Alerts">
                <Lazy>
                  <AlertsPage />
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
