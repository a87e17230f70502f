import type { ImportResult } from '@/api/people-import';
import { muted } from '@/components/page-styles';
import { WarningIcon } from '@/components/icons';

const ACTION_WORDS = { create: 'Create', update: 'Update', unchanged: 'Unchanged' } as const;

/** Every error, by line ("line 17: unknown role 'Nigth shift'"): nothing is applied while there is one. */
function ImportErrors({ errors }: { errors: ImportResult['errors'] }) {
  return (
    <div role="alert" className="flex flex-col gap-1 text-sm text-red-700 dark:text-red-300">
      <p className="flex gap-2 font-medium">
        <WarningIcon className="mt-0.5 shrink-0" />
        {errors.length === 1 ? '1 error: nothing is imported until it is fixed.' : `${errors.length} errors: nothing is imported until they are fixed.`}
      </p>
      <ul aria-label="Errors" className="flex flex-col gap-1">
        {errors.map((e) => (
          <li key={`${e.line}-${e.msg}`}>{`line ${e.line}: ${e.msg}`}</li>
        ))}
      </ul>
    </div>
  );
}

/** What the file does (or would do), line by line: create, update or unchanged, and the roles each line adds. */
export function ImportPreview({ result }: { result: ImportResult }) {
  return (
    <div className="flex flex-col gap-3">
      {result.errors.length > 0 && <ImportErrors errors={result.errors} />}
      {result.changes.length > 0 && (
        <div className="max-h-[min(24rem,55dvh)] overflow-y-auto">
          <table aria-label={result.dryRun ? 'What the import would change' : 'What the import changed'} className="w-full text-left text-sm">
            <thead>
              <tr>
                <th className="px-2 py-1">Line</th>
                <th className="px-2 py-1">Change</th>
                <th className="px-2 py-1">Person</th>
                <th className="px-2 py-1">Roles added</th>
              </tr>
            </thead>
            <tbody>
              {result.changes.map((c) => (
                <tr key={c.line} className="border-t border-slate-200 dark:border-slate-800">
                  <td className="px-2 py-1">{c.line}</td>
                  <td className="px-2 py-1">{ACTION_WORDS[c.action]}</td>
                  <td className="px-2 py-1 break-words">
                    {c.name}
                    {c.email && <span className={muted}> · {c.email}</span>}
                    {c.department && <span className={muted}> · {c.department}</span>}
                  </td>
                  <td className="px-2 py-1 break-words">{c.roles.length > 0 ? c.roles.join(', ') : <span className={muted}>none</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
