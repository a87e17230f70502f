import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { RequireSession } from '@/features/auth/require-session';
import { LocksPage } from '@/features/locks/locks-page';
import { Layout } from './layout';

// The locks page is in the main bundle (it is what people open); every other route is lazy.
const LoginPage = lazy(() => import('@/features/auth/login-page'));
const LockDetailRoute = lazy(() => import('./routes/lock-detail'));
const ActivityRoute = lazy(() => import('./routes/activity'));
const AlertsPage = lazy(() => import('@/features/alerts/alerts-page'));
const NotFound = lazy(() => import('./routes/not-found'));

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
    <Routes>
      <Route
        path="login"
        element={
          <Lazy>
            <LoginPage />
          </Lazy>
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
        <Route path="locks" element={<LocksPage />} />
        <Route
          path="locks/:lockid"
          element={
            <Lazy>
              <LockDetailRoute />
            </Lazy>
          }
        />
        <Route
          path="activity"
          element={
            <Lazy>
              <ActivityRoute />
            </Lazy>
          }
        />
        <Route
          path="alerts"
          element={
            <Lazy>
              <AlertsPage />
            </Lazy>
          }
        />
        <Route
          path="*"
          element={
            <Lazy>
              <NotFound />
            </Lazy>
          }
        />
      </Route>
    </Routes>
  );
}
