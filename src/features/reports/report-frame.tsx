// The server's type check (tsconfig.node.json) reaches this module through the SSR entry: it needs Vite's
// types for the stylesheet import below.
/// <reference types="vite/client" />
import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { AppConfig } from '@contract/app-config';
import { appConfigQuery } from '@/api/app-config';
import { LoadFailed, Loading } from '@/components/load-state';
import { FeatureUnavailable, PageDescription, PageFrame, PageHeading } from '@/components/page-frame';
import { card } from '@/components/page-styles';
import { useUrlState } from '@/lib/use-url-state';
import { readReportView, writeReportView } from './report-view';
import './reports.css';

export const useReportView = () => useUrlState(readReportView, writeReportView);

/**
 * A reports page: its heading, then its content once the platform's features are known, or the note
 * that this platform keeps no reports.
 */
export function ReportPage({ title, description, children }: { title: string; description: string; children: (config: AppConfig) => ReactNode }) {
  const config = useQuery(appConfigQuery).data;
  const heading = (
    <PageHeading title={title}>
      <PageDescription>{description}</PageDescription>
    </PageHeading>
  );
  return (
    <PageFrame>
      {heading}
      {config && !config.features.reports && (
        <FeatureUnavailable label="Reports" title="Reports are not available">
          This Plus Platform does not keep the history that Lockboard's reports are made from.
        </FeatureUnavailable>
      )}
      {config?.features.reports && children(config)}
    </PageFrame>
  );
}

/** A titled panel of a report. */
export function ReportCard({ title, children, className = '' }: { title: string; children: ReactNode; className?: string }) {
  return (
    <section aria-label={title} className={`${card} flex min-w-0 flex-col gap-3 p-4 ${className}`}>
      <h2 className="text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

/** A report's data once it has come; placeholders while it loads; why it failed, with Try again. */
export function QueryBlock<T>({ query, what, children }: { query: UseQueryResult<T>; what: string; children: (data: T) => ReactNode }) {
  if (query.data !== undefined) return children(query.data);
  if (query.isError) return <LoadFailed layout="list" title={`${what} could not be loaded.`} error={query.error} onRetry={() => void query.refetch()} />;
  return <Loading layout="list" label={`Loading ${what.toLowerCase()}…`} />;
}

/** A large figure with its label under it ("98.5 %" / "Fleet uptime"). */
export function Figure({ value, label }: { value: string; label: string }) {
  return (
    <p className="flex flex-col">
      <span className="text-2xl font-semibold tracking-tight">{value}</span>
      <span className="text-sm text-slate-600 dark:text-slate-300">{label}</span>
    </p>
  );
}

/**
 * A wide table's own scrolling box (the page never scrolls sideways), which a keyboard can reach and
 * scroll: named after what it holds.
 */
export function ScrollBox({ label, className = 'overflow-x-auto', children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className={className}>
      {children}
    </div>
  );
}
