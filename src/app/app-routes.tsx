import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { LocksPage } from '@/features/locks/locks-page';
import { Layout } from './layout';

// The locks page is in the main bundle (it is what people open); every other route is lazy.
const NotFound = lazy(() => import('./routes/not-found'));

function PageFallback() {
  return <p className="sr-only" role="status">Loading…</p>;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<Navigate to="/locks" replace />} />
        <Route path="locks" element={<LocksPage />} />
        <Route
          path="*"
          element={
            <Suspense fallback={<PageFallback />}>
              <NotFound />
            </Suspense>
          }
        />
      </Route>
    </Routes>
  );
}
