import { useId } from 'react';
import { formatCount, plural } from '@/lib/format';
import { Button } from './button';
import { ChevronLeftIcon, ChevronRightIcon } from './icons';

/**
 * "Previous page" / "Next page", "Page X of Y", the total ("Showing 51–100 of 240 locks" with the
 * page's `range`), and (optionally) "Rows per page".
 */
export function Pagination({
  page,
  totalPages,
  totalCount,
  range = null,
  noun,
  loading,
  onPage,
  pageSize,
}: {
  page: number;
  totalPages: number;
  totalCount: number | null;
  /** The places of the page's rows in the whole list, when known. */
  range?: { first: number; last: number } | null;
  /** What is counted: "lock" → "240 locks". */
  noun: string;
  loading: boolean;
  onPage: (page: number) => void;
  pageSize?: { value: number; options: readonly number[]; onChange: (size: number) => void };
}) {
  const selectId = useId();
  const pages = Math.max(totalPages, 1);
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 px-3 py-3 text-sm">
      <p className="text-slate-600 dark:text-slate-300">
        {totalCount !== null && range && range.last <= totalCount && `Showing ${formatCount(range.first)}–${formatCount(range.last)} of `}
        {totalCount !== null && <span>{plural(totalCount, noun)}</span>}
      </p>
      <div className="flex flex-wrap items-center gap-3">
        {pageSize && (
          <label htmlFor={selectId} className="flex items-center gap-2 text-slate-600 dark:text-slate-300">
            Rows per page
            <select
              id={selectId}
              value={pageSize.value}
              onChange={(event) => pageSize.onChange(Number(event.target.value))}
              className="min-h-8 rounded-md border-0 bg-white py-1 pr-7 pl-2 text-slate-900 ring-1 ring-inset ring-slate-300 dark:bg-slate-900 dark:text-white dark:ring-slate-700"
            >
              {pageSize.options.map((size) => (
                <option key={size} value={size}>
                  {size}
                </option>
              ))}
            </select>
          </label>
        )}
        <span className="tabular-nums text-slate-700 dark:text-slate-200" aria-live="polite">
          Page {formatCount(Math.min(page, pages))} of {formatCount(pages)}
        </span>
        <div className="flex gap-1">
          <Button size="sm" onClick={() => onPage(page - 1)} disabled={page <= 1}>
            <ChevronLeftIcon />
            Previous page
          </Button>
          <Button size="sm" onClick={() => onPage(page + 1)} disabled={page >= pages || loading}>
            Next page
            <ChevronRightIcon />
          </Button>
        </div>
      </div>
    </nav>
  );
}
