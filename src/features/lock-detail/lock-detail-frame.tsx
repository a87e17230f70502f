import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { Breadcrumb } from '@/components/breadcrumb';
import { useArrivalFocus } from '@/lib/use-arrival-focus';

/** The lock page's frame, the same for the lock, its loading state and "no such lock". */
export function Page({ children }: { children: ReactNode }) {
  return <div className="mx-auto flex w-full max-w-screen-2xl min-w-0 flex-col gap-5 px-4 py-6 sm:px-6">{children}</div>;
}

/**
 * The way back to the list as it was left (search, filters, sort, page): the list's query string
 * travels in the navigation state of the row's link. Only a query string is accepted from there.
 */
function useListHref(): string {
  const state: unknown = useLocation().state;
  const search = typeof state === 'object' && state !== null ? (state as { listSearch?: unknown }).listSearch : undefined;
  return typeof search === 'string' && /^(\?[^#]*)?$/.test(search) ? `/locks${search}` : '/locks';
}

export function LocksBreadcrumb({ name }: { name: string }) {
  // The list comes back as it was left (features/locks use-list-return.ts).
  return <Breadcrumb parent="Locks" to={useListHref()} name={name} state={{ returnToList: true }} />;
}

/** An address that names no lock, shortened for the heading (the full text is in the title). */
export function shorten(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** An address that names no lock (refused, not found, or not plausible): the way back to the list. */
export function NoSuchLock({ lockid }: { lockid: string }) {
  const href = useListHref();
  const heading = useArrivalFocus<HTMLHeadingElement>();
  const short = shorten(lockid);
  return (
    <Page>
      <LocksBreadcrumb name={short} />
      <div className="flex min-w-0 flex-col items-start gap-3 py-8">
        <h1 ref={heading} tabIndex={-1} className="max-w-full text-2xl font-semibold tracking-tight break-words" title={lockid}>
          No lock {short} on this platform
        </h1>
        <p className="text-slate-600 dark:text-slate-300">It may have been removed, or the address may be mistyped.</p>
        <Link to={href} className="font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300">
          Back to the locks
        </Link>
      </div>
    </Page>
  );
}
