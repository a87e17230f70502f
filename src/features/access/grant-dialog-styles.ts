/** Looks and helpers shared by the parts of the grant access dialog. */

export const muted = 'text-slate-600 dark:text-slate-300';

/** A radio or checkbox with its label, as a bordered choice that shows when it is checked. */
export const choice =
  'flex min-h-8 cursor-pointer items-center gap-2 rounded-md px-2 text-sm ring-1 ring-slate-200 ring-inset has-checked:bg-indigo-50 has-checked:ring-indigo-600 dark:ring-slate-700 dark:has-checked:bg-indigo-500/15 dark:has-checked:ring-indigo-400';

/** The field's `aria-describedby`: its error (`<id>-error`), when it has one. */
export function describedBy(id: string, error: unknown): string | undefined {
  return error ? `${id}-error` : undefined;
}
