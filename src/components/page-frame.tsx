import type { ComponentType, ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { usePageTitle } from '@/lib/page-title';
import { Breadcrumb } from './breadcrumb';
import { ConnectionLost, LiveStatus } from './live-status';
import { LoadFailed, Loading } from './load-state';
import { card, muted, textLink } from './page-styles';

/** The list a detail page belongs to: "Groups" at `/groups`. */
export interface PageParent {
  parent: string;
  to: string;
}

/** A page's column (its width, padding and the space between its blocks); a detail page's breadcrumb first. */
export function PageFrame({ back, children }: { back?: PageParent & { name: string }; children: ReactNode }) {
  return (
    <div className="mx-auto flex w-full max-w-screen-2xl min-w-0 flex-col gap-4 px-4 py-6 sm:px-6">
      {back && <Breadcrumb parent={back.parent} to={back.to} name={back.name} />}
      {children}
    </div>
  );
}

/** What a live page shows of its query: when it was updated, whether it is refreshing, and why refreshing failed. */
export interface LiveQuery {
  dataUpdatedAt: number;
  isFetching: boolean;
  isRefetchError: boolean;
  error: Error | null;
}

/**
 * The page's title and what stands under it (a description, a detail page's facts). A live page has
 * its live status at the right and, under the heading, a line when refreshing fails (the last data
 * stays). `detail`: a name of any length, aligned to the top of the status.
 */
export function PageHeading({
  title,
  children,
  live,
  detail = false,
}: {
  title: ReactNode;
  children?: ReactNode;
  live?: { query: LiveQuery; paused: boolean; onRefresh: () => void };
  detail?: boolean;
}) {
  const heading = (
    <div className="flex min-w-0 flex-col gap-1">
      <h1 className={detail ? 'text-2xl font-semibold tracking-tight break-words' : 'text-2xl font-semibold tracking-tight'}>{title}</h1>
      {children}
    </div>
  );
  if (!live) return heading;
  const { query } = live;
  return (
    <>
      <div className={`flex flex-wrap ${detail ? 'items-start' : 'items-end'} justify-between gap-3`}>
        {heading}
        <LiveStatus updatedAt={query.dataUpdatedAt} paused={live.paused} refreshing={query.isFetching} onRefresh={live.onRefresh} />
      </div>
      {query.isRefetchError && <ConnectionLost since={query.dataUpdatedAt} reason={query.error?.message ?? ''} />}
    </>
  );
}

/** One line under a page's title saying what the page is for. */
export function PageDescription({ children }: { children: ReactNode }) {
  return <p className={`text-sm ${muted}`}>{children}</p>;
}

/** A detail page whose record is still loading, or failed to load (with Try again). */
export function PageLoadState({
  back,
  query,
  loadingLabel,
  failedTitle,
}: {
  back: PageParent & { name: string };
  query: { isError: boolean; error: Error | null; refetch: () => unknown };
  loadingLabel: string;
  failedTitle: string;
}) {
  return (
    <PageFrame back={back}>
      {query.isError ? (
        <LoadFailed layout="page" title={failedTitle} error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Loading layout="page" label={loadingLabel} />
      )}
    </PageFrame>
  );
}

/**
 * What a kind of detail page says of itself, beyond the list it belongs to: its title while there is
 * no record to name ("Group"), what a record is called ("group"), and what the not-found page says.
 */
export interface DetailPages extends PageParent {
  title: string;
  noun: string;
  why: string;
  backText: string;
}

/** "No group 12 on this platform": a detail page for an address that names nothing, with the way back. */
export function NotFoundPage({ pages, id }: { pages: DetailPages; id: string }) {
  usePageTitle(`${pages.title} not found`);
  const shown = id.length > 40 ? `${id.slice(0, 39)}…` : id;
  return (
    <PageFrame back={{ ...pages, name: shown }}>
      <div className="flex min-w-0 flex-col items-start gap-3 py-8">
        <h1 className="max-w-full text-2xl font-semibold tracking-tight break-words">
          No {pages.noun} {shown} on this platform
        </h1>
        <p className={muted}>{pages.why}</p>
        <Link to={pages.to} className={`underline ${textLink}`}>
          {pages.backText}
        </Link>
      </div>
    </PageFrame>
  );
}

/** The statuses that say a detail page's record does not exist: not found, or an address the gateway or platform refused. */
export const NOT_A_RECORD: ReadonlySet<number> = new Set([400, 404]);

/** A detail page on a platform without the feature: its title and the note that says so. */
export function FeatureMissingPage({ pages, children }: { pages: DetailPages; children: ReactNode }) {
  usePageTitle(pages.title);
  return (
    <PageFrame back={{ ...pages, name: pages.title }}>
      <h1 className="text-2xl font-semibold tracking-tight">{pages.title}</h1>
      {children}
    </PageFrame>
  );
}

/** Without a feature of the platform: a note, not a failure, in place of the page's content. */
export function FeatureUnavailable({ label, title, children }: { label: string; title: string; children: ReactNode }) {
  return (
    <section aria-label={label} className={`${card} p-4 text-sm text-slate-700 dark:text-slate-300`}>
      <h2 className="mb-1 font-semibold text-slate-900 dark:text-white">{title}</h2>
      <p>{children}</p>
    </section>
  );
}

/** One line for a read-only account, where a manager would have the controls. */
export function ReadOnlyNote({ children }: { children: ReactNode }) {
  return <p className={`text-sm ${muted}`}>{children}</p>;
}

/** A detail page once its record has come: the way back, the record's name and facts, its live status, then its sections. */
export function DetailFrame({
  back,
  title,
  live,
  facts,
  children,
}: {
  back: PageParent;
  title: string;
  live: { query: LiveQuery; paused: boolean; onRefresh: () => void };
  facts: ReactNode;
  children: ReactNode;
}) {
  return (
    <PageFrame back={{ ...back, name: title }}>
      <PageHeading title={title} detail live={live}>
        {facts}
      </PageHeading>
      {children}
    </PageFrame>
  );
}

/**
 * A detail page's route: the feature's note (`missing`) on a platform without it, not found for an
 * address that names no record (`parse` gives null), else the record's page, remounted per record.
 * `available` is undefined while the platform's features are not known yet.
 */
export function DetailRoute<Id extends string | number>({
  pages,
  param,
  parse,
  available,
  missing,
  detail: Detail,
}: {
  pages: DetailPages;
  param: string;
  parse: (raw: string) => Id | null;
  available: boolean | undefined;
  missing: ReactNode;
  detail: ComponentType<{ id: Id }>;
}) {
  const raw = useParams()[param] ?? '';
  const id = parse(raw);
  if (available === false) return <FeatureMissingPage pages={pages}>{missing}</FeatureMissingPage>;
  if (id === null) return <NotFoundPage pages={pages} id={raw} />;
  return <Detail key={id} id={id} />;
}
