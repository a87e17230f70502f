import * as v from 'valibot';

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

const orNull = <T extends v.GenericSchema>(schema: T) => v.fallback(v.nullable(schema), null);

/** A whole percentage 0–100, else null (battery 150 or -1 is "Unknown", not clamped). */
export const percent = orNull(v.pipe(numberLike, v.minValue(0), v.maxValue(100), v.transform(Math.round)));

/** A plausible temperature in °C, else null. */
export const celsius = orNull(v.pipe(numberLike, v.minValue(-60), v.maxValue(150)));

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

const PLATFORM_DATE = /^\s*\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2})?\s*$/;
/** The platform's "YYYY-MM-DD HH:mm:ss" (kept as text; its zone is applied when shown), else null. */
export const platformDate = orNull(
  v.pipe(
    v.string(),
    v.regex(PLATFORM_DATE),
    v.transform((value) => value.trim().replace('T', ' ')),
  ),
);

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
