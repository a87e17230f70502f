import type { LockSummary } from '@contract/locks';
import { cn } from '@/components/cn';
import { Icon } from '@/components/icons';
import { LOCK_STATUS } from '@/components/lock-status';
import { formatCount } from '@/lib/format';
import type { StatusFilter } from './lock-list-view';

const CHIPS: { value: StatusFilter; label: string; count: keyof LockSummary; icon: keyof typeof LOCK_STATUS }[] = [
  { value: 'offline', label: 'Offline', count: 'offline', icon: 'offline' },
  { value: 'unlocked', label: 'Unlocked', count: 'unlocked', icon: 'unlocked' },
  { value: 'lowbattery', label: 'Low battery', count: 'lowbattery', icon: 'lowbattery' },
  { value: 'lockdown', label: 'Lockdown', count: 'lockdown', icon: 'lockdown' },
];

const chipClass = (pressed: boolean) =>
  cn(
    'inline-flex min-h-8 items-center gap-1.5 rounded-full px-3 text-sm font-medium ring-1 ring-inset',
    pressed
      ? 'bg-indigo-600 text-white ring-indigo-600'
      : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50 dark:bg-slate-900 dark:text-slate-200 dark:ring-slate-700 dark:hover:bg-slate-800',
  );

function Count({ value, pressed }: { value: number | undefined; pressed: boolean }) {
  if (value === undefined) return null;
  return (
    <>
      {' '}
      <span
        className={cn(
          'rounded-full px-1.5 text-xs tabular-nums',
          pressed ? 'bg-indigo-800 text-white' : 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200',
        )}
      >
        {formatCount(value)}
      </span>
    </>
  );
}

/**
 * Filter chips that combine (Offline + Low battery = offline locks with a low battery). Each count
 * is what the list would hold with that chip added to the search and the other chips (`filtered`,
 * the summary for the list's own search and filters); "All" counts the search alone (`unfiltered`).
 */
export function StatusFilters({
  value,
  filtered,
  unfiltered,
  onChange,
  lockdowns = false,
}: {
  value: readonly StatusFilter[];
  /** The platform has lockdowns: a Lockdown chip. */
  lockdowns?: boolean;
  filtered: LockSummary | null | undefined;
  unfiltered: LockSummary | null | undefined;
  onChange: (status: StatusFilter[]) => void;
}) {
  const all = value.length === 0;
  return (
    <div role="group" aria-label="Filter locks" className="flex flex-wrap gap-2">
      <button type="button" aria-pressed={all} onClick={() => onChange([])} className={chipClass(all)}>
        All
        <Count value={unfiltered?.total} pressed={all} />
      </button>
      {CHIPS.filter((chip) => chip.value !== 'lockdown' || lockdowns).map((chip) => {
        const pressed = value.includes(chip.value);
        return (
          <button
            key={chip.value}
            type="button"
            aria-pressed={pressed}
            onClick={() => onChange(pressed ? value.filter((v) => v !== chip.value) : [...value, chip.value])}
            className={chipClass(pressed)}
          >
            <Icon name={LOCK_STATUS[chip.icon].icon} size={14} />
            {chip.label}
            <Count value={filtered?.[chip.count]} pressed={pressed} />
          </button>
        );
      })}
    </div>
  );
}
