import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { lockGroupQueries } from '@/api/lockgroups';
import { PERIODS } from './report-view';

// The lock list's select (src/features/locks/group-filter.tsx): the same classes, so no new CSS.
const selectClass =
  'min-h-9 rounded-md border-0 bg-white px-2 text-sm text-slate-900 ring-1 ring-slate-300 ring-inset focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:text-slate-500 dark:bg-slate-900 dark:text-slate-100 dark:ring-slate-600 dark:disabled:text-slate-400';

export function Labelled({ label, children }: { label: string; children: (id: string) => React.ReactNode }) {
  const id = useId();
  return (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor={id} className="text-slate-600 dark:text-slate-300">
        {label}
      </label>
      {children(id)}
    </div>
  );
}

export function PeriodSelect({ value, onChange }: { value: number; onChange: (days: number) => void }) {
  return (
    <Labelled label="Period">
      {(id) => (
        <select id={id} className={selectClass} value={value} onChange={(event) => onChange(Number(event.target.value))}>
          {PERIODS.map((days) => (
            <option key={days} value={days}>
              Last {days} days
            </option>
          ))}
        </select>
      )}
    </Labelled>
  );
}

/** "Group": every lock, or one group's (only where the platform has groups). */
export function GroupSelect({ value, enabled, onChange }: { value: number | null; enabled: boolean; onChange: (groupid: number | null) => void }) {
  const groups = useQuery({ ...lockGroupQueries.everyGroup(), enabled }).data;
  if (!enabled) return null;
  const unknown = value !== null && groups !== undefined && !groups.some((g) => g.groupid === value);
  return (
    <Labelled label="Group">
      {(id) => (
        <select id={id} className={selectClass} value={value ?? ''} onChange={(event) => onChange(event.target.value === '' ? null : Number(event.target.value))}>
          <option value="">All groups</option>
          {value !== null && groups === undefined && <option value={value}>Loading groups…</option>}
          {unknown && <option value={value}>Unknown group {value}</option>}
          {groups?.map((group) => (
            <option key={group.groupid} value={group.groupid}>
              {group.name}
            </option>
          ))}
        </select>
      )}
    </Labelled>
  );
}

/** The filters' row (hidden when printed). */
export function FilterBar({ children }: { children: React.ReactNode }) {
  return <div className="report-filters flex flex-wrap items-center gap-3">{children}</div>;
}
