import type { LockSummary } from '@contract/locks';
import { cn } from '@/components/cn';
import { LOCK_STATUS } from '@/components/lock-status';
import { formatCount } from '@/lib/format';
import type { StatusFilter } from './lock-list-view';

const CHIPS: { value: StatusFilter | null; label: string; count: keyof LockSummary; icon?: keyof typeof LOCK_STATUS }[] = [
  { value: null, label: 'All', count: 'total' },
  { value: 'offline', label: 'Offline', count: 'offline', icon: 'offline' },
  { value: 'unlocked', label: 'Unlocked', count: 'unlocked', icon: 'unlocked' },
  { value: 'lowbattery', label: 'Low battery', count: 'lowbattery', icon: 'lowbattery' },
];

/** Filter chips; counts come from the fleet summary when the platform has one. */
export function StatusFilters({
  value,
  summary,
  onChange,
}: {
  value: StatusFilter | null;
  summary: LockSummary | null | undefined;
  onChange: (status: StatusFilter | null) => void;
}) {
  return (
    <div role="group" aria-label="Filter locks" className="flex flex-wrap gap-2">
      {CHIPS.map((chip) => {
        const pressed = value === chip.value;
        return (
          <button
            key={chip.label}
            type="button"
            aria-pressed={pressed}
            onClick={() => onChange(chip.value)}
            className={cn(
              'inline-flex min-h-8 items-center gap-1.5 rounded-full px-3 text-sm font-medium ring-1 ring-inset transition-colors',
              pressed
                ? 'bg-indigo-600 text-white ring-indigo-600'
                : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50 dark:bg-slate-900 dark:text-slate-200 dark:ring-slate-700 dark:hover:bg-slate-800',
            )}
          >
            {chip.icon && LOCK_STATUS[chip.icon].icon}
            {chip.label}
            {summary && ' '}
            {summary && (
              <span
                className={cn(
                  'rounded-full px-1.5 text-xs tabular-nums',
                  pressed ? 'bg-indigo-800 text-white' : 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200',
                )}
              >
                {formatCount(summary[chip.count])}
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}
