import { type ReactNode, useEffect, useRef } from 'react';
import type { LockCommand, LockSortField, SortOrder } from '@contract/constants';
import type { Lock } from '@/api/locks';
import type { LockCommandName } from '@/components/lock-controls';
import { SortIcon } from '@/components/icons';
import { Skeleton } from '@/components/skeleton';
import { useStyleNonce } from '@/lib/style-nonce';
import { COLUMN_LABELS, type CellId, type ColumnPlan, type OptionalColumn, cellOrder, columnCss } from './lock-columns';
import type { LockDensity } from './lock-density';
import { DETAILS_LABEL_ID, LockRow, SELECT_LABEL_ID } from './lock-row';

interface HeaderCell {
  col: CellId;
  label: string;
  sort?: LockSortField;
  srOnly?: boolean;
}

const SORT_OF: Partial<Record<OptionalColumn, LockSortField>> = {
  battery: 'battery_level',
  lastSeen: 'online_updated_date',
  temperature: 'temperature',
};

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
  /** The optional columns and the widths they show from (lock-columns.ts). */
  plan: ColumnPlan;
  /** Row height: compact rows are one line each (index.css, `.lock-table[data-density]`). */
  density?: LockDensity;
  /** The list's search (rows show the field it matched when the name does not). */
  query: string;
  /** The list's query string, for the way back from a lock's page. */
  listSearch: string;
  /** Managers on a platform with commands get lock/unlock in each row. */
  onCommand: ((lock: Lock, command: LockCommandName, durationS?: number) => void) | null;
  timedUnlock: boolean;
  pending: ReadonlyMap<string, LockCommand>;
  /** Managers with commands: the selection (a checkbox column), else null. */
  selection: {
    has: (lockid: string) => boolean;
    onSelect: (lock: Lock, on: boolean) => void;
    /** The header checkbox: how much of this page is selected, and (un)selecting all of it. */
    page: 'none' | 'some' | 'all';
    onSelectPage: (on: boolean) => void;
  } | null;
}

function SortButton({ cell, sort, onSort }: { cell: HeaderCell & { sort: LockSortField }; sort: NonNullable<LocksTableProps['sort']>; onSort: LocksTableProps['onSort'] }) {
  const active = sort.field === cell.sort;
  return (
    <button
      type="button"
      onClick={() => onSort(cell.sort)}
      className="sort-btn"
    >
      {cell.label}
      <SortIcon sortOrder={active ? sort.order : null} />
    </button>
  );
}

const HEADERS: Record<Exclude<CellId, OptionalColumn>, HeaderCell> = {
  select: { col: 'select', label: 'Select all on this page' },
  lock: { col: 'lock', label: 'Lock', sort: 'lockname' },
  connection: { col: 'connection', label: 'Connection' },
  state: { col: 'state', label: 'Lock state' },
  actions: { col: 'actions', label: 'Actions' },
  details: { col: 'details', label: 'Details', srOnly: true },
};

function headerCell(col: CellId): HeaderCell {
  if (col in HEADERS) return HEADERS[col as keyof typeof HEADERS];
  const id = col as OptionalColumn;
  return { col: id, label: COLUMN_LABELS[id], sort: SORT_OF[id], srOnly: id === 'picture' };
}

/** "Select all on this page": checked when all are, mixed when some are. */
function PageCheckbox({ state, disabled, onChange }: { state: 'none' | 'some' | 'all'; disabled: boolean; onChange: (on: boolean) => void }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = state === 'some';
  }, [state]);
  return (
    <input
      ref={ref}
      type="checkbox"
      aria-label="Select all on this page"
      checked={state === 'all'}
      disabled={disabled}
      onChange={() => onChange(state !== 'all')}
      className="size-4 accent-indigo-600"
    />
  );
}

/**
 * The locks as a native table whose columns come and go with its width, and which becomes a list of
 * cards on a phone: one markup, restyled by CSS media queries (index.css `.lock-table`, and the
 * table's own column CSS).
 */
export function LocksTable(props: LocksTableProps) {
  const { locks, sort, plan } = props;
  const order = cellOrder(plan, { select: !!props.selection, actions: !!props.onCommand });
  const nonce = useStyleNonce();
  const cells = order.map((col) => headerCell(col));
  const ariaSort = (cell: HeaderCell) =>
    sort && cell.sort && sort.field === cell.sort ? (sort.order === 'asc' ? 'ascending' : 'descending') : undefined;
  return (
    <div>
      {/* The column plan: which optional column shows from which width, each cell's look by its place (lock-columns.ts). */}
      <style nonce={nonce}>{columnCss(plan, order)}</style>
      <table aria-label="Locks" aria-busy={props.busy} className="lock-table w-full border-collapse text-left text-sm" data-sortable={sort ? '' : undefined} data-density={props.density === 'compact' ? 'compact' : undefined}>
        {/* whitespace-nowrap here rather than on each header cell: it is inherited. */}
        <thead className="bg-slate-50 text-xs font-semibold whitespace-nowrap text-slate-600 dark:bg-slate-900 dark:text-slate-300">
          <tr>
            {cells.map((cell) => (
              <th
                key={cell.col}
                scope="col"
                aria-sort={ariaSort(cell)}
                data-col={cell.col}
                data-sort={cell.sort && sort ? '' : undefined}
              >
                {cell.col === 'select' && props.selection ? (
                  <>
                    <PageCheckbox state={props.selection.page} disabled={!locks?.length || !!props.placeholder} onChange={props.selection.onSelectPage} />
                    {/* The first word of each row's checkbox name: "Select" + the row's lock name. */}
                    <span id={SELECT_LABEL_ID} hidden>
                      Select
                    </span>
                  </>
                ) : cell.col === 'details' ? (
                  <>
                    <span className="sr-only">{cell.label}</span>
                    {/* The start of each row's details toggle name: "Details of" + the row's lock name. */}
                    <span id={DETAILS_LABEL_ID} hidden>
                      Details of
                    </span>
                  </>
                ) : cell.srOnly ? (
                  <span className="sr-only">{cell.label}</span>
                ) : cell.sort && sort ? (
                  <SortButton cell={cell as HeaderCell & { sort: LockSortField }} sort={sort} onSort={props.onSort} />
                ) : (
                  cell.label
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {locks === undefined && !props.placeholder
            ? Array.from({ length: props.skeletonRows }, (_, i) => (
                <tr key={i} data-skeleton="" className="border-t border-slate-200 dark:border-slate-800" aria-hidden="true">
                  {cells.map((cell) => (
                    <td key={cell.col}>
                      {cell.col === 'picture' ? (
                        <Skeleton className="size-10" />
                      ) : cell.col === 'lock' ? (
                        <>
                          <Skeleton className="mb-1.5 h-4 w-36" />
                          <Skeleton className="h-3 w-20" />
                        </>
                      ) : cell.col === 'details' || cell.col === 'select' ? null : (
                        <Skeleton className="h-4 w-16" />
                      )}
                    </td>
                  ))}
                </tr>
              ))
            : null}
          {props.placeholder ? (
            <tr className="border-t border-slate-200 dark:border-slate-800">
              <td colSpan={cells.length} className="lock-table-message px-3 py-12 text-center">
                {props.placeholder}
              </td>
            </tr>
          ) : (
            locks?.map((lock, index) => (
              <LockRow
                key={lock.lockid}
                index={index}
                lock={lock}
                changed={props.highlighted.has(lock.lockid)}
                pictureOrigin={props.pictureOrigin}
                timezone={props.timezone}
                plan={plan}
                query={props.query}
                listSearch={props.listSearch}
                onCommand={props.onCommand}
                timedUnlock={props.timedUnlock}
                pending={props.pending.get(lock.lockid) ?? null}
                onSelect={props.selection?.onSelect ?? null}
                selected={props.selection?.has(lock.lockid) ?? false}
              />
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
