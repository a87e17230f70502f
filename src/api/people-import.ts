import { useMutation, useQueryClient } from '@tanstack/react-query';
import * as v from 'valibot';
import type { ImportChange } from '@contract/people';
import { peopleQueries } from './access';
import { ApiError, type Query, withQuery } from './client';
import { reportReachable, reportUnreachable } from '@/lib/connection';

/*
 * People from a CSV file (contract/people.ts): `POST /api/people/import[?dry_run=1]` with the file as
 * a `text/csv` body — the one body that is not JSON. A dry run says line by line what would change;
 * nothing is applied while any line has an error (then the answer is a 400 listing every error).
 */

export type { ImportChange } from '@contract/people';

export interface ImportResult {
  dryRun: boolean;
  /** Nothing was (or would be) applied when there are errors. */
  changes: ImportChange[];
  errors: { line: number; msg: string }[];
  msg: string;
}

const IMPORT_ACTIONS = ['create', 'update', 'unchanged'] as const satisfies readonly ImportChange['action'][];

const changeSchema = v.looseObject({
  line: v.pipe(v.number(), v.integer(), v.minValue(1)),
  action: v.picklist(IMPORT_ACTIONS),
  userid: v.fallback(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1))), null),
  name: v.string(),
  email: v.fallback(v.nullable(v.string()), null),
  department: v.fallback(v.nullable(v.string()), null),
  roles: v.fallback(v.array(v.string()), []),
});
const errorSchema = v.looseObject({ line: v.pipe(v.number(), v.integer(), v.minValue(0)), msg: v.string() });

const keep = <T>(list: unknown, schema: v.GenericSchema<unknown, T>): T[] =>
  Array.isArray(list) ? list.flatMap((item) => { const r = v.safeParse(schema, item); return r.success ? [r.output] : []; }) : [];

/** The import's answer, or null when it is not one (then the failure's message is all there is). */
export function parseImportAnswer(body: unknown): ImportResult | null {
  if (typeof body !== 'object' || body === null) return null;
  const b = body as Record<string, unknown>;
  if (!Array.isArray(b.changes) && !Array.isArray(b.errors)) return null;
  return {
    dryRun: b.dry_run === 1 || b.dry_run === '1',
    changes: keep(b.changes, changeSchema).map((c) => ({ line: c.line, action: c.action, userid: c.userid, name: c.name, email: c.email, department: c.department, roles: c.roles })),
    errors: keep(b.errors, errorSchema).map((e) => ({ line: e.line, msg: e.msg })),
    msg: typeof b.msg === 'string' ? b.msg : '',
  };
}

async function postCsv(csv: string, dryRun: boolean): Promise<ImportResult> {
  let response: Response;
  try {
    response = await fetch(withQuery('/api/people/import', dryRun ? { dry_run: 1 } : {}), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'content-type': 'text/csv' },
      body: csv,
    });
  } catch {
    reportUnreachable();
    throw new ApiError(0, 'Lockboard cannot reach its server. Check your network connection.');
  }
  reportReachable();
  const body: unknown = await response.json().catch(() => null);
  const result = parseImportAnswer(body);
  // A refusal with its list of errors is an answer to show, not a failure.
  if (result && (response.ok || result.errors.length > 0)) return { ...result, dryRun };
  const msg = typeof body === 'object' && body !== null && typeof (body as { msg?: unknown }).msg === 'string' ? (body as { msg: string }).msg : null;
  throw new ApiError(response.status, msg ?? `The import failed (HTTP ${response.status}).`);
}

/** Runs the file: a dry run (`dryRun`), or for real (people are created and changed). */
export function useImportPeople() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ csv, dryRun }: { csv: string; dryRun: boolean }) => postCsv(csv, dryRun),
    onSuccess: (result) => {
      if (!result.dryRun && result.errors.length === 0) void queryClient.invalidateQueries({ queryKey: peopleQueries.all() });
    },
  });
}

/** The list's filters as the export takes them (the same names as `GET /api/people`). */
export const EXPORT_FILTERS = ['searchkey', 'status', 'roleid', 'department', 'visitor'] as const;

/** `GET /api/people/export` with the list's filters: a CSV that imports again. */
export function peopleExportUrl(filters: Query): string {
  return withQuery('/api/people/export', Object.fromEntries(EXPORT_FILTERS.map((name) => [name, filters[name]])));
}
