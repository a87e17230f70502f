/**
 * Reading a whole upstream list page by page (the password lookup, bulk commands, the Activity
 * export), the way a real host answers: it may send fewer rows than asked (a cap on `limit`, its
 * `totalPage` then counted at its own page size, or at ours), totals that disagree, as strings, or
 * none at all, a page past the end that repeats the last one, and rows twice when the list moved
 * between pages. No row may be skipped, and the reading must end:
 * - `totalCount` known: read until that many distinct rows came;
 * - else a page shorter than the first one ends it; `totalPage` ends it when the first page was
 *   as long as asked (a shorter first page may be the host's cap: then only a short page ends it);
 * - always: an empty page, or one that brings no row not already seen, ends it.
 */
export function countOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null;
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value);
  return null;
}

export class ListPager<Row> {
  private readonly seen = new Set<string>();
  private distinct = 0;
  private firstPageSize: number | null = null;
  private pageNumber = 0;

  constructor(
    /** The `limit` asked for. */
    private readonly limit: number,
    /** A row's identity (lockid, eventid); null when it has none (then it always counts as new). */
    private readonly keyOf: (row: Row) => string | null,
  ) {}

  /** The page to ask for next (1-based). */
  get nextPage(): number {
    return this.pageNumber + 1;
  }

  /** Distinct rows read so far. */
  get count(): number {
    return this.distinct;
  }

  /** Takes the next page's answer: the rows not seen before, and whether another page may hold more. */
  take(body: Record<string, unknown>, rows: readonly Row[]): { fresh: Row[]; more: boolean } {
    this.pageNumber += 1;
    const page = this.pageNumber;
    this.firstPageSize ??= rows.length;
    const fresh = rows.filter((row) => {
      const key = this.keyOf(row);
      if (key === null) return true;
      if (this.seen.has(key)) return false;
      this.seen.add(key);
      return true;
    });
    this.distinct += fresh.length;
    if (rows.length === 0 || fresh.length === 0) return { fresh, more: false };
    const total = countOf(body.totalCount);
    if (total !== null) return { fresh, more: this.distinct < total };
    if (rows.length < this.firstPageSize) return { fresh, more: false };
    const pages = countOf(body.totalPage);
    const capped = this.firstPageSize < this.limit;
    return { fresh, more: pages === null || capped || page < pages };
  }
}
