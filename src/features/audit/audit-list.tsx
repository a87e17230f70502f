import type { AuditPage } from '@/api/audit';
import { Button } from '@/components/button';
import { ChevronLeftIcon, ChevronRightIcon } from '@/components/icons';
import { LoadFailed, Loading } from '@/components/load-state';
import { AuditRecordRow } from './audit-record-row';
import { card, muted } from './audit-styles';

export interface AuditListState {
  page: AuditPage | undefined;
  error: Error | null;
  /** The page shown is the one before, while the asked-for one loads. */
  stale: boolean;
  /** Nothing can match (the dates are the wrong way round). */
  impossible: boolean;
  filtered: boolean;
  onRetry: () => void;
}

function Body({ page, error, stale, impossible, filtered, onRetry }: AuditListState) {
  if (impossible) return <p className={`px-4 py-10 text-center font-medium`}>No records to show until the dates are in order.</p>;
  if (!page && error) return <LoadFailed layout="list" title="The audit trail could not be loaded." error={error} onRetry={onRetry} />;
  if (!page) return <Loading layout="list" label="Loading the audit trail…" />;
  if (page.records.length === 0 && !stale) {
    return <p className={`px-4 py-10 text-center ${muted}`}>{filtered ? 'No records match these filters.' : 'Nothing has been recorded yet.'}</p>;
  }
  return (
    <ol aria-label="Audit records" aria-busy={stale}>
      {page.records.map((record) => (
        <AuditRecordRow key={record.auditid} record={record} />
      ))}
    </ol>
  );
}

/**
 * The records, newest first, a page at a time: "Older" reads the records before the last one shown,
 * "Newer" goes back the way it came. A later page holds still while new records are written.
 */
export function AuditList({ state, depth, onOlder, onNewer }: { state: AuditListState; depth: number; onOlder: (beforeid: number) => void; onNewer: () => void }) {
  const older = state.impossible ? null : (state.page?.older ?? null);
  const skipped = state.page?.skipped ?? 0;
  return (
    <section aria-label="Audit trail" className={`overflow-hidden ${card}`}>
      {state.page && state.error && (
        <p role="alert" className="border-b border-slate-200 px-4 py-2 text-sm font-medium text-red-700 dark:border-slate-800 dark:text-red-300">
          The trail could not be refreshed: {state.error.message}
        </p>
      )}
      <Body {...state} />
      {skipped > 0 && <p className={`border-t border-slate-200 px-4 py-2 text-sm dark:border-slate-800 ${muted}`}>{skipped === 1 ? '1 record' : `${skipped} records`} could not be read and are not shown.</p>}
      <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-4 py-3 text-sm dark:border-slate-800">
        <p className={muted}>
          {depth === 0 ? 'Newest first' : `Older records, page ${depth + 1}`} · times in {Intl.DateTimeFormat().resolvedOptions().timeZone} (UTC on hover)
        </p>
        <div className="flex gap-1">
          <Button size="sm" disabled={depth === 0} onClick={onNewer}>
            <ChevronLeftIcon />
            Newer
          </Button>
          <Button size="sm" disabled={older === null || state.stale} onClick={() => older !== null && onOlder(older)}>
            Older
            <ChevronRightIcon />
          </Button>
        </div>
      </nav>
    </section>
  );
}
