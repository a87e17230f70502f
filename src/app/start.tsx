import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { AppRoutes } from './app-routes';
import { FIRST_RENDER_WAIT_MS, startBootRequests } from './boot';
import { ErrorBoundary } from './error-boundary';
import { createQueryClient } from './query-client';

/** The app itself, loaded by main.tsx once the first screen's requests are on their way. */

const queryClient = createQueryClient();
// The boot requests usually answered while this bundle loaded: render once, with the data.
await Promise.race([
  startBootRequests(queryClient, window.location),
  new Promise((resolve) => setTimeout(resolve, FIRST_RENDER_WAIT_MS)),
]);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <ErrorBoundary>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </QueryClientProvider>
    </ErrorBoundary>
  </StrictMode>,
);
