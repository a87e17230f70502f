import { plural } from '@/lib/format';

/**
 * Under a table: what the platform sent that is not shown as sent, each with its true reason — rows
 * it could not read (`unusable`, for want of what `missing` names) and rows it sent twice on the
 * page (`repeated`, shown once). Nothing when there is neither.
 */
export function SkippedNote({ noun, unusable, missing, repeated = 0 }: { noun: string; unusable: number; missing: string; repeated?: number }) {
  if (unusable === 0 && repeated === 0) return null;
  return (
    <p role="note" className="border-t border-slate-200 px-3 py-2 text-sm text-amber-800 dark:border-slate-800 dark:text-amber-200">
      {unusable > 0 && `${plural(unusable, noun)} could not be shown: the platform sent ${unusable === 1 ? 'it' : 'them'} ${missing}.`}
      {unusable > 0 && repeated > 0 && ' '}
      {repeated > 0 && `The platform sent ${plural(repeated, noun)} twice on this page; ${repeated === 1 ? 'it is' : 'they are'} shown once.`}
    </p>
  );
}
