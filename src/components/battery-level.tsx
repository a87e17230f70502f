import { LOW_BATTERY_LEVEL } from '@contract/constants';
import { cn } from './cn';

/** Battery as a bar and a number; "Low" in words at ≤ 20 %, "Unknown" when the platform did not say. */
export function BatteryLevel({ level }: { level: number | null }) {
  if (level === null) return <span className="text-slate-500 dark:text-slate-400">Unknown</span>;
  const low = level <= LOW_BATTERY_LEVEL;
  return (
    <span className="inline-flex items-center gap-2 whitespace-nowrap">
      <span aria-hidden="true" className="hidden h-2 w-10 overflow-hidden rounded-full bg-slate-200 sm:block dark:bg-slate-700">
        <span
          className={cn('block h-full rounded-full', low ? 'bg-red-600 dark:bg-red-400' : 'bg-emerald-600 dark:bg-emerald-400')}
          style={{ width: `${level}%` }}
        />
      </span>
      <span className="tabular-nums">{level} %</span>
      {low && <span className="font-semibold text-red-700 dark:text-red-300">Low</span>}
    </span>
  );
}
