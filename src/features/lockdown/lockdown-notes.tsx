import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Button } from '@/components/button';
import { Skeleton } from '@/components/skeleton';
import { Shell, card, linkClass, muted } from './lockdown-frame';

/** A card with a heading: why nothing can be sent, or what went wrong (`alert`). */
export function Note({ title, children, alert = false }: { title: string; children: ReactNode; alert?: boolean }) {
  return (
    <section aria-label={title} role={alert ? 'alert' : undefined} className={`${card} flex flex-col items-start gap-3`}>
      <h2 className="text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

export function Loading() {
  return (
    <div aria-busy="true" className="flex flex-col gap-3">
      <span className="sr-only" role="status">
        Loading…
      </span>
      <Skeleton className="h-8 w-72 max-w-full" />
      <Skeleton className="h-64 w-full max-w-xl" />
    </div>
  );
}

export function NoSuchGroup() {
  return (
    <Shell subtitle="One group">
      <Note title="There is no such group">
        <p className={muted}>It may have been deleted, or the address may be mistyped. Nothing was sent.</p>
        <Link to="/groups" className={linkClass}>
          Choose a group
        </Link>
      </Note>
    </Shell>
  );
}

export function LoadError({ what, error, retry }: { what: string; error: Error; retry: () => void }) {
  return (
    <Note title={`${what} could not be loaded`} alert>
      <p className={muted}>{error.message}</p>
      <Button onClick={retry}>Try again</Button>
    </Note>
  );
}
