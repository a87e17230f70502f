import * as v from 'valibot';
import { normalizePlatformDate } from '@contract/platform-date';

/**
 * Lenient readers for what a real Plus Platform sends: numbers as strings, nulls anywhere, values
 * out of range. Each reader yields a clean value or null ("Unknown"/"—" on screen), never throws.
 * (valibot rather than zod/mini: a fraction of the bytes for the same schemas — see bench/.)
 */
const NUMERIC = /^\s*[-+]?\d+(?:\.\d+)?\s*$/;

const numberLike = v.pipe(
  v.union([v.pipe(v.number(), v.finite()), v.pipe(v.string(), v.regex(NUMERIC))]),
  v.transform(Number),
);

/**
 * A number, or a leading number followed by one of `units` ("85%", " 85 % ", "21.5 °C"). A decimal
 * comma is read only with one or two digits after it ("21,5"): "1,234" could be a thousand or one
 * point something, so it is not read at all (Unknown beats a wrong value).
 */
const LEADING_NUMBER = /^\s*([-+]?\d+,\d{1,2}(?!\d)|[-+]?\d+(?:\.\d+)?|[-+]?\.\d+)\s*(.*?)\s*$/;
const numberWithUnit = (units: RegExp) =>
  v.pipe(
    v.union([v.pipe(v.number(), v.finite()), v.string()]),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      if (typeof dataset.value === 'number') return dataset.value;
      const [, number, unit = ''] = LEADING_NUMBER.exec(dataset.value) ?? [];
      if (number === undefined || (unit !== '' && !units.test(unit))) {
        addIssue({ message: 'not a number' });
        return NEVER;
      }
      return Number(number.replace(',', '.'));
    }),
  );

const PERCENT_UNIT = /^(?:%|percent|pct)$/i;
// °C (with or without the C, or the ordinal º hosts type for it), ℃, C, deg, degC; never °F or K.
const CELSIUS_UNIT = /^(?:[°º]\s*C?|℃|C|deg(?:rees?)?\s*C?|celsius)$/i;
const orNull = <T extends v.GenericSchema>(schema: T) => v.fallback(v.nullable(schema), null);

/** A whole percentage 0–100, else null (battery 150 or -1 is "Unknown", not clamped). */
export const percent = orNull(v.pipe(numberWithUnit(PERCENT_UNIT), v.minValue(0), v.maxValue(100), v.transform(Math.round)));

/** A plausible temperature in °C, else null. */
export const celsius = orNull(v.pipe(numberWithUnit(CELSIUS_UNIT), v.minValue(-60), v.maxValue(150)));

/** The vendor's 0/1 flags (also "0"/"1" and booleans), else null. */
export const flag = orNull(
  v.pipe(
    v.union([v.picklist([0, 1, '0', '1']), v.boolean()]),
    v.transform((value) => value === 1 || value === '1' || value === true),
  ),
);

/** Text (numbers are read as text), trimmed; empty, objects and everything else are null. */
export const text = orNull(
  v.pipe(
    v.union([v.string(), v.number()]),
    v.transform((value) => String(value).trim() || null),
  ),
);

/** A required identifier: non-empty text or a number, as text. */
export const identifier = v.pipe(
  v.union([v.string(), v.number()]),
  v.transform((value) => String(value).trim()),
  v.minLength(1),
);

/**
 * A host's date: the vendor's "YYYY-MM-DD HH:mm:ss" or ISO 8601 (`T`, fractions, a zone), kept as
 * text in one spelling (contract/platform-date.ts) and read in PLUS_TIMEZONE when shown; else null.
 */
export const platformDate = orNull(v.pipe(v.string(), v.transform(normalizePlatformDate)));

/** A count that must be a whole number ≥ 0, else null. */
export const count = orNull(v.pipe(numberLike, v.integer(), v.minValue(0)));

/** Reads one value with a lenient reader. */
export function read<T extends v.GenericSchema>(schema: T, value: unknown): v.InferOutput<T> {
  return v.parse(schema, value);
}

/** Reads a list array, or an empty one when the field is missing or not an array. */
export function rowsOf(body: Record<string, unknown>, field: string): unknown[] {
  const rows = body[field];
  return Array.isArray(rows) ? rows : [];
}

/** A list answer's paging, as the SPA pages it. */
export interface Paging {
  /** null when the platform did not send a usable count. */
  totalCount: number | null;
  totalPages: number;
  /** Rows on a full page: the limit asked for, or the host's own smaller one. */
  pageSize: number;
  /** How many rows come before this page. */
  offset: number;
}

/**
 * The smallest cap on `limit` a host is believed to have: the vendor documents `limit=10`. (Its own
 * sample, `totalCount: 2, totalPage: 2` with one row at `limit=10`, would otherwise read as a cap of 1.)
 */
const MIN_HOST_PAGE = 10;

/**
 * Rows per page on a host that sends fewer than asked (its own cap on `limit`), or null. It shows
 * in a short page that is not the last, with `totalPage` = ⌈totalCount ÷ its rows⌉, or in a last
 * page that such a size explains; a short last page alone is no cap.
 */
function hostPageSize(rows: number, totalCount: number | null, totalPage: number | null, pagenumber: number, limit: number): number | null {
  if (rows === 0 || rows >= limit || totalPage === null) return null;
  if (totalCount === null) return pagenumber < totalPage && rows >= MIN_HOST_PAGE ? rows : null;
  if (totalPage <= Math.ceil(totalCount / limit)) return null;
  if (pagenumber < totalPage) return rows >= MIN_HOST_PAGE && Math.ceil(totalCount / rows) === totalPage ? rows : null;
  if (pagenumber !== totalPage || pagenumber < 2) return null;
  const size = (totalCount - rows) / (pagenumber - 1);
  return Number.isInteger(size) && size >= Math.max(rows, MIN_HOST_PAGE) && size < limit && Math.ceil(totalCount / size) === totalPage ? size : null;
}

/**
 * The number of pages is ⌈totalCount ÷ limit⌉ when the count is a number (the vendor's own
 * `totalPage` can be wrong), else `totalPage`; on a host that caps the page size, its `totalPage`,
 * so that paging on reaches every row. `rows` is how many rows the page held, usable or not.
 */
export function readPaging(body: Record<string, unknown>, rows: number, { pagenumber, limit }: { pagenumber: number; limit: number }): Paging {
  const totalCount = read(count, body.totalCount);
  const totalPage = read(count, body.totalPage);
  const capped = hostPageSize(rows, totalCount, totalPage, pagenumber, limit);
  let totalPages: number;
  if (capped !== null && totalPage !== null) totalPages = totalPage;
  else if (totalCount !== null) totalPages = Math.ceil(totalCount / limit);
  else totalPages = totalPage ?? (rows > 0 ? pagenumber : 0);
  const pageSize = capped ?? limit;
  return { totalCount, totalPages, pageSize, offset: (pagenumber - 1) * pageSize };
}

/** A page's rows read: the usable ones once each, and how many were left out and why. */
export interface PageRows<T> {
  items: T[];
  /** Rows that could not be read (no usable id, the one thing a row cannot do without). */
  unusable: number;
  /** Rows whose id was already on the page: shown once. */
  repeated: number;
}

export function readRows<T>(rows: unknown[], parse: (row: unknown) => T | null, keyOf: (item: T) => string | number): PageRows<T> {
  const seen = new Set<string | number>();
  const result: PageRows<T> = { items: [], unusable: 0, repeated: 0 };
  for (const row of rows) {
    const item = parse(row);
    if (!item) result.unusable += 1;
    else if (seen.has(keyOf(item))) result.repeated += 1;
    else {
      seen.add(keyOf(item));
      result.items.push(item);
    }
  }
  return result;
}
