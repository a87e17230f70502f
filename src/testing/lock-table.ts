/**
 * The cell of a lock table's row in the column whose header says `data-col={col}` (rows carry no
 * column names: a cell is known by its place, its header's), or null without such a column.
 */
export function cellOf(row: Element, col: string): Element | null {
  const headers = [...(row.closest('table')?.querySelectorAll('thead th') ?? [])];
  const place = headers.findIndex((th) => th.getAttribute('data-col') === col);
  return place < 0 ? null : (row.children[place] ?? null);
}

/** That column's cells of every lock row in `root`. */
export function columnCells(root: Element, col: string): Element[] {
  return [...root.querySelectorAll('tbody tr[data-lockid]')].flatMap((row) => {
    const cell = cellOf(row, col);
    return cell ? [cell] : [];
  });
}
