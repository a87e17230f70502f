import type { ReactNode } from 'react';
import type { LockSortField, SortOrder } from '@contract/constants';
import type { LockCommand } from '@contract/constants';
import type { Lock } from '@/api/locks';
import type { LockCommandName } from '@/components/lock-controls';
import { cn } from '@/components/cn';
import { SortIcon } from '@/components/icons';
import { Skeleton } from '@/components/skeleton';
import { useMediaQuery } from '@/lib/use-media-query';
import { LockRow } from './lock-row';

interface Column {
  label: string;
  sort?: LockSortField;
  className?: string;
  srOnly?: boolean;
}

const ACTIONS_COLUMN: Column = { label: 'Actions' };
const PASSWORD_COLUMN: Column = { label: 'Password', className: 'hidden md:table-cell' };
const COLUMNS: Column[] = [
  { label: 'Picture', srOnly: true, className: 'w-14' },
  { label: 'Lock', sort: 'lockname' },
  { label: 'Last seen', sort: 'online_updated_date', className: 'hidden sm:table-cell' },
  { label: 'Lock state', className: 'hidden sm:table-cell' },
  { label: 'Battery', sort: 'battery_level' },
  { label: 'Temperature', sort: 'temperature', className: 'hidden md:table-cell' },
  { label: 'Model', className: 'hidden lg:table-cell' },
];
const NETWORK_COLUMN: Column = { label: 'MAC address · SSID', className: 'hidden xl:table-cell' };
const NETWORK_COLUMN_WIDE: Column = { ...NETWORK_COLUMN, className: 'hidden 2xl:table-cell' };

export interface LocksTableProps {
  locks: Lock[] | undefined;
  busy: boolean;
  highlighted: ReadonlySet<string>;
  pictureOrigin: string | null;
  timezone: string;
  sort: { field: LockSortField | null; order: SortOrder } | null;
  onSort: (field: LockSortField) => void;
  /** Shown in the body instead of rows (empty result, error). */
  placeholder?: ReactNode;
  skeletonRows: number;
  /** Managers see a "Password" column with "Reveal password". */
  showPasswords: boolean;
  /** Managers on a platform with commands get lock/unlock in each row. */
  onCommand: ((lock: Lock, command: LockCommandName) => void) | null;
  pending: ReadonlyMap<string, LockCommand>;
}

function SortButton({ column, sort, onSort }: { column: Column & { sort: LockSortField }; sort: NonNullable<LocksTableProps['sort']>; onSort: LocksTableProps['onSort'] }) {
  const active = sort.field === column.sort;
  return (
    <button
      type="button"
      onClick={() => onSort(column.sort)}
      className="-mx-1.5 inline-flex min-h-8 items-center gap-1 rounded px-1.5 hover:bg-slate-200/70 dark:hover:bg-slate-800"
    >
      {column.label}
      <SortIcon sortOrder={active ? sort.order : null} />
    </button>
  );
}

export function LocksTable(props: LocksTableProps) {
  const { locks, sort } = props;
  const wide = props.onCommand !== null || props.showPasswords;
  const columns = [
    ...COLUMNS,
    wide ? NETWORK_COLUMN_WIDE : NETWORK_COLUMN,
    ...(props.onCommand ? [ACTIONS_COLUMN] : []),
    ...(props.showPasswords ? [PASSWORD_COLUMN] : []),
  ];
  // Below Tailwind's `sm` the status columns are hidden (CSS); their badges move under the name.
  const compact = useMediaQuery('(max-width: 639.98px)');
  const ariaSort = (column: Column) =>
    sort && column.sort && sort.field === column.sort ? (sort.order === 'asc' ? 'ascending' : 'descending') : undefined;
  return (
    <div className="overflow-x-auto">
      <table aria-label="Locks" aria-busy={props.busy} className="w-full border-collapse text-left text-sm">
        <thead className="bg-slate-50 text-xs font-semibold text-slate-600 dark:bg-slate-900 dark:text-slate-300">
          <tr>
            {columns.map((column) => (
              <th key={column.label} scope="col" aria-sort={ariaSort(column)} className={cn('px-2 py-2 whitespace-nowrap sm:px-3', column.className)}>
                {column.srOnly ? (
                  <span className="sr-only">{column.label}</span>
                ) : column.sort && sort ? (
                  <SortButton column={column as Column & { sort: LockSortField }} sort={sort} onSort={props.onSort} />
                ) : (
                  column.label
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {locks === undefined && !props.placeholder
            ? Array.from({ length: props.skeletonRows }, (_, i) => (
                <tr key={i} className="border-t border-slate-200 dark:border-slate-800" aria-hidden="true">
                  <td className="px-2 py-2.5 sm:px-3">
                    <Skeleton className="size-10" />
                  </td>
                  <td className="px-2 py-2.5 sm:px-3">
                    <Skeleton className="mb-1.5 h-4 w-40" />
                    <Skeleton className="h-3 w-20" />
                  </td>
                  {columns.slice(2).map((column) => (
                    <td key={column.label} className={cn('px-2 py-2.5 sm:px-3', column.className)}>
                      <Skeleton className="h-4 w-16" />
                    </td>
                  ))}
                </tr>
              ))
            : null}
          {props.placeholder ? (
            <tr className="border-t border-slate-200 dark:border-slate-800">
              <td colSpan={columns.length} className="px-3 py-12 text-center">
                {props.placeholder}
              </td>
            </tr>
          ) : (
            locks?.map((lock) => (
              <LockRow
                key={lock.lockid}
                lock={lock}
                changed={props.highlighted.has(lock.lockid)}
                pictureOrigin={props.pictureOrigin}
                timezone={props.timezone}
                showPassword={props.showPasswords}
                compact={compact}
                onCommand={props.onCommand}
                pending={props.pending.get(lock.lockid) ?? null}
              />
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
