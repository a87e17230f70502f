import { z } from 'zod';
import { MAX_PAGE_SIZE, MAX_SEARCH_LENGTH } from './constants';

/**
 * Every Plus Platform response carries `{ status, msg }`: 1 for success, 0 for failure.
 * A failure may arrive with HTTP 200, so clients must look at `status`, not only the HTTP code.
 */
export const envelopeSchema = z.object({
  status: z.union([z.literal(0), z.literal(1)]),
  msg: z.string(),
});
export type Envelope = z.infer<typeof envelopeSchema>;

export interface ErrorBody {
  status: 0;
  msg: string;
}

export function errorBody(msg: string): ErrorBody {
  return { status: 0, msg };
}

/** List envelopes: `totalCount, totalPage, currentPage` beside a `<noun>list` array. */
export const pageInfoSchema = z.object({
  totalCount: z.number().int().min(0),
  totalPage: z.number().int().min(0),
  currentPage: z.number().int().min(1),
});

/** A successful list answer: the page information, `status: 1`, `msg` and the rows under `key` (e.g. `lockslist`). */
export function listResponseSchema<Key extends string, Row extends z.ZodType>(key: Key, row: Row) {
  const rows = { [key]: z.array(row) } as { [K in Key]: z.ZodArray<Row> };
  return pageInfoSchema.extend({ status: z.literal(1), msg: z.string() }).extend(rows);
}

/** `"YYYY-MM-DD HH:mm:ss"`, no zone; the platform's own dates are UTC. */
export const PLATFORM_DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
export const platformDateSchema = z.string().regex(PLATFORM_DATE, 'must look like "YYYY-MM-DD HH:mm:ss"');

/** Formats a Date as the platform's `"YYYY-MM-DD HH:mm:ss"` in UTC. */
export function toPlatformDate(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** Reads a platform date string (UTC) back into a Date; NaN-time Date when malformed. */
export function fromPlatformDate(value: string): Date {
  return new Date(`${value.replace(' ', 'T')}Z`);
}

/** Turns a zod error into one sentence that names the offending parameter. */
export function describeIssues(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'Invalid request';
  const where = issue.path.length > 0 ? issue.path.join('.') : 'request';
  return `${where}: ${issue.message}`;
}

/** Query-string integers arrive as strings: accept "12", refuse "12abc", "1.5" and "". */
export function queryInt(name: string, min: number, max: number) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? `${name} is required` : `${name} must be a whole number`) })
    .regex(/^-?\d+$/, `${name} must be a whole number`)
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(min, `${name} must be at least ${min}`)
        .max(max, `${name} must be at most ${max}`),
    );
}

export function queryFlag(name: string) {
  return z.enum(['0', '1'], { error: `${name} must be 0 or 1` }).transform((v) => (v === '1' ? 1 : 0));
}

/** The paging every list query takes: `pagenumber` from 1, `limit` up to MAX_PAGE_SIZE. */
export const pagingQueryShape = {
  pagenumber: queryInt('pagenumber', 1, 1_000_000),
  limit: queryInt('limit', 1, MAX_PAGE_SIZE),
};

/** A list's optional free-text search (what it matches is the list's own). */
export const searchKeySchema = z
  .string({ error: 'searchkey must be text' })
  .max(MAX_SEARCH_LENGTH, `searchkey must be at most ${MAX_SEARCH_LENGTH} characters`)
  .optional();
