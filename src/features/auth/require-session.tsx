import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';
import { Navigate, useLocation } from 'react-router';
import { sessionQueries } from '@/api/session';
import { Button } from '@/components/button';
import { listenForSessionEvents } from './session-events';

/** Shows `children` to a signed-in user; anyone else goes to /login, which brings them back here. */
export function RequireSession({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const location = useLocation();
  const me = useQuery(sessionQueries.me());
  useEffect(() => listenForSessionEvents(queryClient), [queryClient]);

  if (me.isPending) {
    return (
      <p role="status" className="sr-only">
        Checking your session…
      </p>
    );
  }
  if (me.isError) {
    return (
      <div role="alert" className="mx-auto flex max-w-xl flex-col items-start gap-3 px-4 py-16">
        <h1 className="text-xl font-semibold">Lockboard cannot reach its server</h1>
        <p className="text-slate-600 dark:text-slate-300">{me.error.message}</p>
        <Button onClick={() => void me.refetch()}>Try again</Button>
      </div>
    );
  }
  if (!me.data.user) {
    const next = `${location.pathname}${location.search}`;
    const search = new URLSearchParams({ next });
    if (me.data.ended) search.set('reason', me.data.ended);
    return <Navigate to={`/login?${search}`} replace />;
  }
  return children;
}
