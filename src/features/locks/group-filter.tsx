import { useId } from 'react';
import type { LockGroup } from '@/api/lockgroups';

export const selectClass =
  'min-h-9 rounded-md border-0 bg-white px-2 text-sm text-slate-900 ring-1 ring-slate-300 ring-inset focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:text-slate-500 dark:bg-slate-900 dark:text-slate-100 dark:ring-slate-600 dark:disabled:text-slate-400';

/**
 * "Group": the list narrowed to one lock group (`?group=N`). A group in the URL that the platform
 * does not have (deleted, or a mistyped link) stays selected as "Unknown group N", and the page says so.
 */
export function GroupFilter({
  value,
  groups,
  onChange,
}: {
  value: number | null;
  /** Every group, or undefined while they load. */
  groups: readonly LockGroup[] | undefined;
  onChange: (group: number | null) => void;
}) {
  const id = useId();
  const unknown = value !== null && groups !== undefined && !groups.some((g) => g.groupid === value);
  return (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor={id} className="text-slate-600 dark:text-slate-300">
        Group
      </label>
      <select
        id={id}
        className={selectClass}
        value={value ?? ''}
        onChange={(event) => onChange(event.target.value === '' ? null : Number(event.target.value))}
      >
        <option value="">All groups</option>
        {value !== null && groups === undefined && <option value={value}>Loading groups…</option>}
        {unknown && <option value={value}>Unknown group {value}</option>}
        {groups?.map((group) => (
          <option key={group.groupid} value={group.groupid}>
            {group.name}
          </option>
        ))}
      </select>
    </div>
  );
}
