import { Button } from '@/components/button';
import { WarningIcon } from '@/components/icons';
import { formatCount } from '@/lib/format';

/**
 * Above the table: "All 25 on this page are selected. Select all 240 matching", its progress, and
 * why a selection went away. Its status line is always there, so that screen readers hear it change.
 */
export function SelectionBanner({
  pageCount,
  page,
  selected,
  total,
  matching,
  error,
  notice,
  onSelectMatching,
  onCancel,
  onClear,
}: {
  pageCount: number;
  page: 'none' | 'some' | 'all';
  selected: number;
  total: number | null;
  matching: { found: number; total: number | null } | null;
  error: string | null;
  notice: string;
  onSelectMatching: () => void;
  onCancel: () => void;
  onClear: () => void;
}) {
  let content = null;
  if (matching) {
    content = (
      <>
        Selecting all matching locks… {formatCount(matching.found)}
        {matching.total !== null && ` of ${formatCount(matching.total)}`}
        <Button size="sm" variant="ghost" onClick={onCancel}>
          Stop
        </Button>
      </>
    );
  } else if (page === 'all' && total !== null && total > pageCount) {
    content =
      selected >= total ? (
        <>
          All {formatCount(total)} matching locks are selected.
          <Button size="sm" variant="ghost" onClick={onClear}>
            Clear selection
          </Button>
        </>
      ) : (
        <>
          All {formatCount(pageCount)} on this page are selected.
          <Button size="sm" onClick={onSelectMatching}>
            Select all {formatCount(total)} matching
          </Button>
        </>
      );
  }
  const status = error ? null : content ? null : notice;
  return (
    <>
      {content && <div className="flex flex-wrap items-center gap-2 bg-indigo-50 px-3 py-2 text-sm dark:bg-indigo-500/10">{content}</div>}
      {error && (
        <p role="alert" className="flex items-center gap-2 px-3 py-2 text-sm font-medium text-red-700 dark:text-red-300">
          <WarningIcon className="shrink-0" />
          The matching locks could not all be selected: {error}
        </p>
      )}
      <p role="status" className={status ? 'px-3 py-2 text-sm text-slate-600 dark:text-slate-300' : undefined}>
        {status}
      </p>
    </>
  );
}
