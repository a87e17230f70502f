import type { ReactNode } from 'react';

/** A column's heading cell: what it says and its class (padding, alignment). */
export interface TableColumn {
  key: string;
  heading: ReactNode;
  className: string;
}

/**
 * One list, two layouts: a card per item below a phone's width, a table from it up, both named
 * `label`. Each row is headed by `rowName` (its link); `cells` are the row's other cells, and
 * `rowData` the `data-*` attributes that tests and scripts find a row by.
 */
export function CardsAndTable<T>({
  label,
  items,
  keyOf,
  card,
  cardClass,
  columns,
  rowName,
  cells,
  rowData,
}: {
  label: string;
  items: readonly T[];
  keyOf: (item: T) => string | number;
  card: (item: T) => ReactNode;
  cardClass: string;
  columns: readonly TableColumn[];
  rowName: (item: T) => ReactNode;
  cells: (item: T) => ReactNode;
  rowData: (item: T) => Record<`data-${string}`, string | number>;
}) {
  return (
    <>
      <ul aria-label={label} className="divide-y divide-slate-200 sm:hidden dark:divide-slate-800">
        {items.map((item) => (
          <li key={keyOf(item)} className={cardClass}>
            {card(item)}
          </li>
        ))}
      </ul>
      <div className="max-sm:hidden">
        <table aria-label={label} className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs font-semibold text-slate-600 dark:bg-slate-900 dark:text-slate-300">
            <tr>
              {columns.map((column) => (
                <th key={column.key} scope="col" className={column.className}>
                  {column.heading}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={keyOf(item)} {...rowData(item)} className="border-t border-slate-200 hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-800">
                <th scope="row" className="px-4 py-2 font-normal">
                  {rowName(item)}
                </th>
                {cells(item)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
